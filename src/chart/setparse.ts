// Helm's --set syntax: "a.b=c,list[0]=x,names={a,b},dotted\.key=v", with "\," and "\." escapes.
// Each flag kind decides how a value string becomes a value (typed, string, JSON, file content).
import { HullError } from '../errors.ts';
import { isPlainObject, isUnsafeKey } from './yaml.ts';

export type SetKind = 'set' | 'string' | 'json' | 'file';
type Values = Record<string, unknown>;
type Segment = { key: string } | { index: number };

/** Helm caps list indexes so "a[99999999]=x" cannot allocate a giant list. */
const MAX_INDEX = 65536;

function fail(expr: string, why: string): never {
  throw new HullError('VALUES_INVALID', `invalid --set expression "${expr}": ${why}`);
}

/** --set typing: booleans, null and plain integers become typed; everything else stays a string. */
export function typedValue(s: string): unknown {
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s === 'null') return null;
  if (/^-?(0|[1-9]\d{0,15})$/.test(s)) return Number(s);
  return s;
}

function parseKey(raw: string, expr: string): Segment[] {
  const segs: Segment[] = [];
  let cur = '';
  let i = 0;
  const pushKey = () => {
    if (cur === '') fail(expr, 'empty key');
    if (isUnsafeKey(cur)) fail(expr, `key "${cur}" is not allowed`);
    segs.push({ key: cur });
    cur = '';
  };
  while (i < raw.length) {
    const c = raw[i];
    if (c === '\\' && i + 1 < raw.length) { cur += raw[i + 1]; i += 2; continue; }
    if (c === '.') { if (cur !== '' || segs.length === 0 || !('index' in segs[segs.length - 1])) pushKey(); i++; continue; }
    if (c === '[') {
      if (cur !== '') pushKey();
      else if (segs.length === 0) fail(expr, 'a key must come before [index]');
      const end = raw.indexOf(']', i);
      if (end === -1) fail(expr, 'missing "]"');
      const idx = raw.slice(i + 1, end);
      if (!/^\d+$/.test(idx)) fail(expr, `list index "${idx}" is not a non-negative integer`);
      const n = Number(idx);
      if (n > MAX_INDEX) fail(expr, `list index ${n} is larger than ${MAX_INDEX}`);
      segs.push({ index: n });
      i = end + 1;
      continue;
    }
    cur += c;
    i++;
  }
  if (cur !== '') pushKey();
  if (segs.length === 0) fail(expr, 'empty key');
  return segs;
}

function assign(root: Values, segs: Segment[], value: unknown): void {
  let node: unknown = root;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const last = i === segs.length - 1;
    const next = segs[i + 1];
    const fresh = () => (next && 'index' in next ? [] : {});
    if ('key' in seg) {
      const obj = node as Values;
      if (last) { obj[seg.key] = value; return; }
      const child = obj[seg.key];
      const ok = next && 'index' in next ? Array.isArray(child) : isPlainObject(child);
      if (!ok) obj[seg.key] = fresh();
      node = obj[seg.key];
    } else {
      const arr = node as unknown[];
      while (arr.length <= seg.index) arr.push(null);
      if (last) { arr[seg.index] = value; return; }
      const child = arr[seg.index];
      const ok = next && 'index' in next ? Array.isArray(child) : isPlainObject(child);
      if (!ok) arr[seg.index] = fresh();
      node = arr[seg.index];
    }
  }
}

/** Splits at unescaped commas outside {...}; escapes are kept for the later stages. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) { cur += c + s[i + 1]; i++; continue; }
    if (c === '{') depth++;
    if (c === '}') depth = Math.max(0, depth - 1);
    if (c === ',' && depth === 0) { out.push(cur); cur = ''; continue; }
    cur += c;
  }
  out.push(cur);
  return out;
}

const unescape = (s: string) => s.replace(/\\(.)/g, '$1');

function scalar(raw: string, kind: SetKind, readFile: (p: string) => string): unknown {
  if (kind === 'file') return readFile(unescape(raw));
  if (kind === 'string') return unescape(raw);
  return typedValue(unescape(raw));
}

/** For --set-json the value is JSON, which may itself contain commas: take the shortest valid prefix. */
function takeJson(rest: string, expr: string): [unknown, string] {
  for (let i = 0; i <= rest.length; i++) {
    if (i < rest.length && rest[i] !== ',') continue;
    try {
      return [JSON.parse(rest.slice(0, i)), rest.slice(i + 1)];
    } catch { /* keep looking for a later comma */ }
  }
  fail(expr, 'value is not valid JSON');
}

/** Applies one flag's expression (possibly a comma list) onto `target`. */
export function applySet(target: Values, expr: string, kind: SetKind, readFile: (p: string) => string = () => ''): void {
  if (kind === 'json') {
    let rest = expr;
    while (rest.length > 0) {
      const eq = rest.indexOf('=');
      if (eq === -1) fail(expr, 'expected key=value');
      const [value, after] = takeJson(rest.slice(eq + 1), expr);
      assertSafe(value, expr);
      assign(target, parseKey(rest.slice(0, eq), expr), value);
      rest = after;
    }
    return;
  }
  for (const part of splitTop(expr)) {
    if (part === '') continue;
    const eq = findUnescaped(part, '=');
    if (eq === -1) fail(expr, `"${part}" is not key=value`);
    const segs = parseKey(part.slice(0, eq), expr);
    const raw = part.slice(eq + 1);
    if (kind !== 'file' && raw.startsWith('{') && raw.endsWith('}')) {
      const inner = raw.slice(1, -1);
      assign(target, segs, inner === '' ? [] : splitTop(inner).map((x) => scalar(x, kind, readFile)));
    } else assign(target, segs, scalar(raw, kind, readFile));
  }
}

function findUnescaped(s: string, ch: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') { i++; continue; }
    if (s[i] === ch) return i;
  }
  return -1;
}

function assertSafe(v: unknown, expr: string): void {
  if (Array.isArray(v)) v.forEach((x) => assertSafe(x, expr));
  else if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) {
    if (isUnsafeKey(k)) fail(expr, `key "${k}" is not allowed`);
    assertSafe(x, expr);
  }
}
