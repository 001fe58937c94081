// Sprig's dict functions. Go ranges over maps in random order; where Sprig returns keys or values in
// map order (keys, values) we return them sorted — one of Go's possible orders, and a stable one.
import type { FuncMap, GoMap, GoValue } from '../value.ts';
import { isGoMap, isNil } from '../value.ts';
import { deepCopy, isEmpty, strval } from './conv.ts';
import { stringSlice, typeName } from './fmt.ts';
import { isUnsafeKey } from '../../../chart/yaml.ts';

const m = (v: GoValue): GoMap => v as GoMap;

/** Keys that could reach Object.prototype are refused: a template must never pollute it. */
function checkKey(key: string): string {
  if (isUnsafeKey(key)) throw new Error(`key "${key}" is not allowed`);
  return key;
}

/** A nil map argument (missing value) behaves as an empty map for reads. */
const own = (d: GoMap | null | undefined, k: string): boolean => !isNil(d) && Object.hasOwn(d, k);

/**
 * mergo.Merge / MergeWithOverwrite as Sprig calls them on map[string]interface{}: nested maps merge
 * recursively; without overwrite a destination value is replaced only when it is its type's zero value
 * ("", 0, false, empty list or map); with overwrite every source value wins, nil included.
 */
function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const k of Object.keys(src)) {
    const sv = src[k];
    const has = Object.hasOwn(dst, k);
    const dv = dst[k];
    if (isNil(sv)) {
      if (overwrite) dst[checkKey(k)] = null;
      continue;
    }
    if (isGoMap(sv) && has && isGoMap(dv)) {
      mergeInto(dv, sv, overwrite);
      if (!isEmpty(dv)) continue;
    }
    if (Array.isArray(sv) && has && !isEmpty(dv) && !overwrite) continue;
    if (overwrite || !has || isEmpty(dv)) dst[checkKey(k)] = sv;
  }
}

function merge(overwrite: boolean) {
  return (dst: GoValue, ...srcs: GoValue[]): GoValue => {
    const d = isNil(dst) ? {} : m(dst);
    for (const src of srcs) if (!isNil(src)) mergeInto(d, m(src), overwrite);
    return d;
  };
}

/** Go's panic text for a failed type assertion x.(T) in dig. */
function assertion(v: GoValue, want: string): Error {
  return new Error(`interface conversion: interface {} is ${isNil(v) ? 'nil' : typeName(v)}, not ${want}`);
}

function dig(...ps: GoValue[]): GoValue {
  if (ps.length < 3) throw new Error('dig needs at least three arguments');
  let d = ps[ps.length - 1];
  const def = ps[ps.length - 2];
  const keys = ps.slice(0, -2).map((k) => {
    if (typeof k !== 'string') throw assertion(k, 'string');
    return k;
  });
  for (let i = 0; ; i++) {
    if (!isGoMap(d)) throw assertion(d, 'map[string]interface {}');
    if (!Object.hasOwn(d, keys[i])) return def;
    if (i === keys.length - 1) return d[keys[i]];
    d = d[keys[i]];
  }
}

const sortedKeys = (d: GoValue): string[] => (isNil(d) ? [] : Object.keys(m(d)).sort());

export function dictFuncs(): FuncMap {
  return {
    dict: {
      params: [],
      variadic: 'interface {}',
      fn: (...kv) => {
        const out: GoMap = {};
        for (let i = 0; i < kv.length; i += 2) out[checkKey(strval(kv[i]))] = i + 1 < kv.length ? kv[i + 1] : '';
        return out;
      },
    },
    get: { params: ['map[string]interface {}', 'string'], fn: (d, k) => (own(m(d), k as string) ? m(d)[k as string] : '') },
    set: {
      params: ['map[string]interface {}', 'string', 'interface {}'],
      fn: (d, k, v) => {
        if (isNil(d)) throw new Error('assignment to entry in nil map');
        m(d)[checkKey(k as string)] = v;
        return d;
      },
    },
    unset: { params: ['map[string]interface {}', 'string'], fn: (d, k) => { if (own(m(d), k as string)) delete m(d)[k as string]; return d; } },
    hasKey: { params: ['map[string]interface {}', 'string'], fn: (d, k) => own(m(d), k as string) },
    pluck: {
      params: ['string'],
      variadic: 'map[string]interface {}',
      fn: (k, ...ds) => ds.filter((d) => own(m(d), k as string)).map((d) => m(d)[k as string]),
    },
    keys: { params: [], variadic: 'map[string]interface {}', fn: (...ds) => stringSlice(ds.flatMap(sortedKeys)) },
    values: { params: ['map[string]interface {}'], fn: (d) => sortedKeys(d).map((k) => m(d)[k]) },
    pick: {
      params: ['map[string]interface {}'],
      variadic: 'string',
      fn: (d, ...ks) => {
        const out: GoMap = {};
        for (const k of ks as string[]) if (own(m(d), k)) out[k] = m(d)[k];
        return out;
      },
    },
    omit: {
      params: ['map[string]interface {}'],
      variadic: 'string',
      fn: (d, ...ks) => {
        const drop = new Set(ks as string[]);
        const out: GoMap = {};
        for (const k of sortedKeys(d)) if (!drop.has(k)) out[k] = m(d)[k];
        return out;
      },
    },
    merge: { params: ['map[string]interface {}'], variadic: 'map[string]interface {}', fn: merge(false) },
    mustMerge: { params: ['map[string]interface {}'], variadic: 'map[string]interface {}', fn: merge(false) },
    mergeOverwrite: { params: ['map[string]interface {}'], variadic: 'map[string]interface {}', fn: merge(true) },
    mustMergeOverwrite: { params: ['map[string]interface {}'], variadic: 'map[string]interface {}', fn: merge(true) },
    deepCopy: { params: ['interface {}'], fn: deepCopy },
    mustDeepCopy: { params: ['interface {}'], fn: deepCopy },
    dig: { params: [], variadic: 'interface {}', fn: dig },
  };
}
