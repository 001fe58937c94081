// Helm's toToml/fromToml: BurntSushi/toml's encoder layout (plain keys first, then [tables] with
// two-space indentation per level, [[arrays of tables]], floats always with a decimal point) and a
// decoder whose integers are int64 and floats float64.
import { smolToml } from './lazy.ts';
import { isGoMap, isGoStruct, isNil, type GoMap, type GoValue } from '../value.ts';
import { formatFloat } from './fmt.ts';
import { byteOrder } from './lists.ts';
import { formatTime, timeOf, timeValue, UTC } from './gotime.ts';

const INDENT = '  ';
const BARE = /^[A-Za-z0-9_-]+$/;

function quote(s: string): string {
  return '"' + s.replace(/[\x00-\x1f\x7f"\\]/g, (c) => {
    switch (c) {
      case '"': return '\\"';
      case '\\': return '\\\\';
      case '\b': return '\\b';
      case '\t': return '\\t';
      case '\n': return '\\n';
      case '\f': return '\\f';
      case '\r': return '\\r';
    }
    return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
  }) + '"';
}

const keyText = (k: string): string => (k === '' ? '""' : BARE.test(k) ? k : quote(k));
const pathText = (path: string[]): string => path.map(keyText).join('.');

type TomlType = 'table' | 'tableArray' | 'other' | 'nil';

function typeOf(v: GoValue): TomlType {
  if (isNil(v)) return 'nil';
  if (isGoMap(v)) return 'table';
  if (Array.isArray(v) && v.length > 0) {
    let all = true;
    for (const x of v) {
      const t = typeOf(x);
      if (t === 'nil') throw new Error('toml: cannot encode array with nil element');
      if (t !== 'table') all = false;
    }
    return all ? 'tableArray' : 'other';
  }
  return 'other';
}

class Encoder {
  out = '';

  private newline(): void {
    if (this.out !== '') this.out += '\n';
  }

  element(v: GoValue): string {
    if (typeof v === 'string') return quote(v);
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return 'nan';
      if (!Number.isFinite(v)) return v < 0 ? '-inf' : 'inf';
      const s = formatFloat(v);
      return /[.e]/.test(s) ? s : s + '.0';
    }
    if (v instanceof Uint8Array) return `[${Array.from(v).join(', ')}]`;
    if (Array.isArray(v)) return `[${v.map((x) => this.element(x)).join(', ')}]`;
    const t = timeOf(v);
    if (t) return formatTime(t, '2006-01-02T15:04:05.999999999Z07:00');
    if (isGoMap(v)) return this.inline(v);
    if (isGoStruct(v)) return '{}';
    throw new Error(`toml: unexpected type: ${typeof v}`);
  }

  private inline(m: GoMap): string {
    const direct: string[] = [];
    const sub: string[] = [];
    for (const k of Object.keys(m)) (['table', 'tableArray'].includes(typeOf(m[k])) ? sub : direct).push(k);
    const parts: string[] = [];
    for (const k of [...direct.sort(byteOrder), ...sub.sort(byteOrder)]) if (!isNil(m[k])) parts.push(`${keyText(k)} = ${this.element(m[k])}`);
    return '{' + parts.join(', ') + '}';
  }

  encode(path: string[], v: GoValue): void {
    const t = typeOf(v);
    if (t === 'nil') return;
    if (t === 'table') return this.table(path, v as GoMap);
    if (t === 'tableArray') {
      if (path.length === 0) throw new Error('toml: top-level values must be Go maps or structs');
      for (const m of v as GoMap[]) {
        this.newline();
        this.out += `${INDENT.repeat(path.length - 1)}[[${pathText(path)}]]`;
        this.newline();
        this.map(path, m);
      }
      return;
    }
    if (path.length === 0) {
      this.out += this.element(v);
      return;
    }
    this.out += `${INDENT.repeat(path.length - 1)}${keyText(path[path.length - 1])} = ${this.element(v)}`;
    this.newline();
  }

  private table(path: string[], m: GoMap): void {
    if (path.length === 1) this.newline();
    if (path.length > 0) {
      this.out += `${INDENT.repeat(path.length - 1)}[${pathText(path)}]`;
      this.newline();
    }
    this.map(path, m);
  }

  private map(path: string[], m: GoMap): void {
    const direct: string[] = [];
    const sub: string[] = [];
    for (const k of Object.keys(m)) (['table', 'tableArray'].includes(typeOf(m[k])) ? sub : direct).push(k);
    for (const k of direct.sort(byteOrder)) this.encode([...path, k], m[k]);
    for (const k of sub.sort(byteOrder)) this.encode([...path, k], m[k]);
  }
}

/** toml.NewEncoder(w).Encode(v); throws the encoder's error text. */
export function marshalToml(v: GoValue): string {
  const e = new Encoder();
  e.encode([], v);
  return e.out;
}

function fromTomlValue(v: unknown): GoValue {
  if (v instanceof Date) return timeValue({ ns: BigInt(v.getTime()) * 1_000_000n, zone: UTC });
  if (Array.isArray(v)) return v.map(fromTomlValue);
  if (v !== null && typeof v === 'object') {
    const out: GoMap = {};
    for (const [k, x] of Object.entries(v)) out[k] = fromTomlValue(x);
    return out;
  }
  return v as GoValue;
}

/** Helm's fromToml: a map, or {Error: message}. */
export function fromToml(text: string): GoMap {
  try {
    return fromTomlValue(smolToml().parse(text, { integersAsBigInt: true })) as GoMap;
  } catch (e) {
    return { Error: `toml: ${(e as Error).message.split('\n')[0]}` };
  }
}
