// The TemplateSet API as Helm uses it: one namespace of defines across files (later wins, an empty
// body never replaces), clones for tpl, functions added after construction, and our limits.
import { describe, expect, it } from 'vitest';
import { GoTemplateError, TemplateSet, withMethods } from './index.ts';
import { testFuncs } from './testcases.ts';

const errorOf = (f: () => unknown): GoTemplateError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GoTemplateError);
    return e as GoTemplateError;
  }
  throw new Error('expected an error');
};

describe('TemplateSet', () => {
  it('shares defines across files; a later definition wins; an empty one does not replace', () => {
    const s = new TemplateSet(testFuncs);
    s.parse('c/templates/_a.tpl', '{{ define "n" }}first{{ end }}');
    s.parse('c/templates/_b.tpl', '{{ define "n" }}second{{ end }}{{ define "n2" }}x{{ end }}');
    s.parse('c/templates/_c.tpl', '{{ define "n2" }}  {{ end }}');
    s.parse('c/templates/x.yaml', 'a: {{ template "n" }} {{ template "n2" }}');
    expect(s.execute('c/templates/x.yaml', {})).toBe('a: second x');
    expect(s.has('n')).toBe(true);
    expect(s.names().sort()).toEqual(['c/templates/_a.tpl', 'c/templates/_b.tpl', 'c/templates/_c.tpl', 'c/templates/x.yaml', 'n', 'n2']);
  });

  it('reports the file and the define in execution errors', () => {
    const s = new TemplateSet(testFuncs, { missingKey: 'zero' });
    s.parse('c/templates/_h.tpl', '{{ define "c.name" }}\n  {{ .Values.a.b }}{{ end }}');
    s.parse('c/templates/x.yaml', '{{ template "c.name" . }}');
    const e = errorOf(() => s.execute('c/templates/x.yaml', { Values: {} }));
    expect(e.message).toBe('template: c/templates/_h.tpl:2:12: executing "c.name" at <.Values.a.b>: nil pointer evaluating interface {}.b');
    expect([e.template, e.line, e.col]).toEqual(['c/templates/_h.tpl', 2, 12]);
  });

  it('parse errors name the file and line; functions are checked at parse time', () => {
    const s = new TemplateSet(testFuncs);
    const pe = errorOf(() => s.parse('c/templates/x.yaml', 'a\nb\n{{ .a }'));
    expect(pe.message).toBe('template: c/templates/x.yaml:3: unexpected "}" in operand');
    expect([pe.template, pe.line, pe.goMessage]).toEqual(['c/templates/x.yaml', 3, 'unexpected "}" in operand']);
    expect(errorOf(() => s.parse('x', '{{ toYaml . }}')).message).toBe('template: x:1: function "toYaml" not defined');
    s.addFuncs({ toYaml: { params: ['interface {}'], fn: () => 'y' } });
    s.parse('x', '{{ toYaml . }}');
    expect(s.execute('x', null)).toBe('y');
  });

  it('a clone shares parsed trees but not later parses', () => {
    const s = new TemplateSet(testFuncs);
    s.parse('a', '{{ define "d" }}D{{ end }}A');
    const c = s.clone();
    c.parse('tpl', '{{ template "d" }}+{{ define "d2" }}x{{ end }}');
    expect(c.execute('tpl', null)).toBe('D+');
    expect(s.has('tpl')).toBe(false);
    expect(s.has('d2')).toBe(false);
  });

  it('calls methods of named slice types (GO_METHODS), and the slice stays a slice', () => {
    const list = ['v1', 'apps/v1'];
    const apis = withMethods(list, { Has: (v) => list.includes(String(v)) });
    const s = new TemplateSet(testFuncs);
    s.parse('x', '{{ .APIVersions.Has "apps/v1" }} {{ .APIVersions.Has "x/v1" }} {{ len .APIVersions }} {{ .APIVersions }} {{ .APIVersions.Nope }}');
    expect(errorOf(() => s.execute('x', { APIVersions: apis })).message)
      .toBe('template: x:1:120: executing "x" at <.APIVersions.Nope>: can\'t evaluate field Nope in type interface {}');
    s.parse('y', '{{ .APIVersions.Has "apps/v1" }} {{ len .APIVersions }} {{ .APIVersions }}');
    expect(s.execute('y', { APIVersions: apis })).toBe('true 2 [v1 apps/v1]');
  });

  it('an unknown template is Go\'s error', () => {
    const s = new TemplateSet(testFuncs);
    expect(errorOf(() => s.execute('nope', null)).message).toBe('template: no template "nope" associated with template "gotpl"');
  });
});

describe('limits', () => {
  it('recursion through template stops at maxDepth with a short chain', () => {
    const s = new TemplateSet(testFuncs, { maxDepth: 10 });
    s.parse('x.yaml', '{{ define "a" }}{{ template "b" . }}{{ end }}{{ define "b" }}{{ template "a" . }}{{ end }}{{ template "a" . }}');
    const e = errorOf(() => s.execute('x.yaml', null));
    expect(e.message).toBe('template x.yaml: nested deeper than 10 levels: x.yaml → a → b → a → b → a …');
    expect(e.limit).toBe(true);
  });

  it('recursion through a function (include) is counted too, and not wrapped once per level', () => {
    const s = new TemplateSet(testFuncs);
    s.addFuncs({ include: { params: ['string', 'interface {}'], fn: (n, d) => s.execute(n as string, d) } });
    s.parse('x.yaml', '{{ define "a" }}{{ include "a" . }}{{ end }}{{ include "a" . }}');
    const e = errorOf(() => s.execute('x.yaml', null));
    expect(e.message).toBe('template x.yaml: nested deeper than 100 levels: x.yaml → a → a → a → a → a …');
  });

  it('output beyond maxOutputBytes fails naming the template', () => {
    const s = new TemplateSet(testFuncs, { maxOutputBytes: 1024 * 1024 });
    s.parse('big.yaml', '{{ range 100000 }}0123456789abcdef{{ end }}');
    const e = errorOf(() => s.execute('big.yaml', null));
    expect(e.message).toBe('template big.yaml: output larger than 1 MiB (maxOutputBytes)');
  });

  it('a function whose result JS cannot hold fails with our words', () => {
    const s = new TemplateSet({ huge: { params: [], fn: () => 'x'.repeat(2 ** 30) } });
    s.parse('x', '{{ huge }}');
    expect(errorOf(() => s.execute('x', null)).message).toBe('template: x:1:3: executing "x" at <huge>: error calling huge: result too large');
  });

  it('deeply nested blocks are an error of ours, not a JS stack overflow', () => {
    const s = new TemplateSet(testFuncs);
    const deep = '{{ if 1 }}'.repeat(20000) + 'x' + '{{ end }}'.repeat(20000);
    expect(errorOf(() => s.parse('x', deep)).message).toBe('template: x: template nested too deeply to parse');
    s.parse('y', '{{ with 1 }}'.repeat(500) + '{{ . }}' + '{{ end }}'.repeat(500));
    expect(s.execute('y', null)).toBe('1');
  });

  it('deep parentheses are a parse error, not a JS stack overflow', () => {
    const s = new TemplateSet(testFuncs);
    const deep = '{{ ' + '('.repeat(5000) + '1' + ')'.repeat(5000) + ' }}';
    expect(errorOf(() => s.parse('x', deep)).message).toBe('template: x:1: max expression depth exceeded');
    const ok = '{{ ' + '('.repeat(500) + '1' + ')'.repeat(500) + ' }}';
    s.parse('y', ok);
    expect(s.execute('y', null)).toBe('1');
  });
});
