// Storage logic against an in-memory fake of the Kubernetes API (memory.ts). The same driver runs
// against the real API server in the e2e tests, including interop with the real Helm binary.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HullError } from '../errors.ts';
import { markSuperseded, withStatus } from '../release/transitions.ts';
import type { Release } from '../release/types.ts';
import type { KubeObject } from '../kube/types.ts';
import { decodeRelease } from './codec.ts';
import { MemoryDriver } from './memory.ts';
import { helmSecret } from './testing/helm-fixture.ts';

const NOW = new Date('2025-03-04T09:11:12Z');

function rel(name: string, version: number, status: Release['info']['status'], namespace = 'apps'): Release {
  return {
    name,
    namespace,
    version,
    info: { status, last_deployed: NOW.toISOString() },
    chart: { metadata: { name: 'web', version: '1.0.0', apiVersion: 'v2' }, templates: [], values: null, files: [] },
    manifest: `# ${name} v${version}\n`,
  };
}

const driver = (ns = 'apps') => new MemoryDriver(ns, undefined, { now: () => NOW });
const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof HullError ? e.code : String(e)));

describe('SecretsDriver (over an in-memory API)', () => {
  it('writes the Secret exactly as Helm does', async () => {
    const d = driver();
    await d.create({ ...rel('web', 1, 'pending-install'), labels: { team: 'a' } });
    const s = d.api.objects.get('apps/sh.helm.release.v1.web.v1') as KubeObject & { type: string; data: { release: string } };
    expect(s.type).toBe('helm.sh/release.v1');
    expect(s.metadata.labels).toEqual({
      team: 'a',
      name: 'web',
      owner: 'helm',
      status: 'pending-install',
      version: '1',
      createdAt: '1741079472',
    });
    // Two base64 layers: the API's own, then Helm's over the gzip.
    const inner = Buffer.from(s.data.release, 'base64').toString();
    expect(Buffer.from(inner, 'base64').subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(decodeRelease(inner).name).toBe('web');
  });

  it('gets a revision back with its custom labels, and says which is missing', async () => {
    const d = driver();
    await d.create({ ...rel('web', 1, 'deployed'), labels: { team: 'a' } });
    expect(await d.get('web', 1)).toMatchObject({ name: 'web', version: 1, labels: { team: 'a' } });
    await expect(d.get('web', 2)).rejects.toThrow(/release "web" revision 2 not found in namespace apps/);
    expect(await code(d.get('web', 2))).toBe('RELEASE_NOT_FOUND');
  });

  it('refuses to create a revision twice', async () => {
    const d = driver();
    await d.create(rel('web', 1, 'deployed'));
    expect(await code(d.create(rel('web', 1, 'deployed')))).toBe('RELEASE_EXISTS');
  });

  it('refuses a release of another namespace', async () => {
    await expect(driver().create(rel('web', 1, 'deployed', 'other'))).rejects.toThrow(/namespace other, not apps/);
  });

  it('updates status and labels as Helm 4 does: modifiedAt, and createdAt gone', async () => {
    const d = driver();
    await d.create(rel('web', 1, 'pending-install'));
    await d.update(withStatus(rel('web', 1, 'pending-install'), 'deployed', 'Install complete'));
    const s = d.api.objects.get('apps/sh.helm.release.v1.web.v1')!;
    expect(s.metadata.labels).toEqual({ name: 'web', owner: 'helm', status: 'deployed', version: '1', modifiedAt: '1741079472' });
    expect((await d.get('web', 1)).info.description).toBe('Install complete');
  });

  it('detects a revision changed by another process (optimistic concurrency)', async () => {
    const a = driver();
    const b = a.forNamespace('apps');
    await a.create(rel('web', 1, 'pending-upgrade'));
    await b.get('web', 1);
    await a.update(rel('web', 1, 'deployed'));
    expect(await code(b.update(rel('web', 1, 'failed')))).toBe('RELEASE_LOCKED');
    expect(await code(a.update(rel('gone', 1, 'failed')))).toBe('RELEASE_NOT_FOUND');
  });

  it('finds latest and last deployed from labels, decoding one body', async () => {
    const d = driver();
    for (const [v, s] of [[1, 'superseded'], [2, 'deployed'], [3, 'failed']] as const) await d.create(rel('web', v, s));
    corrupt(d, 'web', 1);
    expect((await d.latest('web'))?.version).toBe(3);
    expect((await d.lastDeployed('web'))?.version).toBe(2);
    expect(await d.latest('nothing')).toBeUndefined();
    expect(await d.lastDeployed('nothing')).toBeUndefined();
    expect((await d.listEntries('web')).map((e) => [e.version, e.status])).toEqual([[1, 'superseded'], [2, 'deployed'], [3, 'failed']]);
  });

  it('lists history oldest first and deletes', async () => {
    const d = driver();
    for (const v of [2, 1, 3]) await d.create(rel('web', v, 'superseded'));
    expect((await d.listVersions('web')).map((r) => r.version)).toEqual([1, 2, 3]);
    expect(await d.delete('web', 2)).toBe(true);
    expect(await d.delete('web', 2)).toBe(false);
    expect(await d.deleteAll('web')).toBe(2);
    expect(await d.listVersions('web')).toEqual([]);
  });

  it('lists releases from labels and decodes only what is loaded', async () => {
    const apps = driver();
    const other = apps.forNamespace('other');
    await apps.create(rel('web', 1, 'superseded'));
    await apps.create(rel('web', 2, 'deployed'));
    await apps.create(rel('api', 1, 'failed'));
    await other.create(rel('db', 1, 'deployed', 'other'));
    // Every body is unreadable: listing must not need any of them.
    for (const [n, v] of [['web', 1], ['web', 2], ['api', 1]] as const) corrupt(apps, n, v);

    const rows = await apps.listReleases('apps');
    expect(rows.map((r) => `${r.name}.v${r.version}:${r.status}`)).toEqual(['api.v1:failed', 'web.v2:deployed']);
    expect(rows[1].modifiedAt).toEqual(NOW);
    await expect(rows[1].load()).rejects.toThrow(/decode Secret sh.helm.release.v1.web.v2/);

    const all = await apps.listReleases(undefined);
    expect(all.map((r) => `${r.namespace}/${r.name}`)).toEqual(['apps/api', 'apps/web', 'other/db']);
    expect((await all[2].load()).manifest).toBe('# db v1\n');
  });

  it('lists without the bodies of superseded revisions, fetching one only when it is the latest', async () => {
    const d = driver();
    await d.create(rel('web', 1, 'superseded'));
    await d.create(rel('web', 2, 'deployed'));
    // A latest revision left superseded (Helm never does it, a hand edit might) is still shown.
    await d.create(rel('odd', 1, 'superseded'));
    corrupt(d, 'web', 1);
    const listed: string[] = [];
    const list = d.api.list.bind(d.api);
    d.api.list = async (...args) => {
      listed.push(`${args[3]?.labelSelector}${args[3]?.metadataOnly ? ' (metadata)' : ''}`);
      return list(...args);
    };
    const rows = await d.listReleases('apps');
    expect(listed.sort()).toEqual(['owner=helm (metadata)', 'owner=helm,status!=superseded']);
    expect(await Promise.all(rows.map(async (r) => `${r.name}:${(await r.load()).manifest.trim()}`))).toEqual(['odd:# odd v1', 'web:# web v2']);
  });

  it('applies Helm list filters: statuses on the latest revision, name regex, all revisions', async () => {
    const d = driver();
    await d.create(rel('web', 1, 'deployed'));
    await d.create(rel('web', 2, 'failed'));
    await d.create({ ...rel('api', 1, 'deployed'), labels: { team: 'a' } });
    const names = async (f: Parameters<MemoryDriver['listReleases']>[1]) => (await d.listReleases('apps', f)).map((r) => `${r.name}.v${r.version}`);
    expect(await names({ statuses: ['deployed'] })).toEqual(['api.v1']);
    expect(await names({ name: /^w/ })).toEqual(['web.v2']);
    expect(await names({ name: /./g })).toEqual(['api.v1', 'web.v2']);
    expect(await names({ allRevisions: true, statuses: ['deployed'] })).toEqual(['api.v1', 'web.v1']);
    expect(await names({ labels: { team: 'a' } })).toEqual(['api.v1']);
  });

  it('reads a release Helm wrote, and supersedes it keeping its fields', async () => {
    const d = driver();
    d.api.objects.set('apps/sh.helm.release.v1.web.v1', helmSecret() as KubeObject);
    const [row] = await d.listReleases('apps');
    expect(row).toMatchObject({ name: 'web', version: 1, status: 'deployed', modifiedAt: new Date(1741079472000) });
    const helmRel = await d.lastDeployed('web');
    expect(helmRel?.chart.metadata.appVersion).toBe('4.5.6');
    await d.update(markSuperseded(helmRel!));
    const again = await d.get('web', 1);
    expect(again.info.status).toBe('superseded');
    expect(again.hooks?.[0].last_run.phase).toBe('Succeeded');
    expect(again.chart.schemamodtime).toBe('0001-01-01T00:00:00Z');
    expect(d.api.objects.get('apps/sh.helm.release.v1.web.v1')!.metadata.labels).toEqual({ name: 'web', owner: 'helm', status: 'superseded', version: '1', modifiedAt: '1741079472' });
  });

  it('checks the size before creating anything', async () => {
    const d = driver();
    const big = { ...rel('big', 1, 'pending-install'), manifest: randomBytes(1_000_000).toString('base64') };
    expect(await code(d.create(big))).toBe('RELEASE_TOO_LARGE');
    expect(d.api.objects.size).toBe(0);
  });
});

function corrupt(d: MemoryDriver, name: string, version: number): void {
  const s = d.api.objects.get(`${d.namespace}/sh.helm.release.v1.${name}.v${version}`) as KubeObject & { data: { release: string } };
  s.data.release = Buffer.from('not base64 gzip json').toString('base64');
}

