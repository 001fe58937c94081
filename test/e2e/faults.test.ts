// Faults a real cluster produces, end to end: the API server restarting mid-wait and mid-record (a
// second kube-apiserver on the cluster's etcd that this file stops and starts, so other test files
// keep theirs), objects the API server rejects after others were applied, a user whose RBAC allows
// some kinds and not others, and a validation answer sent as HTTP 500.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { extraApiServer, type ClusterState, type ExtraApiServer } from '../cluster/cluster.ts';
import { createNamespace, deleteNamespace, eventually, kubectl, kubectlJson } from '../helpers/cluster.ts';
import { configFor, configMap, deployment, hull, startHull, writeChart } from '../helpers/hull.ts';
import { install } from '../../src/actions/upgrade.ts';
import { KubeApiError } from '../../src/kube/errors.ts';
import type { KubeClient } from '../../src/kube/types.ts';

const external = inject('external');
let ns: string;
let api: ExtraApiServer;
beforeAll(async () => {
  if (external) return;
  ns = await createNamespace('faults');
  api = await extraApiServer(JSON.parse(readFileSync(inject('clusterState'), 'utf8')) as ClusterState);
});
afterAll(async () => {
  if (external) return;
  api?.stop();
  await deleteNamespace(ns);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const statusOf = async (release: string) => (await kubectlJson(['get', 'secrets', '-n', ns, '-l', `owner=helm,name=${release}`])).items.map((s: any) => `${s.metadata.labels.version}:${s.metadata.labels.status}`).sort();

describe.skipIf(external)('the API server going away', () => {
  it('an install keeps waiting through an API server restart and succeeds once the rollout is ready', async () => {
    const chart = writeChart('restart', '1.0.0', { 'templates/web.yaml': deployment('restart-web', { labels: { 'hull.test/never-ready': 'true' } }) });
    const run = startHull(['install', 'restart', chart, '-n', ns, '--timeout', '150s'], { KUBECONFIG: api.kubeconfig });
    await eventually('hull to be waiting', async () => /restart-web/.test(run.output().stderr), 60_000);
    api.stop();
    await sleep(8000);
    await api.start();
    // Now let the rollout finish (through the main API server): hull must notice and succeed.
    await kubectl(['patch', 'deployment', 'restart-web', '-n', ns, '--type=json', '-p', '[{"op":"remove","path":"/spec/template/metadata/labels/hull.test~1never-ready"}]']);
    const r = await run.done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/the API server cannot be reached \(.*\); still waiting for Deployment\/restart-web, retrying until the timeout/);
    expect(r.stderr).toMatch(/the API server answers again after \d+\.\ds/);
    expect(await statusOf('restart')).toEqual(['1:deployed']);
  });

  it('a failure met while the API server restarts is still recorded, and the lock released', async () => {
    const chart = writeChart('record', '1.0.0', { 'templates/web.yaml': deployment('record-web', { labels: { 'hull.test/never-ready': 'true' } }) });
    // A 30 s lease: the record is retried for that long after the last renewal.
    const run = startHull(['install', 'record', chart, '-n', ns, '--timeout', '8s'], { KUBECONFIG: api.kubeconfig, HULL_LOCK_LEASE_SECONDS: '30' });
    await eventually('hull to be waiting', async () => /record-web/.test(run.output().stderr), 60_000);
    // Down across the timeout and past the client's own retries, so the failure is met, and its
    // record attempted, while it is down.
    api.stop();
    await sleep(16_000);
    await api.start();
    const r = await run.done;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/INSTALLATION FAILED: .*Deployment\/record-web.*the API server could not be reached for the last \d+s/);
    expect(r.stderr).toMatch(/record revision 1 as failed: .*retrying while the release's lock is ours/);
    expect(await statusOf('record')).toEqual(['1:failed']);
    expect((await kubectl(['get', 'leases', '-n', ns, '-o', 'name'])).includes('hull-lock.record')).toBe(false);
  });

  it('when it stays down, the error says what storage is left in and the next operation repairs it', async () => {
    const chart = writeChart('stays', '1.0.0', { 'templates/web.yaml': deployment('stays-web', { labels: { 'hull.test/never-ready': 'true' } }) });
    const run = startHull(['install', 'stays', chart, '-n', ns, '--timeout', '6s'], { KUBECONFIG: api.kubeconfig, HULL_LOCK_LEASE_SECONDS: '5' });
    await eventually('hull to be waiting', async () => /stays-web/.test(run.output().stderr), 60_000);
    api.stop();
    const r = await run.done;
    await api.start();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/revision 1 could not be recorded as failed \(.*\): storage still says pending-install; the next hull operation on release "stays" marks it failed/);
    expect(await statusOf('stays')).toEqual(['1:pending-install']);
    // The next operation does what the message said (once the dead run's lease has lapsed).
    await sleep(11_000);
    const fixed = writeChart('stays', '1.0.1', { 'templates/web.yaml': deployment('stays-web') });
    const next = await hull(['upgrade', 'stays', fixed, '-n', ns, '--timeout', '60s'], { HULL_LOCK_LEASE_SECONDS: '5' });
    expect(next.code, next.stderr).toBe(0);
    // As Helm 4: the upgrade supersedes the revision it replaced, the failed first install included.
    expect(await statusOf('stays')).toEqual(['1:superseded', '2:deployed']);
  });
});

describe.skipIf(external)('objects the API server rejects', () => {
  it('an invalid object after a valid one: found by a dry run before anything is written', async () => {
    const v1 = writeChart('reject', '1.0.0', { 'templates/cm.yaml': configMap('reject-config', { a: '1' }) });
    expect((await hull(['install', 'reject', v1, '-n', ns])).code).toBe(0);
    const bad = `apiVersion: v1\nkind: Service\nmetadata:\n  name: reject-svc\nspec:\n  selector: {app: x}\n  ports: [{port: 99999}]\n`;
    const v2 = writeChart('reject', '1.0.1', { 'templates/cm.yaml': configMap('reject-config', { a: '2' }), 'templates/svc.yaml': bad });
    const r = await hull(['upgrade', 'reject', v2, '-n', ns]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/UPGRADE FAILED: the API server rejected an object in a server-side dry run, so nothing was applied or recorded: Service\/reject-svc in namespace faults-\w+: .*spec\.ports\[0\]\.port: Invalid value: 99999/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect((await kubectlJson(['get', 'configmap', 'reject-config', '-n', ns])).data).toEqual({ a: '1' });
    expect(await statusOf('reject')).toEqual(['1:deployed']);
  });

  it('a rejection the dry run could not foresee lists what was applied before it', async () => {
    // Fault injection around the real client: the real apply of the Service is refused (as an
    // admission webhook might), after the ConfigMap was applied for real.
    const cfg = configFor(ns);
    const real = await cfg.kube();
    const refusing: KubeClient = Object.assign(Object.create(real) as KubeClient, {
      apply: (o: any, opts: any) => (o.kind === 'Service' && !opts?.dryRun ? Promise.reject(new KubeApiError(422, 'Invalid', `Service/${o.metadata.name}: denied by policy`)) : real.apply(o, opts)),
    });
    const chart = writeChart('partial', '1.0.0', {
      'templates/cm.yaml': configMap('partial-config', { a: '1' }),
      'templates/svc.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: partial-svc\nspec:\n  selector: {app: x}\n  ports: [{port: 80}]\n`,
    });
    const err = await install({ ...cfg, kube: async () => refusing }, 'partial', { chart, values: {}, wait: false, timeoutMs: 30_000, historyMax: 10 }).then(() => undefined, (e) => e as Error);
    expect(err?.message).toMatch(/apply resources: Service\/partial-svc: denied by policy; applied before this failure: ConfigMap\/partial-config/);
    expect(await statusOf('partial')).toEqual(['1:failed']);
  });

  it('an undeclared field answered with HTTP 500 is final, not retried', async () => {
    const chart = writeChart('undeclared', '1.0.0', { 'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: undeclared\nspec:\n  foo: 1\n' });
    // Against a good install's time, not a fixed bound (CI's 2 cores are loaded): retrying would
    // add at least p-retry's 200+400+800+1600 ms backoff to that.
    const good = writeChart('declared', '1.0.0', { 'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: declared\ndata:\n  foo: "1"\n' });
    let started = Date.now();
    expect((await hull(['install', 'declared', good, '-n', ns])).code).toBe(0);
    const baseline = Date.now() - started;
    started = Date.now();
    const r = await hull(['install', 'undeclared', chart, '-n', ns]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ConfigMap\/undeclared in namespace faults-\w+: .*field not declared in schema/);
    expect(Date.now() - started).toBeLessThan(baseline + 2500);
  });
});

describe.skipIf(external)('a user whose RBAC allows some kinds and not others', () => {
  it('is refused before anything is applied, the forbidden object named', async () => {
    const limited = await createNamespace('faults-rbac');
    try {
      await kubectl(['create', 'role', 'partial', '-n', limited, '--verb=get,list,watch,create,update,patch,delete', '--resource=secrets,configmaps,leases.coordination.k8s.io']);
      await kubectl(['create', 'rolebinding', 'partial', '-n', limited, '--role=partial', '--user=hull-restricted']);
      const chart = writeChart('mixed', '1.0.0', {
        'templates/cm.yaml': configMap('mixed-config', { a: '1' }),
        'templates/svc.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: mixed-svc\nspec:\n  selector: {app: x}\n  ports: [{port: 80}]\n`,
      });
      const r = await hull(['install', 'mixed', chart, '-n', limited], { KUBECONFIG: inject('restrictedKubeconfig') });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/nothing was applied or recorded: Service\/mixed-svc in namespace faults-rbac-\w+: .*forbidden: User "hull-restricted" cannot get resource "services"/);
      expect((await kubectl(['get', 'configmaps,secrets', '-n', limited, '-o', 'name'])).includes('mixed')).toBe(false);

      // Allowed to read Services but not to write them: the server-side dry run says so.
      await kubectl(['create', 'role', 'read-services', '-n', limited, '--verb=get,list,watch', '--resource=services']);
      await kubectl(['create', 'rolebinding', 'read-services', '-n', limited, '--role=read-services', '--user=hull-restricted']);
      const again = await eventually('the new role to apply', async () => {
        const res = await hull(['install', 'mixed', chart, '-n', limited], { KUBECONFIG: inject('restrictedKubeconfig') });
        return /cannot get resource/.test(res.stderr) ? undefined : res;
      }, 20_000);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/INSTALLATION FAILED: the API server rejected an object in a server-side dry run, so nothing was applied or recorded: Service\/mixed-svc in namespace faults-rbac-\w+: .*forbidden: User "hull-restricted" cannot patch resource "services"/);
      expect((await kubectl(['get', 'configmaps,secrets', '-n', limited, '-o', 'name'])).includes('mixed')).toBe(false);
    } finally {
      await deleteNamespace(limited);
    }
  });
});
