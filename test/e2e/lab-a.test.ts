// Lab A of shared/labs.md, played with the real CLI on the real API server and the cluster's real
// node: the to-do app through chart versions v1..v4 on real containers (PostgreSQL 15.18, then
// 15.20 on the same data), asserting every outcome the lab states and the real lines the
// containers print, as hull shows them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createNamespace, deleteNamespace, eventually, kubectl, kubectlJson, realNode } from '../helpers/cluster.ts';
import { CHARTS, hull, REAL_NODE_VALUES, startHull } from '../helpers/hull.ts';

const chart = (v: string) => join(CHARTS, 'todo-list', v);
// Every run of the chart puts its pods on the real node (an upgrade without it would move them).
const onNode = ['-f', REAL_NODE_VALUES];
let ns: string;
beforeAll(async () => {
  if (realNode()) ns = await createNamespace('lab-a');
});
afterAll(async () => {
  if (ns) await deleteNamespace(ns);
});

async function dbPods(): Promise<Array<{ name: string; image: string; ready: boolean }>> {
  const pods = await kubectlJson(['get', 'pods', '-n', ns, '-l', 'component=db']);
  return pods.items
    .filter((p: any) => !p.metadata.deletionTimestamp)
    .map((p: any) => ({
      name: p.metadata.name,
      image: p.spec.containers[0].image,
      ready: (p.status.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'),
    }));
}

async function webAvailable(): Promise<boolean> {
  const d = await kubectlJson(['get', 'deployment', 'todo-list-web', '-n', ns]);
  return (d.status.availableReplicas ?? 0) >= 1;
}

describe.skipIf(!realNode())('lab A: safe upgrades of the to-do app', () => {
  let dbPodV1: string;
  let dbPodV3: string;

  it('1. installs v1 atomically: deployed, revision 1, NOTES printed', async () => {
    const r = await hull(['install', '--atomic', 'todo-list', chart('v1'), '-n', ns, ...onNode]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/STATUS: deployed/);
    expect(r.stdout).toMatch(/REVISION: 1/);
    expect(r.stdout).toMatch(/NOTES:\n[\s\S]*todo-list-web/);
    const pods = await dbPods();
    expect(pods).toEqual([expect.objectContaining({ image: 'hull.local/postgres:15.18', ready: true })]);
    dbPodV1 = pods[0].name;
    expect((await kubectlJson(['get', 'pvc', '-n', ns])).items[0].status.phase).toBe('Bound');
    // The database really runs, and the web front end reaches it by its Service's name.
    expect(await kubectl(['logs', dbPodV1, '-n', ns])).toMatch(/database system is ready to accept connections/);
    await eventually('the web app connected to the database', async () => /connected to todo-list-db: PostgreSQL 15\.18/.test(await kubectl(['logs', 'deploy/todo-list-web', '-n', ns])));
    expect(await kubectl(['exec', 'deploy/todo-list-web', '-n', ns, '--', '/labapp', 'get', 'http://localhost/', 'item=written by 15.18'])).toContain('<li>written by 15.18</li>');
  });

  it('2. v2 never gets ready: rolled back at the 30s timeout with the cause named; the app served throughout', async () => {
    const run = startHull(['upgrade', '--atomic', '--timeout', '30s', 'todo-list', chart('v2'), '-n', ns, ...onNode]);
    const seen = new Set<string>();
    let webAlwaysUp = true;
    let both = false;
    const watch = (async () => {
      while (run.child.exitCode === null) {
        const pods = await dbPods();
        for (const p of pods) seen.add(p.image);
        if (pods.some((p) => p.image === 'hull.local/postgres:15.18') && pods.some((p) => p.image === 'hull.local/postgres:15.20')) both = true;
        if (!(await webAvailable())) webAlwaysUp = false;
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    const r = await run.done;
    await watch;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Error: UPGRADE FAILED: .*Deployment\/todo-list-db: 0 of 1 new pods ready after 3\ds — pod todo-list-db-[a-z0-9-]+: container db Running, not Ready; rolled back to revision 1 as revision 3 \(healthy after [\d.]+s\)/);
    // The kubelet's own words for why: the sleeping container never listens on 5432.
    expect(r.stderr).toMatch(/\n  pod todo-list-db-[a-z0-9-]+, last warning: Unhealthy: Readiness probe failed: dial tcp 10\.89\.\d+\.\d+:5432: connect: connection refused/);
    expect(r.stderr).not.toMatch(/context deadline exceeded/);
    expect(both).toBe(true);
    expect(webAlwaysUp).toBe(true);
    const after = await dbPods();
    expect(after).toEqual([{ name: dbPodV1, image: 'hull.local/postgres:15.18', ready: true }]);
    const restarts = await kubectlJson(['get', 'pod', dbPodV1, '-n', ns]);
    expect(restarts.status.containerStatuses[0].restartCount).toBe(0);
  });

  it('3. v3 upgrades; `hull test` runs the kept test Job, and a second run replaces it', async () => {
    const r = await hull(['upgrade', '--atomic', '--timeout', '60s', 'todo-list', chart('v3'), '-n', ns, ...onNode]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/REVISION: 4/);
    const pods = await dbPods();
    expect(pods).toEqual([expect.objectContaining({ image: 'hull.local/postgres:15.20', ready: true })]);
    dbPodV3 = pods[0].name;
    await expect(kubectlJson(['get', 'job', 'todo-list-db-test', '-n', ns])).rejects.toThrow(/NotFound/);

    const t1 = await hull(['test', 'todo-list', '-n', ns, '--logs']);
    expect(t1.code, t1.stderr).toBe(0);
    expect(t1.stdout).toMatch(/TEST SUITE:\s+todo-list-db-test[\s\S]*Phase:\s+Succeeded/);
    // psql's real answer: the item written through the web app under 15.18 is still there.
    expect(t1.stdout).toMatch(/POD LOGS: todo-list-db-test-[\s\S]*count\s*\n-+\s*\n\s*1\s*\n\(1 row\)/);
    const job1 = await kubectlJson(['get', 'job', 'todo-list-db-test', '-n', ns]);
    expect(job1.spec.backoffLimit).toBe(0);
    const t2 = await hull(['test', 'todo-list', '-n', ns]);
    expect(t2.code, t2.stderr).toBe(0);
    const job2 = await kubectlJson(['get', 'job', 'todo-list-db-test', '-n', ns]);
    expect(job2.metadata.uid).not.toBe(job1.metadata.uid);
  });

  it('4. v4 pre-upgrade check fails (BackoffLimitExceeded): rolled back, db untouched, history complete', async () => {
    const r = await hull(['upgrade', '--atomic', '--timeout', '60s', 'todo-list', chart('v4'), '-n', ns, ...onNode]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/UPGRADE FAILED: pre-upgrade hooks failed: job failed: BackoffLimitExceeded/);
    expect(r.stderr).toMatch(/todo-list-db-check/);
    expect(r.stderr).toMatch(/exit code 1/);
    // The script's own line, from the real container's log, in hull's diagnosis of the hook.
    expect(r.stderr).toMatch(/logs of pod todo-list-db-check-[a-z0-9]+, container db-check:\n\s+\*\* ERROR - Postgres not at expected version - wanted: 15\.18, got: PostgreSQL 15\.20 - CANNOT UPGRADE \*\*/);
    expect(await dbPods()).toEqual([{ name: dbPodV3, image: 'hull.local/postgres:15.20', ready: true }]);
    // The ConfigMap hook (lower weight) existed before the Job that mounts it.
    const cm = await kubectlJson(['get', 'configmap', 'todo-list-db-check-scripts', '-n', ns]);
    const job = await kubectlJson(['get', 'job', 'todo-list-db-check', '-n', ns]);
    expect(Date.parse(cm.metadata.creationTimestamp)).toBeLessThanOrEqual(Date.parse(job.metadata.creationTimestamp));
    expect(cm.data[Object.keys(cm.data)[0]]).toContain('** ERROR - Postgres not at expected version');

    const h = await hull(['history', 'todo-list', '-n', ns, '-o', 'json']);
    const rows = JSON.parse(h.stdout).map((x: any) => [x.revision, x.status, x.chart, x.description.split(':')[0]]);
    expect(rows).toEqual([
      [1, 'superseded', 'todo-list-0.1.0', 'Install complete'],
      [2, 'failed', 'todo-list-0.2.0', 'Upgrade "todo-list" failed'],
      [3, 'superseded', 'todo-list-0.1.0', 'Rollback to 1'],
      [4, 'superseded', 'todo-list-0.3.0', 'Upgrade complete'],
      [5, 'failed', 'todo-list-0.4.0', 'Upgrade "todo-list" failed'],
      [6, 'deployed', 'todo-list-0.3.0', 'Rollback to 4'],
    ]);
  });
});
