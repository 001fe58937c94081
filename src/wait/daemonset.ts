// DaemonSets: one pod per eligible node. Every count must reach desiredNumberScheduled; a
// maxUnavailable discount would let a DaemonSet with one node pass with no pod running.

import type { KubeObject } from '../kube/types.ts';
import { generationLag, num, optNum, str } from './fields.ts';
import type { Assessment } from './types.ts';

export function assessDaemonSet(ds: KubeObject): Assessment {
  const lag = generationLag(ds, true);
  if (lag) return lag;

  const desired = optNum(ds, 'status.desiredNumberScheduled');
  if (desired === undefined) return { state: 'progressing', reason: 'NotObserved', message: 'waiting for the controller to count eligible nodes' };
  const scheduled = num(ds, 'status.currentNumberScheduled', 0);
  const updated = num(ds, 'status.updatedNumberScheduled', 0);
  const ready = num(ds, 'status.numberReady', 0);
  const available = num(ds, 'status.numberAvailable', 0);
  // OnDelete leaves old pods in place until someone deletes them, so "updated" cannot be required.
  const onDelete = str(ds, 'spec.updateStrategy.type') === 'OnDelete';
  const newReady = onDelete ? ready : Math.min(ready, updated);
  const counts = { ready: Math.min(newReady, desired), desired };

  if (scheduled < desired) return { state: 'progressing', ...counts, reason: 'Scheduling', message: `${scheduled} of ${desired} nodes have a pod` };
  if (!onDelete && updated < desired) return { state: 'progressing', ...counts, reason: 'RollingOut', message: `${updated} of ${desired} pods updated` };
  if (ready < desired) return { state: 'progressing', ...counts, reason: 'NotReady', message: `${ready} of ${desired} pods ready` };
  if (available < desired) return { state: 'progressing', ...counts, reason: 'NotAvailable', message: `${available} of ${desired} pods available` };
  if (onDelete && updated < desired) {
    return { state: 'ready', ready: desired, desired, reason: 'OnDelete', message: `OnDelete: ${desired - updated} pods keep the old revision until deleted` };
  }
  return { state: 'ready', ready: desired, desired };
}
