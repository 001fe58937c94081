// default / empty / coalesce / ternary, reflection (typeOf, kindOf…) and conversions.
import type { FuncMap, GoValue } from '../value.ts';
import { deepEqual, isEmpty, parseGoInt, strval, toFloat64, toInt64 } from './conv.ts';
import { kindName, sprint, typeName } from './fmt.ts';

/** Go's int is 64 bits here; int(x) of a value that does not fit wraps like the cast does. */
const toInt = (v: GoValue): bigint => BigInt.asIntN(64, toInt64(v));

export function defaultFuncs(): FuncMap {
  return {
    default: { params: ['interface {}'], variadic: 'interface {}', fn: (d, ...given) => (given.length === 0 || isEmpty(given[0]) ? d : given[0]) },
    empty: { params: ['interface {}'], fn: (v) => isEmpty(v) },
    coalesce: { params: [], variadic: 'interface {}', fn: (...xs) => xs.find((x) => !isEmpty(x)) ?? null },
    all: { params: [], variadic: 'interface {}', fn: (...xs) => xs.every((x) => !isEmpty(x)) },
    any: { params: [], variadic: 'interface {}', fn: (...xs) => xs.some((x) => !isEmpty(x)) },
    ternary: { params: ['interface {}', 'interface {}', 'bool'], fn: (t, f, c) => (c ? t : f) },
    typeOf: { params: ['interface {}'], fn: (v) => typeName(v) },
    typeIs: { params: ['string', 'interface {}'], fn: (t, v) => t === typeName(v) },
    typeIsLike: { params: ['string', 'interface {}'], fn: (t, v) => t === typeName(v) || '*' + String(t) === typeName(v) },
    kindOf: { params: ['interface {}'], fn: (v) => kindName(v) },
    kindIs: { params: ['string', 'interface {}'], fn: (t, v) => t === kindName(v) },
    deepEqual: { params: ['interface {}', 'interface {}'], fn: (a, b) => deepEqual(a, b) },
    // strconv.Atoi, errors ignored.
    atoi: { params: ['string'], fn: (s) => parseGoInt(s as string, 10) ?? 0n },
    int: { params: ['interface {}'], fn: toInt },
    int64: { params: ['interface {}'], fn: toInt64 },
    float64: { params: ['interface {}'], fn: toFloat64 },
    // strconv.ParseInt(fmt.Sprint(v), 8, 64): an octal string ("0777") to its value.
    toDecimal: { params: ['interface {}'], fn: (v) => parseGoInt(sprint(v), 8) ?? 0n },
    fail: { params: ['string'], fn: (msg) => { throw new Error(msg as string); } },
  };
}

export { strval };
