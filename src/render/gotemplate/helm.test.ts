// Differential test against the real Helm binary: the cases of testdata/cases.jsonl that Helm can run
// (builtins and the Sprig functions our test doubles mirror; values Helm can hold) become templates of
// a generated chart; `helm template` renders them once and each `# Source:` block is compared with our
// output. Error cases need one Helm run each (Helm stops at the first error).
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmBinary } from '../../../bench/helm.ts';
import { TemplateSet } from './index.ts';
import { testData, testFuncs } from './testcases.ts';

const run = promisify(execFile);

interface Case { tpl: string; data?: unknown; missing?: string; name?: string; out?: string; err?: string; deviation?: string }

// Functions of our test doubles Helm lacks, and `slice`, which Sprig replaces in Helm.
const ONLY_IN_TESTS = /\b(fail|f64|i|strs|def|dict|nilf|bytes|slice)\b|\.Meta|\.Fn|\$int|template "x"/;
const all: Case[] = readFileSync(new URL('./testdata/cases.jsonl', import.meta.url), 'utf8')
  .split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Case);
// Helm runs with missingkey=zero; its data is YAML values (float64 numbers, no int64, no structs).
const isMap = (d: unknown): boolean => d === undefined || (typeof d === 'object' && d !== null && !Array.isArray(d));
const cases = all.filter((c) => !c.deviation && !ONLY_IN_TESTS.test(c.tpl) && !ONLY_IN_TESTS.test(JSON.stringify(c.data ?? {}))
  && (c.missing === undefined || c.missing === 'zero') && isMap(c.data));
const helmFuncs = { upper: testFuncs.upper, list: testFuncs.list };

// Each case is a partial of its own (Helm names templates by path); a rendered file prints it.
const partial = (i: number): string => `c/templates/_case${i}.tpl`;
const file = (i: number): string => `c/templates/case${i}.yaml`;
// Base64 keeps any output valid YAML (a comment) and out of Helm's <no value> removal.
// (prefixed with "x": Helm drops a document that is empty after trimming)
const printer = (i: number, dot: string): string => `# {{ printf "x%s" (include "${partial(i)}" ${dot}) | b64enc }}\n`;

// Cases with defines would collide in one chart's namespace, and a case that fails stops Helm's whole
// render: those run alone. (The Go expectations were recorded with missingkey=default and nil data where
// a case has none; Helm runs with missingkey=zero and a map, so whether a case fails is decided by
// what we do under Helm's conditions, and Helm must then agree.)
function alone(i: number, c: Case): boolean {
  if (c.data === undefined || /\b(define|block)\b/.test(c.tpl)) return true;
  try {
    ours(i, c, 'partial');
    return false;
  } catch {
    return true;
  }
}

function ours(i: number, c: Case, exec: 'partial' | 'file'): string {
  const set = new TemplateSet(helmFuncs, { missingKey: 'zero' });
  set.parse(partial(i), c.tpl);
  const data = testData(c.data ?? {}, false);
  if (exec === 'partial') return set.execute(partial(i), data);
  set.parse(file(i), `{{ template "${partial(i)}" .Values }}`);
  return set.execute(file(i), { Values: data });
}

/** Helm 4 reformats Go's execution errors over three lines; turn them back into Go's one line. */
function goErrorOf(stderr: string): { go?: string; parse?: { loc: string; msg: string } } {
  const s = stderr.replace(/\n+Use --debug flag.*$/s, '').replace(/^Error: /, '');
  const multi = /^(\S+)\n {2}executing "(.*)" at <(.*)>:\n {4}([\s\S]*)$/.exec(s);
  if (multi) return { go: `template: ${multi[1]}: executing "${multi[2]}" at <${multi[3]}>: ${multi[4]}` };
  const parse = /^parse error at \((.*)\): ([\s\S]*)$/.exec(s);
  if (parse) return { parse: { loc: parse[1], msg: parse[2] } };
  return { go: s };
}

let helm: string | null = null;
let dir = '';
let skipReason = '';

beforeAll(async () => {
  try {
    helm = await helmBinary();
  } catch (e) {
    skipReason = `helm binary not available: ${(e as Error).message}`;
    console.warn(`SKIPPED the differential test against Helm: ${skipReason}`);
    return;
  }
  dir = await mkdtemp(join(tmpdir(), 'hull-gotemplate-'));
}, 60_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function parseBlocks(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of stdout.split(/^---\n/m).filter((b) => b.trim())) {
    const m = /^# Source: (\S+)\n# (\S*)\n$/.exec(block);
    if (m) out.set(m[1], Buffer.from(m[2], 'base64').toString('utf8').slice(1));
  }
  return out;
}

async function writeChart(root: string, templates: Map<string, string>, values: unknown): Promise<void> {
  await mkdir(join(root, 'c', 'templates'), { recursive: true });
  await writeFile(join(root, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  await writeFile(join(root, 'c', 'values.yaml'), JSON.stringify(values ?? {}));
  for (const [name, text] of templates) await writeFile(join(root, name), text);
}

async function helmTemplate(root: string): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(helm!, ['template', 'c'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

describe('Go templates against the real Helm', () => {
  it('renders every output case as Helm does (one chart, one helm template)', async (t) => {
    if (!helm) t.skip(skipReason);
    const outs = cases.map((c, i) => [i, c] as const).filter(([i, c]) => !alone(i, c));
    // One values file serves all: each case reads its own data under a key of its own.
    const values: Record<string, unknown> = {};
    const templates = new Map<string, string>();
    for (const [i, c] of outs) {
      values[`case${i}`] = c.data ?? {};
      templates.set(partial(i), c.tpl);
      templates.set(file(i), printer(i, `.Values.case${i}`));
    }
    const root = join(dir, 'outputs');
    await writeChart(root, templates, values);
    const { stdout, stderr } = await helmTemplate(root);
    expect(stderr).toBe('');
    const helmOut = parseBlocks(stdout);
    const diffs: string[] = [];
    for (const [i, c] of outs) {
      const mine = ours(i, c, 'partial');
      if (mine !== helmOut.get(file(i))) diffs.push(`${c.tpl}\n  helm: ${JSON.stringify(helmOut.get(file(i)))}\n  ours: ${JSON.stringify(mine)}`);
    }
    console.log(`Helm differential: ${outs.length - diffs.length}/${outs.length} output cases identical`);
    expect(diffs).toEqual([]);
  }, 120_000);

  it('renders every error case and every case with defines as Helm does (one helm template each)', async (t) => {
    if (!helm) t.skip(skipReason);
    const errs = cases.map((c, i) => [i, c] as const).filter(([i, c]) => alone(i, c));
    const diffs: string[] = [];
    const one = async (i: number, c: Case): Promise<void> => {
      const root = join(dir, `alone${i}`);
      let mine = '';
      let fails = true;
      try {
        mine = ours(i, c, 'file');
        fails = false;
      } catch (e) {
        mine = (e as Error).message;
      }
      const main = fails ? `{{ template "${partial(i)}" .Values }}` : printer(i, '.Values');
      await writeChart(root, new Map([[partial(i), c.tpl], [file(i), main]]), c.data ?? {});
      const { stdout, stderr } = await helmTemplate(root);
      let same: boolean;
      if (stderr === '') {
        same = parseBlocks(stdout).get(file(i)) === mine;
      } else {
        const want = goErrorOf(stderr);
        same = want.parse
          ? mine.startsWith(`template: ${want.parse.loc}: `) && mine.endsWith(want.parse.msg)
          : mine === want.go;
      }
      if (!same) diffs.push(`${c.tpl}\n  helm: ${JSON.stringify(stderr || stdout)}\n  ours: ${JSON.stringify(mine)}`);
    };
    for (let k = 0; k < errs.length; k += 4) await Promise.all(errs.slice(k, k + 4).map(([i, c]) => one(i, c)));
    console.log(`Helm differential: ${errs.length - diffs.length}/${errs.length} cases run alone identical`);
    expect(diffs).toEqual([]);
  }, 300_000);
});
