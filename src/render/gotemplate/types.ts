// Go's view of the JS values of value.ts: type names (for %T and error texts), truth, map lookups and
// the sorted key order Go uses to print and range over maps.
import { GO_TYPE, type GoMap, type GoValue, isGoStruct } from './value.ts';

/** The Go type of a value, as %T and error messages print it. */
export function typeName(v: GoValue): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'string': return 'string';
    case 'bigint': return 'int';
    case 'number': return 'float64';
    case 'boolean': return 'bool';
    case 'function': return 'func(...interface {}) interface {}';
  }
  if (v instanceof Uint8Array) return '[]uint8';
  if (Array.isArray(v)) return '[]interface {}';
  if (isGoStruct(v)) return v[GO_TYPE];
  return 'map[string]interface {}';
}

/** Go's template truth (text/template isTrue): empty and zero values are false, structs true. */
export function isTrue(v: GoValue): boolean {
  if (v === null || v === undefined) return false;
  switch (typeof v) {
    case 'boolean': return v;
    case 'string': return v.length > 0;
    case 'bigint': return v !== 0n;
    case 'number': return v !== 0;
    case 'function': return true;
  }
  if (v instanceof Uint8Array || Array.isArray(v)) return v.length > 0;
  if (isGoStruct(v)) return true;
  for (const k in v) if (Object.hasOwn(v, k)) return true;
  return false;
}

/** Names Object.prototype answers for: a map only has them as own keys. */
const PROTO_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The value stored under `key`, or NO_KEY when the map has no such key (own keys only). */
export const NO_KEY: unique symbol = Symbol('no key');
export function mapGet(m: GoMap, key: string): GoValue | typeof NO_KEY {
  const v = m[key];
  if (v === undefined) return Object.hasOwn(m, key) ? null : NO_KEY;
  if (PROTO_NAMES.has(key) && !Object.hasOwn(m, key)) return NO_KEY;
  return v;
}

/** Go's map key order (fmtsort for strings: byte order, which is code point order). */
export function sortedKeys(m: GoMap): string[] {
  const keys = Object.keys(m);
  return keys.length < 2 ? keys : keys.sort(compareStrings);
}

/** Go's string comparison: UTF-8 byte order, i.e. code point order (JS's < compares UTF-16 units). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (astral code points) sort after all BMP code points in UTF-8 order.
      const xs = x >= 0xd800 && x <= 0xdfff, ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

/** A struct's field (or method) by exact name; NO_KEY when it has none. */
export function structGet(s: object, name: string): GoValue | typeof NO_KEY {
  if (!(name in s) || (PROTO_NAMES.has(name) && !Object.hasOwn(s, name))) return NO_KEY;
  return (s as Record<string, GoValue>)[name] ?? null;
}
