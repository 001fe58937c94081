// Helm's --set family, rule for rule (helm pkg/strvals), because scripts written for Helm must
// produce the same values: "a.b=c,list[0]=x,names={a,b},dotted\.key=v".
// - keys stop at = [ , . ; a backslash makes the next character literal (not for --set-literal);
// - --set types a value: true/false/null in any case, int64 integers (as bigint, so 19 digits
//   survive; "+1" is 1, "007" and "1_000" stay strings), everything else a string;
// - --set-string keeps strings, --set-file reads the named file, --set-json decodes one JSON value
//   (an empty one is null), --set-literal takes the whole rest of the expression as the string;
// - an expression is parsed INTO the values built so far, so setting a key below a scalar is an
//   error (Helm fails the same way), and a list index grows the list with nulls.
import { HullError } from '../errors.ts';
import { isPlainObject, isUnsafeKey } from './yaml.ts';

export type SetKind = 'set' | 'string' | 'json' | 'file' | 'literal';
type Values = Record<string, unknown>;

/** Helm caps list indexes so "a[99999999]=x" cannot allocate a giant list, and key nesting at 30. */
const MAX_INDEX = 65536;
const MAX_NESTING = 30;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const FLAG: Record<SetKind, string> = { set: '--set', string: '--set-string', json: '--set-json', file: '--set-file', literal: '--set-literal' };

/** Thrown inside the parser; applySet turns it into one HullError naming the flag and expression. */
class ParseError extends Error {}
/** The end of the expression, which ends a key list normally (Go's io.EOF). */
const EOF = Symbol('eof');

/** --set typing: exactly Helm's (strings.EqualFold for the words, strconv.ParseInt for integers). */
export function typedValue(s: string): unknown {
  const lower = s.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (s === '0') return 0n;
  if (/^[+-]?\d+$/.test(s) && s[0] !== '0') {
    const n = BigInt(s);
    if (n >= INT64_MIN && n <= INT64_MAX) return n;
  }
  return s;
}

/** Go's %q-ish quoting for messages. */
const q = (s: string) => JSON.stringify(s);

function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'a list';
  if (isPlainObject(v)) return 'a map';
  if (typeof v === 'bigint') return 'an integer';
  return `a ${typeof v}`;
}

class Parser {
  private pos = 0;
  private readonly runes: string[];
  private readonly kind: SetKind;
  private readonly readFile: (p: string) => string;

  constructor(text: string, kind: SetKind, readFile: (p: string) => string) {
    this.runes = [...text];
    this.kind = kind;
    this.readFile = readFile;
  }

  parseInto(data: Values): void {
    for (;;) {
      const r = this.key(data, 0);
      if (r === EOF) return;
    }
  }

  private next(): string | undefined {
    return this.pos < this.runes.length ? this.runes[this.pos++] : undefined;
  }

  /** Reads up to (not returning) a stop character; `undefined` as the stop means the end was reached. */
  private until(stops: string): { text: string; stop: string | undefined } {
    let text = '';
    for (;;) {
      const r = this.next();
      if (r === undefined) return { text, stop: undefined };
      if (stops.includes(r)) return { text, stop: r };
      if (r === '\\' && this.kind !== 'literal') {
        const esc = this.next();
        if (esc === undefined) return { text, stop: undefined };
        text += esc;
      } else text += r;
    }
  }

  private convert(raw: string): unknown {
    switch (this.kind) {
      case 'string':
      case 'literal':
        return raw;
      case 'file':
        return this.readFile(raw);
      default:
        return typedValue(raw);
    }
  }

  /** One key path and its value; EOF when the expression is used up. */
  private key(data: Values, depth: number): typeof EOF | void {
    const { text: k, stop } = this.until(this.kind === 'literal' ? '=[.' : '=[,.');
    if (stop === undefined) {
      if (k === '') return EOF;
      throw new ParseError(`key ${q(k)} has no value`);
    }
    if (k !== '' && isUnsafeKey(k)) throw new ParseError(`key ${q(k)} is not allowed`);
    if (stop === '[') {
      const i = this.index();
      const existing = data[k];
      if (existing !== undefined && !Array.isArray(existing)) throw new ParseError(`key ${q(k)} is ${goTypeName(existing)}, not a list`);
      const list = this.listItem(existing ? (existing as unknown[]) : [], i, depth);
      setKey(data, k, list);
      return;
    }
    if (stop === '=') return this.value((v) => setKey(data, k, v));
    if (stop === ',') throw new ParseError(`key ${q(k)} has no value (cannot end with ,)`);
    // '.'
    if (++depth > MAX_NESTING) throw new ParseError(`value name nested level is greater than maximum supported nested level of ${MAX_NESTING}`);
    const existing = data[k];
    if (existing !== undefined && !isPlainObject(existing)) throw new ParseError(`key ${q(k)} is ${goTypeName(existing)}, not a map`);
    const inner = (existing as Values | undefined) ?? {};
    const r = this.key(inner, depth);
    if (Object.keys(inner).length > 0) setKey(data, k, inner);
    else if (r !== EOF) throw new ParseError(`key map ${q(k)} has no value`);
    return r;
  }

  private index(): number {
    const { text, stop } = this.until(']');
    if (stop === undefined) throw new ParseError('error parsing index: missing "]"');
    if (!/^[+-]?\d+$/.test(text)) throw new ParseError(`error parsing index: ${q(text)} is not an integer`);
    const i = Number(text);
    if (i < 0) throw new ParseError(`negative ${i} index not allowed`);
    if (i > MAX_INDEX) throw new ParseError(`index of ${i} is greater than maximum supported index of ${MAX_INDEX}`);
    return i;
  }

  private listItem(list: unknown[], i: number, depth: number): unknown[] {
    const { text, stop } = this.until('[.=');
    if (text.length > 0) throw new ParseError(`unexpected data at end of array index: ${q(text)}`);
    // As Helm: "a[0]" with nothing after it leaves the list as it was.
    if (stop === undefined) return list;
    const out = [...list];
    while (out.length <= i) out.push(null);
    if (stop === '=') {
      this.value((v) => { out[i] = v; });
      return out;
    }
    if (stop === '[') {
      const j = this.index();
      const existing = out[i];
      if (existing !== null && existing !== undefined && !Array.isArray(existing)) throw new ParseError(`list item ${i} is ${goTypeName(existing)}, not a list`);
      out[i] = this.listItem((existing as unknown[] | null) ?? [], j, depth);
      return out;
    }
    // '.': a map in the list; anything else there is replaced (indexes given out of order).
    const inner = isPlainObject(out[i]) ? (out[i] as Values) : {};
    out[i] = inner;
    this.key(inner, depth);
    return out;
  }

  /** After "=": the value in this flag's syntax, handed to `put`; returns EOF at the end. */
  private value(put: (v: unknown) => void): typeof EOF | void {
    if (this.kind === 'literal') {
      put(this.runes.slice(this.pos).join(''));
      this.pos = this.runes.length;
      return;
    }
    if (this.kind === 'json') {
      if (this.emptyValue()) return put(null);
      put(this.jsonValue());
      this.emptyValue();
      return;
    }
    const first = this.next();
    if (first === undefined) {
      put('');
      return EOF;
    }
    if (first === '{') {
      put(this.braceList());
      return;
    }
    this.pos--;
    const { text, stop } = this.until(',');
    put(this.convert(text));
    return stop === undefined ? EOF : undefined;
  }

  /** "{a,b}": each item converted as a value; "}" may be followed by the "," ending the pair. */
  private braceList(): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const { text, stop } = this.until(',}');
      if (stop === undefined) throw new ParseError("list must terminate with '}'");
      out.push(this.convert(text));
      if (stop === '}') {
        if (this.runes[this.pos] === ',') this.pos++;
        return out;
      }
    }
  }

  /** Skips blanks; true (and the "," consumed) when no value follows. */
  private emptyValue(): boolean {
    for (;;) {
      const r = this.next();
      if (r === undefined || r === ',') return true;
      if (!/\s/u.test(r)) {
        this.pos--;
        return false;
      }
    }
  }

  /** One JSON value from here (Go's json.Decoder reads just one and reports where it stopped). */
  private jsonValue(): unknown {
    const start = this.pos;
    const end = jsonExtent(this.runes, start);
    const text = this.runes.slice(start, end).join('');
    try {
      const v = JSON.parse(text);
      this.pos = end;
      assertSafeKeys(v);
      return v;
    } catch (e) {
      if (e instanceof ParseError) throw e;
      throw new ParseError(`invalid JSON value ${q(text)}: ${(e as Error).message}`);
    }
  }
}

/** The end of the JSON value starting at `i`: strings and brackets matched, scalars by their characters. */
function jsonExtent(r: string[], i: number): number {
  const open = r[i];
  if (open === '"') {
    for (let j = i + 1; j < r.length; j++) {
      if (r[j] === '\\') j++;
      else if (r[j] === '"') return j + 1;
    }
    return r.length;
  }
  if (open === '{' || open === '[') {
    let depth = 0;
    for (let j = i; j < r.length; j++) {
      const c = r[j];
      if (c === '"') j = jsonExtent(r, j) - 1;
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) return j + 1;
    }
    return r.length;
  }
  const scalar = /[a-z]/.test(open ?? '') ? /[a-z]/ : /[-+0-9.eE]/;
  let j = i;
  while (j < r.length && scalar.test(r[j])) j++;
  return Math.max(j, i + 1);
}

function setKey(data: Values, k: string, v: unknown): void {
  // As Helm: an empty key ("=1", ".a=1") sets nothing.
  if (k !== '') data[k] = v;
}

function assertSafeKeys(v: unknown): void {
  if (Array.isArray(v)) v.forEach(assertSafeKeys);
  else if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) {
    if (isUnsafeKey(k)) throw new ParseError(`key ${q(k)} is not allowed`);
    assertSafeKeys(x);
  }
}

/** Merges `over` into `base` as Helm's loader.MergeMaps does (maps deeply, anything else replaced). */
export function mergeMaps(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (isUnsafeKey(k)) continue;
    out[k] = isPlainObject(v) && isPlainObject(out[k]) ? mergeMaps(out[k] as Values, v) : v;
  }
  return out;
}

/**
 * Applies one flag's expression onto `target` (mutated; for --set-json a whole JSON object may be
 * returned instead as a new map). Throws VALUES_INVALID naming the flag and the expression.
 */
export function applySet(target: Values, expr: string, kind: SetKind, readFile: (p: string) => string = () => ''): Values {
  try {
    const trimmed = expr.trim();
    if (kind === 'json' && trimmed.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(trimmed);
      } catch (e) {
        throw new ParseError(`not a JSON object: ${(e as Error).message}`);
      }
      if (!isPlainObject(parsed)) throw new ParseError('not a JSON object');
      assertSafeKeys(parsed);
      const merged = mergeMaps(target, parsed);
      for (const k of Object.keys(target)) delete target[k];
      Object.assign(target, merged);
      return target;
    }
    new Parser(expr, kind, readFile).parseInto(target);
    return target;
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    throw new HullError('VALUES_INVALID', `failed parsing ${FLAG[kind]} data ${q(expr)}: ${e.message}`);
  }
}
