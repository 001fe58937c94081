// Lab B of shared/labs.md (Kiamol ch09, "vweb"): rollouts and rollbacks of Deployments, config
// hot reload vs immutable config, Recreate vs RollingUpdate with a broken version, StatefulSet
// partitions and DaemonSet updates — played with the real CLI on the real API server, each part in
// its own namespace, every outcome asserted on the API's state and hull's output and exit code.
// The pods run on the cluster's real node (test/images/src/labapp's vweb: v3 really crashes without
// a config file), except the DaemonSet's, which needs the two KWOK nodes.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { createNamespace, deleteNamespace, eventually, kubeconfig, kubectl, kubectlJson, realNode } from '../helpers/cluster.ts';
import { CHARTS, hull, REAL_NODE_VALUES, startHull } from '../helpers/hull.ts';

const chart = join(CHARTS, 'vweb');
const IMAGE = 'hull.local/vweb';
const onNode = ['-f', REAL_NODE_VALUES];
const namespaces: string[] = [];
const watchers = new Set<() => Promise<void>>();
afterAll(async () => {
  // A test that failed mid-way leaves its kubectl watch running: stop it.
  await Promise.all([...watchers].map((stop) => stop()));
  await Promise.all(namespaces.map(deleteNamespace));
});

async function newNamespace(prefix: string): Promise<string> {
  const ns = await createNamespace(prefix);
  namespaces.push(ns);
  return ns;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isReady = (p: any) => (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
const REVISION = 'deployment.kubernetes.io/revision';

interface Pod {
  name: string;
  version: string;
  image: string;
  ready: boolean;
  terminating: boolean;
  waiting?: string;
  node?: string;
  created: string;
}

async function pods(ns: string, selector: string): Promise<Pod[]> {
  const list = await kubectlJson(['get', 'pods', '-n', ns, '-l', selector]);
  return list.items.map((p: any) => ({
    name: p.metadata.name,
    version: p.metadata.labels.version,
    image: p.spec.containers[0].image,
    ready: isReady(p),
    terminating: Boolean(p.metadata.deletionTimestamp),
    waiting: p.status?.containerStatuses?.[0]?.state?.waiting?.reason,
    node: p.spec.nodeName,
    created: p.metadata.creationTimestamp,
  }));
}

/** The Deployment's ReplicaSets, oldest revision first: version label, revision, counts. */
async function replicaSets(ns: string, release: string) {
  const list = await kubectlJson(['get', 'replicasets', '-n', ns, '-l', `app=vweb,release=${release}`]);
  return list.items
    .map((rs: any) => ({
      name: rs.metadata.name as string,
      uid: rs.metadata.uid as string,
      version: rs.spec.template.metadata.labels.version as string,
      image: rs.spec.template.spec.containers[0].image as string,
      revision: Number(rs.metadata.annotations[REVISION]),
      changeCause: rs.metadata.annotations['kubernetes.io/change-cause'] as string | undefined,
      replicas: rs.spec.replicas as number,
      ready: (rs.status.readyReplicas ?? 0) as number,
    }))
    .sort((a: any, b: any) => a.revision - b.revision);
}

async function deployment(ns: string, name: string) {
  return kubectlJson(['get', 'deployment', name, '-n', ns]);
}

interface WatchedPod {
  version: string;
  ready: boolean;
  terminating: boolean;
  waiting: string;
  node: string;
}

/**
 * Follows the pods matching `selector` through a kubectl watch, so that no state between two polls
 * is missed (a fail-fast rollback can come and go within a second): `onChange` sees all pods after
 * every event (deleted pods leave the map). `synced` resolves once the initial listing of `initial`
 * pods has arrived; before that `onChange` is not called.
 */
function watchPods(ns: string, selector: string, initial: number, onChange: (pods: ReadonlyMap<string, WatchedPod>) => void) {
  const o = '.object';
  const tpl = `{.type}|{${o}.metadata.name}|{${o}.metadata.labels.version}|{${o}.metadata.deletionTimestamp}|{${o}.status.conditions[?(@.type=="Ready")].status}|{${o}.status.containerStatuses[0].state.waiting.reason}|{${o}.spec.nodeName}{"\\n"}`;
  const child = spawn(inject('kubectl'), ['--kubeconfig', kubeconfig(), 'get', 'pods', '-n', ns, '-l', selector, '--watch', '--output-watch-events', '-o', `jsonpath=${tpl}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const state = new Map<string, WatchedPod>();
  let listed = false;
  let markSynced: () => void;
  const synced = new Promise<void>((res) => (markSynced = res));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [type, name, version, deletion, ready, waiting, node] = line.split('|').map((f) => f.trim());
    if (!name) return;
    if (type === 'DELETED') state.delete(name);
    else state.set(name, { version, ready: ready === 'True', terminating: Boolean(deletion), waiting, node });
    if (!listed && state.size < initial) return;
    listed = true;
    markSynced();
    onChange(state);
  });
  const exited = new Promise((res) => child.on('close', res));
  const stop = async () => {
    watchers.delete(stop);
    child.kill();
    await exited;
  };
  watchers.add(stop);
  return { synced, stop };
}

async function historyRows(ns: string, release: string) {
  const h = await hull(['history', release, '-n', ns, '-o', 'json']);
  expect(h.code, h.stderr).toBe(0);
  return JSON.parse(h.stdout).map((x: any) => [x.revision, x.status, x.description]);
}

describe.skipIf(!realNode())('lab B: vweb rollouts and rollbacks', () => {
  it('scaling makes no new rollout revision; a template change does, the old ReplicaSet kept at 0; rollback --dry-run shows first and changes nothing', async () => {
    const ns = await newNamespace('lab-b-roll');
    const r1 = await hull(['install', 'vweb', chart, '-n', ns, '--set', 'replicas=2', ...onNode]);
    expect(r1.code, r1.stderr).toBe(0);
    expect(r1.stdout).toMatch(/STATUS: deployed/);
    expect(r1.stdout).toMatch(/REVISION: 1/);
    let d = await deployment(ns, 'vweb');
    expect(d.metadata.annotations[REVISION]).toBe('1');
    expect(d.status.readyReplicas).toBe(2);
    const [rsV1] = await replicaSets(ns, 'vweb');
    expect(await replicaSets(ns, 'vweb')).toEqual([expect.objectContaining({ version: 'v1', image: `${IMAGE}:v1`, revision: 1, replicas: 2, ready: 2 })]);
    // The pod template's version label makes the pods (and so the ReplicaSets) traceable.
    expect((await pods(ns, 'app=vweb,version=v1')).filter((p) => p.ready)).toHaveLength(2);

    // Scale: only the ReplicaSet's count changes, no new ReplicaSet, no new rollout revision.
    const r2 = await hull(['upgrade', 'vweb', chart, '-n', ns, '--set', 'replicas=3', ...onNode]);
    expect(r2.code, r2.stderr).toBe(0);
    expect(r2.stdout).toMatch(/REVISION: 2/);
    d = await deployment(ns, 'vweb');
    expect(d.metadata.annotations[REVISION]).toBe('1');
    expect(d.status.readyReplicas).toBe(3);
    expect(await replicaSets(ns, 'vweb')).toEqual([expect.objectContaining({ uid: rsV1.uid, version: 'v1', revision: 1, replicas: 3, ready: 3 })]);

    // Template change (image v2, with a change cause): a second ReplicaSet, rollout revision 2,
    // the old one kept at 0 replicas for rollbacks.
    const r3 = await hull(['upgrade', 'vweb', chart, '-n', ns, '--set', 'replicas=3,image.tag=v2', '--set-string', 'changeCause=vweb v2', ...onNode]);
    expect(r3.code, r3.stderr).toBe(0);
    expect(r3.stdout).toMatch(/REVISION: 3/);
    d = await deployment(ns, 'vweb');
    expect(d.metadata.annotations[REVISION]).toBe('2');
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3 });
    expect(await replicaSets(ns, 'vweb')).toEqual([
      expect.objectContaining({ uid: rsV1.uid, version: 'v1', image: `${IMAGE}:v1`, revision: 1, replicas: 0 }),
      expect.objectContaining({ version: 'v2', image: `${IMAGE}:v2`, revision: 2, replicas: 3, ready: 3, changeCause: 'vweb v2' }),
    ]);
    // hull's wait means no old pod is left, not only that the new ones are ready.
    const live = (await pods(ns, 'app=vweb')).filter((p) => !p.terminating);
    expect(live.map((p) => p.version)).toEqual(['v2', 'v2', 'v2']);
    // The revision history records the change cause.
    expect(await kubectl(['rollout', 'history', 'deployment/vweb', '-n', ns])).toMatch(/^2\s+vweb v2$/m);

    // A rollback is previewed before it is done: revision 2's manifest (image v1, 3 replicas)...
    const before = { rs: await replicaSets(ns, 'vweb'), history: await historyRows(ns, 'vweb'), generation: d.metadata.generation };
    const dry = await hull(['rollback', 'vweb', '2', '-n', ns, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^Rollback of "vweb" would create revision 4 \(Rollback to 2\):/);
    const manifest = dry.stdout.slice(dry.stdout.indexOf('MANIFEST:'));
    expect(manifest).toMatch(new RegExp(`image: ${IMAGE}:v1\\b`));
    expect(manifest).not.toMatch(new RegExp(`image: ${IMAGE}:v2\\b`));
    expect(manifest).toMatch(/replicas: 3/);
    expect(manifest).toMatch(/version: v1/);
    // ...and changes nothing: same ReplicaSets, same Deployment generation, no new revision.
    d = await deployment(ns, 'vweb');
    expect(d.metadata.generation).toBe(before.generation);
    expect(d.metadata.annotations[REVISION]).toBe('2');
    expect(await replicaSets(ns, 'vweb')).toEqual(before.rs);
    expect(await historyRows(ns, 'vweb')).toEqual(before.history);

    // The rollback itself reuses the v1 ReplicaSet, which becomes rollout revision 3.
    const rb = await hull(['rollback', 'vweb', '2', '-n', ns]);
    expect(rb.code, rb.stderr).toBe(0);
    expect(rb.stdout).toMatch(/Rollback was a success!/);
    d = await deployment(ns, 'vweb');
    expect(d.metadata.annotations[REVISION]).toBe('3');
    expect(await replicaSets(ns, 'vweb')).toEqual([
      expect.objectContaining({ version: 'v2', revision: 2, replicas: 0 }),
      expect.objectContaining({ uid: rsV1.uid, version: 'v1', revision: 3, replicas: 3, ready: 3 }),
    ]);
    expect((await pods(ns, 'app=vweb')).filter((p) => !p.terminating).map((p) => p.image)).toEqual([`${IMAGE}:v1`, `${IMAGE}:v1`, `${IMAGE}:v1`]);
    expect((await historyRows(ns, 'vweb')).at(-1)).toEqual([4, 'deployed', 'Rollback to 2']);
  });

  it('config: hot reload updates the ConfigMap in place without a rollout; immutable config makes a rollout that rollback undoes', async () => {
    const ns = await newNamespace('lab-b-config');
    // Hot reload: one ConfigMap, updated in place.
    const h1 = await hull(['install', 'hot', chart, '-n', ns, '--set', 'config.mode=hotReload', '--set-string', 'config.content=hello v1', ...onNode]);
    expect(h1.code, h1.stderr).toBe(0);
    const cm1 = await kubectlJson(['get', 'configmap', 'hot-config', '-n', ns]);
    expect(cm1.data['index.html']).toBe('hello v1');
    const h2 = await hull(['upgrade', 'hot', chart, '-n', ns, '--set', 'config.mode=hotReload', '--set-string', 'config.content=hello v2', ...onNode]);
    expect(h2.code, h2.stderr).toBe(0);
    const cm2 = await kubectlJson(['get', 'configmap', 'hot-config', '-n', ns]);
    expect(cm2.metadata.uid).toBe(cm1.metadata.uid);
    expect(cm2.data['index.html']).toBe('hello v2');
    expect((await deployment(ns, 'hot')).metadata.annotations[REVISION]).toBe('1');
    expect(await replicaSets(ns, 'hot')).toEqual([expect.objectContaining({ revision: 1, replicas: 2, ready: 2 })]);
    // The running pods see the new file without a restart: the kubelet updates the volume in
    // place, vweb serves it and logs the change.
    const [hotPod] = (await pods(ns, 'app=vweb,release=hot')).filter((p) => !p.terminating);
    await eventually('the new config served', async () => (await kubectl(['exec', hotPod.name, '-n', ns, '--', '/labapp', 'get', 'http://localhost/config/index.html'])) === 'hello v2', 90_000);
    // The app serves the file from disk on every request but logs a reload when its watcher sees
    // the change, which can come a moment after the first request that got the new content.
    const reloaded = /config loaded from \/usr\/share\/nginx\/html\/config\/index\.html: "hello v1"\n[\s\S]*config loaded from \/usr\/share\/nginx\/html\/config\/index\.html: "hello v2"/;
    const hotLogs = await eventually('the reload logged', async () => {
      const logs = await kubectl(['logs', hotPod.name, '-n', ns]);
      return reloaded.test(logs) && logs;
    }, 30_000);
    expect(hotLogs).toMatch(reloaded);
    expect((await kubectlJson(['get', 'pod', hotPod.name, '-n', ns])).status.containerStatuses[0].restartCount).toBe(0);

    // Immutable: a new ConfigMap per version, so every config change is a rollout.
    const imm = (v: string) => ['--set', `config.mode=immutable,config.version=${v}`, '--set-string', `config.content=hello ${v}`];
    const volume = async () => (await deployment(ns, 'imm')).spec.template.spec.volumes[0].configMap.name;
    const i1 = await hull(['install', 'imm', chart, '-n', ns, ...imm('v1'), ...onNode]);
    expect(i1.code, i1.stderr).toBe(0);
    expect(await volume()).toBe('imm-config-v1');
    const cmV1 = await kubectlJson(['get', 'configmap', 'imm-config-v1', '-n', ns]);
    expect(cmV1).toMatchObject({ immutable: true, data: { 'index.html': 'hello v1' } });

    const i2 = await hull(['upgrade', 'imm', chart, '-n', ns, ...imm('v2'), ...onNode]);
    expect(i2.code, i2.stderr).toBe(0);
    expect(await volume()).toBe('imm-config-v2');
    expect((await kubectlJson(['get', 'configmap', 'imm-config-v2', '-n', ns])).data['index.html']).toBe('hello v2');
    // The v1 ConfigMap left the chart, so the upgrade deleted it.
    await expect(kubectl(['get', 'configmap', 'imm-config-v1', '-n', ns])).rejects.toThrow(/NotFound/);
    expect((await deployment(ns, 'imm')).metadata.annotations[REVISION]).toBe('2');
    const rs = await replicaSets(ns, 'imm');
    expect(rs).toEqual([expect.objectContaining({ revision: 1, replicas: 0 }), expect.objectContaining({ revision: 2, replicas: 2, ready: 2 })]);

    // Rollback restores the previous ConfigMap and the reference to it (the old ReplicaSet again).
    const rb = await hull(['rollback', 'imm', '-n', ns]);
    expect(rb.code, rb.stderr).toBe(0);
    expect(await volume()).toBe('imm-config-v1');
    expect((await kubectlJson(['get', 'configmap', 'imm-config-v1', '-n', ns])).data['index.html']).toBe('hello v1');
    await expect(kubectl(['get', 'configmap', 'imm-config-v2', '-n', ns])).rejects.toThrow(/NotFound/);
    expect((await deployment(ns, 'imm')).metadata.annotations[REVISION]).toBe('3');
    expect(await replicaSets(ns, 'imm')).toEqual([
      expect.objectContaining({ uid: rs[1].uid, revision: 2, replicas: 0 }),
      expect.objectContaining({ uid: rs[0].uid, revision: 3, replicas: 2, ready: 2 }),
    ]);
    expect((await historyRows(ns, 'imm')).at(-1)).toEqual([3, 'deployed', 'Rollback to 1']);
  });

  it('RollingUpdate (maxSurge 1, maxUnavailable 1) with a crash-looping v3: v2 keeps serving, --atomic fails fast naming the pod and rolls back', async () => {
    const ns = await newNamespace('lab-b-rolling');
    const base = ['--set', 'replicas=3,strategy.type=RollingUpdate,strategy.maxSurge=1,strategy.maxUnavailable=1'];
    const v2 = await hull(['install', 'vweb', chart, '-n', ns, ...base, '--set', 'image.tag=v2', ...onNode]);
    expect(v2.code, v2.stderr).toBe(0);
    const v2Pods = (await pods(ns, 'app=vweb')).map((p) => p.name).sort();
    expect(v2Pods).toHaveLength(3);

    let minOldReady = Infinity;
    const crashLooping = new Set<string>();
    const watch = watchPods(ns, 'app=vweb', 3, (all) => {
      const live = [...all.values()];
      minOldReady = Math.min(minOldReady, live.filter((p) => p.version === 'v2' && p.ready && !p.terminating).length);
      for (const [name, p] of all) if (p.version === 'v3' && p.waiting === 'CrashLoopBackOff') crashLooping.add(name);
    });
    await watch.synced;
    const started = Date.now();
    const r = await hull(['upgrade', 'vweb', chart, '-n', ns, '--atomic', '--timeout', '120s', ...base, '--set', 'image.tag=v3', ...onNode]);
    const elapsed = Date.now() - started;
    // Let the watch follow the rollback to its end before stopping it.
    await eventually('the v3 pods gone', async () => !(await pods(ns, 'app=vweb')).some((p) => p.version === 'v3' && !p.terminating));
    await watch.stop();

    expect(r.code).toBe(1);
    expect(elapsed).toBeLessThan(30_000);
    // The v2 pods kept serving: never fewer ready than replicas - maxUnavailable.
    expect(minOldReady).toBeGreaterThanOrEqual(2);
    expect(crashLooping.size).toBeGreaterThan(0);
    const m = /UPGRADE FAILED: .*Deployment\/vweb: .*pod (vweb-[a-z0-9]+-[a-z0-9]+): container web CrashLoopBackOff.*; rolled back to revision 1 as revision 3 \(healthy after [\d.]+s\)/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    expect(crashLooping.has(m![1]), `${m![1]} not among ${[...crashLooping]}`).toBe(true);
    expect(r.stderr).not.toMatch(/context deadline exceeded/);
    // Why it crashes, from the crashed container's own log.
    expect(r.stderr).toMatch(/\n  pod vweb-[a-z0-9]+-[a-z0-9]+, container web, last log lines of its failed run:\n(    .*\n)*    fatal: vweb v3 requires a config file/);

    // After the rollback only v2 pods are left, all ready; the v3 ReplicaSet is scaled to 0.
    const after = (await pods(ns, 'app=vweb')).filter((p) => !p.terminating);
    expect(after.map((p) => [p.version, p.ready])).toEqual([['v2', true], ['v2', true], ['v2', true]]);
    // maxUnavailable 1: one v2 pod may have been replaced during the attempt, at least two survived.
    expect(after.filter((p) => v2Pods.includes(p.name)).length).toBeGreaterThanOrEqual(2);
    const rs = await replicaSets(ns, 'vweb');
    expect(rs.map((x: any) => [x.version, x.replicas])).toEqual([['v3', 0], ['v2', 3]]);
    expect(await historyRows(ns, 'vweb')).toEqual([
      [1, 'superseded', 'Install complete'],
      [2, 'failed', expect.stringMatching(/^Upgrade "vweb" failed/)],
      [3, 'deployed', 'Rollback to 1'],
    ]);
  });

  it('Recreate with a crash-looping v3: all v2 pods go before v3 starts (an outage), --atomic rolls back and the app recovers', async () => {
    const ns = await newNamespace('lab-b-recreate');
    const base = ['--set', 'replicas=2,strategy.type=Recreate'];
    const v2 = await hull(['install', 'vweb', chart, '-n', ns, ...base, '--set', 'image.tag=v2', ...onNode]);
    expect(v2.code, v2.stderr).toBe(0);
    expect((await deployment(ns, 'vweb')).spec.strategy).toEqual({ type: 'Recreate' });

    let overlap = false;
    let outage = false;
    const watch = watchPods(ns, 'app=vweb', 2, (all) => {
      const now = [...all.values()];
      const old = now.filter((p) => p.version === 'v2');
      const fresh = now.filter((p) => p.version === 'v3');
      if (old.length > 0 && fresh.length > 0) overlap = true;
      if (old.length === 0 && fresh.length > 0 && fresh.every((p) => !p.ready)) outage = true;
    });
    await watch.synced;
    const started = Date.now();
    // The wait fails at the first CrashLoopBackOff, long before this timeout.
    const r = await hull(['upgrade', 'vweb', chart, '-n', ns, '--atomic', '--timeout', '60s', ...base, '--set', 'image.tag=v3', ...onNode]);
    const elapsed = Date.now() - started;
    await eventually('the v3 pods gone', async () => !(await pods(ns, 'app=vweb')).some((p) => p.version === 'v3'));
    await watch.stop();

    expect(r.code).toBe(1);
    // Never an old and a new pod at once; a moment with no v2 pod and only unready v3 pods.
    expect(overlap).toBe(false);
    expect(outage).toBe(true);
    expect(r.stderr).toMatch(/UPGRADE FAILED: .*Deployment\/vweb: .*pod vweb-[a-z0-9]+-[a-z0-9]+: container web CrashLoopBackOff.*; rolled back to revision 1 as revision 3 \(healthy after [\d.]+s\)/);
    expect(elapsed).toBeLessThan(30_000);

    // Recovered: two ready v2 pods, v3 gone.
    const after = (await pods(ns, 'app=vweb')).filter((p) => !p.terminating);
    expect(after.map((p) => [p.version, p.ready])).toEqual([['v2', true], ['v2', true]]);
    expect((await deployment(ns, 'vweb')).status).toMatchObject({ availableReplicas: 2, updatedReplicas: 2 });
    expect((await historyRows(ns, 'vweb')).map((x: any) => x[1])).toEqual(['superseded', 'failed', 'deployed']);
  });

  // With Recreate the deployment controller creates the new ReplicaSet only once the old pods are
  // gone: until then the wait must not judge the old ReplicaSet's pods as the new ones, or an
  // upgrade that fixes a crash-looping version fails at once on an old, terminating pod. The
  // finalizer stands in for a real kubelet's termination grace period.
  it('Recreate: an upgrade that fixes a crash-looping version is not failed on the old, terminating pods', async () => {
    const ns = await newNamespace('lab-b-recreate-fix');
    const base = ['--set', 'replicas=2,strategy.type=Recreate'];
    const i = await hull(['install', 'vweb', chart, '-n', ns, ...base, '--wait=false', '--set', 'image.tag=v3', ...onNode]);
    expect(i.code, i.stderr).toBe(0);
    const names = await eventually('2 crash-looping v1 pods', async () => {
      const now = await pods(ns, 'app=vweb');
      return now.length === 2 && now.every((p) => p.waiting === 'CrashLoopBackOff') && now.map((p) => p.name);
    });
    const hold = (finalizers: string[] | null) => Promise.all(names.map((n) => kubectl(['patch', 'pod', n, '-n', ns, '--type=merge', '-p', JSON.stringify({ metadata: { finalizers } })])));
    await hold(['hull.test/hold']);
    try {
      const run = startHull(['upgrade', 'vweb', chart, '-n', ns, ...base, '--set', 'image.tag=v2', '--timeout', '30s', ...onNode]);
      // The old pods linger in Terminating for 3 s, as under a termination grace period.
      await sleep(3000);
      await hold(null);
      const r = await run.done;
      expect(r.code, r.stderr).toBe(0);
      expect((await pods(ns, 'app=vweb')).filter((p) => !p.terminating).map((p) => [p.version, p.ready])).toEqual([['v2', true], ['v2', true]]);
    } finally {
      await hold(null).catch(() => {});
    }
  });

  it('StatefulSet with partition 1: an image update changes only ordinals >= 1, highest first; hull treats that as done', async () => {
    const ns = await newNamespace('lab-b-sts');
    const base = ['--set', 'replicas=1,statefulset.enabled=true,statefulset.replicas=3,statefulset.partition=1'];
    const i = await hull(['install', 'vweb', chart, '-n', ns, ...base, ...onNode]);
    expect(i.code, i.stderr).toBe(0);
    const stsPods = async () => Object.fromEntries((await pods(ns, 'app=vweb-sts')).filter((p) => !p.terminating).map((p) => [p.name, p]));
    const p1 = await stsPods();
    expect(Object.keys(p1).sort()).toEqual(['vweb-sts-0', 'vweb-sts-1', 'vweb-sts-2']);
    expect(Object.values(p1).every((p) => p.image === `${IMAGE}:v1` && p.ready)).toBe(true);

    const started = Date.now();
    const u = await hull(['upgrade', 'vweb', chart, '-n', ns, ...base, '--set', 'image.tag=v2', '--timeout', '60s', ...onNode]);
    const elapsed = Date.now() - started;
    expect(u.code, u.stderr).toBe(0);
    expect(u.stdout).toMatch(/STATUS: deployed/);
    // Done once ordinals 1 and 2 are updated: not held until the timeout waiting for pod 0.
    expect(elapsed).toBeLessThan(30_000);
    const p2 = await stsPods();
    expect(p2['vweb-sts-0']).toMatchObject({ image: `${IMAGE}:v1`, version: 'v1', ready: true, created: p1['vweb-sts-0'].created });
    expect(p2['vweb-sts-1']).toMatchObject({ image: `${IMAGE}:v2`, version: 'v2', ready: true });
    expect(p2['vweb-sts-2']).toMatchObject({ image: `${IMAGE}:v2`, version: 'v2', ready: true });
    // One pod at a time from the highest ordinal: pod 2 was replaced before pod 1.
    expect(Date.parse(p2['vweb-sts-2'].created)).toBeLessThanOrEqual(Date.parse(p2['vweb-sts-1'].created));
    const sts = await kubectlJson(['get', 'statefulset', 'vweb-sts', '-n', ns]);
    expect(sts.status).toMatchObject({ replicas: 3, readyReplicas: 3, updatedReplicas: 2 });
    expect(sts.status.currentRevision).not.toBe(sts.status.updateRevision);
  });

  // On the two KWOK nodes (no real-node values): a DaemonSet needs more than one node to show the
  // per-node replacement, and a DaemonSet's pods do not tolerate the real node's taint.
  it('DaemonSet: an image update replaces the pod on each of the two nodes, old before new; OnDelete leaves them', async () => {
    const ns = await newNamespace('lab-b-ds');
    const base = ['--set', 'replicas=1,daemonset.enabled=true'];
    const i = await hull(['install', 'vweb', chart, '-n', ns, ...base]);
    expect(i.code, i.stderr).toBe(0);
    const dsPods = async () => (await pods(ns, 'app=vweb-ds')).filter((p) => !p.terminating);
    const before = await dsPods();
    expect(before).toHaveLength(2);
    expect(new Set(before.map((p) => p.node)).size).toBe(2);
    expect(before.every((p) => p.image === `${IMAGE}:v1` && p.ready)).toBe(true);

    // RollingUpdate without surge: a node's old pod goes before its replacement comes.
    let maxLivePerNode = 0;
    const watch = watchPods(ns, 'app=vweb-ds', 2, (all) => {
      const perNode = new Map<string, number>();
      for (const p of all.values()) if (!p.terminating) perNode.set(p.node, (perNode.get(p.node) ?? 0) + 1);
      maxLivePerNode = Math.max(maxLivePerNode, ...perNode.values());
    });
    await watch.synced;
    const u = await hull(['upgrade', 'vweb', chart, '-n', ns, ...base, '--set', 'image.tag=v2']);
    await watch.stop();
    expect(u.code, u.stderr).toBe(0);
    expect(maxLivePerNode).toBe(1);
    const after = await dsPods();
    expect(after).toHaveLength(2);
    expect(new Set(after.map((p) => p.node))).toEqual(new Set(before.map((p) => p.node)));
    expect(after.every((p) => p.image === `${IMAGE}:v2` && p.version === 'v2' && p.ready)).toBe(true);
    expect(after.some((p) => before.some((b) => b.name === p.name))).toBe(false);
    const ds = await kubectlJson(['get', 'daemonset', 'vweb-ds', '-n', ns]);
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberReady: 2 });

    // OnDelete: the update is recorded but pods keep v2 until deleted, and hull does not wait for them.
    const o = await hull(['upgrade', 'vweb', chart, '-n', ns, '--set', 'replicas=1,daemonset.enabled=true,daemonset.updateStrategy=OnDelete,image.tag=v3', '--timeout', '60s']);
    expect(o.code, o.stderr).toBe(0);
    const kept = await dsPods();
    expect(kept.map((p) => p.name).sort()).toEqual(after.map((p) => p.name).sort());
    expect(kept.every((p) => p.image === `${IMAGE}:v2`)).toBe(true);
  });
});
