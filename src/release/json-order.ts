// Release JSON in the order Helm 4's encoding/json writes it: struct fields in declaration order
// (pkg/release/v1, pkg/chart/v2), map keys sorted (values, config, annotations). The content is
// the same either way; the order makes a record hull wrote compare byte for byte with Helm's, and
// keeps the gzip stream stable. Fields hull does not know keep their place after the known ones.
import type { Release } from './types.ts';

const RELEASE = ['name', 'info', 'chart', 'config', 'manifest', 'hooks', 'version', 'namespace', 'apply_method'];
const INFO = ['first_deployed', 'last_deployed', 'deleted', 'description', 'status', 'resources', 'notes', 'rollback_revision'];
const CHART = ['metadata', 'lock', 'templates', 'values', 'schema', 'schemamodtime', 'files', 'modtime'];
const METADATA = ['name', 'home', 'sources', 'version', 'description', 'keywords', 'maintainers', 'icon', 'apiVersion', 'condition', 'tags', 'appVersion', 'deprecated', 'annotations', 'kubeVersion', 'dependencies', 'type'];
const HOOK = ['name', 'kind', 'path', 'manifest', 'events', 'last_run', 'weight', 'delete_policies', 'output_log_policies'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function ordered(o: Obj, keys: readonly string[], each: Record<string, (v: unknown) => unknown> = {}): Obj {
  const out: Obj = {};
  for (const k of keys) if (Object.hasOwn(o, k)) out[k] = each[k] ? each[k](o[k]) : o[k];
  for (const k of Object.keys(o)) if (!Object.hasOwn(out, k)) out[k] = o[k];
  return out;
}

/** A Go map: keys sorted, recursively (lists keep their order, their maps are sorted too). */
export function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const k of Object.keys(v).sort()) out[k] = sortedKeys(v[k]);
  return out;
}

export function helmOrdered(rel: Release): Obj {
  const metadata = (m: unknown) => (isObj(m) ? ordered(m, METADATA, { annotations: sortedKeys }) : m);
  const chart = (c: unknown) => (isObj(c) ? ordered(c, CHART, { metadata, values: sortedKeys }) : c);
  const hooks = (hs: unknown) => (Array.isArray(hs) ? hs.map((h) => (isObj(h) ? ordered(h, HOOK) : h)) : hs);
  return ordered(rel as unknown as Obj, RELEASE, { info: (i) => (isObj(i) ? ordered(i, INFO) : i), chart, config: sortedKeys, hooks });
}
