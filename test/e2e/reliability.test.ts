// What happens when an operation is interrupted or dies: the lock tells a second operation who holds
// the release, a killed process does not leave the release stuck, and Ctrl-C/SIGTERM never leaves a
// pending revision behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { history } from '../../src/actions/query.ts';
import { createNamespace, deleteNamespace, eventually, kubectl } from '../helpers/cluster.ts';
import { configFor, deployment, hull, startHull, writeChart } from '../helpers/hull.ts';

let ns: string;
beforeAll(async () => {
  ns = await createNamespace('rely');
});
afterAll(async () => deleteNamespace(ns));

// Each release gets its own Deployment name: a release never adopts another release's objects.
const good = (rel: string) => writeChart(rel, '1.0.0', { 'templates/web.yaml': deployment(`${rel}-web`, { replicas: 2 }) });
const stuck = (rel: string) => writeChart(rel, '2.0.0', { 'templates/web.yaml': deployment(`${rel}-web`, { replicas: 2, image: 'kiamol/ch09-vweb:v2', labels: { 'hull.test/never-ready': 'true' } }) });
const env = { HULL_LOCK_LEASE_SECONDS: '2' };

/** Starts an upgrade that will sit waiting for a never-ready pod, and resolves once it is waiting. */
async function startStuckUpgrade(release: string, extra: string[] = []) {
  const run = startHull(['upgrade', release, stuck(release), '-n', ns, '--timeout', '120s', ...extra], env);
  await eventually('the upgrade to be waiting', async () => /progressing/.test(run.output().stderr), 30_000);
  return run;
}

describe('interrupted and concurrent operations', () => {
  it('fails a concurrent upgrade at once, naming the holder; a killed holder does not block the release', async () => {
    const REL = 'svc';
    expect((await hull(['install', 'svc', good(REL), '-n', ns], env)).code).toBe(0);
    const first = await startStuckUpgrade('svc');

    const t0 = Date.now();
    const second = await hull(['upgrade', 'svc', good(REL), '-n', ns], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`locked by upgrade \\(pid ${first.child.pid} on host `));
    expect(Date.now() - t0).toBeLessThan(5000);

    first.child.kill('SIGKILL');
    await first.done;
    const cfg = configFor(ns);
    expect((await history(cfg, 'svc')).at(-1)!.info.status).toBe('pending-upgrade');

    // Once the dead holder's lease expires the next upgrade takes over and records what happened.
    const third = await eventually('an upgrade to take over the lock', async () => {
      const r = await hull(['upgrade', 'svc', good(REL), '-n', ns], env);
      if (r.code !== 0 && /locked by/.test(r.stderr)) return undefined;
      return r;
    }, 40_000);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toMatch(/revision 2 was left pending-upgrade: marking it failed/);
    const revs = await history(cfg, 'svc');
    expect(revs.map((r) => [r.version, r.info.status])).toEqual([[1, 'superseded'], [2, 'failed'], [3, 'deployed']]);
    expect(revs[1].info.description).toMatch(/stopped before finishing/);
  });

  it('SIGTERM without --atomic marks the revision failed; with --atomic it rolls back', async () => {
    const REL = 'sig';
    expect((await hull(['install', 'sig', good(REL), '-n', ns], env)).code).toBe(0);
    const plain = await startStuckUpgrade('sig');
    plain.child.kill('SIGTERM');
    const r1 = await plain.done;
    expect(r1.code).toBe(130);
    expect(r1.stderr).toMatch(/UPGRADE FAILED: .*interrupted/);
    const cfg = configFor(ns);
    expect((await history(cfg, 'sig')).map((r) => r.info.status)).toEqual(['deployed', 'failed']);

    const atomic = await startStuckUpgrade('sig', ['--atomic']);
    atomic.child.kill('SIGINT');
    const r2 = await atomic.done;
    expect(r2.code).toBe(130);
    expect(r2.stderr).toMatch(/rolled back to revision 1 as revision 4/);
    expect((await history(cfg, 'sig')).map((r) => r.info.status)).toEqual(['superseded', 'failed', 'failed', 'deployed']);
    const images = (await kubectl(['get', 'pods', '-n', ns, '-l', 'app=sig-web', '-o', 'jsonpath={.items[*].spec.containers[0].image}'])).split(' ');
    await eventually('only v1 pods left', async () => {
      const imgs = (await kubectl(['get', 'pods', '-n', ns, '-l', 'app=sig-web', '-o', 'jsonpath={.items[*].spec.containers[0].image}'])).split(' ');
      return imgs.every((i) => i === 'kiamol/ch09-vweb:v1');
    });
    expect(images.length).toBeGreaterThan(0);
  });

  it('an operation that loses its lock stops instead of writing on (and does not roll back)', async () => {
    const REL = 'lost';
    expect((await hull(['install', REL, good(REL), '-n', ns], env)).code).toBe(0);
    const run = await startStuckUpgrade(REL, ['--atomic']);
    // Someone removes the lease (or takes it over after a stall): the holder must notice.
    await kubectl(['delete', 'lease', `hull-lock.${REL}`, '-n', ns]);
    const r = await run.done;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/UPGRADE FAILED: .*lock/i);
    expect(r.stderr).not.toMatch(/rolled back/);
    expect((await history(configFor(ns), REL)).map((x) => x.version)).toEqual([1, 2]);
  });
});

