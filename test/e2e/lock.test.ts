// The release lock against the real API server: its 409s are what make "exactly one wins" true,
// and a holder's death is a real process killed with SIGKILL, not a simulated one.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Logger } from '../../src/config.ts';
import { HullError } from '../../src/errors.ts';
import { connect } from '../../src/kube/client.ts';
import type { KubeClient } from '../../src/kube/types.ts';
import { acquireLock, decodeHolder, type LockHandle } from '../../src/storage/lock.ts';
import { createNamespace, deleteNamespace, eventually, kubectl, kubectlJson } from '../helpers/cluster.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const quiet: Logger = { info() {}, debug() {}, warn() {} };
const client = () => connect({ kubeconfig: inject('kubeconfig'), debug: false }, quiet);

const namespaces: string[] = [];
afterAll(async () => Promise.all(namespaces.map(deleteNamespace)));
async function namespace(): Promise<string> {
  const ns = await createNamespace('lock');
  namespaces.push(ns);
  return ns;
}

const codeOf = (e: unknown) => (e instanceof HullError ? e.code : String(e));
const lease = (ns: string, release: string) => kubectlJson(['get', 'lease', `hull-lock.${release}`, '-n', ns]);
const leaseGone = async (ns: string, release: string) =>
  (await kubectl(['get', 'lease', `hull-lock.${release}`, '-n', ns, '--ignore-not-found', '-o', 'name'])).trim() === '';

/**
 * Node ≥ 23 (the project's Node 24), so the child runs the same .ts sources. It needs
 * --experimental-transform-types, not mere stripping: src/kube/discovery.ts has a parameter property.
 */
function projectNode(): string {
  if (Number(process.versions.node.split('.')[0]) >= 23) return process.execPath;
  const local = join(root, 'node_modules/.bin/node');
  if (!existsSync(local)) throw new Error('no Node ≥ 23 to run the lock holder child process');
  return local;
}

// The child stays alive on its own interval: the lock's renew timer is unref'd by design.
const CHILD = `
const { connect } = await import(process.env.CLIENT_URL);
const { acquireLock } = await import(process.env.LOCK_URL);
const kube = await connect({ kubeconfig: process.env.KCFG, debug: false }, { info() {}, debug() {}, warn() {} });
const lock = await acquireLock(kube, process.env.NS, process.env.RELEASE, { operation: 'upgrade' }, { leaseSeconds: 3 });
process.stdout.write(JSON.stringify({ pid: process.pid, id: lock.holder.id }) + '\\n');
setInterval(() => {}, 1000);
`;

/** Starts a real process that takes the lock; resolves once it holds it. */
function holderProcess(ns: string, release: string) {
  const child = spawn(projectNode(), ['--experimental-transform-types', '--no-warnings', '--input-type=module', '-e', CHILD], {
    env: {
      ...process.env,
      CLIENT_URL: pathToFileURL(join(root, 'src/kube/client.ts')).href,
      LOCK_URL: pathToFileURL(join(root, 'src/storage/lock.ts')).href,
      KCFG: inject('kubeconfig'),
      NS: ns,
      RELEASE: release,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const ready = new Promise<{ pid: number; id: string }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
    });
    child.once('exit', (code, signal) => reject(new Error(`lock holder exited (${code ?? signal}) before holding the lock: ${stderr}`)));
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_c, s) => resolve(s)));
  return { child, ready, exited };
}

/** Retries until the lock is ours: the way an operation started right after a crash would. */
async function acquireWhenFree(kube: KubeClient, ns: string, release: string, opts = {}): Promise<LockHandle> {
  return eventually('the lock to expire and be taken over', async () => {
    try {
      return await acquireLock(kube, ns, release, { operation: 'upgrade' }, opts);
    } catch (e) {
      if (codeOf(e) !== 'RELEASE_LOCKED') throw e;
      return undefined;
    }
  }, 30_000);
}

describe('release lock', () => {
  it('acquires a Lease describing the operation, renews it, and deletes it on release', async () => {
    const ns = await namespace();
    const kube = await client();
    const lock = await acquireLock(kube, ns, 'todo.list', { operation: 'install' }, { renewEveryMs: 300 });
    try {
      expect(lock.takeover).toBeUndefined();
      const l = await lease(ns, 'todo.list');
      expect(l.metadata.labels).toEqual({ owner: 'hull', name: 'todo.list' });
      expect(l.spec.leaseDurationSeconds).toBe(15);
      expect(l.spec.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect(decodeHolder(l.spec.holderIdentity)).toEqual(lock.holder);
      expect(lock.holder).toMatchObject({ operation: 'install', pid: process.pid });
      await eventually('a renewal', async () => (await lease(ns, 'todo.list')).spec.renewTime !== l.spec.renewTime, 5_000);
    } finally {
      await lock.release();
    }
    expect(await leaseGone(ns, 'todo.list')).toBe(true);
    expect(lock.lost).toBe(false);
    // Released means free: the next operation gets it without a takeover.
    const next = await acquireLock(kube, ns, 'todo.list', { operation: 'upgrade' });
    expect(next.takeover).toBeUndefined();
    await next.release();
  });

  it('fails a second operation at once, naming the holder, its pid and host', async () => {
    const ns = await namespace();
    const kube = await client();
    const first = await acquireLock(kube, ns, 'web', { operation: 'upgrade' });
    try {
      const t0 = performance.now();
      const err = await acquireLock(kube, ns, 'web', { operation: 'rollback' }).then(() => undefined, (e: unknown) => e);
      expect(performance.now() - t0).toBeLessThan(2_000);
      expect(codeOf(err)).toBe('RELEASE_LOCKED');
      expect((err as Error).message).toMatch(
        new RegExp(`^release "web" is locked by upgrade \\(pid ${process.pid} on host \\S+ as \\S+\\) since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, last renewed [\\d.]+s ago; .*expires in [\\d.]+s`),
      );
      expect((await lease(ns, 'web')).spec.holderIdentity).toContain(first.holder.id);
    } finally {
      await first.release();
    }
  });

  it('lets exactly one of several concurrent operations win, on a fresh and on an expired lease', async () => {
    const ns = await namespace();
    const kubes = await Promise.all([1, 2, 3, 4, 5].map(client));
    const race = async () => {
      const results = await Promise.allSettled(kubes.map((k) => acquireLock(k, ns, 'api', { operation: 'upgrade' })));
      const won = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<LockHandle>).value);
      const lost = results.filter((r) => r.status === 'rejected').map((r) => codeOf((r as PromiseRejectedResult).reason));
      return { won, lost };
    };
    const fresh = await race();
    expect(fresh.won).toHaveLength(1);
    expect(fresh.lost).toEqual(['RELEASE_LOCKED', 'RELEASE_LOCKED', 'RELEASE_LOCKED', 'RELEASE_LOCKED']);
    await fresh.won[0].release();

    // A lease whose holder died an hour ago: all five see it expired and PUT; the server keeps one.
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString().replace('Z', '000Z');
    const dead = { operation: 'install', user: 'bob', host: 'gone', pid: 42, started: anHourAgo, id: 'dead' };
    await kubectl(['apply', '-f', '-'], JSON.stringify({
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'hull-lock.api', namespace: ns },
      spec: { holderIdentity: JSON.stringify(dead), leaseDurationSeconds: 15, acquireTime: anHourAgo, renewTime: anHourAgo },
    }));
    const expired = await race();
    expect(expired.won).toHaveLength(1);
    expect(expired.lost).toHaveLength(4);
    expect(expired.lost.every((c) => c === 'RELEASE_LOCKED')).toBe(true);
    expect(expired.won[0].takeover?.previousHolder).toEqual(dead);
    expect(expired.won[0].takeover!.expiredForMs).toBeGreaterThan(3_500_000);
    expect((await lease(ns, 'api')).spec.leaseTransitions).toBe(1);
    await expired.won[0].release();
  });

  it('takes over from a holder killed with SIGKILL once its lease lapses', async () => {
    const ns = await namespace();
    const kube = await client();
    const holder = holderProcess(ns, 'shop');
    try {
      const { pid, id } = await holder.ready;
      // It is alive and renewing on its own before we kill it.
      const first = (await lease(ns, 'shop')).spec.renewTime;
      await eventually('the child to renew', async () => (await lease(ns, 'shop')).spec.renewTime !== first, 5_000);
      const blocked = await acquireLock(kube, ns, 'shop', { operation: 'rollback' }).catch((e: Error) => e);
      expect((blocked as Error).message).toContain(`locked by upgrade (pid ${pid} on host`);

      holder.child.kill('SIGKILL');
      expect(await holder.exited).toBe('SIGKILL');
      const killedAt = performance.now();
      const lock = await acquireWhenFree(kube, ns, 'shop', { skewMs: 1_000 });
      const waited = performance.now() - killedAt;
      try {
        // 3 s lease + 1 s skew allowance from its last renewal, which was at most 1 s before the kill.
        expect(waited).toBeGreaterThan(2_500);
        expect(waited).toBeLessThan(8_000);
        expect(lock.takeover?.previousHolder).toMatchObject({ operation: 'upgrade', pid, id });
        expect(lock.takeover!.expiredForMs).toBeGreaterThanOrEqual(1_000);
        expect(decodeHolder((await lease(ns, 'shop')).spec.holderIdentity).id).toBe(lock.holder.id);
      } finally {
        await lock.release();
      }
      expect(await leaseGone(ns, 'shop')).toBe(true);
    } finally {
      holder.child.kill('SIGKILL');
    }
  });

  it('tells a stalled holder it lost the lock, and its release leaves the new holder alone', async () => {
    const ns = await namespace();
    const kube = await client();
    const lostReasons: string[] = [];
    // Renewing far less often than its 1 s lease: a holder paused (a stopped VM, a long GC) too long.
    const stalled = await acquireLock(kube, ns, 'db', { operation: 'upgrade' }, { leaseSeconds: 1, renewEveryMs: 4_000, onLost: (e) => lostReasons.push(e.message) });
    const next = await acquireWhenFree(kube, ns, 'db', { skewMs: 0 });
    try {
      expect(next.takeover?.previousHolder.id).toBe(stalled.holder.id);
      await eventually('the stalled holder to notice', async () => stalled.lost, 10_000);
      expect(stalled.signal.aborted).toBe(true);
      expect(codeOf(stalled.signal.reason)).toBe('RELEASE_LOCKED');
      expect(lostReasons).toEqual([expect.stringMatching(/^lost the lock on release "db": another process took it over/)]);
      await stalled.release();
      expect(decodeHolder((await lease(ns, 'db')).spec.holderIdentity).id).toBe(next.holder.id);
    } finally {
      await next.release();
    }
    expect(await leaseGone(ns, 'db')).toBe(true);
  });

  it('counts a lease deleted under its holder as lost and does not recreate it', async () => {
    const ns = await namespace();
    const kube = await client();
    const lock = await acquireLock(kube, ns, 'cache', { operation: 'upgrade' }, { renewEveryMs: 300 });
    await kubectl(['delete', 'lease', 'hull-lock.cache', '-n', ns]);
    await eventually('the holder to notice', async () => lock.lost, 5_000);
    await lock.release();
    expect(await leaseGone(ns, 'cache')).toBe(true);
  });
});
