// `hull lint CHART... [--strict]`: prints every problem; exit code 1 when any chart fails.
import type { Command } from 'commander';
import { mergeUserValues } from '../chart/values.ts';
import { HullError } from '../errors.ts';
import { lintChart } from '../actions/lint.ts';
import { addValueFlags, valueOptions } from './values-flags.ts';

export function register(program: Command): void {
  const cmd = program
    .command('lint')
    .description('check charts: Chart.yaml, values against the schema, every template renders, manifests are well-formed')
    .argument('<charts...>', 'chart directories or .tgz files')
    .option('--strict', 'fail on warnings too, and treat a missing value in a Go template as an error');
  addValueFlags(cmd).action(async (charts: string[], flags: { strict?: boolean; values?: string[]; set?: string[] }) => {
    const values = await mergeUserValues(valueOptions(flags));
    let failed = 0;
    for (const path of charts) {
      const msgs = await lintChart(path, values, { strict: flags.strict });
      process.stdout.write(`==> Linting ${path}\n`);
      for (const m of msgs) process.stdout.write(`[${m.severity === 'error' ? 'ERROR' : 'WARNING'}] ${m.message}\n`);
      if (msgs.some((m) => m.severity === 'error' || flags.strict)) failed++;
      process.stdout.write('\n');
    }
    const summary = `${charts.length} chart(s) linted, ${failed} chart(s) failed`;
    if (failed > 0) throw new HullError('CHART_INVALID', summary, { exitCode: 1 });
    process.stdout.write(`${summary}\n`);
  });
}
