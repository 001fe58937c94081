// The release commands end to end on the real API server: storage in Helm's format, SSA with
// ownership, pruning of removed resources, drift correction, dry runs, exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { install, upgrade } from '../../src/actions/upgrade.ts';
import { rollback } from '../../src/actions/rollback.ts';
import { uninstall } from '../../src/actions/uninstall.ts';
import { getRelease, history } from '../../src/actions/query.ts';
import { createNamespace, deleteNamespace, eventually, kubectl, kubectlJson } from '../helpers/cluster.ts';
import { configFor, configMap, deployment, hull, writeChart } from '../helpers/hull.ts';

const base = { wait: true, timeoutMs: 60_000, historyMax: 10, values: {} };
let ns: string;
beforeAll(async () => {
  ns = await createNamespace('rel');
});
afterAll(async () => deleteNamespace(ns));

describe('install, upgrade, rollback, uninstall', () => {
  it('stores revisions as Helm does and manages resources with SSA', async () => {
    const cfg = configFor(ns);
    const v1 = writeChart('app', '1.0.0', {
      'templates/cm.yaml': configMap('app-config', { mode: 'one' }),
      'templates/old.yaml': configMap('app-old', { x: '1' }),
      'templates/kept.yaml': configMap('app-kept', { x: '1' }, { 'helm.sh/resource-policy': 'keep' }),
      'templates/web.yaml': deployment('app-web', { replicas: 3 }),
      'templates/NOTES.txt': 'Thanks for installing {{Release.Name}}.',
    });
    const r1 = await install(cfg, 'app', { ...base, chart: v1 });
    expect(r1.release.info.status).toBe('deployed');
    expect(r1.release.info.notes).toBe('Thanks for installing app.');

    const secret = await kubectlJson(['get', 'secret', 'sh.helm.release.v1.app.v1', '-n', ns]);
    expect(secret.type).toBe('helm.sh/release.v1');
    expect(secret.metadata.labels).toMatchObject({ name: 'app', owner: 'helm', status: 'deployed', version: '1' });
    const cm = await kubectlJson(['get', 'configmap', 'app-config', '-n', ns, '--show-managed-fields']);
    expect(cm.metadata.annotations).toMatchObject({ 'meta.helm.sh/release-name': 'app', 'meta.helm.sh/release-namespace': ns });
    expect(cm.metadata.labels['app.kubernetes.io/managed-by']).toBe('Helm');
    expect(cm.metadata.managedFields.some((f: any) => f.manager === 'hull' && f.operation === 'Apply')).toBe(true);

    // v2 drops app-old and app-kept, changes the config.
    const v2 = writeChart('app', '2.0.0', {
      'templates/cm.yaml': configMap('app-config', { mode: 'two' }),
      'templates/web.yaml': deployment('app-web', { replicas: 3 }),
    });
    // A server dry run shows, resource by resource, what the upgrade would change.
    const preview = await hull(['upgrade', 'app', v2, '-n', ns, '--dry-run=server']);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/CHANGES:\n~ ConfigMap\/app-config\n[\s\S]*-data: \{"mode":"one"\}\n\+data: \{"mode":"two"\}/);
    expect(preview.stdout).toMatch(/^- ConfigMap\/app-old$/m);
    const changes = preview.stdout.split('CHANGES:')[1].split('MANIFEST:')[0];
    expect(changes).not.toMatch(/Deployment\/app-web/);
    expect(changes).toMatch(/^- ConfigMap\/app-kept \(leaves the release, stays in the cluster: resource-policy keep\)$/m);
    expect((await kubectlJson(['get', 'configmap', 'app-config', '-n', ns])).data.mode).toBe('one');
    const r2 = await upgrade(cfg, 'app', { ...base, chart: v2 });
    expect(r2.release.version).toBe(2);
    expect((await kubectlJson(['get', 'configmap', 'app-config', '-n', ns])).data.mode).toBe('two');
    await expect(kubectl(['get', 'configmap', 'app-old', '-n', ns])).rejects.toThrow(/NotFound/);
    expect((await kubectlJson(['get', 'configmap', 'app-kept', '-n', ns])).data.x).toBe('1');

    // Drift: someone scales the Deployment to 0 by hand; an upgrade restores the chart's 3.
    await kubectl(['scale', 'deployment', 'app-web', '-n', ns, '--replicas=0']);
    await upgrade(cfg, 'app', { ...base, chart: v2 });
    expect((await kubectlJson(['get', 'deployment', 'app-web', '-n', ns])).spec.replicas).toBe(3);

    // Rollback to 1 is a new revision 4, restoring v1's resources and replicas after drift.
    await kubectl(['scale', 'deployment', 'app-web', '-n', ns, '--replicas=0']);
    const rb = await rollback(cfg, 'app', { ...base, revision: 1 });
    expect(rb.release.version).toBe(4);
    expect(rb.release.info.description).toBe('Rollback to 1');
    expect((await kubectlJson(['get', 'configmap', 'app-config', '-n', ns])).data.mode).toBe('one');
    expect((await kubectlJson(['get', 'configmap', 'app-old', '-n', ns])).data.x).toBe('1');
    expect((await kubectlJson(['get', 'deployment', 'app-web', '-n', ns])).spec.replicas).toBe(3);
    const statuses = (await history(cfg, 'app')).map((r) => [r.version, r.info.status]);
    expect(statuses).toEqual([[1, 'superseded'], [2, 'superseded'], [3, 'superseded'], [4, 'deployed']]);

    // CLI views of the same release.
    const hist = await hull(['history', 'app', '-n', ns]);
    expect(hist.code).toBe(0);
    expect(hist.stdout).toMatch(/^REVISION\s+UPDATED\s+STATUS\s+CHART\s+APP VERSION\s+DESCRIPTION/);
    expect(hist.stdout).toMatch(/4\s+.*deployed\s+app-1\.0\.0\s+1\.0\s+Rollback to 1/);
    const ls = await hull(['list', '-n', ns, '-o', 'json']);
    expect(JSON.parse(ls.stdout)).toEqual([expect.objectContaining({ name: 'app', revision: '4', status: 'deployed', chart: 'app-1.0.0' })]);
    const manifest = await hull(['get', 'manifest', 'app', '-n', ns, '--revision', '2']);
    expect(manifest.stdout).toContain('# Source: app/templates/cm.yaml');
    expect(manifest.stdout).toContain('{"mode":"two"}');

    // Uninstall keeps app-kept (resource-policy keep) and removes the rest and the history.
    await uninstall(cfg, 'app', { timeoutMs: 60_000 });
    await expect(kubectl(['get', 'configmap', 'app-config', '-n', ns])).rejects.toThrow(/NotFound/);
    expect((await kubectlJson(['get', 'configmap', 'app-kept', '-n', ns])).data.x).toBe('1');
    expect((await kubectl(['get', 'secrets', '-n', ns, '-l', 'owner=helm,name=app', '-o', 'name'])).trim()).toBe('');
  });

  it('refuses to adopt objects it does not own, writing nothing, unless --take-ownership', async () => {
    await kubectl(['create', 'configmap', 'stranger', '-n', ns, '--from-literal=a=b']);
    const chart = writeChart('adopt', '1.0.0', { 'templates/cm.yaml': configMap('stranger', { a: 'c' }) });
    const res = await hull(['install', 'adopt', chart, '-n', ns]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/ConfigMap\/stranger in namespace .* exists and belongs to no release/);
    expect((await kubectl(['get', 'secrets', '-n', ns, '-l', 'name=adopt', '-o', 'name'])).trim()).toBe('');
    expect((await kubectlJson(['get', 'configmap', 'stranger', '-n', ns])).data.a).toBe('b');

    const ok = await hull(['install', 'adopt', chart, '-n', ns, '--take-ownership']);
    expect(ok.code, ok.stderr).toBe(0);
    expect((await kubectlJson(['get', 'configmap', 'stranger', '-n', ns])).data.a).toBe('c');
  });

  it('dry runs change nothing; the server dry run reports every rejection', async () => {
    const chart = writeChart('dry', '1.0.0', {
      'templates/cm.yaml': configMap('dry-config', { a: 'b' }),
      'templates/bad.yaml': deployment('dry-bad').replace('matchLabels: {app: dry-bad}', 'matchLabels: {app: other}'),
    });
    const client = await hull(['install', 'dry', chart, '-n', ns, '--dry-run']);
    expect(client.code, client.stderr).toBe(0);
    expect(client.stdout).toMatch(/apply 2 resource\(s\): ConfigMap\/dry-config, Deployment\/dry-bad/);
    const server = await hull(['install', 'dry', chart, '-n', ns, '--dry-run=server']);
    expect(server.code).toBe(1);
    expect(server.stderr).toMatch(/Deployment\/dry-bad: .*selector/);
    await expect(kubectl(['get', 'configmap', 'dry-config', '-n', ns])).rejects.toThrow(/NotFound/);
    expect((await kubectl(['get', 'secrets', '-n', ns, '-l', 'name=dry', '-o', 'name'])).trim()).toBe('');
    // Not even the namespace --create-namespace would make, nor a lock.
    const elsewhere = `${ns}-dry`;
    await hull(['install', 'dry', chart, '-n', elsewhere, '--create-namespace', '--dry-run=server']);
    await expect(kubectl(['get', 'namespace', elsewhere])).rejects.toThrow(/NotFound/);
    expect((await kubectl(['get', 'leases', '-n', ns, '-o', 'name'])).trim()).toBe('');
  });

  it('answers with Helm-like errors and exit codes', async () => {
    const missing = await hull(['status', 'nope', '-n', ns]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Error: release: not found/);
    const badName = await hull(['install', 'Bad_Name', 'charts/vweb', '-n', ns]);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/Bad_Name/);
    const noRelease = await hull(['upgrade', 'nope', writeChart('x', '1.0.0', {}), '-n', ns]);
    expect(noRelease.code).toBe(1);
    expect(noRelease.stderr).toMatch(/"nope" has no deployed releases/);
  });

  it('upgrades after a failed first install, and prunes history but keeps the deployed revision', async () => {
    const cfg = configFor(ns);
    const broken = writeChart('phoenix', '1.0.0', { 'templates/web.yaml': deployment('phoenix', { labels: { 'hull.test/crashloop': 'true' } }) });
    await expect(install(cfg, 'phoenix', { ...base, chart: broken })).rejects.toThrow(/INSTALLATION FAILED: .*CrashLoopBackOff/);
    expect((await getRelease(cfg, 'phoenix')).info.status).toBe('failed');
    const fixed = writeChart('phoenix', '1.0.1', { 'templates/web.yaml': deployment('phoenix') });
    const r = await upgrade(cfg, 'phoenix', { ...base, chart: fixed });
    expect(r.release.version).toBe(2);
    expect(r.release.info.status).toBe('deployed');
    for (let i = 0; i < 4; i++) await upgrade(cfg, 'phoenix', { ...base, chart: fixed, historyMax: 3, values: { set: [`n=${i}`] } });
    expect((await history(cfg, 'phoenix')).map((h) => h.version)).toEqual([4, 5, 6]);
  });

  it('refuses a release too large for a Secret before applying anything', async () => {
    // Random bytes do not compress: ~1.5 MiB of them cannot fit a 1 MiB Secret even gzipped.
    const { randomBytes } = await import('node:crypto');
    const chart = writeChart('huge', '1.0.0', { 'templates/cm.yaml': configMap('huge-config', { a: 'b' }), 'files/blob.txt': randomBytes(1_100_000).toString('base64') });
    const r = await hull(['install', 'huge', chart, '-n', ns]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/over the 1.00 MiB Kubernetes allows in a Secret; nothing was applied.*files\/blob.txt/);
    await expect(kubectl(['get', 'configmap', 'huge-config', '-n', ns])).rejects.toThrow(/NotFound/);
    expect((await kubectl(['get', 'secrets', '-n', ns, '-l', 'name=huge', '-o', 'name'])).trim()).toBe('');
  });

  it('--cleanup-on-fail deletes what a failed upgrade created, and the release stays usable', async () => {
    const cfg = configFor(ns);
    const v1 = writeChart('tidy', '1.0.0', { 'templates/web.yaml': deployment('tidy-web') });
    await install(cfg, 'tidy', { ...base, chart: v1 });
    const v2 = writeChart('tidy', '2.0.0', {
      'templates/web.yaml': deployment('tidy-web'),
      'templates/extra.yaml': configMap('tidy-extra', { a: 'b' }),
      'templates/broken.yaml': deployment('tidy-broken', { labels: { 'hull.test/crashloop': 'true' } }),
    });
    const r = await hull(['upgrade', 'tidy', v2, '-n', ns, '--cleanup-on-fail', '--timeout', '60s']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Deployment\/tidy-broken.*CrashLoopBackOff/);
    await eventually('created resources deleted', async () => {
      const left = await kubectl(['get', 'configmap,deployment', '-n', ns, '-o', 'name']);
      return !left.includes('tidy-extra') && !left.includes('tidy-broken');
    });
    expect((await kubectlJson(['get', 'deployment', 'tidy-web', '-n', ns])).metadata.name).toBe('tidy-web');
    const again = await upgrade(cfg, 'tidy', { ...base, chart: v1 });
    expect(again.release.info.status).toBe('deployed');
  });

  it("installs the chart's crds/ first, so its custom resources apply in the same install", async () => {
    const group = `${ns}.hull.test`;
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.${group}
spec:
  group: ${group}
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
`;
    const chart = writeChart('widgets', '1.0.0', {
      'crds/widget.yaml': crd,
      'templates/widget.yaml': `apiVersion: ${group}/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 3\n`,
    });
    const r = await hull(['install', 'widgets', chart, '-n', ns]);
    expect(r.code, r.stderr).toBe(0);
    expect((await kubectlJson(['get', `widgets.${group}`, 'w1', '-n', ns])).spec.size).toBe(3);
    await kubectl(['delete', 'crd', `widgets.${group}`]);
  });

  it('status, get values|notes|hooks|all, list -A and uninstall --keep-history from the CLI', async () => {
    const chart = writeChart('views', '1.2.3', {
      'values.yaml': 'greeting: hello\n',
      'templates/cm.yaml': configMap('views-config', { greeting: '{{Values.greeting}}' }),
      'templates/hook.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: views-hook\n  annotations:\n    helm.sh/hook: post-install\ndata: {}\n`,
      'templates/NOTES.txt': 'Say {{Values.greeting}}.',
    });
    expect((await hull(['install', 'views', chart, '-n', ns, '--set', 'greeting=hi'])).code).toBe(0);
    const status = await hull(['status', 'views', '-n', ns]);
    expect(status.stdout).toMatch(/NAME: views\nLAST DEPLOYED: .+\nNAMESPACE: .+\nSTATUS: deployed\nREVISION: 1/);
    expect(status.stdout).toMatch(/NOTES:\nSay hi\./);
    expect(JSON.parse((await hull(['status', 'views', '-n', ns, '-o', 'json'])).stdout)).toMatchObject({ name: 'views', version: 1, info: { status: 'deployed' } });
    expect((await hull(['get', 'values', 'views', '-n', ns])).stdout).toBe('USER-SUPPLIED VALUES:\ngreeting: hi\n');
    expect(JSON.parse((await hull(['get', 'values', 'views', '-n', ns, '--all', '-o', 'json'])).stdout)).toEqual({ greeting: 'hi' });
    expect((await hull(['get', 'notes', 'views', '-n', ns])).stdout).toBe('NOTES:\nSay hi.\n');
    expect((await hull(['get', 'hooks', 'views', '-n', ns])).stdout).toMatch(/# Source: views\/templates\/hook.yaml\n[\s\S]*helm.sh\/hook: post-install/);
    const all = (await hull(['get', 'all', 'views', '-n', ns])).stdout;
    expect(all).toMatch(/USER-SUPPLIED VALUES:[\s\S]*HOOKS:[\s\S]*MANIFEST:[\s\S]*views-config/);
    const listed = JSON.parse((await hull(['list', '-A', '-o', 'json'])).stdout);
    expect(listed).toContainEqual(expect.objectContaining({ name: 'views', namespace: ns, chart: 'views-1.2.3', app_version: '1.0' }));

    expect((await hull(['uninstall', 'views', '-n', ns, '--keep-history'])).stdout).toBe('release "views" uninstalled\n');
    expect(JSON.parse((await hull(['history', 'views', '-n', ns, '-o', 'json'])).stdout)).toEqual([expect.objectContaining({ revision: 1, status: 'uninstalled' })]);
    expect(JSON.parse((await hull(['list', '-n', ns, '--uninstalled', '-o', 'json'])).stdout).map((r: any) => r.name)).toContain('views');
    await expect(kubectl(['get', 'configmap', 'views-config', '-n', ns])).rejects.toThrow(/NotFound/);
  });

  it('finds a conflicting object among many of one kind (checked with one metadata list)', async () => {
    await kubectl(['create', 'configmap', 'many-7', '-n', ns, '--from-literal=a=b']);
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`templates/cm${i}.yaml`, configMap(`many-${i}`, { i: String(i) })]));
    const r = await hull(['install', 'many', writeChart('many', '1.0.0', files), '-n', ns]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refusing to adopt existing resources[^\n]*\n\s+ConfigMap\/many-7 in namespace \S+ exists and belongs to no release$/m);
    await expect(kubectl(['get', 'configmap', 'many-0', '-n', ns])).rejects.toThrow(/NotFound/);
  });

  it('a failed atomic first install uninstalls: no resources, no history', async () => {
    const chart = writeChart('doomed', '1.0.0', {
      'templates/cm.yaml': configMap('doomed-config', { a: 'b' }),
      'templates/web.yaml': deployment('doomed-web', { labels: { 'hull.test/crashloop': 'true' } }),
    });
    const r = await hull(['install', 'doomed', chart, '-n', ns, '--atomic', '--timeout', '60s']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/INSTALLATION FAILED: Deployment\/doomed-web: .*CrashLoopBackOff.*; the release was uninstalled \(--atomic\)/);
    expect((await kubectl(['get', 'secrets', '-n', ns, '-l', 'name=doomed', '-o', 'name'])).trim()).toBe('');
    await expect(kubectl(['get', 'configmap', 'doomed-config', '-n', ns])).rejects.toThrow(/NotFound/);
    await expect(kubectl(['get', 'deployment', 'doomed-web', '-n', ns])).rejects.toThrow(/NotFound/);
    // The name is free again.
    const again = await hull(['install', 'doomed', writeChart('doomed', '1.0.1', { 'templates/cm.yaml': configMap('doomed-config', { a: 'c' }) }), '-n', ns]);
    expect(again.code, again.stderr).toBe(0);
  });

  it('an --atomic rollback also removes what the failed upgrade added; upgrade never revives an uninstalled release', async () => {
    const v1 = writeChart('extra', '1.0.0', { 'templates/web.yaml': deployment('extra-web') });
    expect((await hull(['install', 'extra', v1, '-n', ns])).code).toBe(0);
    const v2 = writeChart('extra', '2.0.0', {
      'templates/web.yaml': deployment('extra-web', { labels: { 'hull.test/crashloop': 'true' } }),
      'templates/added.yaml': configMap('extra-added', { a: 'b' }),
    });
    const r = await hull(['upgrade', 'extra', v2, '-n', ns, '--atomic', '--timeout', '60s']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rolled back to revision 1/);
    await expect(kubectl(['get', 'configmap', 'extra-added', '-n', ns])).rejects.toThrow(/NotFound/);

    expect((await hull(['uninstall', 'extra', '-n', ns, '--keep-history'])).code).toBe(0);
    const up = await hull(['upgrade', 'extra', v1, '-n', ns]);
    expect(up.code).toBe(1);
    expect(up.stderr).toMatch(/"extra" has no deployed releases/);
    const again = await hull(['uninstall', 'extra', '-n', ns, '--keep-history']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already deleted/);
  });

  it('uninstall --dry-run of a release uninstalled with --keep-history keeps its history', async () => {
    const chart = writeChart('kept', '1.0.0', { 'templates/cm.yaml': configMap('kept-cm', { a: 'b' }) });
    expect((await hull(['install', 'kept', chart, '-n', ns])).code).toBe(0);
    expect((await hull(['uninstall', 'kept', '-n', ns, '--keep-history'])).code).toBe(0);
    const dry = await hull(['uninstall', 'kept', '-n', ns, '--dry-run']);
    expect(dry.code).toBe(0);
    const revisions = await history(configFor(ns), 'kept');
    expect(revisions.map((r) => [r.version, r.info.status])).toEqual([[1, 'uninstalled']]);
  });
});

