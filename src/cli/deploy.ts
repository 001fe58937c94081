// install, upgrade and rollback: flags -> action options, and Helm's output.
import type { Command } from 'commander';
import { Option } from 'commander';
import { install, upgrade, type UpgradeOptions, type UpgradeResult } from '../actions/upgrade.ts';
import { rollback } from '../actions/rollback.ts';
import { HullError } from '../errors.ts';
import { ProgressReporter } from '../ui/reporter.ts';
import { stopsCleanly, configFrom, intOption, outputFormat } from './common.ts';
import { deployFlags, dryRunOption } from './flags.ts';
import { addValueFlags, valueOptions } from './values-flags.ts';
import { printRelease } from './print.ts';

type Flags = Record<string, any>;

function reporter() {
  return new ProgressReporter({ stream: process.stderr, isTTY: Boolean(process.stderr.isTTY) });
}

function deployOptions(o: Flags) {
  return {
    wait: o.wait !== false,
    waitForLoadBalancers: Boolean(o.waitForLoadBalancers),
    timeoutMs: o.timeout as number,
    noHooks: o.hooks === false,
    takeOwnership: Boolean(o.takeOwnership),
    cleanupOnFail: Boolean(o.cleanupOnFail),
    historyMax: o.historyMax as number,
    atomic: Boolean(o.atomic || o.rollbackOnFailure),
    reporter: reporter(),
  };
}

function upgradeOptions(chart: string, o: Flags): UpgradeOptions {
  return {
    ...deployOptions(o),
    chart,
    values: valueOptions(o),
    install: Boolean(o.install),
    reuseValues: Boolean(o.reuseValues),
    resetValues: Boolean(o.resetValues),
    resetThenReuseValues: Boolean(o.resetThenReuseValues),
    dryRun: o.dryRun === 'none' ? undefined : o.dryRun,
    createNamespace: Boolean(o.createNamespace),
    replace: Boolean(o.replace),
    description: o.description,
    skipCrds: Boolean(o.skipCrds),
    showSecrets: Boolean(o.showSecrets),
  };
}

function printDryRun(res: UpgradeResult): void {
  process.stdout.write(`PLAN:\n${res.plan}\n`);
  if (res.rejected?.length) {
    throw new HullError('MANIFEST_INVALID', `the API server rejected ${res.rejected.length} object(s):\n  ${res.rejected.join('\n  ')}`, { exitCode: 1 });
  }
  if (res.changes) process.stdout.write(`CHANGES:\n${res.changes}`);
  process.stdout.write(`MANIFEST:\n${res.release.manifest}`);
  for (const h of res.release.hooks ?? []) process.stdout.write(`---\n# Source: ${h.path}\n${h.manifest}\n`);
}

export function register(program: Command): void {
  const common = (cmd: Command) => deployFlags(addValueFlags(cmd))
    .addOption(dryRunOption())
    .option('--create-namespace', 'create the release namespace if it does not exist')
    .option('--description <text>', 'a custom description for the revision')
    .option('--skip-crds', "do not install the chart's crds/ (install only)")
    .option('--show-secrets', 'with --dry-run=server: show Secret values in the diff (masked by default)')
    .option('-o, --output <format>', 'table, json or yaml', 'table');

  common(program.command('install').description('install a chart as a new release').argument('<name>').argument('<chart>'))
    .option('--replace', 'reuse the name of a release that is uninstalled (history kept) or failed')
    .action(async (name: string, chart: string, o: Flags, cmd: Command) => {
      const format = outputFormat(o.output);
      stopsCleanly();
      const res = await install(configFrom(cmd), name, upgradeOptions(chart, o));
      if (res.plan !== undefined) return printDryRun(res);
      printRelease(res.release, format);
    });

  common(program.command('upgrade').description('upgrade a release to a new chart or new values').argument('<name>').argument('<chart>'))
    .option('-i, --install', 'install the release if it does not exist')
    .option('--reuse-values', "merge the new values over the last release's, keeping the last release's chart defaults too")
    .option('--reset-values', "use only the chart's values and the new ones (wins over the two others)")
    .option('--reset-then-reuse-values', "merge the new values over the last release's, with the new chart's defaults")
    .action(async (name: string, chart: string, o: Flags, cmd: Command) => {
      const format = outputFormat(o.output);
      stopsCleanly();
      const res = await upgrade(configFrom(cmd), name, upgradeOptions(chart, o));
      if (res.plan !== undefined) return printDryRun(res);
      if (format === 'table') process.stdout.write(`Release "${name}" has been upgraded. Happy Helming!\n`);
      printRelease(res.release, format);
    });

  deployFlags(program.command('rollback').description('roll a release back to a previous revision (as a new revision)').argument('<name>').argument('[revision]'), { atomic: false })
    .addOption(new Option('--dry-run', 'print what the rollback will do without doing it'))
    .option('--show-secrets', 'with --dry-run: show Secret values in the diff (masked by default)')
    .action(async (name: string, revision: string | undefined, o: Flags, cmd: Command) => {
      stopsCleanly();
      const res = await rollback(configFrom(cmd), name, {
        ...deployOptions(o),
        revision: revision === undefined ? undefined : intOption('REVISION')(revision),
        dryRun: Boolean(o.dryRun),
        showSecrets: Boolean(o.showSecrets),
      });
      if (res.plan !== undefined) {
        process.stdout.write(`Rollback of "${name}" would create revision ${res.release.version} (${res.release.info.description}):\n${res.plan}\nCHANGES:\n${res.changes ?? ''}MANIFEST:\n${res.release.manifest}`);
        return;
      }
      process.stdout.write('Rollback was a success! Happy Helming!\n');
    });
}
