// StatefulSets. They carry no conditions worth reading, so readiness comes from counts and
// revisions. A partition holds pods with a lower ordinal on the old revision on purpose (canary),
// so only the pods at or above it must be updated.

import type { KubeObject } from '../kube/types.ts';
import { generationLag, num, optNum, str } from './fields.ts';
import { desiredReplicas } from './revision.ts';
import type { Assessment } from './types.ts';

export function assessStatefulSet(sts: KubeObject): Assessment {
  const lag = generationLag(sts, true);
  if (lag) return lag;

  const desired = desiredReplicas(sts);
  const replicas = num(sts, 'status.replicas', 0);
  const ready = num(sts, 'status.readyReplicas', 0);
  const updated = num(sts, 'status.updatedReplicas', 0);
  const available = optNum(sts, 'status.availableReplicas');
  const counts = { ready: Math.min(ready, desired), desired };

  if (replicas < desired) return { state: 'progressing', ...counts, reason: 'Scaling', message: `${replicas} of ${desired} pods created` };
  if (ready < desired) return { state: 'progressing', ...counts, reason: 'NotReady', message: `${ready} of ${desired} pods ready` };
  // availableReplicas appeared with minReadySeconds; older servers omit it.
  if (available !== undefined && available < desired) {
    return { state: 'progressing', ...counts, reason: 'NotAvailable', message: `${available} of ${desired} pods available` };
  }
  if (replicas > desired) return { state: 'progressing', ...counts, reason: 'ExtraPods', message: `${replicas - desired} pods pending termination` };

  // OnDelete: the controller only replaces pods someone deletes, so the old revision may stay
  // forever by design. Ready means every pod that exists is ready; we say how many are behind.
  if (str(sts, 'spec.updateStrategy.type') === 'OnDelete') {
    const behind = desired - updated;
    const message = behind > 0 ? `OnDelete: ${behind} pod${behind === 1 ? '' : 's'} keep the old revision until deleted` : undefined;
    return { state: 'ready', ready: desired, desired, reason: behind > 0 ? 'OnDelete' : undefined, message };
  }

  const partition = num(sts, 'spec.updateStrategy.rollingUpdate.partition', 0);
  const mustUpdate = Math.max(0, desired - partition);
  if (updated < mustUpdate) {
    const scope = partition > 0 ? ` (ordinals ${partition} and up)` : '';
    return { state: 'progressing', ...counts, reason: 'RollingOut', message: `${updated} of ${mustUpdate} pods updated${scope}` };
  }
  // Without a partition the controller promotes updateRevision to currentRevision once every pod
  // is on it; with one it never does, which is why this check is skipped then.
  const current = str(sts, 'status.currentRevision');
  const target = str(sts, 'status.updateRevision');
  if (partition === 0 && current && target && current !== target) {
    return { state: 'progressing', ...counts, reason: 'RevisionMismatch', message: `waiting for revision ${target} to replace ${current}` };
  }
  const message = partition > 0 ? `partition ${partition}: ${updated} pods updated, ordinals below ${partition} kept` : undefined;
  return { state: 'ready', ready: desired, desired, reason: partition > 0 ? 'Partitioned' : undefined, message };
}
