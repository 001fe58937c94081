// Go's encoding/json for template values: map keys sorted, <, > and & escaped as \u003c… (unless
// raw), floats as Go formats them (1e+21, 1e-7), []byte as base64, and Go's error texts.
import { isGoStruct, isNil, type GoMap, type GoValue } from '../value.ts';
import { goExponent, typeName } from './fmt.ts';
import { byteOrder } from './lists.ts';
import { jsonSyntaxError } from './jsonscan.ts';

export interface JsonOptions { escapeHTML?: boolean; indent?: string }

/** A Go struct may marshal itself (time.Time, *semver.Version): a MarshalJSON method returning JSON text. */
type Marshaler = { MarshalJSON: () => GoValue };

/** encoding/json's float64 encoding: 'f' format, or 'e' below 1e-6 / from 1e21, with e-07 cleaned to e-7. */
export function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new Error(`json: unsupported value: ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return goExponent(f).replace(/e-0(\d)$/, 'e-$1');
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  return String(f);
}

const HTML_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026' };

export function jsonString(s: string, escapeHTML = true): string {
  // JSON.stringify already escapes like Go for quotes, backslash, \b\f\n\r\t and other controls
  // (lower-case \u00XX); Go also escapes U+2028/U+2029 and, by default, HTML's <, > and &. A lone
  // surrogate cannot exist in Go's UTF-8 strings: it becomes U+FFFD.
  let out = JSON.stringify(wellFormed(s));
  out = out.replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
  if (escapeHTML) out = out.replace(/[<>&]/g, (c) => HTML_ESCAPES[c]);
  return out;
}

function encode(v: GoValue, opts: JsonOptions, prefix: string): string {
  if (isNil(v)) return 'null';
  switch (typeof v) {
    case 'string': return jsonString(v, opts.escapeHTML !== false);
    case 'boolean': return v ? 'true' : 'false';
    case 'bigint': return v.toString();
    case 'number': return jsonFloat(v);
    case 'function': throw new Error(`json: unsupported type: ${typeName(v)}`);
  }
  if (v instanceof Uint8Array) return `"${Buffer.from(v).toString('base64')}"`;
  const nl = opts.indent === undefined ? '' : '\n' + prefix + opts.indent;
  const end = opts.indent === undefined ? '' : '\n' + prefix;
  const inner = prefix + (opts.indent ?? '');
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[' + v.map((x) => nl + encode(x, opts, inner)).join(',') + end + ']';
  }
  if (isGoStruct(v)) {
    if (typeof (v as unknown as Marshaler).MarshalJSON === 'function') return String((v as unknown as Marshaler).MarshalJSON());
    // A struct's exported fields, in declaration order (Sprig's certificate: {"Cert":…,"Key":…}).
    const fields = Object.keys(v).filter((k) => typeof v[k] !== 'function' && /^\p{Lu}/u.test(k));
    if (fields.length === 0) return '{}';
    const sep = opts.indent === undefined ? ':' : ': ';
    return '{' + fields.map((k) => nl + jsonString(k, opts.escapeHTML !== false) + sep + encode(v[k], opts, inner)).join(',') + end + '}';
  }
  const m = v as GoMap;
  const keys = Object.keys(m).sort(byteOrder);
  if (keys.length === 0) return '{}';
  const sep = opts.indent === undefined ? ':' : ': ';
  return '{' + keys.map((k) => nl + jsonString(k, opts.escapeHTML !== false) + sep + encode(m[k], opts, inner)).join(',') + end + '}';
}

/** json.Marshal (or MarshalIndent with prefix "" and the given indent); throws Go's error text. */
export function marshalJson(v: GoValue, opts: JsonOptions = {}): string {
  return encode(v, opts, '');
}

/**
 * json.Unmarshal into interface{}: numbers are float64, and errors read like Go's ("invalid character
 * 'x' looking for beginning of value", "unexpected end of JSON input").
 */
export function unmarshalJson(text: string): GoValue {
  const err = jsonSyntaxError(text);
  if (err !== undefined) throw new Error(err);
  return JSON.parse(text) as GoValue;
}

/** Go strings are UTF-8: a lone UTF-16 surrogate has no encoding and becomes U+FFFD. */
const wellFormed = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
