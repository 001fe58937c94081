// Values merging with Helm's rules: maps merge deeply, lists and scalars replace, and a `null`
// in the overriding layer deletes the key. Inputs are never mutated.
import { isPlainObject, isUnsafeKey } from './yaml.ts';

export type Values = Record<string, unknown>;

export function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepClone) as T;
  if (isPlainObject(v)) {
    const out: Values = {};
    for (const [k, x] of Object.entries(v)) if (!isUnsafeKey(k)) out[k] = deepClone(x);
    return out as T;
  }
  return v;
}

/** Returns `base` overlaid with `over`. */
export function mergeValues(base: Values, over: Values): Values {
  const out = deepClone(base);
  for (const [k, v] of Object.entries(over)) {
    if (isUnsafeKey(k)) continue;
    if (v === null) delete out[k];
    else if (isPlainObject(v) && isPlainObject(out[k])) out[k] = mergeValues(out[k] as Values, v);
    else out[k] = deepClone(stripNulls(v));
  }
  return out;
}

/** A null inside a newly added map has nothing to delete; Helm drops it rather than store it. */
function stripNulls(v: unknown): unknown {
  if (!isPlainObject(v)) return v;
  const out: Values = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = stripNulls(x);
  return out;
}
