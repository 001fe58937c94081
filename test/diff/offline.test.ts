// Differential harness, offline part: `template` through hull and the real Helm 4 binary with the
// same values flags, on twin charts whose templates print `.Values` as JSON (the top chart and each
// subchart), compared as data. A case may differ only by an id listed in docs/helm-differences.md.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, it } from 'vitest';
import { knownDifferences, parseJsonExact, runTool, twinCharts, type Outcome, type Tool } from './tools.ts';

interface Case {
  name: string;
  args: string[];
  /** The twin chart (test/diff/charts/); "vals" when not given. */
  chart?: string;
  /** The id of a difference kept on purpose (docs/helm-differences.md). */
  differs?: string;
}

const files = mkdtempSync(join(tmpdir(), 'hull-diff-files-'));
const file = (name: string, text: string) => {
  writeFileSync(join(files, name), text);
  return join(files, name);
};

const CASES: Case[] = [
  { name: 'chart defaults, subchart scoping, globals, import-values', args: [] },
  { name: '--set typing: words in any case, int64, signs, leading zeros', args: ['--set', 'a=TRUE,b=False,c=NULL,d=+1,e=-01,f=007,g=0,h=1.5,i=1_000,j=-0'] },
  { name: '--set int64 without precision loss, and past int64', args: ['--set', 'j=9007199254740993,k=99999999999999999999,l=-9223372036854775808,m=9223372036854775807'] },
  { name: '--set lists, indexes and objects in lists', args: ['--set', 'l={a,1,true},m[1]=x,n[0].k=v,n[2].k=w,o={}'] },
  { name: '--set escapes and empty values', args: ['--set', 'a\\.b=1,c=d\\,e,e=,f.g='] },
  { name: '--set into a values file map, overriding and adding', args: ['-f', file('f1.yaml', 'nested: {a: 5, z: [1]}\nsub: {user: app}\n'), '--set', 'nested.z[1]=2,nested.b.d=3'] },
  { name: '--set-string', args: ['--set-string', 'n=42,t=true,z=null'] },
  { name: '--set-json values, empty, and a whole JSON object', args: ['--set-json', 'a={"x":[1,2.5]},b=[3,"y"],c=,d=null', '--set-json', '{"m":{"k":1},"nested":{"a":7}}'] },
  { name: '--set-literal keeps commas and backslashes', args: ['--set-literal', 'lit=a,b\\c=d', '--set', 'x=1'] },
  { name: '--set-file', args: ['--set-file', `f=${file('content.txt', 'line1\nline2, with comma\n')}`] },
  { name: 'layering order: -f < --set-json < --set < --set-string < --set-file < --set-literal', args: ['-f', file('o1.yaml', 'k: file\nj: file\ns: file\n'), '--set-json', 'k="json",j="json"', '--set', 'k=set,s=set', '--set-string', 'k=string', '--set-literal', 'k=literal'] },
  { name: 'null deletes a subchart default through the parent', args: ['--set', 'sub.user=null,sub.opt.y=null'] },
  { name: 'null from a values file deletes a subchart default', args: ['-f', file('n1.yaml', 'sub:\n  opt:\n    x: null\n  port: null\n')] },
  { name: 'null for a subchart the parent has no key for (alias enabled by tag)', args: ['--set', 'tags.extra=true,other.user=null,other.opt.x=null'] },
  { name: 'null for a key without default, and at the top', args: ['--set', 'str=null,nothere=null,nested.nul=null,nested.new=null'] },
  { name: 'null for a whole subchart section', args: ['--set', 'sub=null'] },
  { name: 'global overrides reach subcharts', args: ['--set', 'global.env=dev,global.deep.c=3,global.extra=x'] },
  { name: 'condition turns a subchart off', args: ['--set', 'sub.enabled=false'] },
  { name: 'tag turns an aliased subchart on', args: ['--set', 'tags.extra=true'] },
  { name: 'scalar over a default map and map over a default scalar', args: ['--set', 'nested=flat,str.x=1'] },
  { name: 'two values files, maps merge and lists replace', args: ['-f', file('m1.yaml', 'list: [a]\nnested: {a: 2}\n'), '-f', file('m2.yaml', 'nested: {b: {e: 1}}\nlist: [b, c]\n')] },
  { name: 'a value the template needs and nobody set', chart: 'strict', args: [], differs: 'strict-missing-values' },
  { name: 'the value is set', chart: 'strict', args: ['--set', 'missing=now'] },
  { name: 'a values file with a duplicate key', args: ['-f', file('dup.yaml', 'str: one\nstr: two\n')], differs: 'duplicate-keys' },
  { name: 'error: setting below a scalar', args: ['--set', 'a=1,a.b=2'] },
  { name: 'error: key without value', args: ['--set', 'novalue'] },
  { name: 'error: index too large', args: ['--set', 'l[70000]=1'] },
];

/** The ConfigMaps' `values.json`, by ConfigMap name, parsed exactly. */
function valuesOf(o: Outcome): Record<string, unknown> | { failed: true } {
  if (o.code !== 0) return { failed: true };
  const out: Record<string, unknown> = {};
  for (const doc of parseAllDocuments(o.stdout)) {
    const obj = (doc as { toJS(): any }).toJS();
    if (obj?.kind === 'ConfigMap' && obj.data?.['values.json'] !== undefined) out[obj.metadata.name] = parseJsonExact(obj.data['values.json']);
  }
  return out;
}

// Cases run a few at a time: each is two short processes, mostly waiting.
describe.concurrent('values: hull template and helm template agree', () => {
  const charts: Record<string, Record<Tool, string>> = {};
  const known = knownDifferences();
  beforeAll(() => {
    for (const name of new Set(CASES.map((c) => c.chart ?? 'vals'))) charts[name] = twinCharts(name);
  });

  for (const c of CASES) {
    it(c.name, async ({ expect }) => {
      const [helm, hull] = await Promise.all(
        (['helm', 'hull'] as const).map((t) => runTool(t, ['template', 'rel', charts[c.chart ?? 'vals'][t], ...c.args])),
      );
      // Cases named "error: …" must fail in Helm, the others succeed: two failures would compare equal.
      expect(helm.code === 0, `helm: ${helm.stderr}`).toBe(!c.name.startsWith('error:'));
      const got = { helm: valuesOf(helm), hull: valuesOf(hull) };
      if (c.differs) {
        expect(known.has(c.differs), `difference ${c.differs} is listed in docs/helm-differences.md`).toBe(true);
        expect(got.hull, `case still differs (${c.differs}); remove the mark if not`).not.toEqual(got.helm);
        return;
      }
      expect(got.hull, `hull stderr: ${hull.stderr}\nhelm stderr: ${helm.stderr}`).toEqual(got.helm);
    });
  }
});

interface TemplateCase {
  args: string[];
  /** Ids of differences kept on purpose that this case shows. */
  differs?: string[];
}

// One Go-template chart, the same files for both tools: `template` output must be byte for byte
// Helm's, for each flag of `template`, and a failure must fail in both with Helm's message.
const TEMPLATE_CASES: TemplateCase[] = [
  { args: [] },
  { args: ['--set', 'x=9007199254740993'] },
  { args: ['--set', 'x=1_000,flag=TRUE'] },
  { args: ['--set', 'a.b=1,a=2'] },
  { args: ['--is-upgrade'] },
  { args: ['--include-crds'] },
  { args: ['--kube-version', '1.29.3', '-a', 'example.com/v1/Widget'] },
  { args: ['--api-versions', 'example.com/v1/Widget,apps/v1/Foo'] },
  { args: ['--skip-tests'] },
  { args: ['--no-hooks'] },
  { args: ['-s', 'templates/hook.yaml'] },
  { args: ['--show-only', 'templates/cm.yaml', '--show-only', 'templates/tests/test.yaml'] },
  { args: ['-n', 'other'] },
  // toYaml/toJson of values as YAML 1.1 readers need them: "yes", "on", "1_000"… quoted.
  { args: ['-s', 'templates/yaml.yaml', '--set', 'x=9007199254740993,s=yes,n=null'] },
  { args: ['-s', 'templates/yaml.yaml', '--set-string', 's=on,t=1_000', '--set-json', 'j={"k":[1,"no"]}'] },
  { args: ['-s', 'templates/kind.yaml', '--set', 'k=5'], differs: ['int-kind'] },
  { args: ['-s', 'templates/kind.yaml', '--set', 'k=5.5'] },
  { args: ['-s', 'templates/nothere.yaml'], differs: ['exit-code-usage'] },
  { args: ['--kube-version', 'bad'], differs: ['exit-code-usage', 'kube-version-message'] },
];

describe.concurrent('template: hull prints what helm prints for a Go-template chart', () => {
  let chart: string;
  const known = knownDifferences();
  beforeAll(() => {
    chart = twinCharts('gotpl').hull;
  });
  for (const c of TEMPLATE_CASES) {
    it(c.args.join(' ') || '(no flags)', async ({ expect }) => {
      const [helm, hull] = await Promise.all((['helm', 'hull'] as const).map((t) => runTool(t, ['template', 'rel', chart, ...c.args])));
      const same = hull.code === helm.code && hull.stdout === helm.stdout && hull.stderr === helm.stderr;
      if (c.differs) {
        for (const id of c.differs) expect(known.has(id), `difference ${id} is listed in docs/helm-differences.md`).toBe(true);
        expect(same, `case still differs (${c.differs.join(', ')}); remove the mark if not`).toBe(false);
        // Failing in both, with Helm's message first unless the wording is a listed difference.
        expect(hull.code !== 0).toBe(helm.code !== 0);
        if (!c.differs.some((d) => d.endsWith('-message'))) expect(hull.stderr.startsWith(helm.stderr.trimEnd())).toBe(true);
        return;
      }
      expect(hull.stderr).toBe(helm.stderr);
      expect(hull.stdout).toBe(helm.stdout);
      expect(hull.code).toBe(helm.code);
    });
  }
});
