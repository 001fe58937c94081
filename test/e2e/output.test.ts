// -o json|yaml on every command that reports something, checked against the field names
// docs/output.md documents: a field renamed or dropped fails here, and so does an undocumented one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespace, deleteNamespace } from '../helpers/cluster.ts';
import { configMap, hull, ROOT, writeChart } from '../helpers/hull.ts';

/** docs/output.md's table: command -> documented fields (`name?` optional), or undefined for free-form. */
function documented(): Map<string, { required: string[]; optional: string[] } | undefined> {
  const out = new Map<string, { required: string[]; optional: string[] } | undefined>();
  for (const line of readFileSync(join(ROOT, 'docs/output.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !cells[1].startsWith('`')) continue;
    const fields = [...cells[3].matchAll(/`([\w?]+)`/g)].map((m) => m[1]);
    const shape = fields.length ? { required: fields.filter((f) => !f.endsWith('?')), optional: fields.filter((f) => f.endsWith('?')).map((f) => f.slice(0, -1)) } : undefined;
    for (const cmd of cells[1].matchAll(/`([^`]+)`/g)) out.set(cmd[1], shape);
  }
  return out;
}
const DOCS = documented();

function expectDocumented(command: string, data: unknown): void {
  expect(DOCS.has(command), `docs/output.md documents ${command}`).toBe(true);
  const shape = DOCS.get(command);
  if (!shape) return;
  const items = Array.isArray(data) ? data : [data];
  expect(items.length, `${command} returned something`).toBeGreaterThan(0);
  for (const item of items) {
    const keys = Object.keys(item as object);
    for (const f of shape.required) expect(keys, `${command}: field ${f}`).toContain(f);
    for (const k of keys) expect([...shape.required, ...shape.optional], `${command}: undocumented field ${k}`).toContain(k);
  }
}

let ns: string;
let chart: string;
beforeAll(async () => {
  ns = await createNamespace('output');
  chart = writeChart('out', '1.0.0', {
    'templates/cm.yaml': configMap('out-config', { a: '{{Values.a}}' }),
    'templates/NOTES.txt': 'Installed {{Release.Name}}.',
    'templates/test.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: out-test
  labels: {hull.test/exit-code: "0"}
  annotations: {helm.sh/hook: test}
spec:
  restartPolicy: Never
  containers: [{name: check, image: busybox}]
`,
  });
});
afterAll(async () => deleteNamespace(ns));

/** Runs a command with -o json and -o yaml; both must succeed and say the same. */
async function data(args: string[]): Promise<any> {
  const json = await hull([...args, '-n', ns, '-o', 'json']);
  expect(json.code, `${args.join(' ')}: ${json.stderr}`).toBe(0);
  expect(json.stdout.trimEnd().split('\n')).toHaveLength(1);
  const value = JSON.parse(json.stdout);
  if (args[0] === 'install' && !args.includes('--dry-run')) return value; // an install cannot be repeated for yaml
  const yaml = await hull([...args, '-n', ns, '-o', 'yaml']);
  expect(yaml.code, yaml.stderr).toBe(0);
  // Dry runs stamp their pending revision with the time of each run.
  const untimed = (v: unknown) => JSON.parse(JSON.stringify(v).replace(/"\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)"/g, '"TIME"'));
  expect(untimed(parse(yaml.stdout))).toEqual(untimed(value));
  return value;
}

describe('-o json|yaml on every command that reports something', () => {
  it('install, upgrade, rollback, status, history, list, get, test, template, dry runs, uninstall', async () => {
    const set = ['--set', 'a=one'];
    expectDocumented('install --dry-run[=server]', await data(['install', 'out', chart, ...set, '--dry-run']));
    const installed = await data(['install', 'out', chart, ...set]);
    expectDocumented('install', installed);
    expect(installed.info.status).toBe('deployed');

    const dry = await data(['upgrade', 'out', chart, '--set', 'a=two', '--dry-run=server']);
    expectDocumented('upgrade --dry-run[=server]', dry);
    expect(dry.plan).toEqual([{ kind: 'apply', resources: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'out-config', namespace: ns }] }, { kind: 'wait', resources: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'out-config', namespace: ns }] }]);
    expect(dry.changes).toEqual([{ change: 'changed', resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'out-config', namespace: ns }, diff: expect.stringMatching(/^@@ .* @@\n[\s\S]*-data: \{"a":"one"\}\n\+data: \{"a":"two"\}/) }]);

    const upgraded = await hull(['upgrade', 'out', chart, '--set', 'a=two', '-n', ns, '-o', 'json']);
    expect(upgraded.code, upgraded.stderr).toBe(0);
    expectDocumented('upgrade', JSON.parse(upgraded.stdout));

    const rbDry = await data(['rollback', 'out', '1', '--dry-run']);
    expectDocumented('rollback --dry-run', rbDry);
    expect(rbDry.release.info).toMatchObject({ status: 'pending-rollback', rollback_revision: 1 });
    const rolled = await hull(['rollback', 'out', '1', '-n', ns, '-o', 'json']);
    expect(rolled.code, rolled.stderr).toBe(0);
    expect(JSON.parse(rolled.stdout)).toMatchObject({ version: 3, info: { status: 'deployed', description: 'Rollback to 1' } });
    expectDocumented('rollback', JSON.parse(rolled.stdout));

    expectDocumented('status', await data(['status', 'out']));
    const hist = await data(['history', 'out']);
    expectDocumented('history', hist);
    expect(hist.map((r: any) => [r.revision, r.status])).toEqual([[1, 'superseded'], [2, 'superseded'], [3, 'deployed']]);
    const listed = await data(['list']);
    expectDocumented('list', listed);
    expect(listed).toMatchObject([{ name: 'out', namespace: ns, revision: '3', status: 'deployed', chart: 'out-1.0.0' }]);
    expectDocumented('get all', await data(['get', 'all', 'out']));
    expect(await data(['get', 'values', 'out'])).toEqual({ a: 'one' });
    const manifest = await data(['get', 'manifest', 'out']);
    expectDocumented('get manifest', manifest);
    expect(manifest).toEqual([{ source: 'out/templates/cm.yaml', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'out-config', annotations: {} }, data: { a: 'one' } } }]);
    expect(await data(['get', 'notes', 'out'])).toEqual({ notes: 'Installed out.' });
    const hooks = await data(['get', 'hooks', 'out']);
    expectDocumented('get hooks', hooks);
    expect(hooks[0]).toMatchObject({ name: 'out-test', kind: 'Pod', events: ['test'] });

    const tested = await hull(['test', 'out', '-n', ns, '-o', 'json', '--timeout', '30s']);
    expect(tested.code, tested.stderr).toBe(0);
    expectDocumented('test', JSON.parse(tested.stdout));

    const tpl = await data(['template', 'out', chart, ...set]);
    expectDocumented('template', tpl);
    expect(tpl.map((d: any) => d.source)).toEqual(['out/templates/cm.yaml', 'out/templates/test.yaml']);

    const unDry = await data(['uninstall', 'out', '--dry-run']);
    expectDocumented('uninstall', unDry);
    expect(unDry.plan).toEqual([{ kind: 'delete', resources: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'out-config', namespace: ns }], kept: [] }]);
    const gone = await hull(['uninstall', 'out', '-n', ns, '--keep-history', '-o', 'json']);
    expect(gone.code, gone.stderr).toBe(0);
    expectDocumented('uninstall', JSON.parse(gone.stdout));
    expect(JSON.parse(gone.stdout)).toMatchObject({ historyKept: true, release: { info: { status: 'uninstalled' } } });

    const diff = await hull(['diff', 'upgrade', 'out', chart, ...set, '-n', ns, '--install', '-o', 'json']);
    expect(diff.code, diff.stderr).toBe(0);
    expectDocumented('diff upgrade', JSON.parse(diff.stdout));
  });

  it('refuses an unknown format the same way everywhere', async () => {
    for (const args of [['status', 'x'], ['list'], ['template', 'x', chart], ['uninstall', 'x'], ['get', 'manifest', 'x']]) {
      const r = await hull([...args, '-n', ns, '-o', 'xml']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/invalid output format "xml": use table, json or yaml/);
    }
  });
});
