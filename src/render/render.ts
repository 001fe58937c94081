// renderChart: chart + values -> manifests, hooks, notes and CRDs. Pure and synchronous: no I/O,
// no cluster. Values may be the user's values or already coalesced ones (coalescing is idempotent),
// and are validated against the charts' values.schema.json here, so every caller gets that check.
import semver from 'semver';
import { coalesceValues, validateValues } from '../chart/values.ts';
import type { Chart } from '../chart/types.ts';
import { activeDependencies } from '../chart/dependencies.ts';
import { isPlainObject, parseYamlAll } from '../chart/yaml.ts';
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

/** The crds/ files of the chart and its active subcharts as manifests ("todo-list/crds/x.yaml"). */
function crdManifests(chart: Chart, values: Record<string, unknown>, prefix = chart.metadata.name): Manifest[] {
  const own = chart.crds.flatMap((f) => {
    const name = `${prefix}/${f.name}`;
    return parseYamlAll(f.data.toString('utf8'), name, 'MANIFEST_INVALID').map((object) => ({
      name,
      content: f.data.toString('utf8').trim(),
      object: object as ManifestObject,
    }));
  });
  return [...own, ...activeDependencies(chart, values).flatMap(({ key, chart: d }) => crdManifests(d, isPlainObject(values[key]) ? (values[key] as Record<string, unknown>) : {}, `${prefix}/charts/${key}`))];
}

/** Renders synchronously; throws RENDER_FAILED, VALUES_INVALID, MANIFEST_INVALID or CHART_INVALID. */
export function renderChart(chart: Chart, values: Record<string, unknown>, options: RenderOptions): RenderedChart {
  if (chart.metadata.type === 'library') throw new HullError('CHART_INVALID', `chart ${chart.metadata.name} is a library chart: it cannot be installed or rendered on its own`);
  checkKubeVersion(chart, options.capabilities);
  const coalesced = coalesceValues(chart, values);
  validateValues(chart, coalesced);
  const out = renderTemplates(chart, coalesced, options.release, options.capabilities, options);
  if (out.problems.length > 0) throw renderFailed(out.problems);
  if (chartLanguage(chart).language === 'gotemplate') {
    // Helm's split and order, so `template` prints and the release stores exactly what Helm would.
    const { manifests, hooks, comments } = splitManifests(out.files, options.release.namespace, true);
    return { manifests: installOrder(manifests), hooks: installOrder(hooks), comments, notes: out.notes, crds: crdManifests(chart, coalesced), helm: true };
  }
  const { manifests, hooks } = splitManifests(out.files, options.release.namespace);
  return { manifests: installOrder(manifests), hooks: sortHooks(hooks), notes: out.notes, crds: crdManifests(chart, coalesced) };
}
