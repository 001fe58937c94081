import { describe, expect, it } from 'vitest';
import { chartOf } from '../chart/values.test.ts';
import { renderChart } from './render.ts';
import { renderTemplates } from './all.ts';

const release = { name: 'rel', namespace: 'ns', revision: 2, isInstall: false, isUpgrade: true };
const tpl = (name: string, text: string) => ({ name: `templates/${name}`, data: Buffer.from(text) });
const cm = (body: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n${body}`;

/** Renders one template into a ConfigMap's data and returns the data map. */
function data(body: string, values: Record<string, unknown> = {}, extra: Array<{ name: string; data: Buffer }> = []): Record<string, string> {
  const chart = chartOf({ name: 'demo', values, templates: [...extra, tpl('cm.yaml', cm(body))], files: [{ name: 'conf/a.txt', data: Buffer.from('line1\nline2\n') }] });
  return renderChart(chart, {}, { release }).manifests[0].object.data as Record<string, string>;
}

function renderError(text: string, values: Record<string, unknown> = {}): string {
  try {
    renderChart(chartOf({ name: 'demo', values, templates: [tpl('x.yaml', text)] }), {}, { release });
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('strict lookups', () => {
  it('a missing value is an error naming the file and line', () => {
    expect(renderError('a: 1\nb: {{Values.db.image}}\n', { db: {} })).toMatch(/demo\/templates\/x\.yaml:2:\d+: missing value Values\.db\.image/);
    expect(renderError('a: 1\n\nb: {{Values.nope.image}}\n')).toMatch(/x\.yaml:3:\d+: missing value Values\.nope\.image \("Values\.nope" is not set\)/);
  });
  it('an unguarded missing value given to a helper is an error too', () => {
    expect(renderError('b: {{quote Values.nope}}')).toMatch(/x\.yaml:1:\d+: quote: argument 1 is a missing value/);
  });
  it('if, unless, with and default guard a lookup', () => {
    expect(data('  a: "{{#if Values.x.y.z}}yes{{else}}no{{/if}}"\n  b: "{{#unless Values.x}}none{{/unless}}"\n  c: "{{#with Values.x}}{{y}}{{else}}w{{/with}}"\n  d: {{default "dflt" Values.x.y}}\n'))
      .toEqual({ a: 'no', b: 'none', c: 'w', d: 'dflt' });
  });
  it('uses Helm truthiness: empty maps, lists, 0 and "" are false', () => {
    expect(data('  a: "{{#if Values.m}}t{{else}}f{{/if}}{{#if Values.l}}t{{else}}f{{/if}}{{#if Values.z}}t{{else}}f{{/if}}{{#if Values.s}}t{{else}}f{{/if}}"\n', { m: {}, l: [], z: 0, s: '' })).toEqual({ a: 'ffff' });
  });
  it('never reaches prototype properties', () => {
    expect(renderError('a: {{Values.constructor}}')).toMatch(/missing value Values\.constructor/);
    expect(renderError('a: {{Values.x.constructor.name}}', { x: {} })).toMatch(/missing value/);
    expect(data('  a: "{{lookup Values "toString"}}"\n')).toEqual({ a: '' });
  });
  it('names unknown functions and syntax errors with their line', () => {
    expect(renderError('a: 1\nb: {{frobnicate "x"}}')).toMatch(/x\.yaml:2:4: unknown function "frobnicate"/);
    expect(renderError('a: 1\nb: {{#if Values.x}}\n')).toMatch(/x\.yaml:3: syntax error.*unexpected EOF/);
  });
});

describe('built-in objects', () => {
  it('exposes Release, Chart, Capabilities, Template and Files', () => {
    const body = [
      '  release: "{{Release.Name}} {{Release.Namespace}} {{Release.Revision}} {{Release.IsInstall}} {{Release.IsUpgrade}} {{Release.Service}}"',
      '  chart: "{{Chart.Name}} {{Chart.Version}} [{{Chart.AppVersion}}]"',
      '  caps: "{{Capabilities.KubeVersion.Version}} {{#if (Capabilities.APIVersions.has "batch/v1")}}batch{{/if}}"',
      '  template: {{Template.Name}}',
      '  file: {{quote (Files.get "conf/a.txt")}}',
      '  lines: "{{#each (Files.lines "conf/a.txt")}}[{{this}}]{{/each}}"',
      '  glob: "{{#each (Files.glob "conf/*.txt")}}{{@key}}{{/each}}"',
      '',
    ].join('\n');
    expect(data(body)).toEqual({
      release: 'rel ns 2 false true Helm',
      chart: 'demo 0.1.0 []',
      caps: 'v1.34.0 batch',
      template: 'demo/templates/cm.yaml',
      file: 'line1\nline2\n',
      lines: '[line1][line2]',
      glob: 'conf/a.txt',
    });
  });
});

describe('helpers', () => {
  const cases: Array<[string, string, unknown]> = [
    ['toJson', "'{{toJson Values.m}}'", '{"a":1,"b":["x"]}'],
    ['fromYaml', "'{{toJson (fromYaml \"a: 1\")}}'", '{"a":1}'],
    ['indent', "'{{indent 2 \"a\"}}'", '  a'],
    ['quote', '{{quote 1}}', '1'],
    ['squote', "{{squote \"x\"}}", 'x'],
    ['b64enc', '{{b64enc "hull"}}', 'aHVsbA=='],
    ['b64dec', '{{b64dec "aHVsbA=="}}', 'hull'],
    ['sha256sum', '{{sha256sum "hull"}}', 'fb4dac7b8936e9d78a93fc3fe94f592b43c482c5bf38654a69277bbdc8c6a480'],
    ['trunc', '{{trunc 3 "abcdef"}}-{{trunc -2 "abcdef"}}', 'abc-ef'],
    ['trimSuffix', '{{trimSuffix "-" "name-"}}', 'name'],
    ['trimPrefix', '{{trimPrefix "v" "v1.2.3"}}', '1.2.3'],
    ['trim', '"{{trim "  x  "}}"', 'x'],
    ['lower/upper', '{{lower "AbC"}}{{upper "d"}}', 'abcD'],
    ['replace', '{{replace "+" "_" "1.0+build"}}', '1.0_build'],
    ['printf', '{{printf "%s-%d-%v-%05.1f" "a" 7 true 3.14159}}', 'a-7-true-003.1'],
    ['semverCompare', '{{semverCompare ">=1.20-0" Capabilities.KubeVersion.Version}}', true],
    ['list', "'{{toJson (list 1 \"a\")}}'", '[1,"a"]'],
    // Keys sorted, as Helm's toJson (Go's encoding/json) writes them.
    ['dict', "'{{toJson (dict \"k\" 1 \"j\" \"v\")}}'", '{"j":"v","k":1}'],
    ['eq/ne', '{{eq 1 1}}-{{ne "a" "b"}}-{{eq "a" "b" "a"}}', 'true-true-true'],
    ['lt/gt/le/ge', '{{lt 1 2}}-{{gt 1 2}}-{{le 2 2}}-{{ge "a" "b"}}', 'true-false-true-false'],
    ['and/or/not', '{{and 1 "x"}}-{{or 0 "" "y"}}-{{not Values.missing}}', 'x-y-true'],
    ['default', '{{default "d" ""}}-{{default "d" "v"}}', 'd-v'],
    ['empty/coalesce/ternary', '{{empty Values.l}}-{{coalesce Values.none "" "c"}}-{{ternary "y" "n" true}}', 'true-c-y'],
    ['hasKey', '{{hasKey Values.m "a"}}', true],
    ['contains/hasPrefix/hasSuffix', '{{contains "ll" "hull"}}-{{hasPrefix "hu" "hull"}}-{{hasSuffix "x" "hull"}}', 'true-true-false'],
    ['join/toString/int', '{{join "," Values.m.b}}-{{toString 5}}-{{int "42abc"}}', 'x-5-42'],
  ];
  it.each(cases)('%s', (_name, expr, expected) => {
    expect(data(`  v: ${expr}\n`, { m: { a: 1, b: ['x'] }, l: [] }).v).toEqual(expected);
  });
  it('nindent starts a new line', () => {
    expect(data('  v: |{{nindent 4 "a"}}\n')).toEqual({ v: 'a\n' });
  });
  it('toYaml/indent compose into block YAML', () => {
    // Helm's toYaml (go-yaml v2) does not indent a list under its key.
    expect(data('  v: |\n    {{~nindent 4 (toYaml Values.m)}}\n', { m: { a: 1, b: ['x'] } })).toEqual({ v: 'a: 1\nb:\n- x\n' });
  });
  it('required and fail stop the render with the message', () => {
    expect(renderError('a: {{required "db.password is required" Values.db.password}}', { db: {} })).toMatch(/x\.yaml:1:\d+: required: db\.password is required/);
    expect(renderError('{{fail "unsupported"}}')).toMatch(/fail: unsupported/);
  });
  it('tpl renders a string as a template', () => {
    expect(data('  v: {{tpl Values.t this}}\n', { t: '{{Release.Name}}-x' })).toEqual({ v: 'rel-x' });
  });
});

describe('include and define', () => {
  const helpers = tpl('_helpers.tpl', '{{#define "demo.labels"}}\napp: {{Chart.Name}}\nrelease: {{Release.Name}}\n{{/define}}\n{{#define "demo.loop"}}{{include "demo.loop" this}}{{/define}}\n{{#define "demo.bad"}}\nx: {{Values.nope}}\n{{/define}}\n');
  it('renders a named template indented with nindent', () => {
    const chart = chartOf({ name: 'demo', templates: [helpers, tpl('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  labels:\n    {{~nindent 4 (include "demo.labels" this)}}\n')] });
    const r = renderChart(chart, {}, { release });
    expect(r.manifests[0].content).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  labels:\n    app: demo\n    release: rel');
  });
  it('names the helper file and line of an error inside an include, and where it was included', () => {
    const chart = chartOf({ name: 'demo', templates: [helpers, tpl('x.yaml', 'a: 1\nb: {{include "demo.bad" this}}')] });
    expect(() => renderChart(chart, {}, { release })).toThrow(/demo\/templates\/_helpers\.tpl:7:\d+: missing value Values\.nope[\s\S]*included from line 2/);
  });
  it('stops include loops and unknown names', () => {
    expect(() => renderChart(chartOf({ name: 'demo', templates: [helpers, tpl('x.yaml', '{{include "demo.loop" this}}')] }), {}, { release })).toThrow(/nested deeper than 100 levels/);
    expect(renderError('{{include "nope" this}}')).toMatch(/no template named "nope"/);
  });
});

describe('Handlebars semantics, kept by the interpreter', () => {
  const values = { n: 1, m: 2, l: ['a', 'b'], o: { x: 'X', y: 'Y' }, list: [{ name: 'p', port: 80 }, { name: 'q', port: 81 }], s: 'v' };
  const out = (text: string) => {
    const r = renderTemplates(chartOf({ name: 'c', values, templates: [tpl('x.yaml', text)] }), values, release);
    return r.problems.length > 0 ? r.problems.map(String) : r.files[0].content;
  };
  it.each([
    ['each with @key, @first and @last', '{{#each Values.list}}{{name}}:{{port}}{{#unless @last}},{{/unless}}{{/each}}|{{#each Values.o}}{{@key}}={{this}}{{#if @first}}!{{/if}};{{/each}}', 'p:80,q:81|x=X!;y=Y;'],
    ['../ skips blocks that keep the context', '{{#with Values.o}}{{x}}-{{../Values.s}}{{#if x}}{{../Values.s}}{{/if}}{{/with}}', 'X-vv'],
    ['block params and @root', '{{#each Values.list as |p i|}}{{i}}={{p.name}}/{{@root.Values.s}} {{/each}}', '0=p/v 1=q/v '],
    ['a path as a block iterates or enters it', '{{#Values.l}}[{{this}}]{{/Values.l}}{{#Values.o}}{{x}}{{/Values.o}}', '[a][b]X'],
    // Handlebars' generated code joins adjacent values with `+`: two numbers in a row add up.
    ['adjacent numbers add up, as they did', '{{Values.n}}{{Values.m}} x{{Values.n}}{{Values.m}} {{#each Values.l}}{{#each ../Values.l}}{{@../index}}{{@index}}{{/each}}{{/each}}', '3 x12 0112'],
  ])('%s', (_name, text, expected) => {
    expect(out(text)).toEqual(expected);
  });
});
