// install, upgrade and rollback: flags -> action options, and Helm's output.
import type { Command } from 'commander';
import { Option } from 'commander';
import { install, upgrade, type UpgradeOptions, type UpgradeResult } from '../actions/upgrade.ts';
import { rollback, type RollbackResult } from '../actions/rollback.ts';
import { HullError } from '../errors.ts';
import { ProgressReporter } from '../ui/reporter.ts';
import { stopsCleanly, configFrom, intOption, outputOption, printData, type OutputFormat } from './common.ts';
import { describeChanges, describePlan } from './plan-text.ts';
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
  // Helm's rule and words: the flag only means something for a dry run.
  if (o.hideSecret && (o.dryRun === undefined || o.dryRun === 'none')) throw new HullError('USAGE', '--hide-secret: hiding Kubernetes secrets requires a dry-run mode (--dry-run)');
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

/** The v1 Secret documents of a stored manifest ("---\n# Source: x\n<yaml>"), as Helm 4 prints them under --hide-secret. */
function hideSecrets(manifest: string): string {
  return manifest.split(/^(?=---\n)/m).map((doc) => {
    if (!/^kind:\s*Secret\s*$/m.test(doc) || !/^apiVersion:\s*v1\s*$/m.test(doc)) return doc;
    const source = /^# Source: .*$/m.exec(doc)?.[0] ?? '# Source: ?';
    return `---\n${source}\n# HIDDEN: The Secret output has been suppressed\n`;
  }).join('');
}

/** A dry run: the plan, the changes (server) and the manifests, as text or as data. */
function printDryRun(res: UpgradeResult | RollbackResult, format: OutputFormat, heading?: string, hide = false): void {
  const shown = (text: string) => (hide ? hideSecrets(text) : text);
  if (format !== 'table') {
    printData(format, { release: res.release, plan: res.plan, ...(res.changes ? { changes: res.changes } : {}), ...('rejected' in res && res.rejected ? { rejected: res.rejected } : {}) });
  } else {
    process.stdout.write(`${heading ?? ''}PLAN:\n${describePlan(res.plan ?? [])}\n`);
  }
  if ('rejected' in res && res.rejected?.length) {
    throw new HullError('MANIFEST_INVALID', `the API server rejected ${res.rejected.length} object(s):\n  ${res.rejected.join('\n  ')}`, { exitCode: 1 });
  }
  if (format !== 'table') return;
  if (res.changes) process.stdout.write(`CHANGES:\n${describeChanges(res.changes)}`);
  process.stdout.write(`MANIFEST:\n${shown(res.release.manifest)}`);
  // Hooks too: a Secret hook is as secret as any other (Helm prints those in full).
  for (const h of res.release.hooks ?? []) process.stdout.write(shown(`---\n# Source: ${h.path}\n${h.manifest}\n`));
}

export function register(program: Command): void {
  const common = (cmd: Command) => deployFlags(addValueFlags(cmd))
    .addOption(dryRunOption())
    .option('--create-namespace', 'create the release namespace if it does not exist')
    .option('--description <text>', 'a custom description for the revision')
    .option('--skip-crds', "do not install the chart's crds/ (install only)")
    .option('--hide-secret', 'hide Kubernetes Secrets when also using the --dry-run flag')
    .option('--show-secrets', 'with --dry-run=server: show Secret values in the diff (masked by default)')
    .addOption(outputOption());

  common(program.command('install').description('install a chart as a new release').argument('<name>').argument('<chart>'))
    .option('--replace', 'reuse the name of a release that is uninstalled (history kept) or failed')
    .action(async (name: string, chart: string, o: Flags, cmd: Command) => {
      const format: OutputFormat = o.output;
      stopsCleanly();
      const res = await install(configFrom(cmd), name, upgradeOptions(chart, o));
      if (res.plan !== undefined) return printDryRun(res, format, undefined, Boolean(o.hideSecret));
      printRelease(res.release, format);
    });

  common(program.command('upgrade').description('upgrade a release to a new chart or new values').argument('<name>').argument('<chart>'))
    .option('-i, --install', 'install the release if it does not exist')
    .option('--reuse-values', "merge the new values over the last release's, keeping the last release's chart defaults too")
    .option('--reset-values', "use only the chart's values and the new ones (wins over the two others)")
    .option('--reset-then-reuse-values', "merge the new values over the last release's, with the new chart's defaults")
    .action(async (name: string, chart: string, o: Flags, cmd: Command) => {
      const format: OutputFormat = o.output;
      stopsCleanly();
      const res = await upgrade(configFrom(cmd), name, upgradeOptions(chart, o));
      if (res.plan !== undefined) return printDryRun(res, format, undefined, Boolean(o.hideSecret));
      if (format === 'table') process.stdout.write(`Release "${name}" has been upgraded. Happy Helming!\n`);
      printRelease(res.release, format);
    });

  deployFlags(program.command('rollback').description('roll a release back to a previous revision (as a new revision)').argument('<name>').argument('[revision]'), { atomic: false })
    .addOption(new Option('--dry-run', 'print what the rollback will do without doing it'))
    .option('--hide-secret', 'hide Kubernetes Secrets when also using the --dry-run flag')
    .option('--show-secrets', 'with --dry-run: show Secret values in the diff (masked by default)')
    .addOption(outputOption())
    .action(async (name: string, revision: string | undefined, o: Flags, cmd: Command) => {
      const format: OutputFormat = o.output;
      if (o.hideSecret && !o.dryRun) throw new HullError('USAGE', '--hide-secret: hiding Kubernetes secrets requires a dry-run mode (--dry-run)');
      stopsCleanly();
      const res = await rollback(configFrom(cmd), name, {
        ...deployOptions(o),
        revision: revision === undefined ? undefined : intOption('REVISION')(revision),
        dryRun: Boolean(o.dryRun),
        showSecrets: Boolean(o.showSecrets),
      });
      if (res.plan !== undefined) return printDryRun(res, format, `Rollback of "${name}" would create revision ${res.release.version} (${res.release.info.description}):\n`, Boolean(o.hideSecret));
      if (format !== 'table') return printRelease(res.release, format);
      process.stdout.write('Rollback was a success! Happy Helming!\n');
    });
}
