// The bridge from readiness assessments to table rows, so the waiter does not format and the UI
// does not judge. ui/ reads wait/'s vocabulary; wait/ imports nothing of ui/.

import { kindName } from '../kube/ref.ts';
import type { ResourceState } from '../wait/types.ts';
import type { ProgressRow } from './format.ts';

export function toRow({ ref, assessment: a }: ResourceState): ProgressRow {
  const ready = a.desired === undefined ? '-' : `${a.ready ?? 0}/${a.desired}`;
  // The message is the informative part; the CamelCase reason alone only when there is nothing else.
  const reason = a.message ?? a.reason;
  const resource = kindName(ref);
  return reason ? { resource, ready, status: a.state, reason } : { resource, ready, status: a.state };
}
