// The vocabulary of readiness. Pure data so the watch-based waiter, the progress table and the
// error message of a failed upgrade all speak about the same three states.

import type { KubeObject, ObjectRef } from '../kube/types.ts';

/**
 * kstatus-like, folded to what an orchestrator acts on: `ready` stops waiting for this object,
 * `failed` stops waiting for the whole operation at once (fail fast), anything else waits on.
 */
export type ReadinessState = 'ready' | 'progressing' | 'failed';

export interface Assessment {
  state: ReadinessState;
  /** Counts shown as "ready/desired" in the progress table, where the kind has such counts. */
  ready?: number;
  desired?: number;
  /** Short CamelCase cause, from the API where it gave one (ProgressDeadlineExceeded, CrashLoopBackOff). */
  reason?: string;
  /** One human sentence; for failures it names the pod and container when we know them. */
  message?: string;
}

/** One resource's readiness as the waiter last judged it. */
export interface ResourceState {
  ref: ObjectRef;
  assessment: Assessment;
}

/**
 * Where the waiter reports while it waits: assessments, never text. src/ui's ProgressReporter turns
 * them into the live table or log lines, so wait/ needs nothing of ui/.
 */
export interface WaitReporter {
  update(states: readonly ResourceState[]): void;
  /** A message that must stay visible (a hook started). */
  log(message: string): void;
  finish(elapsedMs: number, states?: readonly ResourceState[]): void;
}

export interface AssessContext {
  /**
   * Pods that may belong to the object (e.g. listed by its selector). Workload rules pick the ones
   * of the current revision themselves, so passing a superset is fine.
   */
  pods?: KubeObject[];
  /** ReplicaSets of a Deployment: lets us tell the new pods from the old ones. */
  replicaSets?: KubeObject[];
  /** Injected clock; graces are measured against it. Defaults to the real time. */
  now?: Date;
  /** How long ErrImagePull / ImagePullBackOff is tolerated before it counts as a failure. */
  imagePullGraceMs?: number;
  /**
   * How long a pod may stay Unschedulable before it counts as a failure. The scheduler reports
   * Unschedulable transiently too (a PVC still binding, an old pod still terminating), so a
   * short window avoids failing a rollout that would have gone through.
   */
  unschedulableGraceMs?: number;
  /** Services of type LoadBalancer are ready only once an ingress address is assigned. */
  askLoadBalancer?: boolean;
}

export const DEFAULT_IMAGE_PULL_GRACE_MS = 10_000;
export const DEFAULT_UNSCHEDULABLE_GRACE_MS = 15_000;

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}
