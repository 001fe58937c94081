// The built-in objects a template sees: Values, Release, Chart, Capabilities, Files, Template.
// Names are Helm's (capitalised) so charts read the same; all keys exist, so strict lookups of
// e.g. `Chart.AppVersion` on a chart without one print "" instead of failing.
import { globToRegExp } from '../chart/ignore.ts';
import type { Chart, ChartMetadata } from '../chart/types.ts';

export interface ReleaseInfo {
  name: string;
  namespace: string;
  revision: number;
  isInstall: boolean;
  isUpgrade: boolean;
  service?: string;
}

export interface Capabilities {
  kubeVersion?: { version: string; major: string; minor: string };
  apiVersions?: string[];
  /** Added to apiVersions, or to the offline defaults (`template --api-versions`). */
  extraApiVersions?: string[];
}

/** What `helm template` assumes offline; a cluster-backed caller passes the real ones. */
export const DEFAULT_KUBE_VERSION = { version: 'v1.34.0', major: '1', minor: '34' };
export const DEFAULT_API_VERSIONS = [
  'v1', 'apps/v1', 'batch/v1', 'autoscaling/v1', 'autoscaling/v2', 'policy/v1', 'networking.k8s.io/v1',
  'rbac.authorization.k8s.io/v1', 'storage.k8s.io/v1', 'apiextensions.k8s.io/v1', 'coordination.k8s.io/v1',
  'admissionregistration.k8s.io/v1', 'apiregistration.k8s.io/v1', 'scheduling.k8s.io/v1', 'discovery.k8s.io/v1',
];

export function chartObject(m: ChartMetadata): Record<string, unknown> {
  return {
    Name: m.name, Version: m.version, AppVersion: m.appVersion ?? '', Description: m.description ?? '',
    Type: m.type ?? 'application', ApiVersion: m.apiVersion, KubeVersion: m.kubeVersion ?? '', Home: m.home ?? '',
    Icon: m.icon ?? '', Keywords: m.keywords ?? [], Sources: m.sources ?? [], Maintainers: m.maintainers ?? [],
    Annotations: m.annotations ?? {}, Deprecated: m.deprecated ?? false, Dependencies: m.dependencies ?? [],
  };
}

export function releaseObject(r: ReleaseInfo): Record<string, unknown> {
  // "Helm" by default: charts put it in app.kubernetes.io/managed-by, and Helm itself checks it.
  return { Name: r.name, Namespace: r.namespace, Revision: r.revision, IsInstall: r.isInstall, IsUpgrade: r.isUpgrade, Service: r.service ?? 'Helm' };
}

export function capabilitiesObject(c: Capabilities | undefined): Record<string, unknown> {
  const kv = c?.kubeVersion ?? DEFAULT_KUBE_VERSION;
  const apis = [...(c?.apiVersions ?? DEFAULT_API_VERSIONS), ...(c?.extraApiVersions ?? [])];
  // `{{#if (Capabilities.APIVersions.has "batch/v1")}}`: a non-enumerable own method on the list.
  Object.defineProperty(apis, 'has', { value: (v: string) => apis.includes(v), enumerable: false });
  return { KubeVersion: { Version: kv.version, GitVersion: kv.version, Major: kv.major, Minor: kv.minor }, APIVersions: apis };
}

/** Files: the chart's non-template files, read with `Files.get`, `Files.glob`, `Files.lines`. */
export function filesObject(chart: Chart): Record<string, unknown> {
  const text = (name: string) => chart.files.find((f) => f.name === name)?.data.toString('utf8');
  return {
    get: (name: string) => text(String(name)) ?? '',
    lines: (name: string) => (text(String(name)) ?? '').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1),
    glob: (pattern: string) => {
      const re = globToRegExp(String(pattern));
      return Object.fromEntries(chart.files.filter((f) => re.test(f.name)).map((f) => [f.name, f.data.toString('utf8')]));
    },
  };
}
