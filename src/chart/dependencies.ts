// Which subcharts take part in a release, under which name, and what they export to their parent:
// Helm's ProcessDependencies (pkg/chart/v2/util/dependencies.go) as semantics, not code.
// - every declared dependency is a copy of the chart in charts/ named by its alias; subcharts in
//   charts/ that Chart.yaml does not declare take part as they are;
// - tags first (a true tag enables, only-false tags disable), then the first `condition` path that
//   holds a boolean decides; Chart.yaml's own `enabled:` field is ignored, as Helm ignores it;
// - import-values, children first: `- name` imports `exports.name` of the child at the parent's
//   root, `- child: a.b / parent: x.y` imports the child's table a.b at x.y; the parent's own
//   values win over imported ones. A missing table is skipped (Helm logs a warning; `lint` reports it).
import { HullError } from '../errors.ts';
import { coalesceTables, deepClone, type Values } from './merge.ts';
import type { Chart, ChartDependency } from './types.ts';
import { isPlainObject } from './yaml.ts';

/** Charts that went through processDependencies: their `dependencies` are exactly the active ones. */
const processed = new WeakSet<Chart>();

/** Helm's Values.PathValue: the non-map value at a dotted path. */
function pathValue(values: Values, path: string): unknown {
  let node: unknown = values;
  const parts = path.split('.');
  for (const p of parts.slice(0, -1)) {
    if (!isPlainObject(node) || !isPlainObject(node[p])) return undefined;
    node = node[p];
  }
  const last = (node as Values)[parts[parts.length - 1]];
  return isPlainObject(last) ? undefined : last;
}

/** Helm's Values.Table: the map at a dotted path, or undefined. */
export function tableAt(values: Values, path: string): Values | undefined {
  let node: unknown = values;
  for (const p of path.split('.')) {
    if (!isPlainObject(node) || !isPlainObject(node[p])) return undefined;
    node = node[p];
  }
  return node as Values;
}

/**
 * Dependencies declared in Chart.yaml but absent from charts/ (Helm's CheckDependencies), with the
 * chart that declares them: rendering without them would quietly drop their resources.
 */
export function missingDependencies(chart: Chart, where = chart.metadata.name): string[] {
  const present = new Set(chart.dependencies.map((d) => d.metadata.name));
  const missing = (chart.metadata.dependencies ?? []).filter((d) => !present.has(d.name)).map((d) => `${where}: "${d.name}" is declared in Chart.yaml but missing from charts/ (run helm dependency build, or copy it there)`);
  return [...missing, ...chart.dependencies.flatMap((d) => missingDependencies(d, `${where}/charts/${d.metadata.name}`))];
}

function isEnabled(decl: ChartDependency, values: Values, path: string): boolean {
  let enabled = true;
  if (decl.tags?.length) {
    const tags = isPlainObject(values.tags) ? values.tags : {};
    const set = decl.tags.map((t) => tags[t]).filter((v) => typeof v === 'boolean');
    if (!set.includes(true) && set.includes(false)) enabled = false;
  }
  for (const c of (decl.condition ?? '').trim().split(',')) {
    if (c === '') continue;
    const v = pathValue(values, path + c);
    if (typeof v === 'boolean') return v;
  }
  return enabled;
}

/** The declared dependencies paired with the loaded charts, aliases applied, undeclared ones kept. */
function declared(chart: Chart): Array<{ decl?: ChartDependency; chart: Chart }> {
  const decls = chart.metadata.dependencies ?? [];
  const out: Array<{ decl?: ChartDependency; chart: Chart }> = chart.dependencies
    .filter((sub) => !decls.some((d) => d.name === sub.metadata.name))
    .map((sub) => ({ chart: sub }));
  for (const decl of decls) {
    const sub = chart.dependencies.find((c) => c.metadata.name === decl.name);
    if (!sub) continue;
    const name = decl.alias || sub.metadata.name;
    out.push({ decl: { ...decl, name }, chart: name === sub.metadata.name ? sub : { ...sub, metadata: { ...sub.metadata, name } } });
  }
  return out;
}

/**
 * The chart as it takes part in a release with these user values: only active subcharts (renamed
 * by alias, recursively processed) and every chart's values with its imports applied.
 */
export function processDependencies(chart: Chart, userValues: Values, coalesce: (c: Chart, v: Values, merge: boolean) => Values, missing: string[] = []): Chart {
  const enabled = withEnabled(chart, userValues, '', coalesce);
  return withImports(enabled, coalesce, missing, chart.metadata.name);
}

function withEnabled(chart: Chart, values: Values, path: string, coalesce: (c: Chart, v: Values, merge: boolean) => Values): Chart {
  const all = declared(chart);
  const every: Chart = { ...chart, dependencies: all.map((d) => d.chart) };
  processed.add(every);
  const cvals = coalesce(every, values, false);
  const active = all.filter((d) => !d.decl || isEnabled(d.decl, cvals, path));
  const deps = active.map((d) => withEnabled(d.chart, cvals, `${path}${d.chart.metadata.name}.`, coalesce));
  const metadata = chart.metadata.dependencies ? { ...chart.metadata, dependencies: active.flatMap((d) => (d.decl ? [d.decl] : [])) } : chart.metadata;
  const out: Chart = { ...chart, metadata, dependencies: deps };
  processed.add(out);
  return out;
}

/** `missing` collects the imports that found no table (Helm only logs them; lint reports them). */
function withImports(chart: Chart, coalesce: (c: Chart, v: Values, merge: boolean) => Values, missing: string[], where: string): Chart {
  const deps = chart.dependencies.map((d) => withImports(d, coalesce, missing, `${where}/charts/${d.metadata.name}`));
  const withDeps: Chart = { ...chart, dependencies: deps };
  processed.add(withDeps);
  if (!chart.metadata.dependencies) return withDeps;
  const cvals = coalesce(withDeps, {}, true);
  let imported: Values = {};
  for (const decl of chart.metadata.dependencies) {
    for (const spec of importSpecs(decl, chart.metadata.name)) {
      const table = tableAt(cvals, `${decl.name}.${spec.child}`);
      if (!table) {
        missing.push(`${where}/Chart.yaml: dependency ${decl.name}: import-values: ${spec.child} is not a map in ${decl.name}'s values, so nothing is imported`);
        continue;
      }
      imported = coalesceTables(imported, deepClone(spec.parent === '.' ? table : nest(spec.parent, table)), true);
    }
  }
  const out: Chart = { ...withDeps, values: coalesceTables(deepClone(cvals), imported, true) };
  processed.add(out);
  return out;
}

function nest(path: string, table: Values): Values {
  return path.split('.').reduceRight<Values>((inner, k) => ({ [k]: inner }), table);
}

/** Both forms of import-values as {child, parent}; anything else is refused (lint names it first). */
export function importSpecs(decl: ChartDependency, chartName: string): Array<{ child: string; parent: string }> {
  return (decl['import-values'] ?? []).map((iv) => {
    if (typeof iv === 'string') return { child: `exports.${iv}`, parent: '.' };
    if (isPlainObject(iv) && typeof iv.child === 'string' && typeof iv.parent === 'string') return { child: iv.child, parent: iv.parent };
    throw new HullError('CHART_INVALID', `${chartName}/Chart.yaml: dependency ${decl.name}: import-values entries are a name or {child, parent}, got ${JSON.stringify(iv)}`);
  });
}

/** The subcharts coalescing walks: the active ones once processed, before that all of them (as Helm). */
export function subchartsOf(chart: Chart): Chart[] {
  return processed.has(chart) ? chart.dependencies : declared(chart).map((d) => d.chart);
}

/**
 * The active subcharts and their key in the parent's values. For a processed chart that is its
 * dependencies; otherwise the conditions and tags are evaluated against `values`.
 */
export function activeDependencies(chart: Chart, values: Values): Array<{ key: string; chart: Chart }> {
  if (processed.has(chart)) return chart.dependencies.map((c) => ({ key: c.metadata.name, chart: c }));
  return declared(chart)
    .filter((d) => !d.decl || isEnabled(d.decl, values, ''))
    .map((d) => ({ key: d.chart.metadata.name, chart: d.chart }));
}
