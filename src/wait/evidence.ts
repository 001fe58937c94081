// What the cluster knows beyond a pod's status when a wait fails, added to the failure's line:
// the kubelet's latest warning about the pod, in its own words ("Readiness probe failed: dial tcp
// 10.89.0.7:5432: connect: connection refused", "Liveness probe failed: HTTP probe failed with
// statuscode: 500"), and for a container that has crashed, the last lines its failed run
// logged — the crash's own explanation, which the status only sums up as an exit code.

import type { KubeClient, KubeObject } from '../kube/types.ts';
import { field, list, num, str } from './fields.ts';
import { elide } from './pod.ts';

/** Log lines of the previous run shown under a failure: the end of a crash is what explains it. */
export const PREVIOUS_LOG_LINES = 5;
const MAX_EVENT_CHARS = 300;

/** The newest Warning event about `pod` (this pod, not a predecessor of the same name). */
export function latestWarning(pod: KubeObject, events: readonly KubeObject[]): string | undefined {
  const uid = pod.metadata.uid;
  const mine = events.filter((e) => {
    const about = str(e, 'involvedObject.uid');
    return str(e, 'type') === 'Warning' && !(uid && about && about !== uid);
  });
  const at = (e: KubeObject) => str(e, 'lastTimestamp') ?? str(e, 'eventTime') ?? e.metadata.creationTimestamp ?? '';
  // Probe failures say most about a pod that runs but is not ready; prefer them over back-offs.
  const ranked = mine.sort((a, b) => Number(str(b, 'reason') === 'Unhealthy') - Number(str(a, 'reason') === 'Unhealthy') || at(b).localeCompare(at(a)));
  const e = ranked[0];
  if (!e) return undefined;
  const message = (str(e, 'message') ?? '').trim().replace(/\s+/g, ' ');
  const count = num(e, 'count', 1);
  const text = elide(message, MAX_EVENT_CHARS);
  return `${str(e, 'reason') ?? 'Warning'}: ${text}${count > 1 ? ` (x${count})` : ''}`;
}

/**
 * The container whose last run is worth showing: one that restarted or ended with an error (the
 * named one first). Its log's end is usually the crash's own explanation.
 */
export function failedContainer(pod: KubeObject, named?: string): string | undefined {
  const statuses = [...list(pod, 'status.initContainerStatuses'), ...list(pod, 'status.containerStatuses')];
  const failed = statuses.filter((c) => num(c, 'restartCount', 0) > 0 || field(c, 'lastState.terminated') !== undefined || num(c, 'state.terminated.exitCode', 0) !== 0);
  const pick = failed.find((c) => c.name === named) ?? failed[0];
  return pick ? String(pick.name) : undefined;
}

/** Formats the evidence about pod `pod` as lines to print under the failure, each after a newline. */
export function formatEvidence(pod: string, warning: string | undefined, previous: { container: string; text: string } | undefined): string {
  const out: string[] = [];
  if (warning) out.push(`  pod ${pod}, last warning: ${warning}`);
  if (previous) {
    const lines = previous.text.replace(/\n$/, '').split('\n').slice(-PREVIOUS_LOG_LINES);
    out.push(`  pod ${pod}, container ${previous.container}, last log lines of its failed run:`, ...lines.map((l) => `    ${l}`));
  }
  return out.map((l) => `\n${l}`).join('');
}

/**
 * The evidence for `pod`, as lines for formatEvidence. Never throws: evidence that cannot be read
 * (RBAC, a simulated kubelet without logs) must not hide the failure it would explain.
 */
export async function podEvidence(kube: KubeClient, pod: KubeObject, container?: string): Promise<string> {
  const ns = pod.metadata.namespace;
  let warning: string | undefined;
  let previous: { container: string; text: string } | undefined;
  try {
    const { items } = await kube.list('v1', 'Event', ns, { fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${pod.metadata.name}` });
    warning = latestWarning(pod, items);
  } catch {
    /* no events for us to read */
  }
  const restarted = failedContainer(pod, container);
  if (restarted && ns) {
    // The run before the current one; right after a first crash there is none yet, and the
    // current (dead) container's own log is the one that explains it.
    for (const prev of [true, false]) {
      const text = await kube.logs(ns, pod.metadata.name, restarted, { previous: prev, tailLines: PREVIOUS_LOG_LINES }).catch(() => undefined);
      if (text?.trim()) {
        previous = { container: restarted, text };
        break;
      }
    }
  }
  return formatEvidence(pod.metadata.name, warning, previous);
}
