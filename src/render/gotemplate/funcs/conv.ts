// Sprig's lenient conversions (spf13/cast): anything becomes an int64 or a float64, and what cannot
// be converted becomes 0 instead of an error — `add "3" 1.5` is 4.
import { isGoMap, isGoStruct, isNil, type GoMap, type GoValue } from '../value.ts';
import { kindName, sprint } from './fmt.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go's int64(f): truncation; out of range (and NaN) is 0x8000000000000000 on amd64. */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 9223372036854775808 || f < -9223372036854775808) return INT64_MIN;
  return BigInt(Math.trunc(f));
}

/** Wraps a bigint to int64 the way Go's integer arithmetic overflows. */
export const wrap64 = (n: bigint): bigint => BigInt.asIntN(64, n);

const DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-f]+$/i };

/** strconv.ParseInt(s, base, 64), with base 0 meaning "by prefix" (0x, 0o, 0b, leading 0 = octal, _ separators). */
export function parseGoInt(s: string, base: number): bigint | undefined {
  let t = s;
  let neg = false;
  if (t.startsWith('+') || t.startsWith('-')) { neg = t[0] === '-'; t = t.slice(1); }
  let b = base;
  let underscores = false;
  if (base === 0) {
    b = 10;
    underscores = true;
    if (/^0[xX]/.test(t)) { b = 16; t = t.slice(2); }
    else if (/^0[oO]/.test(t)) { b = 8; t = t.slice(2); }
    else if (/^0[bB]/.test(t)) { b = 2; t = t.slice(2); }
    else if (t.length > 1 && t[0] === '0') { b = 8; t = t.slice(1); }
  }
  if (underscores) {
    // Underscores only between digits (or after a base prefix).
    if (/__|_$/.test(t) || (t.startsWith('_') && base === 0 && b === 10)) return undefined;
    t = t.replaceAll('_', '');
  }
  if (!DIGITS[b]?.test(t)) return undefined;
  const prefix = b === 16 ? '0x' : b === 8 ? '0o' : b === 2 ? '0b' : '';
  const n = (neg ? -1n : 1n) * BigInt(prefix + t);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/** cast's trimZeroDecimal: "12.00" parses as an int, "12.5" does not. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') { if (foundZero) return s.slice(0, i - 1); }
    else if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

/** cast.ToInt64E; undefined where cast returns an error. */
export function toInt64E(v: GoValue): bigint | undefined {
  if (isNil(v)) return 0n;
  switch (typeof v) {
    case 'bigint': return v;
    case 'number': return floatToInt64(v);
    case 'boolean': return v ? 1n : 0n;
    case 'string': return parseGoInt(trimZeroDecimal(v), 0);
  }
  return undefined;
}

export const toInt64 = (v: GoValue): bigint => toInt64E(v) ?? 0n;

/** strconv.ParseFloat(s, 64): decimal, exponent, inf/nan, hex floats; no stray characters. */
export function parseGoFloat(s: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  if (/^[+-]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d+)?$/.test(s)) {
    if (s.includes('_')) return undefined; // base-10 floats take no underscores
    return Number(s);
  }
  if (/^[+-]?0[xX]/.test(s)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
    if (!m || (m[2] + (m[3] ?? '')) === '') return undefined;
    const mant = parseInt((m[2] || '0') + (m[3] ?? ''), 16) / 16 ** (m[3]?.length ?? 0);
    return (m[1] === '-' ? -1 : 1) * mant * 2 ** Number(m[4]);
  }
  return undefined;
}

/** cast.ToFloat64E. */
export function toFloat64E(v: GoValue): number | undefined {
  if (isNil(v)) return 0;
  switch (typeof v) {
    case 'number': return v;
    case 'bigint': return Number(v);
    case 'boolean': return v ? 1 : 0;
    case 'string': return parseGoFloat(v);
  }
  return undefined;
}

export const toFloat64 = (v: GoValue): number => toFloat64E(v) ?? 0;

/** Sprig's strval: strings and []byte as text, everything else as %v. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  return sprint(v);
}

/** Sprig's strslice: a list's non-nil elements as strings; a scalar as a one-element list. */
export function strslice(v: GoValue): string[] {
  if (Array.isArray(v)) return v.filter((x) => !isNil(x)).map(strval);
  if (v instanceof Uint8Array) return Array.from(v, (b) => String(b));
  if (isNil(v)) return [];
  return [strval(v)];
}

/** Sprig's empty(): the zero value of its type (structs never are). */
export function isEmpty(v: GoValue): boolean {
  if (isNil(v)) return true;
  switch (typeof v) {
    case 'string': return v.length === 0;
    case 'boolean': return !v;
    case 'bigint': return v === 0n;
    case 'number': return v === 0;
    case 'function': return false;
  }
  if (v instanceof Uint8Array || Array.isArray(v)) return v.length === 0;
  if (isGoStruct(v)) return false;
  return Object.keys(v).length === 0;
}

/** reflect.DeepEqual on template values: int64 and float64 never equal each other. */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  if (typeof a !== typeof b) return false;
  if (typeof a !== 'object') return a === b || (typeof a === 'number' && Number.isNaN(a) && false);
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b));
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isGoStruct(a) || isGoStruct(b)) return a === b;
  const ma = a as GoMap;
  const mb = b as GoMap;
  const ka = Object.keys(ma);
  if (ka.length !== Object.keys(mb).length) return false;
  return ka.every((k) => Object.hasOwn(mb, k) && deepEqual(ma[k], mb[k]));
}

/** A copy of maps and lists all the way down (copystructure.Copy), sharing nothing mutable. */
export function deepCopy(v: GoValue): GoValue {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (isGoMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k]);
    return out;
  }
  return v;
}

/** reflect's Kind of a non-list argument for Sprig's "Cannot X on type K" errors; undefined for a list. */
export function listKind(v: GoValue): string | undefined {
  return Array.isArray(v) || v instanceof Uint8Array ? undefined : kindName(v);
}

/** A list argument as a JS array (a []byte's elements become ints). */
export function listItems(v: GoValue): GoValue[] {
  return v instanceof Uint8Array ? Array.from(v, (b) => BigInt(b)) : (v as GoValue[]);
}
