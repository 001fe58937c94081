// The fast parser must build exactly Handlebars' AST (node shapes, locations, whitespace control),
// and leave to Handlebars everything it does not handle, syntax errors included.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { controlWhitespace, parse, parseFast } from './parse.ts';

/** Comparable form: locations reduced to their start, undefined properties dropped. */
function norm(n: unknown): unknown {
  if (Array.isArray(n)) return n.map(norm);
  if (!n || typeof n !== 'object') return n;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) {
    if (v === undefined) continue;
    if (k === 'loc') {
      if ((n as { type?: string }).type !== 'Program') out.loc = [(v as any).start.line, (v as any).start.column];
      continue;
    }
    out[k] = norm(v);
  }
  return out;
}

/** Same result as Handlebars (or left to it); returns whether the fast parser took it. */
function check(src: string): boolean {
  let ref: unknown;
  let refError: unknown;
  try {
    ref = Handlebars.parseWithoutProcessing(src);
  } catch (e) {
    refError = e;
  }
  const mine = parseFast(src);
  if (!mine) return false;
  expect(refError, `accepted what Handlebars refuses: ${JSON.stringify(src)}`).toBeUndefined();
  expect(norm(mine), JSON.stringify(src)).toEqual(norm(ref));
  expect(norm(controlWhitespace(mine)), JSON.stringify(src)).toEqual(norm(Handlebars.parse(src)));
  // Handlebars' compile step runs the whitespace pass again on the parsed tree.
  expect(norm(controlWhitespace(mine)), JSON.stringify(src)).toEqual(norm(Handlebars.parse(Handlebars.parse(src) as never)));
  return true;
}

const ROOT = join(import.meta.dirname, '..', '..');
function templates(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) templates(p, out);
    else if (p.includes('/templates/')) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

describe('fast template parser', () => {
  it('parses the example charts as Handlebars does', () => {
    const all = templates(join(ROOT, 'charts'));
    expect(all.length).toBeGreaterThan(10);
    for (const src of all) expect(check(src)).toBe(true);
  });

  it('handles the syntax corners as Handlebars does', () => {
    const cases = [
      '', 'plain', '{{a}}', '{{{a}}}', '{{&a}}', '{{~a~}}', '{{~{a}~}}', '{{a.b/c}}', '{{./a}}', '{{../a}}', '{{this}}', '{{.}}',
      '{{this.a}}', '{{[a b].c}}', '{{a.[0]}}', '{{[a\\]b]}}', '{{@index}}', '{{@../key}}', '{{@root.a}}', '{{"s"}}', "{{'s'}}",
      '{{"a\\"b"}}', '{{1}}', '{{-1.5}}', '{{true}}', '{{false}}', '{{null}}', '{{undefined}}', '{{f a "b" 1 true null undefined}}',
      '{{f (g a) k=v j=(h 1)}}', '{{f a k = v}}', '{{truex}}', '{{nullish}}', '{{12ab}}', '{{as}}', '{{else}}', '{{elsewhere}}',
      '{{#if a}}x{{/if}}', '{{#if a}}x{{else}}y{{/if}}', '{{#if a}}x{{else if b}}y{{else}}z{{/if}}', '{{#if a}}x{{else if b}}y{{/if}}',
      '{{#if a}}1{{else if b}}2{{else if c}}3{{else}}4{{/if}}', '{{#each l as |x i|}}{{x}}{{/each}}', '{{#with a as |b|}}{{b}}{{/with}}',
      '{{~#if a~}}\n  x\n{{~else~}}\n  y\n{{~/if~}}', 'a\n  {{#if a}}\n  b\n  {{/if}}\n', 'a\r\n{{#if a}}\r\nb\r\n{{/if}}\r\n',
      '{{#if a}}\n{{#if b}}\nx\n{{/if}}\n{{/if}}', '  {{! c }}\n', '{{!-- a }} b --}}', '{{~!-- x --~}}', '{{!--}}', '{{! a }}{{b}}',
      'x\u2028{{a}}\u2029\r{{b}}', '{{a}}\n{{#b}}\n{{/b}}', '{{#a.b}}x{{/a.b}}', '{{#"a"}}x{{/"a"}}', '{{#define "n"}}\n  a: {{b}}\n{{/define}}',
      // refused by Handlebars, or left to it
      '{{a', '{{#if a}}', '{{/if}}', '{{#if a}}{{/each}}', '{{a b=c d}}', '{{a.this}}', '{{a}', '{{a}}}', '{{{a}}', '{{> p}}', '{{#> p}}x{{/p}}',
      '{{^}}', '{{^a}}x{{/a}}', '{{{{raw}}}} {{x}} {{{{/raw}}}}', '\\{{a}}', '\\\\{{a}}', '{{*d}}', '{{#*inline "x"}}y{{/inline}}', 'a\x00b',
      '{{a as |x|}}', '{{#a as |[x]|}}{{/a}}', '{{#a as ||}}{{/a}}', '{{!-- x', '{{a "b}}', '{{a=b}}', '{{(a)}}', '{{a (b}}', '{{a ~}}',
    ];
    for (const c of cases) check(c);
  });

  it('matches Handlebars on generated templates', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const pick = <T,>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
    const ws = () => pick(['', '', ' ', '\n', ' \n  ', '\t', '\r\n', '\n\n']);
    const names = ['a', 'a.b', 'this', 'this.a', '.', '..', '../a', '@index', '@root.x', '[a b]', 'true', 'null', '1', '-2.5', '"s"', "'q'", 'x=1', 'as', 'else', '1a', 'a.'];
    const expr = (d: number): string => (d > 1 || rnd() < 0.6 ? pick(names) : `(${pick(names)} ${expr(d + 1)})`);
    const tl = () => pick(['', '', '~']);
    const stmt = (d: number): string => {
      const r = rnd();
      if (r < 0.3) return pick(['text', 'k: v', '  ', '\n', 'x\n  ', '}}', '{', '']);
      if (r < 0.6) return `{{${tl()}${pick(['', '', '{', '&'])}${expr(0)}${rnd() < 0.4 ? ' ' + expr(0) : ''}${tl()}}}`;
      if (r < 0.66) return pick([`{{${tl()}! c ${tl()}}}`, '{{!-- c }} --}}', '{{> p}}', '{{^}}', '{{else}}', '{{a b=c d}}']);
      if (d > 2) return ws();
      const h = pick(['if', 'each', 'with', 'a.b']);
      let s = `{{${tl()}#${h} ${expr(0)}${tl()}}}` + body(d + 1);
      if (rnd() < 0.3) s += `{{${tl()}else${tl()}}}` + body(d + 1);
      else if (rnd() < 0.3) s += `{{${tl()}else if ${expr(0)}${tl()}}}` + body(d + 1);
      return s + `{{${tl()}/${rnd() < 0.95 ? h : 'x'}${tl()}}}`;
    };
    const body = (d: number) => Array.from({ length: Math.floor(rnd() * 5) }, () => ws() + stmt(d)).join('') + ws();
    let taken = 0;
    for (let i = 0; i < 1500; i++) if (check(body(0))) taken++;
    expect(taken).toBeGreaterThan(400);
  });

  it('keeps Handlebars syntax errors', () => {
    expect(() => parse('a: 1\nb: {{#if Values.x}}\n')).toThrow(/Parse error on line 3/);
    expect(() => parse('{{#if a}}{{/each}}')).toThrow(/if doesn't match each/);
  });
});
