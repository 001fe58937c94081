// Helm interoperability, both ways, with the real Helm 4 binary against the same cluster: Helm must
// read what hull stores, and hull must read, upgrade and roll back what Helm stores. Both tools are
// run as CLIs, so the proof covers the flags and output formats users script against too.
import { cpSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmBinary } from '../../bench/helm.ts';
import { createNamespace, deleteNamespace, kubectlJson, runHelm } from '../helpers/cluster.ts';
import { CHARTS, ROOT, hull } from '../helpers/hull.ts';

const HELM_CHART = join(ROOT, 'test/fixtures/helm-chart');
const HULL_CHART = join(ROOT, 'test/fixtures/hull-chart');

let helmBin: string;
let ns: string;
beforeAll(async () => {
  helmBin = await helmBinary();
  ns = await createNamespace('interop');
});
afterAll(async () => deleteNamespace(ns));

const helm = (args: string[]) => runHelm(helmBin, ns, args);

const helmJson = async <T = any>(args: string[]): Promise<T> => JSON.parse(await helm([...args, '-o', 'json'])) as T;

/** The CLI must succeed: its stderr is in the failure message when it does not. */
async function hullOk(args: string[]): Promise<string> {
  const r = await hull([...args, '-n', ns]);
  if (r.code !== 0) throw new Error(`hull ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

const hullJson = async <T = any>(args: string[]): Promise<T> => JSON.parse(await hullOk([...args, '-o', 'json'])) as T;

/** history rows without their times, to spell out expectations. */
const summary = (rows: any[]) => rows.map((r) => ({ revision: Number(r.revision), status: r.status, chart: r.chart, app_version: r.app_version, description: r.description }));

describe('Helm reads releases hull wrote', () => {
  it('lists, shows the history, status and manifest of a release hull installed and upgraded', async () => {
    await hullOk(['install', 'todo', join(CHARTS, 'todo-list/v1'), '--set', 'web.replicas=2', '--timeout', '120s']);
    await hullOk(['upgrade', 'todo', join(CHARTS, 'todo-list/v3'), '--reset-then-reuse-values', '--timeout', '120s']);

    const listed = (await helmJson<any[]>(['list'])).filter((r) => r.name === 'todo');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ name: 'todo', namespace: ns, revision: '2', status: 'deployed', chart: 'todo-list-0.3.0', app_version: '1.0' });

    const hist = await helmJson<any[]>(['history', 'todo']);
    expect(summary(hist)).toEqual([
      { revision: 1, status: 'superseded', chart: 'todo-list-0.1.0', app_version: '1.0', description: 'Install complete' },
      { revision: 2, status: 'deployed', chart: 'todo-list-0.3.0', app_version: '1.0', description: 'Upgrade complete' },
    ]);
    // hull's own history and list print the same JSON, times included.
    expect(await hullJson<any[]>(['history', 'todo'])).toEqual(hist);
    expect((await hullJson<any[]>(['list'])).filter((r) => r.name === 'todo')).toEqual(listed);

    const status = await helmJson(['status', 'todo']);
    expect(status).toMatchObject({ name: 'todo', namespace: ns, version: 2, info: { status: 'deployed', description: 'Upgrade complete' } });
    expect(status.info.notes).toMatch(/\S/);

    const manifest = await helm(['get', 'manifest', 'todo']);
    expect(manifest).toMatch(/^---\n# Source: todo-list\/templates\//);
    expect(manifest).toMatch(/kind: Deployment/);
    expect(manifest).toBe(await hullOk(['get', 'manifest', 'todo']));
    expect(await helm(['get', 'manifest', 'todo', '--revision', '1'])).toBe(await hullOk(['get', 'manifest', 'todo', '--revision', '1']));

    // --reset-then-reuse-values carried the user's value into revision 2, and Helm sees it as user-supplied.
    expect(await helmJson(['get', 'values', 'todo'])).toEqual({ web: { replicas: 2 } });
    expect(await hullJson(['get', 'values', 'todo'])).toEqual({ web: { replicas: 2 } });
  });
});

describe('hull reads, upgrades and rolls back releases Helm wrote', () => {
  it('works with a Helm-installed release, and Helm works with what hull did to it', async () => {
    await helm(['install', 'web', HELM_CHART, '--set', 'message=one']);
    await helm(['upgrade', 'web', HELM_CHART, '--set', 'message=two']);

    // list and history: the very rows Helm prints, times included (Go's formats, to the nanosecond).
    const hullRow = (await hullJson<any[]>(['list'])).find((r) => r.name === 'web');
    expect(hullRow).toMatchObject({ name: 'web', namespace: ns, revision: '2', status: 'deployed', chart: 'interop-1.0.0', app_version: '1.0' });
    expect(hullRow.updated).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC$/);
    expect(hullRow).toEqual((await helmJson<any[]>(['list'])).find((r) => r.name === 'web'));
    const hullHistory = await hullJson<any[]>(['history', 'web']);
    expect(hullHistory).toEqual(await helmJson(['history', 'web']));
    expect(summary(hullHistory)).toEqual([
      { revision: 1, status: 'superseded', chart: 'interop-1.0.0', app_version: '1.0', description: 'Install complete' },
      { revision: 2, status: 'deployed', chart: 'interop-1.0.0', app_version: '1.0', description: 'Upgrade complete' },
    ]);
    expect(await hullJson(['status', 'web'])).toMatchObject({ name: 'web', namespace: ns, version: 2, info: { status: 'deployed' } });
    const helmManifest = await helm(['get', 'manifest', 'web']);
    expect(helmManifest).toContain('message: "two"');
    expect(await hullOk(['get', 'manifest', 'web'])).toBe(helmManifest);
    expect(await hullJson(['get', 'values', 'web'])).toEqual({ message: 'two' });
    expect(await hullOk(['get', 'values', 'web', '--revision', '1'])).toBe('USER-SUPPLIED VALUES:\nmessage: one\n');

    // hull upgrades Helm's release with the Handlebars twin of the chart: revision 3.
    await hullOk(['upgrade', 'web', HULL_CHART, '--set', 'message=three', '--timeout', '120s']);
    const cm3 = await kubectlJson(['get', 'configmap', 'web-config', '-n', ns]);
    expect(cm3.data).toEqual({ message: 'three', chart: 'interop-1.1.0', renderedBy: 'hull' });

    // Rolling back to Helm's revision 2 is revision 4 and restores its objects exactly: the key
    // only the hull chart had is gone.
    expect(await hullOk(['rollback', 'web', '2', '--timeout', '120s'])).toContain('Rollback was a success');
    const cm4 = await kubectlJson(['get', 'configmap', 'web-config', '-n', ns]);
    expect(cm4.data).toEqual({ message: 'two', chart: 'interop-1.0.0' });

    const afterHull = summary(await helmJson<any[]>(['history', 'web']));
    expect(afterHull).toEqual([
      { revision: 1, status: 'superseded', chart: 'interop-1.0.0', app_version: '1.0', description: 'Install complete' },
      { revision: 2, status: 'superseded', chart: 'interop-1.0.0', app_version: '1.0', description: 'Upgrade complete' },
      { revision: 3, status: 'superseded', chart: 'interop-1.1.0', app_version: '1.1', description: 'Upgrade complete' },
      { revision: 4, status: 'deployed', chart: 'interop-1.0.0', app_version: '1.0', description: 'Rollback to 2' },
    ]);
    expect(await helm(['get', 'manifest', 'web', '--revision', '3'])).toBe(await hullOk(['get', 'manifest', 'web', '--revision', '3']));
    expect(await helmJson(['get', 'values', 'web', '--revision', '3'])).toEqual({ message: 'three' });

    // And Helm can roll back to hull's revision 3: revision 5, read back by hull. Helm 4 applies
    // server-side as field manager "helm" without forcing, and hull (manager "hull") now owns the
    // fields, so Helm needs --force-conflicts, as after any other SSA manager (kubectl, Argo CD).
    await helm(['rollback', 'web', '3', '--force-conflicts']);
    const cm5 = await kubectlJson(['get', 'configmap', 'web-config', '-n', ns]);
    expect(cm5.data).toEqual({ message: 'three', chart: 'interop-1.1.0', renderedBy: 'hull' });
    const finalHistory = summary(await hullJson<any[]>(['history', 'web']));
    expect(finalHistory.map((r) => [r.revision, r.status, r.description])).toEqual([
      [1, 'superseded', 'Install complete'],
      [2, 'superseded', 'Upgrade complete'],
      [3, 'superseded', 'Upgrade complete'],
      [4, 'superseded', 'Rollback to 2'],
      [5, 'deployed', 'Rollback to 3'],
    ]);
    expect(await hullJson(['status', 'web'])).toMatchObject({ version: 5, info: { status: 'deployed', description: 'Rollback to 3' } });
  });
});

/** A fixture chart copied with a values.schema.json written with its own spacing, a README and a hook. */
function withExtras(fixture: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'hull-fidelity-')), 'chart');
  cpSync(fixture, dir, { recursive: true });
  writeFileSync(join(dir, 'values.schema.json'), '{\n  "type": "object"\n}\n');
  writeFileSync(join(dir, 'README.md'), 'readme\n');
  writeFileSync(join(dir, 'templates', 'hook.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hk\n  annotations:\n    helm.sh/hook: post-install\ndata: {}\n');
  return dir;
}

async function storedRelease(name: string, version: number): Promise<{ labels: Record<string, string>; body: any }> {
  const s = await kubectlJson(['get', 'secret', `sh.helm.release.v1.${name}.v${version}`, '-n', ns]);
  const body = JSON.parse(gunzipSync(Buffer.from(Buffer.from(s.data.release, 'base64').toString(), 'base64')).toString());
  return { labels: s.metadata.labels, body };
}

/** Every key path of a JSON value with the kind of value there (times by their format), in order. */
function shape(v: unknown, path = ''): string[] {
  if (Array.isArray(v)) return v.length ? shape(v[0], `${path}[]`) : [`${path}: []`];
  if (v && typeof v === 'object') {
    return [`${path}: {${Object.keys(v).join(',')}}`, ...Object.entries(v).flatMap(([k, x]) => (['values', 'config', 'metadata'].includes(k) ? [] : shape(x, `${path}.${k}`)))];
  }
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return [`${path}: ${v.startsWith('0001-') ? 'zero time' : /\.\d{1,9}Z$|:\d\dZ$/.test(v) ? 'RFC3339Nano' : v}`];
  return [`${path}: ${typeof v}`];
}

describe('what hull writes and prints, field by field against Helm 4', () => {
  it('release bodies and Secret labels have the same fields, formats and order', async () => {
    const helmChart = withExtras(HELM_CHART);
    const hullChart = withExtras(HULL_CHART);
    await helm(['install', 'fh', helmChart, '--set', 'z.b=1']);
    await helm(['upgrade', 'fh', helmChart, '--reuse-values']);
    await hullOk(['install', 'fu', hullChart, '--set', 'z.b=1', '--timeout', '120s']);
    await hullOk(['upgrade', 'fu', hullChart, '--reuse-values', '--timeout', '120s']);
    for (const v of [1, 2]) {
      const [h, u] = [await storedRelease('fh', v), await storedRelease('fu', v)];
      expect(Object.keys(u.labels).sort()).toEqual(Object.keys(h.labels).sort());
      expect(u.labels).not.toHaveProperty('createdAt');
      expect(shape(u.body)).toEqual(shape(h.body));
    }
    const { body } = await storedRelease('fu', 2);
    expect(Buffer.from(body.chart.schema, 'base64').toString()).toBe('{\n  "type": "object"\n}\n');
    const mtime = (f: string) => statSync(join(hullChart, f), { bigint: true }).mtimeNs;
    const asNs = (t: string) => { const [s, f = ''] = t.replace(/Z$/, '').split('.'); return BigInt(Date.parse(`${s}Z`)) * 1_000_000n + BigInt(f.padEnd(9, '0')); };
    expect(asNs(body.chart.modtime)).toBe(mtime('Chart.yaml'));
    expect(asNs(body.chart.schemamodtime)).toBe(mtime('values.schema.json'));
    expect(asNs(body.chart.templates[0].modtime)).toBe(mtime(body.chart.templates[0].name));
  });

  it('status, get all, get values, history and list print what Helm prints (ages aside)', async () => {
    // Ages tick, and Helm iterates a Go map for the RESOURCES sections: compare them as a set.
    const sortSections = (s: string) => s.replace(/RESOURCES:\n([\s\S]*?\n\n)\n/, (_, body: string) => `RESOURCES:\n${body.split(/(?===> )/).sort().join('')}\n`);
    const noAges = (s: string) => sortSections(s.replace(/\b\d+(m\d+)?s( *)$/gm, 'AGE$2'));
    for (const release of ['fh', 'fu']) {
      for (const args of [['status'], ['get', 'all'], ['get', 'values'], ['get', 'values', '--all'], ['history']]) {
        const [ours, theirs] = [noAges(await hullOk([...args, release])), noAges(await helm([...args, release]))];
        expect(ours, `${args.join(' ')} ${release}`).toBe(theirs);
      }
    }
    expect(await hullOk(['list'])).toBe(await helm(['list']));
  });
});
