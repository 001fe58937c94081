// Sprig's regex functions with Go's regexp: RE2 syntax and error texts (re2js is a port of Go's
// regexp/syntax), and Go's iteration rules — an empty match right after a match is skipped, `$1x` in
// a replacement names group "1x", a missing group expands to nothing.
import type { RE2JS } from 're2js';
import { re2js } from './lazy.ts';
import type { FuncMap, GoValue } from '../value.ts';
import { stringSlice } from './fmt.ts';

const cache = new Map<string, RE2JS>();

/** regexp.Compile; throws Go's "error parsing regexp: …" text. */
function compile(expr: string): RE2JS {
  let re = cache.get(expr);
  if (!re) {
    re = re2js().RE2JS.compile(expr);
    if (cache.size > 500) cache.clear();
    cache.set(expr, re);
  }
  return re;
}

/** regexp.MustCompile's panic text, which is what the non-must variants report. */
function mustCompile(expr: string): RE2JS {
  try {
    return compile(expr);
  } catch (e) {
    throw new Error(`regexp: Compile(${goBackquote(expr)}): ${(e as Error).message}`);
  }
}

/** strconv.Quote with backquotes when possible, as regexp.quote does. */
function goBackquote(s: string): string {
  return !s.includes('`') && !/[\x00-\x08\x0a-\x1f\x7f]/.test(s) ? '`' + s + '`' : JSON.stringify(s);
}

type Match = number[]; // [start, end, g1start, g1end, …], -1 for a group that did not take part

/** Go's allMatches: successive non-overlapping matches, at most n (n < 0: all). */
function allMatches(re: RE2JS, s: string, n: number): Match[] {
  const out: Match[] = [];
  const m = re.matcher(s);
  const groups = re.groupCount();
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length) {
    if (!m.find(pos)) break;
    const start = m.start();
    const end = m.end();
    let accept = true;
    if (end === pos && start === end) {
      if (start === prevEnd) accept = false;
      const cp = s.codePointAt(pos);
      pos += cp === undefined ? 1 : cp > 0xffff ? 2 : 1;
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) {
      const match: Match = [start, end];
      for (let g = 1; g <= groups; g++) {
        const gs = m.start(g);
        match.push(gs, gs < 0 ? -1 : m.end(g));
      }
      out.push(match);
    }
  }
  return out;
}

const NAME = /^[\p{L}\p{Nd}_]+/u;

/** Regexp.Expand for ReplaceAllString's template. */
function expand(re: RE2JS, template: string, src: string, match: Match): string {
  let out = '';
  let t = template;
  const names = re.namedGroups();
  for (;;) {
    const i = t.indexOf('$');
    if (i < 0) break;
    out += t.slice(0, i);
    t = t.slice(i + 1);
    if (t.startsWith('$')) { out += '$'; t = t.slice(1); continue; }
    let name: string | undefined;
    if (t.startsWith('{')) {
      const close = t.indexOf('}');
      const inner = close > 0 ? t.slice(1, close) : '';
      if (close > 0 && NAME.exec(inner)?.[0] === inner) { name = inner; t = t.slice(close + 1); }
    } else {
      const m = NAME.exec(t);
      if (m) { name = m[0]; t = t.slice(name.length); }
    }
    if (name === undefined) { out += '$'; continue; }
    let num = -1;
    if (/^[0-9]+$/.test(name)) num = name.length > 8 ? -1 : Number(name);
    else if (names[name] !== undefined) num = names[name];
    if (num >= 0 && 2 * num + 1 < match.length && match[2 * num] >= 0) out += src.slice(match[2 * num], match[2 * num + 1]);
  }
  return out + t;
}

function replaceAll(re: RE2JS, src: string, repl: (m: Match) => string): string {
  let out = '';
  let last = 0;
  for (const m of allMatches(re, src, -1)) {
    out += src.slice(last, m[0]) + repl(m);
    last = m[1];
  }
  return out + src.slice(last);
}

function split(re: RE2JS, s: string, n: number): string[] {
  if (n === 0) return [];
  if (re.pattern().length > 0 && s.length === 0) return [''];
  const parts: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of allMatches(re, s, n)) {
    if (n > 0 && parts.length === n - 1) break;
    end = m[0];
    if (m[1] !== 0) parts.push(s.slice(beg, end));
    beg = m[1];
  }
  if (end !== s.length) parts.push(s.slice(beg));
  return parts;
}

/** regexp.QuoteMeta. */
const quoteMeta = (s: string): string => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

type Op = (re: RE2JS, ...args: string[]) => GoValue;

const OPS: Record<string, { params: number; op: Op; onError?: GoValue }> = {
  regexMatch: { params: 1, op: (re, s) => re.matcher(s).find(), onError: false },
  regexFindAll: { params: 2, op: (re, s, n) => stringSlice(allMatches(re, s, Number(n)).map((m) => s.slice(m[0], m[1]))) },
  regexFind: { params: 1, op: (re, s) => { const m = allMatches(re, s, 1)[0]; return m ? s.slice(m[0], m[1]) : ''; } },
  regexReplaceAll: { params: 2, op: (re, s, r) => replaceAll(re, s, (m) => expand(re, r, s, m)) },
  regexReplaceAllLiteral: { params: 2, op: (re, s, r) => replaceAll(re, s, () => r) },
  regexSplit: { params: 2, op: (re, s, n) => stringSlice(split(re, s, Number(n))) },
};

export function regexFuncs(): FuncMap {
  const out: FuncMap = { regexQuoteMeta: { params: ['string'], fn: (s) => quoteMeta(s as string) } };
  for (const [name, { params, op, onError }] of Object.entries(OPS)) {
    const types = ['string', 'string', ...(params === 2 ? [name === 'regexFindAll' || name === 'regexSplit' ? 'int' : 'string'] : [])] as FuncMap[string]['params'];
    const call = (strict: boolean) => (...args: GoValue[]): GoValue => {
      const rest = args.slice(1).map((a) => (typeof a === 'bigint' ? a.toString() : (a as string)));
      let re: RE2JS;
      if (strict) re = compile(args[0] as string);
      else if (onError !== undefined) {
        try { re = compile(args[0] as string); } catch { return onError; }
      } else re = mustCompile(args[0] as string);
      return op(re, ...rest);
    };
    out[name] = { params: types, fn: call(false) };
    out['must' + name[0].toUpperCase() + name.slice(1)] = { params: types, fn: call(true) };
  }
  return out;
}
