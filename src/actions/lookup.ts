// Helm's `lookup` against the cluster, for renders that talk to it (install and upgrade, as Helm's
// do; never `template` or a client dry run, where lookup answers an empty map). Rendering is
// synchronous and pure, so the objects are fetched between renders: a pass records what the
// templates asked for (answering from what is already fetched, else an empty map), the asked-for
// objects are fetched, and the chart is rendered again, until a pass asks for nothing new.
import type { KubeClient, KubeObject } from '../kube/types.ts';
import type { GoMap, GoValue } from '../render/gotemplate/value.ts';

export type Lookup = (apiVersion: string, kind: string, namespace: string, name: string) => GoMap;

/** A chart looking things up based on what it looked up stops after this many rounds. */
const MAX_PASSES = 8;

interface Request { apiVersion: string; kind: string; namespace: string; name: string }

/** Renders with `render(lookup)`, fetching what the templates look up; the last pass is the result. */
export async function renderWithLookups<T>(kube: KubeClient, render: (lookup: Lookup) => T): Promise<T> {
  const fetched = new Map<string, GoMap | Error>();
  for (let pass = 1; ; pass++) {
    const asked = new Map<string, Request>();
    const lookup: Lookup = (apiVersion, kind, namespace, name) => {
      const key = JSON.stringify([apiVersion, kind, namespace, name]);
      const got = fetched.get(key);
      if (got instanceof Error) throw got;
      if (got !== undefined) return got;
      asked.set(key, { apiVersion, kind, namespace, name });
      return {};
    };
    let result: T | undefined;
    let error: unknown;
    try {
      result = render(lookup);
    } catch (e) {
      error = e;
    }
    // Done when every lookup was answered from the cluster (a render error then is the chart's).
    if (asked.size === 0 || pass === MAX_PASSES) {
      if (error !== undefined) throw error;
      return result as T;
    }
    await Promise.all([...asked].map(async ([key, req]) => {
      try {
        fetched.set(key, await fetchFor(kube, req));
      } catch (e) {
        fetched.set(key, e instanceof Error ? e : new Error(String(e)));
      }
    }));
  }
}

/** Helm's newLookupFunction: one object by name, or the list of them; not found is an empty map. */
async function fetchFor(kube: KubeClient, r: Request): Promise<GoMap> {
  const namespaced = await kube.isNamespaced(r.apiVersion, r.kind);
  const namespace = namespaced && r.namespace !== '' ? r.namespace : undefined;
  if (r.name !== '') {
    const obj = await kube.get({ apiVersion: r.apiVersion, kind: r.kind, name: r.name, namespace });
    return obj ? (goJson(obj) as GoMap) : {};
  }
  const list = await kube.list(r.apiVersion, r.kind, namespace);
  return goJson({ apiVersion: r.apiVersion, kind: `${r.kind}List`, metadata: { resourceVersion: list.resourceVersion }, items: list.items as KubeObject[] }) as GoMap;
}

/** As Kubernetes' unstructured JSON in Go: whole numbers are int64, the rest float64. */
function goJson(v: unknown): GoValue {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(goJson);
  if (v !== null && typeof v === 'object') {
    const out: GoMap = {};
    for (const [k, x] of Object.entries(v)) out[k] = goJson(x);
    return out;
  }
  return v as GoValue;
}
