// Sprig's string functions. Argument order follows Sprig (the subject last, for pipelines), and
// lengths count UTF-8 bytes where Go's do.
import type { FuncMap, GoFunc, GoValue } from '../value.ts';
import { isNil } from '../value.ts';
import { fromBin, sliceBytes, toBin } from './bytes.ts';
import { strslice, strval } from './conv.ts';
import { quoteGo, sprint, stringSlice } from './fmt.ts';
import { isSpace, isLower, isUpper, title } from './unicode.ts';
import { toLowerWords, toPascal } from './casing.ts';

const n = (v: GoValue): number => Number(v as bigint);
const s = (v: GoValue): string => v as string;

/** goutils.AbbreviateFull, on bytes. */
function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  if (str === '') return '';
  if (maxWidth < 4) return '';
  if (str.length <= maxWidth) return str;
  let off = Math.min(offset, str.length);
  if (str.length - off < maxWidth - 3) off = str.length - (maxWidth - 3);
  if (off <= 4) return str.slice(0, maxWidth - 3) + '...';
  if (maxWidth < 7) return '';
  if (off + maxWidth - 3 < str.length) return '...' + abbreviateFull(str.slice(off), 0, maxWidth - 3);
  return '...' + str.slice(str.length - (maxWidth - 3));
}

/** goutils.WrapCustom, on bytes: break at the last space that fits; long words optionally cut. */
export function wrapCustom(str: string, width: number, newline: string, wrapLongWords: boolean): string {
  if (str === '') return '';
  const nl = newline === '' ? '\n' : newline;
  const w = Math.max(width, 1);
  let offset = 0;
  let out = '';
  while (str.length - offset > w) {
    if (str[offset] === ' ') { offset++; continue; }
    const at = str.slice(offset, w + offset + 1).lastIndexOf(' ');
    if (at >= 0) {
      out += str.slice(offset, offset + at) + nl;
      offset += at + 1;
    } else if (wrapLongWords) {
      out += str.slice(offset, offset + w) + nl;
      offset += w;
    } else {
      const next = str.indexOf(' ', offset + w);
      if (next === -1) { out += str.slice(offset); offset = str.length; }
      else { out += str.slice(offset, next) + nl; offset = next + 1; }
    }
  }
  return out + str.slice(offset);
}

function indent(spaces: number, v: string): string {
  const pad = ' '.repeat(Math.max(spaces, 0));
  return pad + v.replaceAll('\n', '\n' + pad);
}

/** strings.Fields-free initials: the first byte of each whitespace-separated word (goutils). */
function initials(str: string): string {
  let out = '';
  let gap = true;
  for (const ch of str) {
    if (isSpace(ch)) gap = true;
    else if (gap) { out += ch; gap = false; }
  }
  return out;
}

function mapWords(str: string, f: (ch: string) => string): string {
  let out = '';
  let next = true;
  for (const ch of str) {
    if (isSpace(ch)) { next = true; out += ch; }
    else if (next) { out += f(ch); next = false; }
    else out += ch;
  }
  return out;
}

/** Go maps case rune by rune: a rune whose JS mapping is several characters (ß → SS) stays as it is. */
export function mapRunes(str: string, f: (ch: string) => string): string {
  if (/^[\x00-\x7f]*$/.test(str)) return f(str);
  let out = '';
  for (const ch of str) {
    const m = f(ch);
    out += [...m].length === 1 ? m : ch;
  }
  return out;
}

function swapCase(str: string): string {
  let out = '';
  for (const ch of str) {
    if (isUpper(ch)) out += mapRunes(ch, (c) => c.toLowerCase());
    else if (isLower(ch)) out += mapRunes(ch, (c) => c.toUpperCase());
    else out += ch;
  }
  return out;
}

function splitMap(parts: string[]): GoValue {
  const out: Record<string, GoValue> = {};
  parts.forEach((p, i) => { out[`_${i}`] = p; });
  return out;
}

/** strings.SplitN: n < 0 all, n == 0 none, else at most n parts; an empty separator splits UTF-8 sequences. */
export function splitN(str: string, sep: string, limit: number): string[] {
  if (limit === 0) return [];
  if (sep === '') {
    const chars = [...str];
    if (limit < 0 || limit >= chars.length) return chars;
    return [...chars.slice(0, limit - 1), chars.slice(limit - 1).join('')];
  }
  const parts = str.split(sep);
  if (limit < 0 || parts.length <= limit) return parts;
  return [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(sep)];
}

/** strings.Trim with a cutset (any of these characters, at both ends). */
export function trimCutset(str: string, cutset: string, left = true, right = true): string {
  const set = new Set(cutset);
  const chars = [...str];
  let a = 0;
  let b = chars.length;
  while (left && a < b && set.has(chars[a])) a++;
  while (right && b > a && set.has(chars[b - 1])) b--;
  return chars.slice(a, b).join('');
}

const trimSpace = (str: string): string => {
  const chars = [...str];
  let a = 0;
  let b = chars.length;
  while (a < b && isSpace(chars[a])) a++;
  while (b > a && isSpace(chars[b - 1])) b--;
  return chars.slice(a, b).join('');
};

export function stringFuncs(): FuncMap {
  return {
    abbrev: { params: ['int', 'string'], fn: (w, str) => (n(w) < 4 ? s(str) : fromBin(abbreviateFull(toBin(s(str)), 0, n(w)))) },
    abbrevboth: {
      params: ['int', 'int', 'string'],
      fn: (l, r, str) => (n(r) < 4 || (n(l) > 0 && n(r) < 7) ? s(str) : fromBin(abbreviateFull(toBin(s(str)), n(l), n(r)))),
    },
    trunc: {
      params: ['int', 'string'],
      fn: (c, str) => {
        const b = toBin(s(str));
        const k = n(c);
        if (k < 0 && b.length + k > 0) return fromBin(b.slice(b.length + k));
        if (k >= 0 && b.length > k) return fromBin(b.slice(0, k));
        return s(str);
      },
    },
    trim: { params: ['string'], fn: (str) => trimSpace(s(str)) },
    upper: { params: ['string'], fn: (str) => mapRunes(s(str), (c) => c.toUpperCase()) },
    lower: { params: ['string'], fn: (str) => mapRunes(s(str), (c) => c.toLowerCase()) },
    title: { params: ['string'], fn: (str) => title(s(str)) },
    untitle: { params: ['string'], fn: (str) => mapWords(s(str), (c) => mapRunes(c, (x) => x.toLowerCase())) },
    substr: {
      params: ['int', 'int', 'string'],
      fn: (a, b, str) => {
        const start = n(a);
        const end = n(b);
        const len = toBin(s(str)).length;
        if (start < 0) return sliceBytes(s(str), undefined, end);
        if (end < 0 || end > len) return sliceBytes(s(str), start, undefined);
        return sliceBytes(s(str), start, end);
      },
    },
    repeat: {
      params: ['int', 'string'],
      fn: (c, str) => {
        if (n(c) < 0) throw new Error('strings: negative Repeat count');
        return s(str).repeat(n(c));
      },
    },
    trimall: { params: ['string', 'string'], fn: (a, b) => trimCutset(s(b), s(a)) },
    trimAll: { params: ['string', 'string'], fn: (a, b) => trimCutset(s(b), s(a)) },
    trimSuffix: { params: ['string', 'string'], fn: (a, b) => (s(a) !== '' && s(b).endsWith(s(a)) ? s(b).slice(0, -s(a).length) : s(b)) },
    trimPrefix: { params: ['string', 'string'], fn: (a, b) => (s(b).startsWith(s(a)) ? s(b).slice(s(a).length) : s(b)) },
    nospace: { params: ['string'], fn: (str) => [...s(str)].filter((c) => !isSpace(c)).join('') },
    initials: { params: ['string'], fn: (str) => initials(s(str)) },
    swapcase: { params: ['string'], fn: (str) => swapCase(s(str)) },
    wrap: { params: ['int', 'string'], fn: (l, str) => fromBin(wrapCustom(toBin(s(str)), n(l), '', false)) },
    wrapWith: { params: ['int', 'string', 'string'], fn: (l, sep, str) => fromBin(wrapCustom(toBin(s(str)), n(l), toBin(s(sep)), true)) },
    contains: { params: ['string', 'string'], fn: (sub, str) => s(str).includes(s(sub)) },
    hasPrefix: { params: ['string', 'string'], fn: (sub, str) => s(str).startsWith(s(sub)) },
    hasSuffix: { params: ['string', 'string'], fn: (sub, str) => s(str).endsWith(s(sub)) },
    quote: { params: [], variadic: 'interface {}', fn: (...xs) => xs.filter((x) => !isNil(x)).map((x) => quoteGo(strval(x))).join(' ') },
    squote: { params: [], variadic: 'interface {}', fn: (...xs) => xs.filter((x) => !isNil(x)).map((x) => `'${sprint(x)}'`).join(' ') },
    cat: { params: [], variadic: 'interface {}', fn: (...xs) => xs.filter((x) => !isNil(x)).map(sprint).join(' ') },
    indent: { params: ['int', 'string'], fn: (sp, v) => indent(n(sp), s(v)) },
    nindent: { params: ['int', 'string'], fn: (sp, v) => '\n' + indent(n(sp), s(v)) },
    replace: { params: ['string', 'string', 'string'], fn: (o, nw, src) => replaceAll(s(src), s(o), s(nw)) },
    plural: { params: ['string', 'string', 'int'], fn: (one, many, c) => (n(c) === 1 ? one : many) },
    toString: { params: ['interface {}'], fn: (v: GoValue) => strval(v) } satisfies GoFunc,
    toStrings: { params: ['interface {}'], fn: (v) => stringSlice(strslice(v)) },
    join: { params: ['string', 'interface {}'], fn: (sep, v) => strslice(v).join(s(sep)) },
    split: { params: ['string', 'string'], fn: (sep, str) => splitMap(splitN(s(str), s(sep), -1)) },
    splitList: { params: ['string', 'string'], fn: (sep, str) => stringSlice(splitN(s(str), s(sep), -1)) },
    snakecase: { params: ['string'], fn: (str) => toLowerWords(s(str), '_') },
    kebabcase: { params: ['string'], fn: (str) => toLowerWords(s(str), '-') },
    camelcase: { params: ['string'], fn: (str) => toPascal(s(str)) },
    splitn: { params: ['string', 'int', 'string'], fn: (sep, c, str) => splitMap(splitN(s(str), s(sep), n(c))) },
  };
}

/** strings.Replace(src, old, new, -1): an empty `old` inserts `new` between every UTF-8 sequence. */
function replaceAll(src: string, old: string, nw: string): string {
  if (old === '') return nw + [...src].join(nw) + (src === '' ? '' : nw);
  return src.split(old).join(nw);
}
