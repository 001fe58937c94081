// lint: every problem of a chart at once, each with file:line, instead of the first one only.
// Errors fail the lint; warnings fail it only with --strict.
import { missingDependencies } from '../chart/dependencies.ts';
import { loadChart } from '../chart/load.ts';
import { chartLanguage, languageWarnings } from '../chart/language.ts';
import { valuesProblems } from '../chart/schema.ts';
import type { Chart } from '../chart/types.ts';
import { chartValues } from '../chart/values.ts';
import { collectManifests } from '../manifest/split.ts';
import { limitsFromEnv } from '../render/limits.ts';
import { renderTemplates } from '../render/all.ts';

export interface LintMessage {
  severity: 'error' | 'warning';
  message: string;
}

function warnings(chart: Chart): LintMessage[] {
  const out: string[] = [];
  if (!chart.metadata.description) out.push('Chart.yaml: description is recommended');
  if (!chart.metadata.appVersion) out.push('Chart.yaml: appVersion is recommended');
  if (!chart.schema) out.push('values.schema.json is missing: user values will not be validated');
  if (chart.metadata.type !== 'library' && !chart.templates.some((t) => !t.name.startsWith('templates/_') && t.name !== 'templates/NOTES.txt')) out.push('templates/: the chart has no templates');
  out.push(...languageWarnings(chart), ...subchartLanguageWarnings(chart, 'charts'));
  return out.map((message) => ({ severity: 'warning', message }));
}

function subchartLanguageWarnings(chart: Chart, prefix: string): string[] {
  return chart.dependencies.flatMap((d) => [...languageWarnings(d, `${prefix}/${d.metadata.name}/Chart.yaml`), ...subchartLanguageWarnings(d, `${prefix}/${d.metadata.name}/charts`)]);
}

/**
 * Lints the chart at `path` with `userValues` layered on its defaults. Go templates render as Helm's
 * lint renders them (`required` and `fail` do not stop it); with `strict`, a missing value is an error.
 */
export async function lintChart(path: string, userValues: Record<string, unknown> = {}, opts: { strict?: boolean } = {}): Promise<LintMessage[]> {
  let chart: Chart;
  try {
    chart = await loadChart(path);
  } catch (e) {
    return (e as Error).message.split('\n').map((message) => ({ severity: 'error', message }));
  }
  const errors: string[] = [...missingDependencies(chart)];
  let active: ReturnType<typeof chartValues>;
  try {
    active = chartValues(chart, userValues);
  } catch (e) {
    return [{ severity: 'error', message: (e as Error).message }];
  }
  const { values } = active;
  errors.push(...valuesProblems(active.chart, values).map((p) => `values: ${p}`));
  if (chart.metadata.type !== 'library') {
    const release = { name: 'release-name', namespace: 'default', revision: 1, isInstall: true, isUpgrade: false };
    const out = renderTemplates(active.chart, values, release, undefined, { limits: limitsFromEnv(), lintMode: true, strict: opts.strict });
    errors.push(...out.problems.map(String));
    errors.push(...collectManifests(out.files, release.namespace, chartLanguage(chart).language === 'gotemplate').problems);
  }
  const importWarnings = active.missingImports.map((message): LintMessage => ({ severity: 'warning', message }));
  return [...errors.map((message): LintMessage => ({ severity: 'error', message })), ...warnings(chart), ...importWarnings];
}
