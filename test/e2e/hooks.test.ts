// Hooks on the real cluster: order, replacement, delete policies, and a failure that explains
// itself (conditions, pod state, events, logs or their absence) instead of Helm's bare
// "job failed: BackoffLimitExceeded".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HullError, isHullError } from '../../src/errors.ts';
import { hookLogs, HookError, runHooks, type HookRun } from '../../src/hooks/run.ts';
import { connect } from '../../src/kube/client.ts';
import type { KubeClient } from '../../src/kube/types.ts';
import type { HookDeletePolicy, HookEvent, HookManifest, ManifestObject } from '../../src/manifest/types.ts';
import { createNamespace, deleteNamespace, kubeconfig, kubectl, kubectlJson } from '../helpers/cluster.ts';

const logged: string[] = [];
const log = { info: (m: string) => logged.push(m), debug() {}, warn: (m: string) => logged.push(`WARN ${m}`) };
let kube: KubeClient;
let ns: string;
beforeAll(async () => {
  kube = await connect({ kubeconfig: kubeconfig(), debug: false }, log);
  ns = await createNamespace('hooks');
});
afterAll(async () => deleteNamespace(ns));

function hook(object: ManifestObject, events: HookEvent[], weight = 0, deletePolicies: HookDeletePolicy[] = ['before-hook-creation']): HookManifest {
  return { name: `chart/templates/${object.metadata.name}.yaml`, content: JSON.stringify(object), object, events, weight, deletePolicies };
}

function job(name: string, labels: Record<string, string> = {}): ManifestObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { backoffLimit: 0, template: { metadata: { labels }, spec: { restartPolicy: 'Never', containers: [{ name: 'check', image: 'postgres:11.8-alpine' }] } } },
  };
}

const configMap = (name: string): ManifestObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { 'check.sh': 'exit 0' } });
const opts = { timeoutMs: 30_000, log };
const exists = async (kind: string, name: string) => (await kubectl(['get', kind, name, '-n', ns, '--ignore-not-found', '-o', 'name'])).trim() !== '';

describe('runHooks', () => {
  it('stopped by a lost lock, fails with the lock\'s RELEASE_LOCKED (not INTERRUPTED), so --atomic does not roll back', async () => {
    const stop = new AbortController();
    // No exit-code label: the hook's pod keeps running until the abort.
    const running = runHooks(kube, ns, 'pre-install', [hook(job('outlives-lock'), ['pre-install'])], { ...opts, signal: stop.signal });
    setTimeout(() => stop.abort(new HullError('RELEASE_LOCKED', 'lost the lock on release "x": another process took it over')), 1_000);
    const err = await running.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(HookError);
    expect((err as HookError).code).toBe('RELEASE_LOCKED');
    expect((err as HookError).message).toMatch(/^lost the lock on release "x": .* \(while running pre-install hook Job\/outlives-lock\)/);
  });

  it('runs the event\'s hooks by weight then name, each after the previous one finished', async () => {
    const hooks = [
      hook(job('a-runs-last'), ['pre-upgrade'], 10),
      hook(job('z-runs-second'), ['pre-upgrade'], 0),
      hook(job('b-runs-third'), ['pre-upgrade'], 0),
      hook(configMap('scripts'), ['pre-upgrade'], -5),
      hook(job('not-this-event'), ['post-upgrade'], -100),
    ];
    const seenAtStart: Record<string, string[]> = {};
    const probes: Promise<unknown>[] = [];
    const runs = await runHooks(kube, ns, 'pre-upgrade', hooks, {
      ...opts,
      // What exists when the last hook starts proves the order to the cluster, not just to us.
      // (A probe may also see the starting hook's own object: it is created meanwhile.)
      onStart: (h) => {
        const seen: string[] = (seenAtStart[h.object.metadata.name] = []);
        for (const name of ['scripts', 'b-runs-third', 'z-runs-second']) {
          probes.push(exists(name === 'scripts' ? 'configmap' : 'job', name).then((e) => e && seen.push(name)));
        }
      },
    });
    await Promise.all(probes);
    expect(runs.map((r) => r.hook.object.metadata.name)).toEqual(['scripts', 'b-runs-third', 'z-runs-second', 'a-runs-last']);
    expect(runs.every((r) => r.phase === 'Succeeded')).toBe(true);
    for (let i = 1; i < runs.length; i++) expect(runs[i].startedAt.getTime()).toBeGreaterThanOrEqual(runs[i - 1].completedAt!.getTime());
    expect(await exists('job', 'not-this-event')).toBe(false);
    // The Job of weight 10 completed after the two of weight 0, per the cluster's own timestamps.
    const done = async (name: string) => Date.parse((await kubectlJson(['get', 'job', name, '-n', ns])).status.completionTime);
    expect(await done('a-runs-last')).toBeGreaterThanOrEqual(await done('z-runs-second'));
    expect(seenAtStart['a-runs-last'].sort()).toEqual(['b-runs-third', 'scripts', 'z-runs-second']);
  });

  it('replaces the previous Job of the same name (before-hook-creation) and keeps the last one', async () => {
    const h = hook(job('db-test'), ['test']);
    await runHooks(kube, ns, 'test', [h], opts);
    const first = (await kubectlJson(['get', 'job', 'db-test', '-n', ns])).metadata.uid;
    await runHooks(kube, ns, 'test', [h], opts);
    const second = await kubectlJson(['get', 'job', 'db-test', '-n', ns]);
    expect(second.metadata.uid).not.toBe(first);
    expect(second.status.succeeded).toBe(1);
    // hull test --logs: the Job's pods, and a clear "not available" where logs are not served.
    const logs = await hookLogs(kube, ns, h);
    expect(logs).toEqual([{ pod: expect.stringMatching(/^db-test-/), container: 'check', text: undefined }]);
  });

  it('deletes a succeeded hook with hook-succeeded', async () => {
    const runs = await runHooks(kube, ns, 'post-install', [hook(job('cleanup'), ['post-install'], 0, ['hook-succeeded'])], opts);
    expect(runs[0].phase).toBe('Succeeded');
    expect(await exists('job', 'cleanup')).toBe(false);
  });

  it('runs a Pod hook until it Succeeded', async () => {
    const pod: ManifestObject = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod-test', labels: { 'hull.test/exit-code': '0' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] },
    };
    const runs = await runHooks(kube, ns, 'test', [hook(pod, ['test'])], opts);
    expect(runs[0].phase).toBe('Succeeded');
    expect((await kubectlJson(['get', 'pod', 'pod-test', '-n', ns])).status.phase).toBe('Succeeded');
  });

  it('fails with BackoffLimitExceeded, the pod status, the events and the runs so far', async () => {
    const hooks = [
      hook(configMap('db-check-scripts'), ['pre-upgrade'], 5),
      hook(job('db-check', { 'hull.test/exit-code': '1' }), ['pre-upgrade'], 10),
      hook(job('never-runs'), ['pre-upgrade'], 20),
    ];
    const started = Date.now();
    const err = await runHooks(kube, ns, 'pre-upgrade', hooks, opts).then(() => undefined, (e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(HookError);
    if (!(err instanceof HookError) || !isHullError(err)) return;
    console.log(`hook failure after ${elapsed} ms:\n${err.message}`);
    expect(err.code).toBe('HOOK_FAILED');
    expect(err.exitCode).toBe(1);
    // The caller prefixes "pre-upgrade hooks failed: "; lab A expects Helm's words after it.
    expect(`pre-upgrade hooks failed: ${err.message}`).toContain('pre-upgrade hooks failed: job failed: BackoffLimitExceeded');
    expect(err.message.split('\n')[0]).toMatch(/^job failed: BackoffLimitExceeded \(Job has reached the specified backoff limit.*\) — hook Job\/db-check \(weight 10\)$/);
    expect(err.message).toMatch(/condition (Failed|FailureTarget): BackoffLimitExceeded — Job has reached the specified backoff limit/);
    expect(err.message).toMatch(/pod db-check-[a-z0-9]+: Failed — container check terminated: Error \(exit code 1\)/);
    expect(err.message).toMatch(/events:\n(.*\n)*\s+Warning BackoffLimitExceeded Job\/db-check: Job has reached the specified backoff limit/);
    expect(err.message).toMatch(/logs of pod db-check-[a-z0-9]+, container check: logs not available/);
    const runs: HookRun[] = err.runs;
    expect(runs.map((r) => [r.hook.object.metadata.name, r.phase])).toEqual([['db-check-scripts', 'Succeeded'], ['db-check', 'Failed']]);
    expect(runs[1].completedAt).toBeInstanceOf(Date);
    expect(await exists('job', 'never-runs')).toBe(false);
    // before-hook-creation only: the failed Job stays for inspection.
    expect(await exists('job', 'db-check')).toBe(true);
  });

  it('deletes a failed hook with hook-failed', async () => {
    const h = hook(job('doomed', { 'hull.test/exit-code': '2' }), ['pre-install'], 0, ['hook-failed']);
    await expect(runHooks(kube, ns, 'pre-install', [h], opts)).rejects.toThrow(/^job failed: BackoffLimitExceeded \(.*\) — hook Job\/doomed \(weight 0\)\n/);
    expect(await exists('job', 'doomed')).toBe(false);
  });
});
