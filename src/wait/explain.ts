// The lines a failed wait leaves behind: one per resource, naming it, how long we waited and the
// pod that explains it — "Deployment/todo-list-db: 0 of 1 new pods ready after 30s — pod
// todo-list-db-7c9-abc: container db Running, not Ready". The caller prefixes its own context
// ("UPGRADE FAILED: ").

import type { KubeObject } from '../kube/types.ts';
import { formatDuration } from '../duration.ts';
import { diagnosis } from './diagnose.ts';
import type { AssessContext, Assessment } from './types.ts';

/**
 * `resource: what is wrong`. On a timeout the wait's length goes right after the counts, where a
 * reader looks for it; a failure states its reason (BackoffLimitExceeded, CrashLoopBackOff)
 * when the pod detail does not already say it.
 */
export function explain(
  resource: string,
  obj: KubeObject | undefined,
  assessment: Assessment,
  pods: readonly KubeObject[],
  ctx: AssessContext,
  timedOutAfterMs?: number,
): string {
  let text = obj ? diagnosis(obj, assessment, pods, ctx) : (assessment.message ?? 'not found');
  if (assessment.state === 'failed' && assessment.reason && !text.includes(assessment.reason)) {
    text = `${assessment.reason}: ${text}`;
    // Job failures carry their controller's sentence ("Job has reached the specified backoff limit").
    if (assessment.message && !text.includes(assessment.message)) text += ` (${assessment.message})`;
  }
  if (timedOutAfterMs !== undefined) {
    const after = ` after ${formatDuration(timedOutAfterMs)}`;
    const cut = text.indexOf(' — ');
    text = cut < 0 ? text + after : text.slice(0, cut) + after + text.slice(cut);
  }
  return `${resource}: ${text}`;
}
