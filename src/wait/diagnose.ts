// From "not ready" to a reason a person can act on. Helm's answer to a stuck rollout is "context
// deadline exceeded"; ours names the pod and the container and what they are doing.

import type { KubeObject } from '../kube/types.ts';
import { describePod, isPodReady, podProblem, type PodProblem } from './pod.ts';
import { currentRevisionPods } from './revision.ts';
import type { AssessContext, Assessment } from './types.ts';

/** Kinds that own pods: the pods of their current revision explain their state. */
export const POD_OWNERS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

function byName(a: KubeObject, b: KubeObject): number {
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** The pods a workload is judged by, in a stable order so messages do not flicker. */
export function judgedPods(obj: KubeObject, pods: readonly KubeObject[], ctx?: AssessContext): KubeObject[] {
  const own = obj.kind === 'Pod' ? [obj] : POD_OWNERS.has(obj.kind) ? currentRevisionPods(obj, pods, ctx?.replicaSets) : [];
  return own.sort(byName);
}

function problems(pods: readonly KubeObject[], ctx?: AssessContext): PodProblem[] {
  // A terminating pod is on its way out: whatever state it dies in is no verdict on the rollout.
  return pods.filter((p) => !p.metadata.deletionTimestamp).map((p) => podProblem(p, ctx)).filter((p): p is PodProblem => p !== undefined);
}

/**
 * Turns a workload that is merely progressing into a failure when one of its new pods cannot
 * recover (crash loop, image pull past its grace, unschedulable), and otherwise enriches the
 * reason with a pod problem still in its grace. A failure or readiness is returned unchanged.
 */
export function withPodDiagnosis(obj: KubeObject, base: Assessment, ctx: AssessContext): Assessment {
  if (base.state !== 'progressing' || !ctx.pods || !POD_OWNERS.has(obj.kind)) return base;
  // Until the controller has seen the new spec, the "current" revision is still the previous one:
  // failing on its crash-looping pods would reject the very upgrade that fixes them.
  if (base.reason === 'NotObserved') return base;
  const own = judgedPods(obj, ctx.pods, ctx);
  const found = problems(own, ctx);
  const worst = found.find((p) => p.terminal) ?? found[0];
  if (!worst) {
    // Nothing wrong yet, but the live row should still say which new pod holds things up.
    const stuck = obj.kind === 'Pod' ? undefined : own.find((p) => !p.metadata.deletionTimestamp && !isPodReady(p));
    return stuck ? { ...base, message: `${base.message ?? base.reason} — pod ${stuck.metadata.name}: ${describePod(stuck, ctx)}` } : base;
  }
  const message = `pod ${worst.pod}: ${worst.detail}`;
  if (worst.terminal) return { ...base, state: 'failed', reason: worst.reason, message };
  return { ...base, reason: worst.reason, message: base.message ? `${base.message} — ${message}` : message };
}

/**
 * The pod (and container) that diagnosis() names for `obj`, so its events and logs can be added:
 * the worst problem's, else the first new pod not ready, else a Pod itself.
 */
export function explainingPod(obj: KubeObject, pods: readonly KubeObject[], ctx?: AssessContext): { pod: KubeObject; container?: string } | undefined {
  const own = judgedPods(obj, pods, ctx);
  const found = problems(own, ctx);
  const worst = found.find((p) => p.terminal) ?? found[0];
  if (worst) return { pod: own.find((p) => p.metadata.name === worst.pod)!, container: worst.container };
  const stuck = own.find((p) => !isPodReady(p));
  if (stuck) return { pod: stuck };
  return obj.kind === 'Pod' ? { pod: obj } : undefined;
}

const PODS_NOUN: Record<string, string> = { Deployment: 'new pods', StatefulSet: 'pods', DaemonSet: 'pods', ReplicaSet: 'pods', Job: 'pods completed' };

/**
 * A one-line diagnosis of why `obj` is not ready, for the error of a timed-out wait:
 * "0 of 1 new pods ready — pod todo-list-db-7c9-abc: container db Running, not Ready".
 * `assessment` is what the caller last computed for `obj` (so the line matches the table).
 */
export function diagnosis(obj: KubeObject, assessment: Assessment, pods: readonly KubeObject[], ctx?: AssessContext): string {
  const own = judgedPods(obj, pods, ctx);
  const { ready, desired } = assessment;
  let head: string;
  if (POD_OWNERS.has(obj.kind) && desired !== undefined) {
    // Without ReplicaSets we cannot tell new pods from old ones; do not claim they are new.
    const noun = obj.kind === 'Deployment' && !ctx?.replicaSets ? 'pods' : PODS_NOUN[obj.kind];
    const done = obj.kind === 'Job' ? (ready ?? 0) : own.length ? Math.min(own.filter(isPodReady).length, desired) : (ready ?? 0);
    head = `${done} of ${desired} ${noun}${obj.kind === 'Job' ? '' : ' ready'}`;
  } else {
    head = assessment.message ?? assessment.reason ?? assessment.state;
  }
  if (assessment.state === 'failed' && assessment.reason && !own.length) head = `${assessment.reason}: ${head}`;

  const found = problems(own, ctx);
  const worst = found.find((p) => p.terminal) ?? found[0];
  if (worst) return `${head} — pod ${worst.pod}: ${worst.detail}`;
  const stuck = own.find((p) => !isPodReady(p));
  if (stuck && obj.kind !== 'Pod') return `${head} — pod ${stuck.metadata.name}: ${describePod(stuck, ctx)}`;
  if (obj.kind === 'Pod') return describePod(obj, ctx);
  if (POD_OWNERS.has(obj.kind) && (desired ?? 0) > 0 && !own.length && pods.length) return `${head} — no pod of the new revision exists yet`;
  if (POD_OWNERS.has(obj.kind) && assessment.message && assessment.message !== head) return `${head} (${assessment.message})`;
  return head;
}
