// `hull show chart|values|readme|all CHART`: a chart's metadata, default values (with comments,
// as written), README.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { readTgz } from '../chart/archive.ts';
import { loadChart } from '../chart/load.ts';
import type { Chart } from '../chart/types.ts';

/** values.yaml as written (comments are documentation); the Chart keeps only the parsed values. */
async function rawValues(chart: Chart): Promise<string> {
  if (/\.(tgz|tar\.gz)$/.test(chart.path)) {
    const entry = readTgz(await readFile(chart.path), chart.path).find((e) => /^[^/]+\/values\.yaml$/.test(e.name));
    return entry?.data.toString('utf8') ?? '';
  }
  return readFile(join(chart.path, 'values.yaml'), 'utf8').catch(() => '');
}

const readme = (c: Chart) => c.files.find((f) => /^readme(\.md|\.txt)?$/i.test(f.name))?.data.toString('utf8') ?? '';

export function register(program: Command): void {
  const show = program.command('show').description("show a chart's information");
  const sub = (name: string, description: string, fn: (c: Chart) => Promise<string>) =>
    show
      .command(name)
      .description(description)
      .argument('<chart>', 'chart directory or .tgz')
      .action(async (path: string) => {
        const text = await fn(await loadChart(path));
        process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
      });
  sub('chart', "show the chart's Chart.yaml", async (c) => stringify(c.metadata));
  sub('values', "show the chart's values.yaml", rawValues);
  sub('readme', "show the chart's README", async (c) => readme(c));
  sub('all', 'show Chart.yaml, values.yaml and README', async (c) =>
    [stringify(c.metadata), await rawValues(c), readme(c)].filter((s) => s !== '').join('---\n'));
}
