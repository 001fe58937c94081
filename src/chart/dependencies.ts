// Which subcharts are active for given values, and under which key of the parent's values they live.
import type { Chart } from './types.ts';
import { isPlainObject } from './yaml.ts';

type Values = Record<string, unknown>;

function getPath(values: Values, path: string): unknown {
  let node: unknown = values;
  for (const p of path.split('.')) {
    if (!isPlainObject(node) || !Object.hasOwn(node, p)) return undefined;
    node = node[p];
  }
  return node;
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

/**
 * The subcharts that are switched on: Helm's `condition` (first path that resolves to a boolean
 * wins) then `tags` (any true tag enables). Returns them with their key in the parent's values.
 */
export function activeDependencies(chart: Chart, values: Values): Array<{ key: string; chart: Chart }> {
  const out: Array<{ key: string; chart: Chart }> = [];
  for (const sub of chart.dependencies) {
    const decls = chart.metadata.dependencies?.filter((d) => d.name === sub.metadata.name) ?? [];
    for (const decl of decls.length ? decls : [undefined]) {
      let enabled = decl?.enabled ?? true;
      const cond = decl?.condition?.split(',').map((c) => getPath(values, c.trim())).find((v) => typeof v === 'boolean');
      if (typeof cond === 'boolean') enabled = cond;
      else if (decl?.tags?.length) {
        const tags = decl.tags.map((t) => getPath(values, `tags.${t}`));
        if (tags.some((t) => typeof t === 'boolean')) enabled = tags.some((t) => t === true);
      }
      if (!enabled) continue;
      const key = decl?.alias ?? sub.metadata.name;
      const scoped = key === sub.metadata.name ? sub : { ...sub, metadata: { ...sub.metadata, name: key } };
      out.push({ key, chart: scoped });
    }
  }
  return out;
}
