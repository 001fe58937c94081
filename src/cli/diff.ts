// hull diff upgrade NAME CHART / hull diff rollback NAME [REV]: what the operation would change.
// --detailed-exitcode: 0 no changes, 2 changes, 1 any error (main.ts maps usage errors to 1 too).
import { Option, type Command } from 'commander';
import { diffRollback, diffUpgrade, type DiffReport } from '../actions/diff.ts';
import { HullError, isHullError } from '../errors.ts';
import { configFrom, intOption, outputOption, type OutputFormat, printData } from './common.ts';
import { formatDiff } from './diff-text.ts';
import { addValueFlags, valueOptions } from './values-flags.ts';

type Flags = Record<string, any>;

export const DETAILED_EXITCODE = '--detailed-exitcode';

function diffFlags(cmd: Command): Command {
  return cmd
    .option('--show-secrets', 'show the values of Secrets (masked by default)')
    .addOption(new Option('--context <lines>', 'lines of context around each change').argParser(nonNegative('--context')).default(3))
    .option(DETAILED_EXITCODE, 'exit 2 when there are changes, 0 when there are none, 1 on error')
    .option('--no-color', 'never colour the output (also: NO_COLOR, or output that is not a terminal)')
    .option('--take-ownership', 'compare objects that belong to no release or another one instead of refusing')
    .addOption(outputOption());
}

function nonNegative(flag: string) {
  const int = intOption(flag);
  return (v: string) => {
    const n = int(v);
    if (n < 0) throw new HullError('USAGE', `${flag} must be 0 or more, got ${n}`);
    return n;
  };
}

async function run(o: Flags, diff: (opts: { showSecrets: boolean; context: number; takeOwnership: boolean }) => Promise<DiffReport>): Promise<void> {
  const format: OutputFormat = o.output;
  let report: DiffReport;
  try {
    report = await diff({ showSecrets: Boolean(o.showSecrets), context: o.context, takeOwnership: Boolean(o.takeOwnership) });
  } catch (e) {
    // 2 means "changes" here: a failure must not read as one.
    if (o.detailedExitcode && isHullError(e) && e.exitCode === 2) throw new HullError(e.code, e.message, { cause: e, exitCode: 1 });
    throw e;
  }
  if (format !== 'table') printData(format, report);
  else process.stdout.write(formatDiff(report, { colour: o.color !== false && wantsColour() }));
  if (o.detailedExitcode && report.changed) process.exitCode = 2;
}

export function register(program: Command): void {
  const diff = program.command('diff').description('show what an upgrade or rollback would change, against the live cluster (writes nothing)');
  diffFlags(addValueFlags(diff.command('upgrade').description('diff an upgrade of a release to a chart').argument('<name>').argument('<chart>')))
    .option('-i, --install', 'diff an install when the release does not exist')
    .option('--reuse-values', "merge the new values over the last release's, keeping the last release's chart defaults too")
    .option('--reset-values', "use only the chart's values and the new ones (wins over the two others)")
    .option('--reset-then-reuse-values', "merge the new values over the last release's, with the new chart's defaults")
    .action(async (name: string, chart: string, o: Flags, cmd: Command) => {
      await run(o, (d) => diffUpgrade(configFrom(cmd), name, { ...d, chart, values: valueOptions(o), install: Boolean(o.install), reuseValues: Boolean(o.reuseValues), resetValues: Boolean(o.resetValues), resetThenReuseValues: Boolean(o.resetThenReuseValues) }));
    });
  diffFlags(diff.command('rollback').description('diff a rollback (to the previous revision, or REVISION)').argument('<name>').argument('[revision]'))
    .action(async (name: string, revision: string | undefined, o: Flags, cmd: Command) => {
      await run(o, (d) => diffRollback(configFrom(cmd), name, { ...d, revision: revision === undefined ? undefined : intOption('REVISION')(revision) }));
    });
}

/** Colour on a terminal unless NO_COLOR (no-color.org) or TERM=dumb. Not tty.hasColors(): it also
 * turns colour off whenever CI is set, which a developer's terminal under a CI variable does not want. */
function wantsColour(): boolean {
  const env = process.env;
  return process.stdout.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}
