// Go's predefined template functions (text/template funcs.go). Their Go parameters are reflect.Value,
// which the engine passes through untouched, so that `len` and `index` see a nil interface as Go does.
// and, or and call are evaluated by the engine itself (short-circuit; callee name in errors).
import * as cmp from './compare.ts';
import { sprint, sprintf, sprintln } from './fmt.ts';
import { isTrue, mapGet, NO_KEY, typeName } from './types.ts';
import { type GoType, type GoValue, isGoMap } from './value.ts';

/** Parameter types of builtins: Go's reflect.Value means "the value as it is, even missing". */
export type ParamType = GoType | 'reflect.Value';
export interface Builtin {
  params: readonly ParamType[];
  variadic?: ParamType;
  fn: (...args: GoValue[]) => GoValue;
}

const RV = 'reflect.Value' as const;
const unreachable = (): never => { throw new Error('unreachable'); };

const isAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
};
const byteLen = (s: string): number => (isAscii(s) ? s.length : Buffer.byteLength(s));

function indexArg(index: GoValue, cap: number): number {
  if (index === undefined || index === null) throw new Error('cannot index slice/array with nil');
  if (typeof index !== 'bigint') throw new Error(`cannot index slice/array with type ${typeName(index)}`);
  if (index < 0n || index > BigInt(cap)) throw new Error(`index out of range: ${index}`);
  return Number(index);
}

function index(item: GoValue, ...indexes: GoValue[]): GoValue {
  if (item === null) item = undefined;
  if (item === undefined) throw new Error('index of untyped nil');
  for (let idx of indexes) {
    if (idx === null) idx = undefined;
    if (item === null || item === undefined) throw new Error('index of nil pointer');
    if (typeof item === 'string') {
      const b: Buffer | null = isAscii(item) ? null : Buffer.from(item);
      const len: number = b ? b.length : item.length;
      const x = indexArg(idx, len);
      if (x === len) throw new Error('reflect: string index out of range');
      item = BigInt(b ? b[x] : item.charCodeAt(x));
    } else if (Array.isArray(item) || item instanceof Uint8Array) {
      const x = indexArg(idx, item.length);
      if (x === item.length) throw new Error('reflect: slice index out of range');
      const e: GoValue = item[x];
      item = item instanceof Uint8Array ? BigInt(e as number) : (e ?? null);
    } else if (isGoMap(item)) {
      if (idx === undefined) throw new Error('value is nil; should be of type string');
      if (typeof idx !== 'string') throw new Error(`value has type ${typeName(idx)}; should be string`);
      const v = mapGet(item, idx);
      item = v === NO_KEY ? null : v;
    } else {
      throw new Error(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

/** Go's slice builtin. Unlike index, it does not unwrap its indexes: one read from a map or a slice
 * element (`wrapped`) is an interface {} to it, and refused as such even when it holds an int. */
export function sliceOf(item: GoValue, indexes: GoValue[], wrapped: readonly boolean[]): GoValue {
  return slice(item, indexes, wrapped);
}

function slice(item: GoValue, indexes: GoValue[], wrapped: readonly boolean[]): GoValue {
  if (item === null || item === undefined) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let bytes: Buffer | null = null;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    if (!isAscii(item)) bytes = Buffer.from(item);
    cap = bytes ? bytes.length : item.length;
  } else if (Array.isArray(item) || item instanceof Uint8Array) {
    cap = item.length;
  } else {
    throw new Error(`can't slice item of type ${typeName(item)}`);
  }
  const idx = [0, cap, 0];
  indexes.forEach((x, i) => {
    if (wrapped[i] && x !== undefined) throw new Error('cannot index slice/array with type interface {}');
    idx[i] = indexArg(x === null ? undefined : x, cap);
  });
  if (idx[0] > idx[1]) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') return bytes ? bytes.subarray(idx[0], idx[1]).toString() : item.slice(idx[0], idx[1]);
  return item.slice(idx[0], idx[1]);
}

function length(item: GoValue): GoValue {
  if (item === null) throw new Error('len of nil pointer');
  if (item === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  if (typeof item === 'string') return BigInt(byteLen(item));
  if (Array.isArray(item) || item instanceof Uint8Array) return BigInt(item.length);
  if (isGoMap(item)) return BigInt(Object.keys(item).length);
  throw new Error(`len of type ${typeName(item)}`);
}

/** evalArgs of html/js/urlquery: one string as is, anything else through Sprint (nil as <no value>). */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null || a === undefined ? '<no value>' : a)));
}

export function htmlEscape(s: string): string {
  if (!/['"&<>\0]/.test(s)) return s;
  return s.replace(/['"&<>\0]/g, (c) =>
    c === '"' ? '&#34;' : c === "'" ? '&#39;' : c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '\uFFFD');
}

const JS_ESC: Record<string, string> = {
  '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D',
};
export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    const e = JS_ESC[ch];
    if (e !== undefined) out += e;
    else if (r < 32) out += '\\u00' + r.toString(16).toUpperCase().padStart(2, '0');
    else if (r < 128) out += ch;
    else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch)) out += ch;
    else out += '\\u' + r.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (b === 32) out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}


export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['and', { params: [RV], variadic: RV, fn: unreachable }],
  ['or', { params: [RV], variadic: RV, fn: unreachable }],
  ['call', { params: [RV], variadic: RV, fn: unreachable }],
  ['not', { params: [RV], fn: (a) => !isTrue(a) }],
  ['len', { params: [RV], fn: length }],
  ['index', { params: [RV], variadic: RV, fn: index }],
  ['slice', { params: [RV], variadic: RV, fn: (item, ...x) => slice(item, x, []) }],
  ['html', { params: [], variadic: 'interface {}', fn: (...a) => htmlEscape(evalArgs(a)) }],
  ['js', { params: [], variadic: 'interface {}', fn: (...a) => jsEscape(evalArgs(a)) }],
  ['urlquery', { params: [], variadic: 'interface {}', fn: (...a) => queryEscape(evalArgs(a)) }],
  ['print', { params: [], variadic: 'interface {}', fn: (...a) => sprint(a) }],
  ['println', { params: [], variadic: 'interface {}', fn: (...a) => sprintln(a) }],
  ['printf', { params: ['string'], variadic: 'interface {}', fn: (f, ...a) => sprintf(f as string, a) }],
  ['eq', { params: [RV], variadic: RV, fn: (a, ...b) => cmp.eq(a, ...b) }],
  ['ne', { params: [RV, RV], fn: cmp.ne }],
  ['lt', { params: [RV, RV], fn: cmp.lt }],
  ['le', { params: [RV, RV], fn: cmp.le }],
  ['gt', { params: [RV, RV], fn: cmp.gt }],
  ['ge', { params: [RV, RV], fn: cmp.ge }],
]);
