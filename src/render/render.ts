// renderChart: chart + values -> manifests, hooks, notes and CRDs. Pure and synchronous: no I/O,
// no cluster. Values are the user's values (coalesced here with the chart's, as Helm does),
// and are validated against the charts' values.schema.json here, so every caller gets that check.
import semver from 'semver';
import { chartValues, validateValues } from '../chart/values.ts';
import type { Chart } from '../chart/types.ts';
import { parseYamlAll } from '../chart/yaml.ts';
import { HullError } from '../errors.ts';
import { sortHooks } from '../manifest/hooks.ts';
import { installOrder } from '../manifest/order.ts';
import { splitManifests } from '../manifest/split.ts';
import type { Manifest, ManifestObject, RenderedChart } from '../manifest/types.ts';
import { DEFAULT_KUBE_VERSION, type Capabilities, type ReleaseInfo } from './context.ts';
import { renderFailed } from './errors.ts';
import type { RenderLimits } from './limits.ts';
import { chartLanguage } from '../chart/language.ts';
import { renderTemplates, type TemplateOptions } from './all.ts';

export type { Capabilities, ReleaseInfo } from './context.ts';

export interface RenderOptions extends TemplateOptions {
  release: ReleaseInfo;
  capabilities?: Capabilities;
  /** Depth and output bounds; DEFAULT_LIMITS when absent. */
  limits?: RenderLimits;
}

/** Throws CHART_INVALID when the chart's kubeVersion constraint excludes the cluster's version. */
export function checkKubeVersion(chart: Chart, capabilities?: Capabilities): void {
  const constraint = chart.metadata.kubeVersion;
  if (!constraint) return;
  const version = (capabilities?.kubeVersion ?? DEFAULT_KUBE_VERSION).version;
  const v = semver.coerce(version, { includePrerelease: true });
  if (v && !semver.satisfies(v, constraint, { includePrerelease: true })) {
    throw new HullError('CHART_INVALID', `chart ${chart.metadata.name} requires kubeVersion ${constraint}, which ${version} does not satisfy`);
  }
}

/** The crds/ files of the chart and its subcharts as manifests ("todo-list/crds/x.yaml"). */
function crdManifests(chart: Chart, prefix = chart.metadata.name): Manifest[] {
  const own = chart.crds.flatMap((f) => {
    const name = `${prefix}/${f.name}`;
    return parseYamlAll(f.data.toString('utf8'), name, 'MANIFEST_INVALID').map((object) => ({
      name,
      content: f.data.toString('utf8').trim(),
      object: object as ManifestObject,
    }));
  });
  return [...own, ...chart.dependencies.flatMap((d) => crdManifests(d, `${prefix}/charts/${d.metadata.name}`))];
}

/** Renders synchronously; throws RENDER_FAILED, VALUES_INVALID, MANIFEST_INVALID or CHART_INVALID. */
export function renderChart(chart: Chart, values: Record<string, unknown>, options: RenderOptions): RenderedChart {
  if (chart.metadata.type === 'library') throw new HullError('CHART_INVALID', `chart ${chart.metadata.name} is a library chart: it cannot be installed or rendered on its own`);
  checkKubeVersion(chart, options.capabilities);
  const active = chartValues(chart, values);
  validateValues(active.chart, active.values);
  const out = renderTemplates(active.chart, active.values, options.release, options.capabilities, options);
  if (out.problems.length > 0) throw renderFailed(out.problems);
  if (chartLanguage(chart).language === 'gotemplate') {
    // Helm's split and order, so `template` prints and the release stores exactly what Helm would.
    const { manifests, hooks, comments } = splitManifests(out.files, options.release.namespace, true);
    return { manifests: installOrder(manifests), hooks: installOrder(hooks), comments, notes: out.notes, crds: crdManifests(active.chart), helm: true };
  }
  const { manifests, hooks } = splitManifests(out.files, options.release.namespace);
  return { manifests: installOrder(manifests), hooks: sortHooks(hooks), notes: out.notes, crds: crdManifests(active.chart) };
}
