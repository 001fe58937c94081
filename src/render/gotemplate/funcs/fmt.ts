// Go's fmt for the values functions print: %v (fmt.Sprint), %q, %T and reflect's Kind names. Sprig
// builds strings with these (toString, cat, join, quote, squote, dict keys), so they must print
// exactly as Go does: floats in %g's shortest form (1e+06), maps as map[k:v] in key order.
import { GO_TYPE, isGoStruct, isNil, type GoValue } from '../value.ts';

/** %v of a float64 = strconv 'g' shortest: exponent form when the decimal exponent is < -4 or >= 6. */
export function formatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const e = Number(f.toExponential().split('e')[1]);
  // Between 1e-4 and 1e6 JS's String() is already plain decimal with the shortest digits.
  return e < -4 || e >= 6 ? goExponent(f) : String(f);
}

/** 1.5e+06, 1e-05: Go prints at least two exponent digits. */
export function goExponent(f: number): string {
  const [m, e] = f.toExponential().split('e');
  const sign = e.startsWith('-') ? '-' : '+';
  const digits = e.replace(/^[+-]/, '');
  return `${m}e${sign}${digits.length < 2 ? '0' + digits : digits}`;
}

/** A struct or other value that prints itself (fmt.Stringer), like time.Time or *semver.Version. */
function stringer(v: GoValue): string | undefined {
  if (isGoStruct(v) && typeof v.String === 'function') return String((v.String as () => GoValue)());
  return undefined;
}

/** fmt.Sprint(v) / %v. */
export function sprint(v: GoValue): string {
  if (isNil(v)) return '<nil>';
  switch (typeof v) {
    case 'string': return v;
    case 'boolean': return v ? 'true' : 'false';
    case 'bigint': return v.toString();
    case 'number': return formatFloat(v);
    case 'function': return '0x' + '1'.padStart(6, '0');
  }
  if (v instanceof Uint8Array) return `[${Array.from(v).join(' ')}]`;
  if (Array.isArray(v)) return `[${v.map(sprintNested).join(' ')}]`;
  const s = stringer(v);
  if (s !== undefined) return s;
  if (isGoStruct(v)) return `{${Object.keys(v).filter((k) => typeof v[k] !== 'function').map((k) => sprintNested(v[k])).join(' ')}}`;
  const keys = Object.keys(v).sort();
  return `map[${keys.map((k) => `${k}:${sprintNested(v[k])}`).join(' ')}]`;
}

/** Inside a slice or map Go prints nil interface elements as <nil> too, and strings bare. */
function sprintNested(v: GoValue): string {
  return sprint(v);
}

/** strconv.Quote / %q: Go escapes, \u for non-printables, never HTML-escaping. */
export function quoteGo(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (c === 0xfffd && ch !== '\ufffd') { out += ch; continue; }
    if (isPrint(c)) out += ch;
    else if (c < 0x80) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** unicode.IsPrint, approximately: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINT = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
function isPrint(c: number): boolean {
  if (c >= 0x20 && c < 0x7f) return true;
  if (c < 0xa0) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return PRINT.test(String.fromCodePoint(c));
}

/** %T: the dynamic Go type of a value. */
export function typeName(v: GoValue): string {
  if (isNil(v)) return '<nil>';
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'bigint': return 'int64';
    case 'number': return 'float64';
    case 'function': return 'func(...interface {}) interface {}';
  }
  if (v instanceof Uint8Array) return '[]uint8';
  if (Array.isArray(v)) return (v as { [STRINGS]?: true })[STRINGS] ? '[]string' : '[]interface {}';
  if (isGoStruct(v)) return v[GO_TYPE];
  return 'map[string]interface {}';
}

/** reflect.Kind.String() of a value; a nil interface is "invalid". */
export function kindName(v: GoValue): string {
  if (isNil(v)) return 'invalid';
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'bigint': return 'int64';
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
