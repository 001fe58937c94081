// Lab C of shared/labs.md (Kiamol ch12, "numbers-api"): readiness and liveness probes keep a broken
// update from replacing healthy pods, and restart a pod that breaks. Played with the real CLI on
// the real API server and the cluster's real node: the kubelet really probes the app
// (test/images/src/labapp), whose v2 health check always fails and whose v1 breaks after 3 calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createNamespace, deleteNamespace, eventually, kubectl, kubectlJson, realNode } from '../helpers/cluster.ts';
import { CHARTS, hull, REAL_NODE_VALUES, startHull } from '../helpers/hull.ts';

const chart = join(CHARTS, 'numbers-api');
const onNode = ['-f', REAL_NODE_VALUES];
let ns: string;
beforeAll(async () => {
  if (realNode()) ns = await createNamespace('lab-c');
});
afterAll(async () => {
  if (ns) await deleteNamespace(ns);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Pod {
  name: string;
  image: string;
  ip?: string;
  ready: boolean;
  terminating: boolean;
  restarts: number;
}

async function pods(): Promise<Pod[]> {
  const list = await kubectlJson(['get', 'pods', '-n', ns, '-l', 'app=numbers-api']);
  return list.items.map((p: any) => ({
    name: p.metadata.name,
    image: p.spec.containers[0].image,
    ip: p.status?.podIP,
    ready: (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'),
    terminating: Boolean(p.metadata.deletionTimestamp),
    restarts: p.status?.containerStatuses?.[0]?.restartCount ?? 0,
  }));
}

/** The Service's endpoints as the EndpointSlice controller publishes them: address -> ready. */
async function endpoints(): Promise<Map<string, boolean>> {
  const slices = await kubectlJson(['get', 'endpointslices', '-n', ns, '-l', 'kubernetes.io/service-name=numbers']);
  const out = new Map<string, boolean>();
  for (const s of slices.items) for (const e of s.endpoints ?? []) for (const a of e.addresses) out.set(a, e.conditions?.ready === true);
  return out;
}

const readyAddresses = (eps: Map<string, boolean>) => [...eps].filter(([, r]) => r).map(([a]) => a).sort();

describe.skipIf(!realNode())('lab C: probes keep a broken numbers-api update from replacing healthy pods', () => {
  let healthy: Pod[];

  it('installs 2 replicas with the readiness and liveness probes of the lab, both in the Service', async () => {
    const r = await hull(['install', '--atomic', 'numbers', chart, '-n', ns, '--set', 'replicas=2', ...onNode]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/STATUS: deployed/);
    const d = await kubectlJson(['get', 'deployment', 'numbers', '-n', ns]);
    const c = d.spec.template.spec.containers[0];
    expect(c.readinessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 });
    expect(c.livenessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 80 }, periodSeconds: 10, initialDelaySeconds: 10, failureThreshold: 2 });
    healthy = (await pods()).filter((p) => !p.terminating);
    expect(healthy).toHaveLength(2);
    expect(healthy.every((p) => p.ready && p.ip && p.image === 'hull.local/numbers-api:v1')).toBe(true);
    // Both pods serve: their addresses are the Service's ready endpoints (the controller publishes
    // them asynchronously, hence the short wait).
    const want = healthy.map((p) => p.ip!).sort();
    let eps = await endpoints();
    for (let i = 0; i < 50 && readyAddresses(eps).join() !== want.join(); i++) {
      await sleep(200);
      eps = await endpoints();
    }
    expect(readyAddresses(eps)).toEqual(want);
  });

  it('an update that never gets ready leaves the old pods Ready and serving; --atomic times out naming the pod and rolls back', async () => {
    const healthyIps = healthy.map((p) => p.ip!).sort();
    const started = Date.now();
    const run = startHull([
      'upgrade', '--atomic', '--timeout', '20s', 'numbers', chart, '-n', ns, '--set', 'replicas=2,image=hull.local/numbers-api:v2', ...onNode,
    ]);
    let oldAlwaysReady = true;
    let servedByOldOnly = true;
    const newPods = new Set<string>();
    let newPodInServiceNotReady = false;
    const watch = (async () => {
      while (run.child.exitCode === null) {
        const [now, eps] = await Promise.all([pods(), endpoints()]);
        for (const h of healthy) {
          const p = now.find((x) => x.name === h.name);
          if (!p || !p.ready || p.terminating) oldAlwaysReady = false;
        }
        if (readyAddresses(eps).join() !== healthyIps.join()) servedByOldOnly = false;
        for (const p of now.filter((x) => x.image.endsWith(':v2'))) {
          newPods.add(p.name);
          if (p.ready) servedByOldOnly = false;
          if (p.ip && eps.get(p.ip) === false) newPodInServiceNotReady = true;
        }
        await sleep(300);
      }
    })();
    const r = await run.done;
    const elapsed = Date.now() - started;
    await watch;

    expect(r.code).toBe(1);
    // The old pods stayed Ready and were the only ready endpoints all along; the new pod was
    // created (maxSurge) but kept out of the Service by its readiness.
    expect(oldAlwaysReady).toBe(true);
    expect(servedByOldOnly).toBe(true);
    expect(newPods.size).toBeGreaterThan(0);
    expect(newPodInServiceNotReady).toBe(true);
    // hull waited the full 20s (a not-ready pod is no definite failure), then said which pod.
    expect(elapsed).toBeGreaterThanOrEqual(20_000);
    expect(elapsed).toBeLessThan(45_000);
    const m = /UPGRADE FAILED: .*Deployment\/numbers: 0 of 2 new pods ready after 2\ds — pod (numbers-[a-z0-9]+-[a-z0-9]+): container api Running, not Ready.*; rolled back to revision 1 as revision 3 \(healthy after [\d.]+s\)/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    expect(newPods.has(m![1]), `${m![1]} not among ${[...newPods]}`).toBe(true);
    // Why, in the kubelet's words: v2's health endpoint answers 503.
    expect(r.stderr).toMatch(/\n  pod numbers-[a-z0-9]+-[a-z0-9]+, last warning: Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503/);
    expect(r.stderr).not.toMatch(/context deadline exceeded/);

    // Afterwards: the same two pods, never restarted, and no v2 pod left.
    const after = (await pods()).filter((p) => !p.terminating);
    expect(after.map((p) => [p.name, p.ready, p.restarts]).sort()).toEqual(healthy.map((p) => [p.name, true, 0]).sort());
    expect(readyAddresses(await endpoints())).toEqual(healthyIps);
    const h = await hull(['history', 'numbers', '-n', ns, '-o', 'json']);
    expect(JSON.parse(h.stdout).map((x: any) => [x.revision, x.status, x.description.split(':')[0]])).toEqual([
      [1, 'superseded', 'Install complete'],
      [2, 'failed', 'Upgrade "numbers" failed'],
      [3, 'deployed', 'Rollback to 1'],
    ]);
  });

  it('a pod that breaks fails its liveness probe and is restarted in place: same pod, same address, healthy again', async () => {
    const [victim] = (await pods()).filter((p) => !p.terminating && p.ready);
    // Three random numbers, then the generator breaks and /healthz starts answering 500.
    for (let i = 0; i < 3; i++) expect(await kubectl(['exec', victim.name, '-n', ns, '--', '/labapp', 'get', 'http://localhost/rng'])).toMatch(/^\d+\n$/);
    await expect(kubectl(['exec', victim.name, '-n', ns, '--', '/labapp', 'get', 'http://localhost/rng'])).rejects.toThrow(/500 Internal Server Error/);
    // Liveness: period 10 s, 2 failures; readiness takes it out of the Service meanwhile.
    const restarted = await eventually('the container restarted', async () => {
      const p = (await pods()).find((x) => x.name === victim.name);
      return p && p.restarts >= 1 && p.ready && p;
    }, 90_000);
    expect(restarted.ip).toBe(victim.ip);
    const previous = await kubectl(['logs', victim.name, '-n', ns, '--previous']);
    expect(previous).toMatch(/rng: 3 calls served, the generator is now broken/);
    expect(previous).toMatch(/healthz: unhealthy after 3 calls/);
    const events = await kubectlJson(['get', 'events', '-n', ns, '--field-selector', `involvedObject.name=${victim.name}`]);
    const messages = events.items.map((e: any) => `${e.reason}: ${e.message}`);
    expect(messages).toContainEqual('Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(messages).toContainEqual(expect.stringMatching(/^Killing: Container api failed liveness probe, will be restarted/));
    // The fresh container serves again.
    expect(await kubectl(['exec', victim.name, '-n', ns, '--', '/labapp', 'get', 'http://localhost/rng'])).toMatch(/^\d+\n$/);
  });
});
