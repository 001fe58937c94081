// The watch-based waiter: LIST + WATCH each kind involved (plus the namespace's Pods and
// ReplicaSets, which explain workloads), re-assess every resource on each change with the pure
// rules, and stop the moment all are ready or one has failed. Nothing polls the API; a 1 s tick
// only re-reads the cache, because some verdicts change with time alone (image-pull grace).
// Not-ready is a result, not an exception: the caller decides between rollback and error.

import type { KubeClient, KubeObject, ObjectRef } from '../kube/types.ts';
import { kindName } from '../kube/ref.ts';
import { assessCompletion } from './completion.ts';
import { explainingPod, POD_OWNERS } from './diagnose.ts';
import { podEvidence } from './evidence.ts';
import { explain } from './explain.ts';
import { assess } from './rules.ts';
import type { AssessContext, Assessment, WaitReporter } from './types.ts';
import { WatchSet, type WatchKey } from './watch-set.ts';

/** Namespace omitted for cluster-scoped kinds; a namespaced kind without one uses the client's default. */
export type WaitRef = ObjectRef;

export type { WaitReporter };

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  reporter?: WaitReporter;
  imagePullGraceMs?: number;
  unschedulableGraceMs?: number;
  askLoadBalancer?: boolean;
  /** Clock for the time-based rules (graces); elapsed time is always measured for real. */
  now?: () => Date;
  /**
   * 'ready' (default): readiness, for --wait. 'complete': hooks and tests, which must finish
   * (Job Complete, Pod Succeeded), not merely run.
   */
  until?: 'ready' | 'complete';
}

export interface WaitFailure {
  ref: WaitRef;
  assessment: Assessment;
  /** "Deployment/todo-list-db: 0 of 1 new pods ready after 30s — pod …: container db Running, not Ready" */
  diagnosis: string;
  /**
   * Lines to print under the diagnoses (each starting with a newline): the named pod's last warning
   * event and, after a restart, the last lines its previous run logged (src/wait/evidence.ts).
   */
  evidence?: string;
}

/** Set when the wait ended while the API server could not be reached: the verdicts are the last seen. */
export interface Unreachable {
  forMs: number;
  error: string;
}

export type WaitResult =
  | { ok: true; elapsedMs: number }
  | { ok: false; reason: 'timeout' | 'failed' | 'aborted'; elapsedMs: number; failures: WaitFailure[]; unreachable?: Unreachable };

const TICK_MS = 1000;
/**
 * Failure verdicts the cluster is known to give transiently, with how long they must last before
 * we act on them. The PV controller marks a claim Lost when its cache has not yet seen the volume
 * just provisioned for it, and rebinds it moments later (seen on the test cluster under load).
 */
const CONFIRM_MS: Record<string, number> = { Lost: 5000 };
const CORE = { apiVersion: 'v1', kind: 'Pod' };
const RS = { apiVersion: 'apps/v1', kind: 'ReplicaSet' };

const errorText = (e: unknown) => {
  const cause = (e as { cause?: { code?: string } })?.cause?.code;
  return `${e instanceof Error ? e.message : String(e)}${cause ? ` (${cause})` : ''}`;
};

async function withNamespaces(kube: KubeClient, refs: readonly WaitRef[]): Promise<WaitRef[]> {
  const scoped = new Map<string, boolean>();
  const out: WaitRef[] = [];
  for (const r of refs) {
    if (r.namespace) { out.push(r); continue; }
    const k = `${r.apiVersion}|${r.kind}`;
    if (!scoped.has(k)) scoped.set(k, await kube.isNamespaced(r.apiVersion, r.kind));
    out.push(scoped.get(k) ? { ...r, namespace: kube.defaultNamespace } : r);
  }
  return out;
}

/**
 * Waits until every ref is ready (or complete), one fails, the timeout passes or the signal
 * aborts. Throws only for API errors (the initial lists, or watches that cannot be re-established).
 * On 'failed' the failures are the failed resources; on 'timeout'/'aborted', every one not ready.
 */
export async function waitForResources(kube: KubeClient, refs: readonly WaitRef[], opts: WaitOptions): Promise<WaitResult> {
  const explained = new Map<WaitFailure, { pod: KubeObject; container?: string }>();
  const result = await watchUntilDone(kube, refs, opts, explained);
  if (result.ok) return result;
  // Read only now, once per failure: events and logs are not in the watch caches.
  const failures = await Promise.all(result.failures.map(async (f) => {
    const p = explained.get(f);
    return p ? { ...f, evidence: await podEvidence(kube, p.pod, p.container) } : f;
  }));
  return { ...result, failures };
}

async function watchUntilDone(kube: KubeClient, refs: readonly WaitRef[], opts: WaitOptions, explained: Map<WaitFailure, { pod: KubeObject; container?: string }>): Promise<WaitResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const targets = await withNamespaces(kube, refs);
  const rule = opts.until === 'complete' ? assessCompletion : assess;
  const keyOf = (r: WaitRef): WatchKey => ({ apiVersion: r.apiVersion, kind: r.kind, namespace: r.namespace });

  return new Promise<WaitResult>((resolve, reject) => {
    let done = false;
    // No verdict before every kind has its first list: a Deployment judged before its ReplicaSets
    // are known would be judged by every pod in the namespace (another Deployment's crash loop).
    let synced = false;
    let pending: NodeJS.Immediate | undefined;
    // Connection trouble: since when, and the latest error, per kind; reported once each way.
    const trouble = new Map<string, unknown>();
    let troubleSince: number | undefined;
    const onTrouble = (key: string, err: unknown) => {
      if (err === undefined) trouble.delete(key);
      else trouble.set(key, err);
      if (trouble.size > 0 && troubleSince === undefined) {
        troubleSince = performance.now();
        const waiting = targets.map(kindName).join(', ');
        opts.reporter?.log(`the API server cannot be reached (${errorText(err)}); still waiting for ${waiting}, retrying until the timeout`);
      } else if (trouble.size === 0 && troubleSince !== undefined) {
        opts.reporter?.log(`the API server answers again after ${((performance.now() - troubleSince) / 1000).toFixed(1)}s`);
        troubleSince = undefined;
      }
    };
    const set = new WatchSet(kube, () => schedule(), (err) => end(() => reject(err)), onTrouble);
    for (const r of targets) {
      set.add(keyOf(r));
      // A Pod ref needs no extra watch: its own kind is the namespace's Pod watch.
      if (!r.namespace || !POD_OWNERS.has(r.kind)) continue;
      set.add({ ...CORE, namespace: r.namespace });
      if (r.kind === 'Deployment') set.add({ ...RS, namespace: r.namespace });
    }

    const context = (ns: string | undefined): AssessContext => ({
      pods: ns ? set.items({ ...CORE, namespace: ns }) : [],
      // undefined, not [], when not watched: the rules then say "pods", never "new pods".
      replicaSets: ns && set.synced({ ...RS, namespace: ns }) ? set.items({ ...RS, namespace: ns }) : undefined,
      now: opts.now?.() ?? new Date(),
      imagePullGraceMs: opts.imagePullGraceMs,
      unschedulableGraceMs: opts.unschedulableGraceMs,
      askLoadBalancer: opts.askLoadBalancer,
    });

    const failingSince = new Map<WaitRef, number>();
    const confirmed = (ref: WaitRef, a: Assessment): Assessment => {
      const wait = a.state === 'failed' && a.reason ? CONFIRM_MS[a.reason] : undefined;
      if (wait === undefined) {
        failingSince.delete(ref);
        return a;
      }
      const now = performance.now();
      const since = failingSince.get(ref) ?? now;
      failingSince.set(ref, since);
      return now - since >= wait ? a : { ...a, state: 'progressing', message: `${a.message ?? a.reason} (confirming)` };
    };

    const evaluate = () => {
      return targets.map((ref) => {
        const obj = set.get(keyOf(ref), ref.name);
        const ctx = context(ref.namespace);
        let assessment: Assessment;
        if (obj) assessment = confirmed(ref, rule(obj, ctx));
        else if (!set.synced(keyOf(ref))) assessment = { state: 'progressing', reason: 'Listing', message: 'not observed yet' };
        else assessment = { state: 'progressing', reason: 'NotFound', message: 'does not exist' };
        return { ref, obj, ctx, assessment };
      });
    };

    const failuresOf = (states: ReturnType<typeof evaluate>, timedOutAfter?: number): WaitFailure[] =>
      states.map(({ ref, obj, ctx, assessment }) => {
        const failure = { ref, assessment, diagnosis: explain(kindName(ref), obj, assessment, ctx.pods ?? [], ctx, timedOutAfter) };
        const pod = obj && explainingPod(obj, ctx.pods ?? [], ctx);
        if (pod) explained.set(failure, pod);
        return failure;
      });

    const check = () => {
      pending = undefined;
      if (done || !synced || !set.allSynced()) return;
      const states = evaluate();
      opts.reporter?.update(states);
      const failed = states.filter((s) => s.assessment.state === 'failed');
      if (failed.length) return finish(states, { ok: false, reason: 'failed', elapsedMs: elapsed(), failures: failuresOf(failed) });
      if (states.every((s) => s.assessment.state === 'ready')) finish(states, { ok: true, elapsedMs: elapsed() });
    };

    const stopWith = (reason: 'timeout' | 'aborted') => {
      if (done) return;
      const states = evaluate();
      const notReady = states.filter((s) => s.assessment.state !== 'ready');
      const ms = elapsed();
      const unreachable = troubleSince === undefined ? undefined : { forMs: Math.round(performance.now() - troubleSince), error: errorText([...trouble.values()].pop()) };
      finish(states, { ok: false, reason, elapsedMs: ms, failures: failuresOf(notReady, reason === 'timeout' ? ms : undefined), ...(unreachable ? { unreachable } : {}) });
    };

    function schedule() {
      // Events come in bursts (a rollout touches the Deployment, ReplicaSets and pods at once);
      // one assessment per burst is enough.
      if (!done && !pending) pending = setImmediate(check);
    }

    const tick = setInterval(check, TICK_MS);
    const timeout = setTimeout(() => stopWith('timeout'), Math.max(0, opts.timeoutMs));
    const onAbort = () => stopWith('aborted');

    function end(settle: () => void) {
      if (done) return;
      done = true;
      clearInterval(tick);
      clearTimeout(timeout);
      if (pending) clearImmediate(pending);
      opts.signal?.removeEventListener('abort', onAbort);
      set.close();
      settle();
    }

    function finish(states: ReturnType<typeof evaluate>, result: WaitResult) {
      end(() => {
        opts.reporter?.finish(result.elapsedMs, states);
        resolve(result);
      });
    }

    if (opts.signal?.aborted) return stopWith('aborted');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    set.start().then(() => {
      synced = true;
      check();
    }, (err) => end(() => reject(err)));
  });
}

/** Hooks and tests: wait for objects to finish (Job Complete, Pod Succeeded), fail on Failed. */
export function waitForCompletion(kube: KubeClient, refs: readonly WaitRef[], opts: Omit<WaitOptions, 'until'>): Promise<WaitResult> {
  return waitForResources(kube, refs, { ...opts, until: 'complete' });
}
