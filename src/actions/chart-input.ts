// Loading a chart and the user's values, and rendering them for a revision: shared by install,
// upgrade and template.
import { loadChart } from '../chart/load.ts';
import type { Chart } from '../chart/types.ts';
import { mergeUserValues, type ValueOptions } from '../chart/values.ts';
import type { RenderedChart } from '../manifest/types.ts';
import { limitsFromEnv } from '../render/limits.ts';
import { renderChart, type Capabilities } from '../render/render.ts';
import { HullError, listProblems, step } from '../errors.ts';
import { missingDependencies } from '../chart/dependencies.ts';
import type { Lookup } from './lookup.ts';

export interface ChartInput {
  chart: Chart;
  /** The user-supplied values only: what the release stores as `config`. */
  config: Record<string, unknown>;
}

export async function readChartInput(chartPath: string, values: ValueOptions = {}): Promise<ChartInput> {
  const chart = await step(`load chart ${chartPath}`, () => loadChart(chartPath));
  const missing = missingDependencies(chart);
  if (missing.length) throw new HullError('CHART_INVALID', `load chart ${chartPath}: ${listProblems('dependencies', missing)}`);
  const config = await mergeUserValues(values);
  return { chart, config };
}

/** `lookup` answers Go templates' lookup calls (live objects); without it they get an empty map. */
export function renderRevision(input: ChartInput, release: { name: string; namespace: string; revision: number; isInstall: boolean; isUpgrade: boolean }, capabilities?: Capabilities, lookup?: Lookup): RenderedChart {
  return renderChart(input.chart, input.config, { release: { ...release, service: 'Helm' }, capabilities, limits: limitsFromEnv(), lookup });
}
