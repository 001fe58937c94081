// Runs the hooks of one event, one at a time in order: replace the previous object (per policy),
// apply, wait for it to finish, delete per policy. The first failure stops the event; the error
// carries the runs so far so the caller can record each hook's last run in the release.
//
// Error wording: the message starts with "<kind> failed: <Reason>" (Helm's own words), and the
// caller prefixes the event, giving Helm's familiar
//   UPGRADE FAILED: pre-upgrade hooks failed: job failed: BackoffLimitExceeded — hook Job/x ...
// followed by our diagnosis lines (conditions, pods, events, logs).

import { HullError, type ErrorCode } from '../errors.ts';
import type { Logger } from '../config.ts';
import type { KubeClient, KubeObject, ObjectRef } from '../kube/types.ts';
import { kindName, refOf } from '../kube/ref.ts';
import { sortHooks } from '../manifest/hooks.ts';
import type { HookEvent, HookManifest } from '../manifest/types.ts';
import { formatDuration } from '../duration.ts';
import { waitGone } from '../wait/gone.ts';
import { waitForCompletion, type WaitReporter, type WaitResult } from '../wait/waiter.ts';
import { diagnoseHook } from './diagnose.ts';
import { shouldDelete } from './order.ts';

export { hookLogs, type PodLogs } from './diagnose.ts';

export interface HookRun {
  hook: HookManifest;
  startedAt: Date;
  completedAt?: Date;
  phase: 'Running' | 'Succeeded' | 'Failed';
}

export interface RunHooksOptions {
  /** Per hook, like Helm's --timeout. */
  timeoutMs: number;
  signal?: AbortSignal;
  log: Logger;
  reporter?: WaitReporter;
  onStart?(hook: HookManifest): void;
  /** Clock for startedAt/completedAt; defaults to the real one. */
  clock?: () => Date;
  imagePullGraceMs?: number;
}

/** A hook failure (or an interruption during hooks) with the runs so far, the failed one last. */
export class HookError extends HullError {
  readonly runs: HookRun[];
  readonly hook: HookManifest;

  constructor(code: ErrorCode, message: string, hook: HookManifest, runs: HookRun[], cause?: unknown) {
    super(code, message, { cause });
    this.name = 'HookError';
    this.hook = hook;
    this.runs = runs;
  }
}

const label = kindName;

/**
 * Runs the hooks of `event` among `hooks` (others are ignored), ordered by weight, then resource
 * name, then template path (Helm's code order; see manifest/hooks.ts). Resolves with every run;
 * throws HookError (code HOOK_FAILED, INTERRUPTED, or the API error's code) on the first failure.
 */
export async function runHooks(kube: KubeClient, namespace: string, event: HookEvent, hooks: readonly HookManifest[], opts: RunHooksOptions): Promise<HookRun[]> {
  const runs: HookRun[] = [];
  for (const hook of sortHooks(hooks.filter((h) => h.events.includes(event)))) {
    await runHook(kube, namespace, event, hook, runs, opts);
  }
  return runs;
}

async function runHook(kube: KubeClient, namespace: string, event: HookEvent, hook: HookManifest, runs: HookRun[], opts: RunHooksOptions): Promise<void> {
  const clock = opts.clock ?? (() => new Date());
  const obj = structuredClone(hook.object) as KubeObject;
  if (!obj.metadata.namespace && (await kube.isNamespaced(obj.apiVersion, obj.kind))) obj.metadata.namespace = namespace;
  const ref = refOf(obj);
  const say = (m: string) => (opts.reporter ? opts.reporter.log(m) : opts.log.info(m));
  const fail = (code: ErrorCode, message: string, cause?: unknown): never => {
    run.phase = 'Failed';
    run.completedAt ??= clock();
    throw new HookError(code, message, hook, [...runs], cause);
  };
  const guard = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof HookError) throw e;
      const code = e instanceof HullError ? e.code : 'HOOK_FAILED';
      return fail(code, `${what} ${label(obj)}: ${e instanceof Error ? e.message : String(e)}`, e);
    }
  };

  const run: HookRun = { hook, startedAt: clock(), phase: 'Running' };
  runs.push(run);
  opts.onStart?.(hook);
  say(`${event} hook ${label(obj)} (weight ${hook.weight}): starting`);

  if (shouldDelete(hook.deletePolicies, 'before-creation')) {
    await guard('delete previous', async () => {
      // Background: the Job goes at once and its old pods are collected after; they cannot be
      // mistaken for the new Job's pods, which we select by the new Job's uid.
      if (await kube.delete(ref, { propagationPolicy: 'Background' })) await waitGone(kube, ref, { timeoutMs: opts.timeoutMs, signal: opts.signal });
    });
  }
  // startedAt is when the new object is created, as Helm records it, not when the old one went.
  run.startedAt = clock();
  await guard('create', () => kube.apply(obj, { fieldManager: 'hull', force: true }));

  const result: WaitResult = await guard('wait for', () =>
    waitForCompletion(kube, [ref], { timeoutMs: opts.timeoutMs, signal: opts.signal, reporter: opts.reporter, imagePullGraceMs: opts.imagePullGraceMs }),
  );
  if (result.ok) {
    run.phase = 'Succeeded';
    run.completedAt = clock();
    say(`${event} hook ${label(obj)}: succeeded in ${formatDuration(result.elapsedMs)}`);
    if (shouldDelete(hook.deletePolicies, 'succeeded')) {
      await guard('delete succeeded', async () => {
        if (await kube.delete(ref, { propagationPolicy: 'Background' })) await waitGone(kube, ref, { timeoutMs: opts.timeoutMs, signal: opts.signal });
      });
    }
    return;
  }

  run.phase = 'Failed';
  run.completedAt = clock();
  if (result.reason === 'aborted') {
    // A lost lock aborts with its own RELEASE_LOCKED error: kept, so --atomic does not roll back a release another operation now owns.
    const why = opts.signal?.reason;
    if (why instanceof HullError) fail(why.code, `${why.message} (while running ${event} hook ${label(obj)})`, why);
    fail('INTERRUPTED', `interrupted while running ${event} hook ${label(obj)}`);
  }
  const failure = result.failures[0];
  const live = await settled(kube, ref, await kube.get(ref).catch(() => undefined));
  const details = await diagnoseHook(kube, namespace, live);
  const kind = obj.kind.toLowerCase();
  // Failed: the controller's reason and sentence lead; the body below shows pods, events, logs.
  // Timed out: the waiter's one-line diagnosis says what the hook was still doing.
  const head = result.reason === 'timeout'
    ? `${kind} did not finish within ${formatDuration(opts.timeoutMs)} — hook ${label(obj)} (weight ${hook.weight}): ${failure ? failure.diagnosis.slice(failure.diagnosis.indexOf(': ') + 2) : ''}`
    : `${kind} failed: ${failure?.assessment.reason ?? 'Failed'}${failure?.assessment.message ? ` (${failure.assessment.message})` : ''} — hook ${label(obj)} (weight ${hook.weight})`;
  const message = `${head}\n${details}`;
  if (shouldDelete(hook.deletePolicies, 'failed')) {
    // After the diagnosis: it reads the pods this deletion takes away.
    await kube.delete(ref, { propagationPolicy: 'Background' }).catch((e) => opts.log.warn(`delete failed hook ${label(obj)}: ${(e as Error).message}`));
  }
  fail('HOOK_FAILED', message);
}

const isTrue = (o: KubeObject, type: string) =>
  ((o.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

/**
 * A Job is known to fail (FailureTarget) a moment before the controller marks it Failed and records
 * the BackoffLimitExceeded event; wait briefly for that, so the diagnosis shows the final state.
 */
async function settled(kube: KubeClient, ref: ObjectRef, live: KubeObject | undefined): Promise<KubeObject | undefined> {
  for (let i = 0; i < 15 && live?.kind === 'Job' && isTrue(live, 'FailureTarget') && !isTrue(live, 'Failed'); i++) {
    await new Promise((r) => setTimeout(r, 200));
    live = (await kube.get(ref).catch(() => undefined)) ?? live;
  }
  return live;
}
