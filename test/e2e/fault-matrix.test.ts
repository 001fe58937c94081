// The fault matrix: an operation is run once cleanly to count its calls to the API server, then
// once per call with exactly that call failing. Whatever fails, the release must be left
// consistent: the operation ends with hull's own error (or succeeds, when the call was one it can
// do without), nothing stays pending once the next operation has run, exactly the latest revision
// is deployed after it, and that next operation is never blocked for good by a lost lock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { history } from '../../src/actions/query.ts';
import { rollback } from '../../src/actions/rollback.ts';
import { uninstall } from '../../src/actions/uninstall.ts';
import { install, upgrade } from '../../src/actions/upgrade.ts';
import type { Configuration } from '../../src/config.ts';
import { isHullError } from '../../src/errors.ts';
import { createNamespace, deleteNamespace, kubectl } from '../helpers/cluster.ts';
import { withFaults } from '../helpers/faulty.ts';
import { configFor, configMap, deployment, writeChart } from '../helpers/hull.ts';

// A lost lock lapses quickly here, so the repair run does not wait out the default lease.
process.env.HULL_LOCK_LEASE_SECONDS = '2';

let ns: string;
beforeAll(async () => {
  ns = await createNamespace('matrix');
});
afterAll(async () => deleteNamespace(ns));

const base = { wait: true, timeoutMs: 30_000, historyMax: 10, values: {} };
// Objects named after the release: every run of the matrix has its own.
const v1 = () => writeChart('m', '1.0.0', { 'templates/cm.yaml': configMap('{{Release.Name}}-config', { v: '1' }), 'templates/web.yaml': deployment('{{Release.Name}}-web') });
const v2 = () =>
  writeChart('m', '2.0.0', {
    'templates/cm.yaml': configMap('{{Release.Name}}-config', { v: '2' }),
    'templates/new.yaml': configMap('{{Release.Name}}-new', { v: '2' }),
    'templates/web.yaml': deployment('{{Release.Name}}-web', { replicas: 2 }),
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The next operation, on a healthy client: retried while a lock the faulty run could not release lapses. */
async function repair(cfg: Configuration, name: string, chart: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await upgrade(cfg, name, { ...base, chart, install: true });
      return;
    } catch (e) {
      if (!(isHullError(e) && e.code === 'RELEASE_LOCKED') || i > 20) throw e;
      await sleep(1000);
    }
  }
}

/** Nothing pending, exactly the latest revision deployed. */
async function expectConsistent(cfg: Configuration, name: string, context: string): Promise<void> {
  const statuses = (await history(cfg, name)).map((r) => r.info.status);
  expect(statuses.filter((s) => s.startsWith('pending') || s === 'uninstalling'), `${context}: ${statuses}`).toEqual([]);
  expect(statuses.at(-1), `${context}: ${statuses}`).toBe('deployed');
  expect(statuses.filter((s) => s === 'deployed'), `${context}: ${statuses}`).toHaveLength(1);
}

type Op = (cfg: Configuration, name: string) => Promise<unknown>;

/**
 * Runs `prepare` then `op` with each of its calls failing in turn; after each, checks the error and
 * the state a repairing upgrade leaves. Returns how many calls a clean run makes.
 */
async function matrix(label: string, prepare: (cfg: Configuration, name: string) => Promise<void>, op: Op): Promise<number> {
  const clean = configFor(ns);
  await prepare(clean, `${label}-0`);
  const counted = await withFaults(clean, undefined);
  await op(counted.cfg, `${label}-0`);
  const total = counted.faults.calls();
  expect(total).toBeGreaterThan(3);
  for (let n = 1; n <= total; n++) {
    const name = `${label}-${n}`;
    await prepare(clean, name);
    const { cfg, faults } = await withFaults(configFor(ns), n);
    const outcome = await op(cfg, name).then(() => 'ok', (e: unknown) => e);
    const context = `${label}, call ${n} of ${total} failing (${faults.failed() ?? 'not reached'})`;
    // Either it did without the call, or it says so with hull's error — never a crash.
    if (outcome !== 'ok') {
      expect(isHullError(outcome), `${context}: ${(outcome as Error)?.stack}`).toBe(true);
      expect((outcome as Error).message, context).toMatch(/injected fault|FAILED|could not|lock/i);
    }
    await repair(clean, name, v2());
    await expectConsistent(clean, name, context);
  }
  return total;
}

describe('a failure at every call leaves a consistent history', () => {
  it('install', async () => {
    const calls = await matrix('inst', async () => {}, (cfg, name) => install(cfg, name, { ...base, chart: v1() }));
    console.log(`install: ${calls} calls, each failed once`);
  }, 600_000);

  it('upgrade --atomic', async () => {
    const calls = await matrix('atom', async (cfg, name) => void (await install(cfg, name, { ...base, chart: v1() })), (cfg, name) => upgrade(cfg, name, { ...base, chart: v2(), atomic: true }));
    console.log(`upgrade --atomic: ${calls} calls, each failed once`);
  }, 600_000);

  it('rollback', async () => {
    const calls = await matrix(
      'rb',
      async (cfg, name) => {
        await install(cfg, name, { ...base, chart: v1() });
        await upgrade(cfg, name, { ...base, chart: v2() });
      },
      (cfg, name) => rollback(cfg, name, { ...base, revision: 1 }),
    );
    console.log(`rollback: ${calls} calls, each failed once`);
  }, 600_000);

  it('uninstall --keep-history', async () => {
    const calls = await matrix('un', async (cfg, name) => void (await install(cfg, name, { ...base, chart: v1() })), (cfg, name) => uninstall(cfg, name, { timeoutMs: 30_000, keepHistory: true }));
    console.log(`uninstall: ${calls} calls, each failed once`);
    // What the repairing upgrade deployed is there.
    expect((await kubectl(['get', 'configmap', 'un-1-new', '-n', ns, '-o', 'name'])).trim()).toBe('configmap/un-1-new');
  }, 600_000);
});
