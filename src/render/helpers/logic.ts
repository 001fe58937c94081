// Truth, comparison and fallbacks, with Go template truthiness (Helm's): false, 0, "", null,
// missing, empty list and empty map are all false. These helpers accept missing values: they are
// how a template guards a lookup.
import { isPlainObject } from '../../chart/yaml.ts';

export function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === 0n || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return true;
}

const isNum = (v: unknown): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

/** Numbers compare by value whether they came from YAML (number) or --set (bigint, int64). */
const same = (a: unknown, b: unknown) => (isNum(a) && isNum(b) ? a == b : a === b); // eslint-disable-line eqeqeq

function order(a: unknown, b: unknown, name: string): number {
  if (isNum(a) && isNum(b)) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new Error(`${name}: cannot compare ${typeof a} with ${typeof b}`);
}

/** Guards: never refuse a missing argument. */
export const guardHelpers: Record<string, (...args: any[]) => unknown> = {
  default: (fallback: unknown, v: unknown) => (truthy(v) ? v : fallback),
  empty: (v: unknown) => !truthy(v),
  coalesce: (...xs: unknown[]) => xs.find(truthy),
  ternary: (yes: unknown, no: unknown, cond: unknown) => (truthy(cond) ? yes : no),
  eq: (a: unknown, ...bs: unknown[]) => bs.some((b) => same(a, b)),
  ne: (a: unknown, b: unknown) => !same(a, b),
  and: (...xs: unknown[]) => { for (const x of xs) if (!truthy(x)) return x; return xs[xs.length - 1]; },
  or: (...xs: unknown[]) => { for (const x of xs) if (truthy(x)) return x; return xs[xs.length - 1]; },
  not: (x: unknown) => !truthy(x),
  hasKey: (m: unknown, k: string) => isPlainObject(m) && Object.hasOwn(m, k),
};

/** Ordering needs real values on both sides. */
export const compareHelpers: Record<string, (...args: any[]) => unknown> = {
  lt: (a: unknown, b: unknown) => order(a, b, 'lt') < 0,
  le: (a: unknown, b: unknown) => order(a, b, 'le') <= 0,
  gt: (a: unknown, b: unknown) => order(a, b, 'gt') > 0,
  ge: (a: unknown, b: unknown) => order(a, b, 'ge') >= 0,
};
