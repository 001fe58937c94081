// hull test NAME [--logs] [--filter name=…] [-o json|yaml]
import type { Command } from 'commander';
import { testRelease } from '../actions/test.ts';
import { ProgressReporter } from '../ui/reporter.ts';
import { stopsCleanly, configFrom, outputOption, type OutputFormat, printData } from './common.ts';
import { parseDuration } from './flags.ts';
import { printRelease } from './print.ts';

export function register(program: Command): void {
  program
    .command('test')
    .description("run a release's test hooks (Jobs and Pods), replacing the previous run")
    .argument('<name>')
    .option('--logs', 'print the logs of the test pods (of Job tests too)')
    .option('--filter <expr>', 'name=NAME runs only that test, !name=NAME skips it (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--timeout <duration>', 'time to wait for each test', parseDuration, 300_000)
    .addOption(outputOption())
    .action(async (name: string, o: Record<string, any>, cmd: Command) => {
      const format: OutputFormat = o.output;
      stopsCleanly();
      const res = await testRelease(configFrom(cmd), name, {
        timeoutMs: o.timeout,
        filters: o.filter,
        logs: o.logs,
        reporter: new ProgressReporter({ stream: process.stderr, isTTY: Boolean(process.stderr.isTTY) }),
      });
      if (format !== 'table') printData(format, { ...res.release, logs: res.logs });
      else {
        printRelease(res.release, 'table', { hideNotes: true });
        for (const l of res.logs) {
          process.stdout.write(`\nPOD LOGS: ${l.pod} (container ${l.container})\n${l.text ?? '(logs not available: the cluster does not serve them)'}\n`);
        }
      }
      if (res.error) throw res.error;
    });
}
