// Go's template comparison functions (eq with several arguments, ne, lt, le, gt, ge) with Go's rules:
// only basic kinds compare by value, an int never equals a float64 ("incompatible types for
// comparison"), and a missing value equals only another missing value.
import { compareStrings, typeName } from './types.ts';
import { type GoValue, isGoStruct } from './value.ts';
import { formatV, formatVerb } from './fmt.ts';

const K_INVALID = 0, K_BOOL = 1, K_INT = 2, K_FLOAT = 3, K_STRING = 4;

function basicKind(v: GoValue): number {
  switch (typeof v) {
    case 'boolean': return K_BOOL;
    case 'bigint': return K_INT;
    case 'number': return K_FLOAT;
    case 'string': return K_STRING;
  }
  return K_INVALID;
}

const valid = (v: GoValue): boolean => v !== undefined && v !== null;
/** Go's reflect Kind, coarse: enough for canCompare (equal kinds, or one missing). */
function kindOf(v: GoValue): string {
  if (!valid(v)) return 'invalid';
  if (typeof v === 'function') return 'func';
  if (typeof v !== 'object') return typeof v;
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Uint8Array) return 'slice';
  return isGoStruct(v) ? 'ptr' : 'map';
}

export function eq(arg1: GoValue, ...arg2: GoValue[]): boolean {
  if (arg1 === null) arg1 = undefined;
  if (arg2.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (let arg of arg2) {
    if (arg === null) arg = undefined;
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (valid(arg1) && valid(arg)) {
        throw new Error(`incompatible types for comparison: ${typeName(arg1)} and ${typeName(arg)}`);
      }
    } else {
      switch (k1) {
        case K_BOOL: case K_INT: case K_FLOAT: case K_STRING: truth = arg1 === arg; break;
        default: {
          const ka = kindOf(arg1), kb = kindOf(arg);
          if (ka !== kb && ka !== 'invalid' && kb !== 'invalid') {
            throw new Error(`non-comparable types ${formatVerb(arg1, 's')}: ${typeName(arg1)}, ${typeName(arg)}: ${formatV(arg)}`);
          }
          if (!valid(arg1) || !valid(arg)) {
            truth = valid(arg1) === valid(arg);
          } else {
            const k = kindOf(arg);
            if (k === 'slice' || k === 'map' || k === 'func') {
              throw new Error(`non-comparable type ${formatVerb(arg, 's')}: ${typeName(arg)}`);
            }
            truth = arg1 === arg;
          }
        }
      }
    }
    if (truth) return true;
  }
  return false;
}

export function ne(a: GoValue, b: GoValue): boolean {
  return !eq(a, b);
}

export function lt(a: GoValue, b: GoValue): boolean {
  if (a === null) a = undefined;
  if (b === null) b = undefined;
  const k1 = basicKind(a);
  if (k1 === K_INVALID) throw new Error('invalid type for comparison');
  const k2 = basicKind(b);
  if (k2 === K_INVALID) throw new Error('invalid type for comparison');
  if (k1 !== k2) throw new Error(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
  switch (k1) {
    case K_BOOL: throw new Error('invalid type for comparison');
    case K_STRING: return compareStrings(a as string, b as string) < 0;
    default: return (a as number) < (b as number);
  }
}

export function le(a: GoValue, b: GoValue): boolean {
  return lt(a, b) || eq(a, b);
}
export function gt(a: GoValue, b: GoValue): boolean {
  return !le(a, b);
}
export function ge(a: GoValue, b: GoValue): boolean {
  return !lt(a, b);
}
