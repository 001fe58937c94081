// uninstall, history, status, list and get: Helm's names, flags and tables.
import type { Command } from 'commander';
import { getRelease, history, list } from '../actions/query.ts';
import { uninstall } from '../actions/uninstall.ts';
import { storedValues } from '../chart/values.ts';
import { chartLabel } from '../release/chart.ts';
import type { Status } from '../release/status.ts';
import { stopsCleanly, configFrom, intOption, outputOption, type OutputFormat, printData, table } from './common.ts';
import { sortedKeys } from '../release/json-order.ts';
import { parseDuration } from './flags.ts';
import { describePlan } from './plan-text.ts';
import type { Release } from '../release/types.ts';
import { goTimeString, goYaml, helmDate, printRelease } from './print.ts';
import { resourceSections } from '../actions/resources-table.ts';
import { isHullError } from '../errors.ts';
import { formatGoTime } from '../release/gotime.ts';

type Flags = Record<string, any>;

export function register(program: Command): void {
  program
    .command('uninstall')
    .alias('delete')
    .description("uninstall a release: run delete hooks, delete its resources, remove its history")
    .argument('<name>')
    .option('--keep-history', 'keep the release history (status uninstalled)')
    .option('--no-hooks', 'do not run hooks')
    .option('--dry-run', 'simulate an uninstall')
    .option('--description <text>', 'a custom description for the uninstalled revision')
    .option('--ignore-not-found', 'treat "release not found" as a successful uninstall')
    .option('--timeout <duration>', 'time to wait for each hook', parseDuration, 300_000)
    .addOption(outputOption())
    .action(async (name: string, o: Flags, cmd: Command) => {
      const format: OutputFormat = o.output;
      stopsCleanly();
      let res: Awaited<ReturnType<typeof uninstall>>;
      try {
        res = await uninstall(configFrom(cmd), name, { keepHistory: Boolean(o.keepHistory), noHooks: o.hooks === false, timeoutMs: o.timeout, dryRun: Boolean(o.dryRun), description: o.description });
      } catch (e) {
        if (o.ignoreNotFound && isHullError(e) && e.code === 'RELEASE_NOT_FOUND') return;
        throw e;
      }
      if (format !== 'table') return printData(format, { ...res, ...(o.dryRun ? { dryRun: true } : {}) });
      if (o.dryRun) return void process.stdout.write(`release "${name}" would be uninstalled:\n${describePlan(res.plan)}\n`);
      process.stdout.write(`release "${name}" uninstalled\n`);
    });

  program
    .command('history')
    .alias('hist')
    .description('print the revisions of a release')
    .argument('<name>')
    .option('--max <n>', 'maximum number of revisions to show', intOption('--max', 1), 256)
    .addOption(outputOption())
    .action(async (name: string, o: Flags, cmd: Command) => {
      const format: OutputFormat = o.output;
      const revs = await history(configFrom(cmd), name, o.max);
      const rows = revs.map((r) => ({
        revision: r.version,
        updated: r.info.last_deployed ?? '',
        status: r.info.status,
        chart: chartLabel(r.chart),
        app_version: r.chart?.metadata?.appVersion ?? '',
        description: r.info.description ?? '',
      }));
      // Helm's JSON carries the time as stored (RFC 3339) and its table the ANSI C form.
      if (format !== 'table') return printData(format, rows);
      process.stdout.write(table(['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'], rows.map((r) => [String(r.revision), helmDate(r.updated), r.status, r.chart, r.app_version, r.description])));
    });

  program
    .command('status')
    .description('show the status of a release')
    .argument('<name>')
    .option('--revision <n>', 'show this revision', intOption('--revision', 1))
    .addOption(outputOption())
    .action(async (name: string, o: Flags, cmd: Command) => {
      const format: OutputFormat = o.output;
      const cfg = configFrom(cmd);
      const rel = await getRelease(cfg, name, o.revision);
      printRelease(rel, format, { resources: format === 'table' ? await resourceSections(cfg, rel) : undefined });
    });

  const statusFlags: Array<[string, Status]> = [
    ['deployed', 'deployed'], ['failed', 'failed'], ['pending', 'pending-install'], ['superseded', 'superseded'], ['uninstalled', 'uninstalled'], ['uninstalling', 'uninstalling'],
  ];
  const ls = program
    .command('list')
    .alias('ls')
    .description('list releases (from storage labels: one body decoded per release shown)')
    .option('-A, --all-namespaces', 'list releases across all namespaces')
    .option('-a, --all', 'show all releases regardless of status (the default)')
    .option('-f, --filter <regexp>', 'only releases whose name matches')
    .option('-l, --selector <selector>', "label selector on the release's storage labels (k=v, k!=v, k==v, k in (a,b), k, !k)")
    .option('-d, --date', 'sort by release date (oldest first; with -r newest first)')
    .option('-r, --reverse', 'reverse the sort order')
    .option('-m, --max <n>', 'maximum number of releases to show (0: no limit)', intOption('--max', -Infinity), 256)
    .option('--offset <n>', 'skip this many releases first', intOption('--offset'), 0)
    .option('--no-headers', "don't print headers in the table")
    .option('--time-format <layout>', 'format times with a Go layout, e.g. "2006-01-02 15:04:05Z0700"')
    .option('-q, --short', 'print only the names')
    .addOption(outputOption());
  for (const [flag] of statusFlags) ls.option(`--${flag}`, `show ${flag} releases`);
  ls.action(async (o: Flags, cmd: Command) => {
    const format: OutputFormat = o.output;
    const statuses = o.all ? [] : statusFlags.filter(([f]) => o[f]).flatMap(([f, s]) => (f === 'pending' ? ['pending-install', 'pending-upgrade', 'pending-rollback'] as Status[] : [s]));
    const onlySuperseded = statuses.length === 1 && statuses[0] === 'superseded';
    const rows = await list(configFrom(cmd), { allNamespaces: o.allNamespaces, statuses, filter: o.filter, allRevisions: onlySuperseded, selector: o.selector, byDate: o.date, reverse: o.reverse, offset: o.offset, max: o.max });
    if (o.short) {
      if (format !== 'table') return printData(format, rows.map((r) => r.name));
      return void process.stdout.write(rows.map((r) => `${r.name}\n`).join(''));
    }
    const when = (t: string | undefined) => (!t ? '-' : o.timeFormat ? (formatGoTime(t, o.timeFormat) ?? '-') : goTimeString(t));
    const full = await Promise.all(rows.map(async (r) => {
      const rel = await r.load();
      return { name: r.name, namespace: r.namespace, revision: String(r.version), updated: when(rel.info.last_deployed), status: r.status, chart: chartLabel(rel.chart), app_version: rel.chart?.metadata?.appVersion ?? '' };
    }));
    if (format !== 'table') return printData(format, full);
    process.stdout.write(table(['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION'], full.map((r) => [r.name, r.namespace, r.revision, r.updated, r.status, r.chart, r.app_version]), { headers: o.headers !== false }));
  });

  const get = program.command('get').description('download extended information of a release');
  const what = {
    manifest: 'the manifest of the release',
    values: 'the values the user supplied (--all: computed values)',
    notes: 'the notes of the release',
    hooks: 'the hooks of the release',
    all: 'all the information of the release',
  };
  for (const [sub, desc] of Object.entries(what)) {
    const c = get.command(sub).description(desc).argument('<name>').option('--revision <n>', 'get this revision', intOption('--revision', 1));
    c.addOption(outputOption());
    if (sub === 'values') c.option('-a, --all', 'dump all (computed) values');
    c.action(async (name: string, o: Flags, cmd: Command) => {
      const format: OutputFormat = o.output;
      const rel = await getRelease(configFrom(cmd), name, o.revision);
      const out = process.stdout;
      if (format !== 'table' && sub !== 'values' && sub !== 'all') return printData(format, await getData(sub, rel));
      // Helm prints the manifest with Println: one newline more than it stores.
      if (sub === 'manifest') return void out.write(`${rel.manifest}\n`);
      if (sub === 'notes') return void out.write(rel.info.notes ? `NOTES:\n${rel.info.notes}\n` : '');
      if (sub === 'hooks') return void out.write((rel.hooks ?? []).map((h) => `---\n# Source: ${h.path}\n${h.manifest}\n`).join(''));
      if (sub === 'values') {
        // As Helm: Go maps print with sorted keys, and empty user values are stored as nothing, so null.
        const config = rel.config && Object.keys(rel.config).length > 0 ? rel.config : null;
        const values = sortedKeys(o.all ? storedValues(rel.chart.values, config ?? {}) : config) as Record<string, unknown> | null;
        if (format !== 'table') return printData(format, values);
        return void out.write(`${o.all ? 'COMPUTED' : 'USER-SUPPLIED'} VALUES:\n${values === null ? 'null\n' : goYaml(values)}`);
      }
      // Helm's `get all`: the status table with the chart's metadata, both values and everything stored.
      printRelease(rel, format, { showMetadata: true, debug: true });
    });
  }
}

/** get manifest|notes|hooks as data: the documents parsed, the notes as a field, Helm's hook records. */
async function getData(sub: string, rel: Release): Promise<unknown> {
  // Loaded here: parsing manifests is not what status, history or list need at start-up.
  if (sub === 'manifest') {
    const [{ documents }, { manifestsOf }] = await Promise.all([import('./documents.ts'), import('../actions/stored.ts')]);
    return documents(manifestsOf(rel));
  }
  if (sub === 'notes') return { notes: rel.info.notes ?? '' };
  return rel.hooks ?? [];
}
