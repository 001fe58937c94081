import { describe, expect, it } from 'vitest';
import { chartOf } from '../chart/values.test.ts';
import { renderChart } from './render.ts';
import { DEFAULT_LIMITS, limitsFromEnv, parseSize, type RenderLimits } from './limits.ts';

const release = { name: 'rel', namespace: 'ns', revision: 1, isInstall: true, isUpgrade: false };
const tpl = (name: string, text: string) => ({ name: `templates/${name}`, data: Buffer.from(text) });

function renderError(templates: Array<{ name: string; data: Buffer }>, values: Record<string, unknown> = {}, limits?: RenderLimits): string {
  try {
    renderChart(chartOf({ name: 'demo', values, templates }), {}, { release, limits });
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('runaway templates', () => {
  it('an include that calls itself stops at the depth limit with a short call chain', () => {
    const msg = renderError([tpl('_h.tpl', '{{#define "loop"}}{{include "loop" this}}{{/define}}'), tpl('x.yaml', 'a: {{include "loop" this}}')]);
    expect(msg).toMatch(/demo\/templates\/x\.yaml:1:\d+: include "loop": nested deeper than 100 levels \(demo\/templates\/x\.yaml → loop → loop → … \(98 more\) → loop\): a template that calls itself\?/);
    expect(msg).not.toMatch(/included from/);
    expect(msg.length).toBeLessThan(300);
  });
  it('mutual recursion through two defines names both', () => {
    const msg = renderError([tpl('_h.tpl', '{{#define "a"}}{{include "b" this}}{{/define}}{{#define "b"}}{{include "a" this}}{{/define}}'), tpl('x.yaml', 'a: {{include "a" this}}')]);
    expect(msg).toMatch(/nested deeper than 100 levels \(demo\/templates\/x\.yaml → a → b → …/);
  });
  it('a tpl string that renders itself stops the same way, in one short line', () => {
    const msg = renderError([tpl('x.yaml', 'a: {{tpl Values.t this}}')], { t: '{{tpl Values.t this}}' });
    expect(msg).toMatch(/demo\/templates\/x\.yaml:1:\d+: tpl: nested deeper than 100 levels \(demo\/templates\/x\.yaml → tpl "\{\{tpl Values\.t this\}\}" → /);
    expect(msg.length).toBeLessThan(400);
    expect(msg).not.toMatch(/Maximum call stack|Stack overflow/);
  });
  it('the depth limit is configurable', () => {
    const chain = [tpl('_h.tpl', '{{#define "d1"}}{{include "d2" this}}{{/define}}{{#define "d2"}}{{include "d3" this}}{{/define}}{{#define "d3"}}x{{/define}}'), tpl('x.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "{{include "d1" this}}"')];
    expect(renderError(chain, {}, { ...DEFAULT_LIMITS, maxDepth: 3 })).toBe('no error');
    expect(renderError(chain, {}, { ...DEFAULT_LIMITS, maxDepth: 2 })).toMatch(/include "d3": nested deeper than 2 levels \(demo\/templates\/x\.yaml → d1 → d2 → d3\)/);
  });
  it('nested loops that would produce 1e8 lines stop at the output limit, naming the template', () => {
    const n = Array.from({ length: 10_000 }, (_, i) => i);
    const msg = renderError([tpl('x.yaml', 'a:\n{{#each Values.n}}{{#each @root.Values.n}}- {{this}}\n{{/each}}{{/each}}')], { n }, { ...DEFAULT_LIMITS, maxOutput: 4 * 1024 * 1024 });
    expect(msg).toMatch(/demo\/templates\/x\.yaml:2:\d+: each: output larger than 4 MiB \(a loop multiplying output\?\); raise the limit with HULL_MAX_RENDER_OUTPUT=<size>/);
  });
  it('the default limit stops the same loop well before memory runs out', () => {
    const n = Array.from({ length: 10_000 }, (_, i) => i);
    const before = process.memoryUsage().rss;
    const msg = renderError([tpl('x.yaml', 'a:\n{{#each Values.n}}{{#each @root.Values.n}}- {{this}}\n{{/each}}{{/each}}')], { n });
    expect(msg).toMatch(/each: output larger than 16 MiB/);
    expect(process.memoryUsage().rss - before).toBeLessThan(1024 * 1024 * 1024);
  }, 20_000);
  it('one huge template without loops is refused too', () => {
    const msg = renderError([tpl('x.yaml', `a: "${'x'.repeat(2000)}"`)], {}, { ...DEFAULT_LIMITS, maxOutput: 1000 });
    expect(msg).toMatch(/demo\/templates\/x\.yaml: demo\/templates\/x\.yaml: output larger than 1000 characters|x\.yaml.*output larger than 1000 characters/);
  });
  it('many templates together are held to the same limit, naming the one that crossed it', () => {
    const big = (n: string) => tpl(n, `a: "${'x'.repeat(600)}"`);
    expect(renderError([big('a.yaml'), big('b.yaml')], {}, { ...DEFAULT_LIMITS, maxOutput: 1000 })).toMatch(/demo\/templates\/b\.yaml: all templates together: output larger than 1000 characters/);
  });
  it('reads the limit from HULL_MAX_RENDER_OUTPUT and refuses a bad size', () => {
    expect(limitsFromEnv({ HULL_MAX_RENDER_OUTPUT: '128Mi' }).maxOutput).toBe(128 * 1024 * 1024);
    expect(limitsFromEnv({}).maxOutput).toBe(DEFAULT_LIMITS.maxOutput);
    expect(() => parseSize('lots', 'HULL_MAX_RENDER_OUTPUT')).toThrow(/HULL_MAX_RENDER_OUTPUT: "lots" is not a size/);
  });
});

describe('helper arguments of the wrong type', () => {
  it('indent "four" is an error, not silently no indentation', () => {
    expect(renderError([tpl('x.yaml', 'a: {{indent "four" "x"}}')])).toMatch(/x\.yaml:1:\d+: indent: the width must be a whole number, got "four" \(string\)/);
    expect(renderError([tpl('x.yaml', 'a: {{nindent 2.5 "x"}}')])).toMatch(/nindent: the width must be a whole number, got 2\.5/);
    expect(renderError([tpl('x.yaml', 'a: {{trunc "3" "xyz"}}')])).toMatch(/trunc: the width must be a whole number/);
  });
  it('a width far too large is refused in words, not "Invalid string length"', () => {
    expect(renderError([tpl('x.yaml', 'a: {{indent 999999999 "x"}}')])).toMatch(/indent: width 999999999 too large \(at most 100000\)/);
    expect(renderError([tpl('x.yaml', 'a: {{printf "%999999999d" 1}}')])).toMatch(/printf: width 999999999 too large in "%999999999d"/);
    expect(renderError([tpl('x.yaml', 'a: {{printf 5}}')])).toMatch(/printf: the format must be a string, got number/);
  });
});
