// The built-in objects of a Go-template chart, shaped as Helm 4 builds them (pkg/engine, pkg/chart):
// .Chart is a map of Chart.yaml's Go field names (structToMap of chart.Metadata, plus IsRoot), so an
// unknown field renders empty; .Release and .Template are maps; .Capabilities is a struct whose
// APIVersions is a list with a Has method; .Files is Helm's `files` (a map of name to bytes with methods).
import type { ChartFile, ChartMetadata } from '../../chart/types.ts';
import { globToRegExp } from '../../chart/ignore.ts';
import { GO_TYPE, withMethods, withSignature, type GoMap, type GoStruct, type GoValue } from '../gotemplate/value.ts';
import type { ReleaseInfo } from '../context.ts';

/** What Helm 4.1 assumes offline (`helm template`): client-go 0.35 → Kubernetes v1.35.0. */
export const HELM_DEFAULT_KUBE_VERSION = { version: 'v1.35.0', major: '1', minor: '35' };
/** The API versions of client-go's scheme, in its order: what `helm template` reports offline. */
export const HELM_DEFAULT_API_VERSIONS: readonly string[] = (
  'v1 admissionregistration.k8s.io/v1 admissionregistration.k8s.io/v1alpha1 admissionregistration.k8s.io/v1beta1 ' +
  'internal.apiserver.k8s.io/v1alpha1 apps/v1 apps/v1beta1 apps/v1beta2 authentication.k8s.io/v1 ' +
  'authentication.k8s.io/v1alpha1 authentication.k8s.io/v1beta1 authorization.k8s.io/v1 authorization.k8s.io/v1beta1 ' +
  'autoscaling/v1 autoscaling/v2 autoscaling/v2beta1 autoscaling/v2beta2 batch/v1 batch/v1beta1 certificates.k8s.io/v1 ' +
  'certificates.k8s.io/v1beta1 certificates.k8s.io/v1alpha1 coordination.k8s.io/v1alpha2 coordination.k8s.io/v1beta1 ' +
  'coordination.k8s.io/v1 discovery.k8s.io/v1 discovery.k8s.io/v1beta1 events.k8s.io/v1 events.k8s.io/v1beta1 ' +
  'extensions/v1beta1 flowcontrol.apiserver.k8s.io/v1 flowcontrol.apiserver.k8s.io/v1beta1 ' +
  'flowcontrol.apiserver.k8s.io/v1beta2 flowcontrol.apiserver.k8s.io/v1beta3 networking.k8s.io/v1 ' +
  'networking.k8s.io/v1beta1 node.k8s.io/v1 node.k8s.io/v1alpha1 node.k8s.io/v1beta1 policy/v1 policy/v1beta1 ' +
  'rbac.authorization.k8s.io/v1 rbac.authorization.k8s.io/v1beta1 rbac.authorization.k8s.io/v1alpha1 resource.k8s.io/v1 ' +
  'resource.k8s.io/v1beta2 resource.k8s.io/v1beta1 resource.k8s.io/v1alpha3 scheduling.k8s.io/v1alpha1 ' +
  'scheduling.k8s.io/v1beta1 scheduling.k8s.io/v1 storage.k8s.io/v1beta1 storage.k8s.io/v1 storage.k8s.io/v1alpha1 ' +
  'storagemigration.k8s.io/v1beta1 apiextensions.k8s.io/v1beta1 apiextensions.k8s.io/v1'
).split(' ');
/** .Capabilities.HelmVersion: the Helm release whose template semantics hull follows. */
export const HELM_VERSION = { Version: 'v4.1.4', GitCommit: '', GitTreeState: '', GoVersion: '', KubeClientVersion: 'v1.35' };

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const strList = (v: unknown): GoValue[] => (Array.isArray(v) ? v.map(str) : []);

/** Helm's structToMap(chart.Metadata): every field by its Go name, zero values included. */
export function chartMap(m: ChartMetadata, isRoot: boolean): GoMap {
  const maintainers = (m.maintainers ?? []).map((x) => ({ Name: str(x?.name), Email: str(x?.email), URL: str(x?.url) }));
  const dependencies = (m.dependencies ?? []).map((d) => ({
    Name: str(d.name), Version: str(d.version), Repository: str(d.repository), Condition: str(d.condition),
    // A processed chart keeps only its enabled dependencies, which Helm marks Enabled.
    Tags: strList(d.tags), Enabled: d.enabled !== false, ImportValues: (d['import-values'] ?? []) as GoValue[], Alias: str(d.alias),
  }));
  const raw = m as unknown as Record<string, unknown>;
  return {
    Name: m.name, Home: str(m.home), Sources: strList(m.sources), Version: str(m.version), Description: str(m.description),
    Keywords: strList(m.keywords), Maintainers: maintainers, Icon: str(m.icon), APIVersion: str(m.apiVersion),
    Condition: str(raw.condition), Tags: str(raw.tags), AppVersion: str(m.appVersion), Deprecated: Boolean(m.deprecated),
    Annotations: { ...(m.annotations ?? {}) }, KubeVersion: str(m.kubeVersion), Dependencies: dependencies,
    Type: str(m.type), IsRoot: isRoot,
  };
}

export function releaseMap(r: ReleaseInfo): GoMap {
  // Revision is a Go int in Helm's map: a bigint here, so it prints and compares as one.
  return { Name: r.name, Namespace: r.namespace, IsUpgrade: r.isUpgrade, IsInstall: r.isInstall, Revision: BigInt(r.revision), Service: r.service ?? 'Helm' };
}

export interface GoCapabilities {
  kubeVersion?: { version: string; major: string; minor: string };
  apiVersions?: readonly string[];
  extraApiVersions?: readonly string[];
}

/** *common.Capabilities: KubeVersion{Version, Major, Minor, GitVersion()}, APIVersions with Has, HelmVersion. */
export function capabilitiesStruct(c: GoCapabilities | undefined): GoStruct {
  const kv = c?.kubeVersion ?? HELM_DEFAULT_KUBE_VERSION;
  const apis = [...(c?.apiVersions ?? HELM_DEFAULT_API_VERSIONS), ...(c?.extraApiVersions ?? [])];
  return {
    [GO_TYPE]: '*common.Capabilities',
    // GitVersion and String have pointer receivers in Helm: the template reaches them, while a
    // function given the struct (quote, toString) prints its fields, normalizedVersion included.
    KubeVersion: withMethods({ [GO_TYPE]: 'common.KubeVersion', Version: kv.version, normalizedVersion: normalized(kv.version), Major: kv.major, Minor: kv.minor } as GoStruct as GoMap, {
      GitVersion: withSignature(() => kv.version, { params: [] }),
      String: withSignature(() => normalized(kv.version), { params: [] }),
    }) as GoValue,
    APIVersions: versionSet(apis),
    HelmVersion: { [GO_TYPE]: 'version.BuildInfo', ...HELM_VERSION },
  };
}

/** Helm's normalized kube version (KubeVersion.String()): the numeric part as given, v1.29.3-gke.1 → v1.29.3, v1.30 → v1.30. */
function normalized(version: string): string {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(version);
  return m ? `v${m[1]}` : version;
}

/** common.VersionSet: a []string with a Has method. */
function versionSet(apis: string[]): GoValue {
  return withMethods(apis, { Has: withSignature((v: GoValue) => apis.includes(v as string), { params: ['string'] }) });
}

/**
 * Helm's `files`: a map of name to bytes with the methods Get, GetBytes, Glob (another files),
 * Lines, AsConfig and AsSecrets. `toYaml` is Helm's toYAML (AsConfig and AsSecrets print through it).
 */
export function filesMap(files: ReadonlyMap<string, Uint8Array>, toYaml: (v: GoValue) => string): GoMap {
  const text = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  const base = (k: string) => k.slice(k.lastIndexOf('/') + 1);
  const asMap = (f: (b: Uint8Array) => string): string => {
    const m: GoMap = {};
    for (const [k, v] of files) m[base(k)] = f(v);
    return toYaml(m);
  };
  const str = { params: ['string'] as const };
  return withMethods(Object.fromEntries(files) as GoMap, {
    GetBytes: withSignature((name: GoValue) => files.get(name as string) ?? new Uint8Array(0), str),
    Get: withSignature((name: GoValue) => {
      const b = files.get(name as string);
      return b ? text(b) : '';
    }, str),
    Glob: withSignature((pattern: GoValue) => {
      const re = globPattern(pattern as string);
      return filesMap(new Map([...files].filter(([k]) => re.test(k))), toYaml);
    }, str),
    Lines: withSignature((path: GoValue) => {
      const b = files.get(path as string);
      if (!b || b.length === 0) return b ? [''] : [];
      let s = text(b);
      if (s.endsWith('\n')) s = s.slice(0, -1);
      return s.split('\n');
    }, str),
    AsConfig: withSignature(() => asMap(text), { params: [] }),
    AsSecrets: withSignature(() => asMap((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64')), { params: [] }),
  });
}

/** gobwas/glob with '/' as separator: `*` stays within a segment, `**` crosses them, `{a,b}` alternates. */
function globPattern(pattern: string): RegExp {
  const alt = /\{([^{}]*)\}/;
  const m = alt.exec(pattern);
  if (!m) {
    try {
      return globToRegExp(pattern);
    } catch {
      return /^/; // Helm falls back to "**" when the pattern does not compile
    }
  }
  const options = m[1].split(',').map((o) => globPattern(pattern.slice(0, m.index) + o + pattern.slice(m.index + m[0].length)).source);
  return new RegExp(options.map((s) => `(?:${s})`).join('|'));
}

/** The chart's files as Helm's loader keeps them: everything but Chart.yaml, values, templates/ and charts/. */
export function chartFiles(files: readonly ChartFile[]): Map<string, Uint8Array> {
  return new Map(files.map((f) => [f.name, f.data]));
}
