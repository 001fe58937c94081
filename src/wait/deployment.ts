// Deployments. The rule every count must meet is the full replica count, never "replicas minus
// maxUnavailable": that arithmetic is how Helm declares a 1-replica Deployment with maxUnavailable=1
// ready while no pod is ready at all (helm/helm#10845).

import type { KubeObject } from '../kube/types.ts';
import { condition, field, generationLag, num } from './fields.ts';
import { desiredReplicas, newestReplicaSet } from './revision.ts';
import type { AssessContext, Assessment } from './types.ts';

export function assessDeployment(dep: KubeObject, ctx?: AssessContext): Assessment {
  const lag = generationLag(dep, true);
  if (lag) return lag;

  const desired = desiredReplicas(dep);
  // The controller sets this once spec.progressDeadlineSeconds passes without progress; it is the
  // only terminal verdict a Deployment gives about itself.
  const progressing = condition(dep, 'Progressing');
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') {
    return { state: 'failed', ready: 0, desired, reason: 'ProgressDeadlineExceeded', message: progressing.message ?? 'progress deadline exceeded' };
  }

  const replicas = num(dep, 'status.replicas', 0);
  const updated = num(dep, 'status.updatedReplicas', 0);
  const readyAll = num(dep, 'status.readyReplicas', 0);
  const available = num(dep, 'status.availableReplicas', 0);
  // status.readyReplicas counts old pods too; the newest ReplicaSet knows how many NEW pods are
  // ready. Without it, assume every old pod is among the ready ones: a lower bound, never a
  // false green.
  const rs = ctx?.replicaSets ? newestReplicaSet(dep, ctx.replicaSets) : undefined;
  const oldPods = Math.max(0, replicas - updated);
  const ready = rs ? Math.min(num(rs, 'status.readyReplicas', 0), desired) : Math.max(0, Math.min(readyAll - oldPods, updated, desired));
  const counts = { ready, desired };

  // A paused Deployment does not roll out until resumed: waiting on it would only burn the
  // timeout. Helm counts it as ready; so do we, but we say why.
  if (field(dep, 'spec.paused') === true) {
    return { state: 'ready', ...counts, reason: 'Paused', message: `rollout paused (${updated} of ${desired} pods updated); resume it to continue` };
  }
  if (updated < desired) {
    return { state: 'progressing', ...counts, reason: 'RollingOut', message: `${updated} of ${desired} pods updated, ${ready} of ${desired} new pods ready` };
  }
  if (replicas > updated) {
    const old = replicas - updated;
    return { state: 'progressing', ...counts, reason: 'OldPodsRemaining', message: `${old} old pod${old === 1 ? '' : 's'} still running` };
  }
  if (readyAll < desired || available < desired) {
    const reason = readyAll < desired ? 'NotReady' : 'NotAvailable';
    const what = readyAll < desired ? 'ready' : 'available (minReadySeconds)';
    return { state: 'progressing', ...counts, reason, message: `${Math.min(readyAll, available)} of ${desired} new pods ${what}` };
  }
  return { state: 'ready', ready: desired, desired };
}

/** ReplicaSets are rarely applied directly, but charts do it; same counts, no rollout. */
export function assessReplicaSet(rs: KubeObject): Assessment {
  const lag = generationLag(rs, true);
  if (lag) return lag;
  const desired = desiredReplicas(rs);
  const replicas = num(rs, 'status.replicas', 0);
  const ready = num(rs, 'status.readyReplicas', 0);
  const available = num(rs, 'status.availableReplicas', 0);
  const failure = condition(rs, 'ReplicaFailure');
  if (ready < desired || available < desired) {
    // ReplicaFailure (quota, admission) keeps the pods from being created at all: worth saying.
    const message = failure?.status === 'True' ? failure.message ?? 'pods cannot be created' : `${Math.min(ready, available)} of ${desired} pods ready`;
    return { state: 'progressing', ready, desired, reason: failure?.status === 'True' ? failure.reason ?? 'ReplicaFailure' : 'NotReady', message };
  }
  if (replicas > desired) return { state: 'progressing', ready, desired, reason: 'ExtraPods', message: `${replicas - desired} pods pending termination` };
  return { state: 'ready', ready: desired, desired };
}
