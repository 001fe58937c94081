// Go's fmt as Sprig's functions print values: %v (the engine's formatter), %q, %T, reflect's Kind
// names, and the []string marker that lets %T tell Sprig's string lists from []interface{}.
import { formatV } from '../fmt.ts';
import { formatFloatV } from '../floatfmt.ts';
import { quoteGo as engineQuote } from '../quote.ts';
import { typeName as engineTypeName } from '../types.ts';
import { GO_TYPE, isGoStruct, isNil, methodOf, type GoValue } from '../value.ts';

/** %v of a float64: 1e+06, 1.5, 3e-05. */
export const formatFloat = formatFloatV;

/** 1.5e+06, 1e-05: Go prints at least two exponent digits. */
export function goExponent(f: number): string {
  const [m, e] = f.toExponential().split('e');
  const sign = e.startsWith('-') ? '-' : '+';
  const digits = e.replace(/^[+-]/, '');
  return `${m}e${sign}${digits.length < 2 ? '0' + digits : digits}`;
}

/**
 * fmt.Sprint(v) / %v of a function's argument. A value passed to a function is a copy: methods
 * with pointer receivers (attached with withMethods, e.g. KubeVersion.String) are out of reach, so
 * `quote .Capabilities.KubeVersion` prints the fields as Helm does; own String fields (time.Time,
 * *semver.Version) still print themselves.
 */
export function sprint(v: GoValue): string {
  if (isGoStruct(v) && typeof v.String !== 'function' && methodOf(v, 'String') !== undefined) return formatV({ ...v });
  return formatV(v);
}

/** strconv.Quote / %q. */
export const quoteGo = (s: string): string => engineQuote(s);

/** %T: the dynamic Go type of a value (an integer is an int, as the engine reports it). */
export function typeName(v: GoValue): string {
  if (Array.isArray(v) && (v as { [STRINGS]?: true })[STRINGS]) return '[]string';
  return engineTypeName(v);
}

/** reflect.Kind.String() of a value; a nil interface is "invalid". */
export function kindName(v: GoValue): string {
  if (isNil(v)) return 'invalid';
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'bigint': return 'int';
    case 'number': return 'float64';
    case 'function': return 'func';
  }
  if (v instanceof Uint8Array || Array.isArray(v)) return 'slice';
  if (isGoStruct(v)) return v[GO_TYPE].startsWith('*') ? 'ptr' : 'struct';
  return 'map';
}

/** Marks a JS array as a Go []string (what splitList, keys, sortAlpha, regexFindAll return), for %T. */
export const STRINGS: unique symbol = Symbol.for('hull.goStrings');
export function stringSlice(xs: string[]): string[] {
  Object.defineProperty(xs, STRINGS, { value: true, enumerable: false });
  return xs;
}
