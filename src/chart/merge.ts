// Helm's table coalescing (pkg/chart/common/util/coalesce.go), rule for rule, because values are
// where a Helm user notices any difference:
// - the destination (higher-priority) side wins; maps merge deeply; lists and scalars never merge;
// - a null on the destination side deletes the source's value in "coalesce" mode and is kept as a
//   null in "merge" mode (merge mode is used for subchart sections, so the null reaches the
//   subchart and deletes ITS default there);
// - a map never replaces a scalar and a scalar never replaces a map, whichever side it comes from
//   (Helm prints a warning and keeps the destination's).
// These functions MUTATE `dst` (and may mutate `src`); callers pass copies (deepClone).
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

/** Removes nulls at every depth of a map (mutating). */
export function cleanNulls(m: Values): void {
  for (const [k, v] of Object.entries(m)) {
    if (v === null) delete m[k];
    else if (isPlainObject(v)) cleanNulls(v);
  }
}

/**
 * `dst` overlaid on `src` (dst wins); returns `dst`. `merge` keeps a destination null (instead of
 * deleting the key) so it can travel down to a subchart.
 */
export function coalesceTables(dst: Values, src: Values, merge = false): Values {
  const srcHadValue = new Set(Object.keys(src).filter((k) => src[k] !== null));
  for (const [k, v] of Object.entries(dst)) if (v === null) src[k] = null;
  for (const [k, v] of Object.entries(src)) {
    if (isUnsafeKey(k)) continue;
    const has = Object.hasOwn(dst, k);
    const dv = dst[k];
    if (has && !merge && dv === null && srcHadValue.has(k)) delete dst[k];
    else if (!has) dst[k] = v;
    else if (isPlainObject(v) && isPlainObject(dv)) coalesceTables(dv, v, merge);
  }
  return dst;
}

/** A copy of `over` on top of a copy of `base`, Helm's CoalesceTables: nulls in `over` delete. */
export function mergeValues(base: Values, over: Values): Values {
  return coalesceTables(deepClone(over), deepClone(base));
}
