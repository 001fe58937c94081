// uninstall, history, status, list and get: Helm's names, flags and tables.
import type { Command } from 'commander';
import { getRelease, history, list } from '../actions/query.ts';
import { uninstall } from '../actions/uninstall.ts';
import { storedValues } from '../chart/values.ts';
import { chartLabel } from '../release/chart.ts';
import type { Status } from '../release/status.ts';
import { stringify } from 'yaml';
import { isHullError } from '../errors.ts';
import { stopsCleanly, configFrom, intOption, outputFormat, printData, sortedKeys, table } from './common.ts';
import { parseDuration } from './flags.ts';
import { goTimeString, helmDate, printRelease } from './print.ts';
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
    .action(async (name: string, o: Flags, cmd: Command) => {
      stopsCleanly();
      try {
        await uninstall(configFrom(cmd), name, { keepHistory: Boolean(o.keepHistory), noHooks: o.hooks === false, timeoutMs: o.timeout, dryRun: Boolean(o.dryRun), description: o.description });
      } catch (e) {
        if (o.ignoreNotFound && isHullError(e) && e.code === 'RELEASE_NOT_FOUND') return;
        throw e;
      }
      process.stdout.write(`release "${name}" uninstalled\n`);
    });

  program
    .command('history')
    .alias('hist')
    .description('print the revisions of a release')
    .argument('<name>')
    .option('--max <n>', 'maximum number of revisions to show', intOption('--max', 1), 256)
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .action(async (name: string, o: Flags, cmd: Command) => {
      const format = outputFormat(o.output);
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
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .action(async (name: string, o: Flags, cmd: Command) => {
      const format = outputFormat(o.output);
      printRelease(await getRelease(configFrom(cmd), name, o.revision), format);
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
    .option('-o, --output <format>', 'table, json or yaml', 'table');
  for (const [flag] of statusFlags) ls.option(`--${flag}`, `show ${flag} releases`);
  ls.action(async (o: Flags, cmd: Command) => {
    const format = outputFormat(o.output);
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
    if (sub === 'values' || sub === 'all') c.option('-o, --output <format>', 'table, json or yaml', 'table');
    if (sub === 'values') c.option('-a, --all', 'dump all (computed) values');
    c.action(async (name: string, o: Flags, cmd: Command) => {
      const format = outputFormat(o.output);
      const rel = await getRelease(configFrom(cmd), name, o.revision);
      const out = process.stdout;
      // Helm prints the manifest with Println: one newline more than it stores.
      if (sub === 'manifest') return void out.write(`${rel.manifest}\n`);
      if (sub === 'notes') return void out.write(rel.info.notes ? `NOTES:\n${rel.info.notes}\n` : '');
      if (sub === 'hooks') return void out.write((rel.hooks ?? []).map((h) => `---\n# Source: ${h.path}\n${h.manifest}\n`).join(''));
      if (sub === 'values') {
        // As Helm: Go maps print with sorted keys, and empty user values are stored as nothing, so null.
        const config = rel.config && Object.keys(rel.config).length > 0 ? rel.config : null;
        const values = sortedKeys(o.all ? storedValues(rel.chart.values, config ?? {}) : config);
        if (format !== 'table') return printData(format, values);
        return void out.write(`${o.all ? 'COMPUTED' : 'USER-SUPPLIED'} VALUES:\n${values === null ? 'null\n' : stringify(values)}`);
      }
      if (format !== 'table') return printData(format, rel);
      printRelease(rel, 'table', { showNotes: false });
      out.write(`USER-SUPPLIED VALUES:\n${rel.config ? stringify(rel.config) : 'null\n'}\nHOOKS:\n`);
      out.write((rel.hooks ?? []).map((h) => `---\n# Source: ${h.path}\n${h.manifest}\n`).join(''));
      out.write(`MANIFEST:\n${rel.manifest}`);
      if (rel.info.notes) out.write(`\nNOTES:\n${rel.info.notes}\n`);
    });
  }
}
