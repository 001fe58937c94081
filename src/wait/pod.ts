// Pods: their own readiness, and the problems that make waiting pointless. The workload rules
// reuse podProblem() on the pods of the current revision; that is what lets a rollout fail in
// seconds on a crash loop instead of at the end of --timeout.

import type { KubeObject } from '../kube/types.ts';
import { condition, field, list, num, str, time, type Fields } from './fields.ts';
import { DEFAULT_IMAGE_PULL_GRACE_MS, DEFAULT_UNSCHEDULABLE_GRACE_MS, type AssessContext, type Assessment } from './types.ts';

export interface PodProblem {
  pod: string;
  container?: string;
  reason: string;
  /** "container db CrashLoopBackOff (back-off 40s restarting failed container)" — no pod name. */
  detail: string;
  /** true: waiting longer cannot help. false: a problem, but still inside its grace. */
  terminal: boolean;
}

// Waiting reasons that never resolve on their own: the kubelet will keep backing off forever.
const HOPELESS = new Set(['CrashLoopBackOff', 'InvalidImageName', 'ErrImageNeverPull']);
// Waiting reasons that are often transient (a registry hiccup, a Secret applied a moment later),
// so they only count after a grace.
const SUSPICIOUS = new Set(['ErrImagePull', 'ImagePullBackOff', 'CreateContainerConfigError', 'CreateContainerError']);

interface ContainerStatus {
  name: string;
  init: boolean;
  status: Fields;
}

function containerStatuses(pod: KubeObject): ContainerStatus[] {
  const init = list(pod, 'status.initContainerStatuses').map((status) => ({ name: String(status.name), init: true, status }));
  const main = list(pod, 'status.containerStatuses').map((status) => ({ name: String(status.name), init: false, status }));
  return [...init, ...main];
}

function label(c: ContainerStatus): string {
  return `${c.init ? 'init container' : 'container'} ${c.name}`;
}

/**
 * Shortens a long message from the cluster to `max` characters by cutting its middle: the kubelet
 * and containerd nest their errors, so the start says what failed and the end says why
 * ("failed to pull and unpack image … dial tcp 127.0.0.1:1: connect: connection refused").
 */
export function elide(message: string, max: number): string {
  if (message.length <= max) return message;
  const head = Math.ceil((max - 1) / 2);
  return `${message.slice(0, head)}…${message.slice(message.length - (max - 1 - head))}`;
}

/**
 * The kubelet appends "container=db pod=name_ns(uid)" to its back-off messages; we already name
 * both, so only the word stays: "back-off 40s restarting failed container".
 */
function tidy(message: string | undefined): string | undefined {
  if (!message) return undefined;
  return elide(message.replace(/\bcontainer=\S+ pod=\S+$/, 'container').trim(), 240);
}

function withMessage(head: string, message: string | undefined): string {
  const m = tidy(message);
  return m ? `${head} (${m})` : head;
}

function lastExit(c: ContainerStatus): string {
  const t = field(c.status, 'lastState.terminated') as Fields | undefined;
  if (!t) return '';
  const code = typeof t.exitCode === 'number' ? `exit code ${t.exitCode}` : '';
  const why = typeof t.reason === 'string' ? t.reason : '';
  const parts = [why, code].filter(Boolean).join(', ');
  return parts ? `; last terminated: ${parts}` : '';
}

/**
 * When the grace for a pod's container problems starts: the latest moment the pod (re)started
 * trying, so an in-place image change gets a fresh grace rather than an expired one.
 */
function graceStart(pod: KubeObject): number | undefined {
  const candidates = [time(pod.metadata.creationTimestamp), time(str(pod, 'status.startTime'))];
  const cr = condition(pod, 'ContainersReady');
  if (cr?.status === 'False') candidates.push(time(cr.lastTransitionTime));
  const known = candidates.filter((t): t is number => t !== undefined);
  return known.length ? Math.max(...known) : undefined;
}

function elapsedSince(start: number | undefined, ctx: AssessContext | undefined): number {
  // An unknown start cannot prove the grace is over: stay patient rather than fail wrongly.
  if (start === undefined) return 0;
  return (ctx?.now ?? new Date()).getTime() - start;
}

function unschedulable(pod: KubeObject, ctx: AssessContext | undefined): PodProblem | undefined {
  const c = condition(pod, 'PodScheduled');
  if (c?.status !== 'False' || c.reason !== 'Unschedulable') return undefined;
  const message = c.message ?? '';
  // The scheduler says this while a dynamically provisioned volume is still being bound; the
  // PVC's own rule reports that wait, so it is not the pod's failure.
  const waitingForVolume = /unbound immediate PersistentVolumeClaims/i.test(message);
  const start = time(c.lastTransitionTime) ?? time(pod.metadata.creationTimestamp);
  const grace = ctx?.unschedulableGraceMs ?? DEFAULT_UNSCHEDULABLE_GRACE_MS;
  return {
    pod: pod.metadata.name,
    reason: 'Unschedulable',
    detail: withMessage('Unschedulable', message),
    terminal: !waitingForVolume && elapsedSince(start, ctx) >= grace,
  };
}

/**
 * The most serious container or scheduling problem of a pod: a terminal one wins over one still
 * in its grace; undefined when nothing is wrong beyond "not ready yet".
 */
export function podProblem(pod: KubeObject, ctx?: AssessContext): PodProblem | undefined {
  const found: PodProblem[] = [];
  const sched = unschedulable(pod, ctx);
  if (sched) found.push(sched);
  const pullGrace = ctx?.imagePullGraceMs ?? DEFAULT_IMAGE_PULL_GRACE_MS;
  for (const c of containerStatuses(pod)) {
    const reason = str(c.status, 'state.waiting.reason');
    if (!reason || !(HOPELESS.has(reason) || SUSPICIOUS.has(reason))) continue;
    const message = str(c.status, 'state.waiting.message');
    const terminal = HOPELESS.has(reason) || elapsedSince(graceStart(pod), ctx) >= pullGrace;
    const detail = withMessage(`${label(c)} ${reason}`, message) + (reason === 'CrashLoopBackOff' ? lastExit(c) : '');
    found.push({ pod: pod.metadata.name, container: c.name, reason, detail, terminal });
  }
  return found.find((p) => p.terminal) ?? found[0];
}

export function isPodReady(pod: KubeObject): boolean {
  return str(pod, 'status.phase') === 'Running' && condition(pod, 'Ready')?.status === 'True';
}

/** Why a pod is not ready, in a few words: "container db Running, not Ready". */
export function describePod(pod: KubeObject, ctx?: AssessContext): string {
  const phase = str(pod, 'status.phase') ?? 'Pending';
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  if (phase === 'Succeeded') return 'Succeeded';
  const problem = podProblem(pod, ctx);
  if (problem) return problem.detail;
  // A pod-level reason (Evicted, DeadlineExceeded) explains more than any container's state.
  const podReason = str(pod, 'status.reason');
  if (phase === 'Failed' && podReason) return withMessage(`Failed: ${podReason}`, str(pod, 'status.message'));
  for (const c of containerStatuses(pod)) {
    if (c.status.ready === true) continue;
    const state = (field(c.status, 'state') ?? {}) as Fields;
    const restarts = num(c.status, 'restartCount', 0);
    const restarted = restarts > 0 ? `, restarted ${restarts} time${restarts === 1 ? '' : 's'}` : '';
    if (state.running) {
      // Finished init containers are not "ready" by design; only a running one is worth naming.
      return `${label(c)} Running, not Ready${restarted}`;
    }
    if (state.waiting) return withMessage(`${label(c)} waiting: ${str(state, 'waiting.reason') ?? 'unknown'}`, str(state, 'waiting.message'));
    if (state.terminated && !(c.init && num(state, 'terminated.exitCode', 1) === 0)) {
      return `${label(c)} terminated: ${str(state, 'terminated.reason') ?? 'unknown'} (exit code ${num(state, 'terminated.exitCode', -1)})`;
    }
  }
  if (phase === 'Failed') return 'Failed';
  const sched = condition(pod, 'PodScheduled');
  if (sched?.status !== 'True') return phase === 'Pending' ? 'Pending, not scheduled yet' : phase;
  return `${phase}, not Ready`;
}

export function assessPod(pod: KubeObject, ctx?: AssessContext): Assessment {
  const phase = str(pod, 'status.phase');
  if (phase === 'Succeeded') return { state: 'ready', ready: 1, desired: 1, reason: 'Succeeded', message: 'pod completed' };
  if (phase === 'Failed') {
    return { state: 'failed', ready: 0, desired: 1, reason: str(pod, 'status.reason') ?? 'PodFailed', message: describePod(pod, ctx) };
  }
  if (isPodReady(pod)) return { state: 'ready', ready: 1, desired: 1 };
  const problem = podProblem(pod, ctx);
  if (problem) return { state: problem.terminal ? 'failed' : 'progressing', ready: 0, desired: 1, reason: problem.reason, message: problem.detail };
  return { state: 'progressing', ready: 0, desired: 1, reason: phase ?? 'Pending', message: describePod(pod, ctx) };
}
