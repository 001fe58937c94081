// The watch-based waiter on the real cluster: green only when the rollout really finished, red at
// once when it cannot finish, and on a timeout a diagnosis that names the pod.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/kube/client.ts';
import type { KubeClient, KubeObject } from '../../src/kube/types.ts';
import { waitForResources, type WaitRef } from '../../src/wait/waiter.ts';
import type { ResourceState, WaitReporter } from '../../src/wait/types.ts';
import { createNamespace, deleteNamespace, kubeconfig, kubectl, kubectlJson } from '../helpers/cluster.ts';

const quiet = { info() {}, debug() {}, warn() {} };
let kube: KubeClient;
let ns: string;
beforeAll(async () => {
  kube = await connect({ kubeconfig: kubeconfig(), debug: false }, quiet);
  ns = await createNamespace('waiter');
});
afterAll(async () => deleteNamespace(ns));

const apply = (obj: object) => kubectl(['apply', '-n', ns, '-f', '-'], JSON.stringify(obj));
const ref = (kind: string, name: string, apiVersion = 'apps/v1'): WaitRef => ({ apiVersion, kind, name, namespace: ns });

function deployment(name: string, o: { replicas?: number; labels?: Record<string, string>; image?: string; strategy?: object } = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: o.replicas ?? 2,
      selector: { matchLabels: { app: name } },
      ...(o.strategy ? { strategy: o.strategy } : {}),
      template: {
        metadata: { labels: { app: name, ...o.labels } },
        spec: { containers: [{ name: 'web', image: o.image ?? 'kiamol/ch09-vweb:v1' }] },
      },
    },
  };
}

function job(name: string, labels: Record<string, string> = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { backoffLimit: 0, template: { metadata: { labels }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } } },
  };
}

describe('waitForResources', () => {
  it('says ready for a healthy 2-replica Deployment', async () => {
    await apply(deployment('healthy'));
    const res = await waitForResources(kube, [ref('Deployment', 'healthy')], { timeoutMs: 30_000 });
    expect(res, JSON.stringify(res)).toMatchObject({ ok: true });
    const d = await kubectlJson(['get', 'deploy', 'healthy', '-n', ns]);
    expect(d.status.readyReplicas).toBe(2);
  });

  it('waits through a rolling update until the new ReplicaSet has every pod and the old none', async () => {
    await apply(deployment('rolling'));
    expect((await waitForResources(kube, [ref('Deployment', 'rolling')], { timeoutMs: 30_000 })).ok).toBe(true);
    await apply(deployment('rolling', { image: 'kiamol/ch09-vweb:v2' }));
    const res = await waitForResources(kube, [ref('Deployment', 'rolling')], { timeoutMs: 30_000 });
    expect(res, JSON.stringify(res)).toMatchObject({ ok: true });
    // Checked right after the waiter returned: nothing was left to finish.
    const rs = await kubectlJson(['get', 'rs', '-n', ns, '-l', 'app=rolling']);
    const byImage = Object.fromEntries(rs.items.map((r: any) => [r.spec.template.spec.containers[0].image, r.status.replicas ?? 0]));
    expect(byImage).toEqual({ 'kiamol/ch09-vweb:v1': 0, 'kiamol/ch09-vweb:v2': 2 });
  });

  it('fails fast on a crash-looping Deployment, naming the pod and the container', async () => {
    const timeoutMs = 60_000;
    await apply(deployment('crashy', { labels: { 'hull.test/crashloop': 'true' } }));
    const res = await waitForResources(kube, [ref('Deployment', 'crashy')], { timeoutMs });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.reason).toBe('failed');
    expect(res.elapsedMs).toBeLessThan(timeoutMs / 2);
    expect(res.failures).toHaveLength(1);
    expect(res.failures[0].assessment.reason).toBe('CrashLoopBackOff');
    expect(res.failures[0].diagnosis).toMatch(/^Deployment\/crashy: .*pod crashy-[a-z0-9]+-[a-z0-9]+: container web CrashLoopBackOff.*exit code 1/);
    console.log(`crashloop detected after ${res.elapsedMs} ms: ${res.failures[0].diagnosis}`);
  });

  it('fails fast on an image pull error once its grace has passed', async () => {
    const timeoutMs = 60_000;
    await apply(deployment('pull', { labels: { 'hull.test/image-pull-error': 'true' } }));
    const res = await waitForResources(kube, [ref('Deployment', 'pull')], { timeoutMs, imagePullGraceMs: 2_000 });
    if (res.ok) throw new Error('expected a failure');
    expect(res.reason).toBe('failed');
    expect(res.elapsedMs, JSON.stringify(res)).toBeGreaterThanOrEqual(1_500);
    expect(res.elapsedMs).toBeLessThan(timeoutMs / 2);
    expect(res.failures[0].diagnosis).toMatch(/container web ErrImagePull/);
    console.log(`image pull error detected after ${res.elapsedMs} ms: ${res.failures[0].diagnosis}`);
  });

  it('times out on a never-ready Deployment with a diagnosis naming the pod', async () => {
    await apply(deployment('never', { replicas: 1, labels: { 'hull.test/never-ready': 'true' } }));
    const res = await waitForResources(kube, [ref('Deployment', 'never')], { timeoutMs: 4_000 });
    if (res.ok) throw new Error('expected a timeout');
    expect(res.reason).toBe('timeout');
    expect(res.elapsedMs).toBeGreaterThanOrEqual(4_000);
    expect(res.elapsedMs).toBeLessThan(6_000);
    expect(res.failures[0].diagnosis).toMatch(/^Deployment\/never: 0 of 1 new pods ready after 4\.\ds — pod never-[a-z0-9]+-[a-z0-9]+: container web Running, not Ready$/);
  });

  it('gives no false green for maxUnavailable=1 with 1 replica while rolling to a never-ready template', async () => {
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
    await apply(deployment('nofalse', { replicas: 1, strategy }));
    expect((await waitForResources(kube, [ref('Deployment', 'nofalse')], { timeoutMs: 30_000 })).ok).toBe(true);
    await apply(deployment('nofalse', { replicas: 1, strategy, labels: { 'hull.test/never-ready': 'true' } }));
    const res = await waitForResources(kube, [ref('Deployment', 'nofalse')], { timeoutMs: 4_000 });
    if (res.ok) throw new Error('a Deployment with 0 ready pods was called ready');
    expect(res.failures[0].diagnosis).toMatch(/0 of 1 new pods ready after .* — pod nofalse-.*: container web Running, not Ready/);
    expect(res.reason).toBe('timeout');
  });

  it('waits for a partitioned StatefulSet to update only the ordinals at or above the partition', async () => {
    const sts = (image: string, partition: number) => ({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        replicas: 3,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image }] } },
      },
    });
    await apply(sts('postgres:11.6-alpine', 0));
    expect((await waitForResources(kube, [ref('StatefulSet', 'db')], { timeoutMs: 60_000 })).ok).toBe(true);
    await apply(sts('postgres:11.8-alpine', 2));
    const res = await waitForResources(kube, [ref('StatefulSet', 'db')], { timeoutMs: 60_000 });
    expect(res, JSON.stringify(res)).toMatchObject({ ok: true });
    const pods = await kubectlJson(['get', 'pods', '-n', ns, '-l', 'app=db']);
    const images = Object.fromEntries(pods.items.map((p: KubeObject & { spec: any }) => [p.metadata.name, p.spec.containers[0].image]));
    expect(images).toEqual({ 'db-0': 'postgres:11.6-alpine', 'db-1': 'postgres:11.6-alpine', 'db-2': 'postgres:11.8-alpine' });
  });

  it('says a Job is complete, and fails a Job whose pod exits 1 with BackoffLimitExceeded', async () => {
    await apply(job('ok'));
    await apply(job('bad', { 'hull.test/exit-code': '1' }));
    const ok = await waitForResources(kube, [ref('Job', 'ok', 'batch/v1')], { timeoutMs: 30_000 });
    expect(ok, JSON.stringify(ok)).toMatchObject({ ok: true });
    const bad = await waitForResources(kube, [ref('Job', 'bad', 'batch/v1')], { timeoutMs: 30_000 });
    if (bad.ok) throw new Error('expected the Job to fail');
    expect(bad.reason).toBe('failed');
    expect(bad.failures[0].assessment.reason).toBe('BackoffLimitExceeded');
    expect(bad.failures[0].diagnosis).toMatch(/^Job\/bad: BackoffLimitExceeded: .*pod bad-[a-z0-9]+: container main terminated: Error \(exit code 1\)/);
  });

  it('waits for a PersistentVolumeClaim to be Bound', async () => {
    await apply({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    const res = await waitForResources(kube, [ref('PersistentVolumeClaim', 'data', 'v1')], { timeoutMs: 30_000 });
    expect(res, JSON.stringify(res)).toMatchObject({ ok: true });
    expect((await kubectlJson(['get', 'pvc', 'data', '-n', ns])).status.phase).toBe('Bound');
  });
});

/**
 * The real client, with watches that end on their own (as client-node's 30 s inactivity timeout
 * and the server's watch timeout do) and one "410 Gone" on a re-watch, counting what stays open.
 */
function flakyWatches(inner: KubeClient, lifetimeMs: number) {
  const stats = { watches: 0, open: 0, lists: 0, gone: 0 };
  let goneSent = false;
  const client: KubeClient = Object.create(inner);
  client.list = (...args) => {
    stats.lists++;
    return inner.list(...args);
  };
  client.watch = async (apiVersion, kind, namespace, opts, onEvent, onDone) => {
    stats.watches++;
    if (stats.watches > 1 && !goneSent && kind === 'PersistentVolumeClaim') {
      goneSent = true;
      stats.gone++;
      setImmediate(() => onDone?.(Object.assign(new Error('Gone'), { statusCode: 410 })));
      return () => {};
    }
    stats.open++;
    let open = true;
    const close = () => {
      if (!open) return;
      open = false;
      stats.open--;
      clearTimeout(timer);
      stop();
    };
    const stop = await inner.watch(apiVersion, kind, namespace, opts, onEvent, (err) => {
      close();
      onDone?.(err);
    });
    const timer = setTimeout(() => {
      close();
      onDone?.(undefined);
    }, lifetimeMs);
    return close;
  };
  return { client, stats };
}

describe('waitForResources over watches that end', () => {
  it('re-establishes closed watches, relists after 410 Gone, and leaves no watch open', async () => {
    const { client, stats } = flakyWatches(kube, 1_200);
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'late' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    // Created only after the first watches have ended, so only a re-established watch can see it.
    const later = new Promise((r) => setTimeout(r, 3_000)).then(() => apply(claim));
    const res = await waitForResources(client, [ref('PersistentVolumeClaim', 'late', 'v1')], { timeoutMs: 30_000 });
    await later;
    expect(res, JSON.stringify(res)).toMatchObject({ ok: true });
    expect(res.elapsedMs).toBeGreaterThan(3_000);
    expect(stats.gone).toBe(1);
    expect(stats.watches).toBeGreaterThanOrEqual(3);
    expect(stats.lists).toBeGreaterThanOrEqual(2);
    expect(stats.open).toBe(0);
  });

  it('stops at once when aborted, with the diagnosis so far, and closes its watches', async () => {
    const { client, stats } = flakyWatches(kube, 60_000);
    await apply(deployment('aborted', { replicas: 1, labels: { 'hull.test/never-ready': 'true' } }));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 1_500);
    const res = await waitForResources(client, [ref('Deployment', 'aborted')], { timeoutMs: 60_000, signal: ac.signal });
    if (res.ok) throw new Error('expected an abort');
    expect(res.failures[0].diagnosis).toMatch(/^Deployment\/aborted: /);
    expect(res.reason).toBe('aborted');
    expect(res.elapsedMs).toBeLessThan(2_500);
    expect(stats.open).toBe(0);
  });

  it('reports assessments and a final state to the reporter', async () => {
    await apply(deployment('reported', { replicas: 1 }));
    const updates: string[] = [];
    let finished: { ms: number; states: readonly ResourceState[] } | undefined;
    const reporter: WaitReporter = {
      update: (states) => void updates.push(states.map((s) => `${s.ref.kind}/${s.ref.name}=${s.assessment.state}`).join(',')),
      log: () => {},
      finish: (ms, states = []) => void (finished = { ms, states }),
    };
    const res = await waitForResources(kube, [ref('Deployment', 'reported')], { timeoutMs: 30_000, reporter });
    expect(res, JSON.stringify(res)).toMatchObject({ ok: true });
    expect(updates.at(-1)).toBe('Deployment/reported=ready');
    expect(finished?.states).toEqual([expect.objectContaining({ ref: expect.objectContaining({ kind: 'Deployment', name: 'reported' }), assessment: expect.objectContaining({ state: 'ready', ready: 1, desired: 1 }) })]);
  });
});
