// The entry point of the readiness rules: one pure function from an object (plus, for workloads,
// their pods) to ready / progressing / failed. The watch-based waiter calls it on every event and
// needs nothing else to decide when to stop.

import type { KubeObject } from '../kube/types.ts';
import { assessDaemonSet } from './daemonset.ts';
import { assessDeployment, assessReplicaSet } from './deployment.ts';
import { diagnosis, withPodDiagnosis } from './diagnose.ts';
import { assessJob } from './job.ts';
import { assessPod } from './pod.ts';
import { assessCustomResourceDefinition, assessGeneric, assessPersistentVolumeClaim, assessService } from './simple.ts';
import { assessStatefulSet } from './statefulset.ts';
import type { AssessContext, Assessment } from './types.ts';

type Rule = (obj: KubeObject, ctx?: AssessContext) => Assessment;

// Keyed by group and kind: a custom resource that happens to be called "Deployment" in its own
// group must not be judged by the apps/v1 rule.
const RULES: Record<string, Rule> = {
  'apps/Deployment': assessDeployment,
  'apps/StatefulSet': assessStatefulSet,
  'apps/DaemonSet': assessDaemonSet,
  'apps/ReplicaSet': assessReplicaSet,
  'batch/Job': assessJob,
  '/Pod': assessPod,
  '/PersistentVolumeClaim': assessPersistentVolumeClaim,
  '/Service': assessService,
  'apiextensions.k8s.io/CustomResourceDefinition': assessCustomResourceDefinition,
};

function group(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function assess(obj: KubeObject, ctx?: AssessContext): Assessment {
  // Something being deleted is neither ready nor failed yet: it is on its way out.
  if (obj.metadata.deletionTimestamp) return { state: 'progressing', reason: 'Terminating', message: 'being deleted' };
  const rule = RULES[`${group(obj.apiVersion)}/${obj.kind}`] ?? assessGeneric;
  const base = rule(obj, ctx);
  return ctx ? withPodDiagnosis(obj, base, ctx) : base;
}

/**
 * One line saying why `obj` is not ready — what replaces Helm's "context deadline exceeded":
 * "0 of 1 new pods ready — pod todo-list-db-7c9-abc: container db Running, not Ready".
 * Pass the ReplicaSets in ctx for a Deployment so old pods are not mistaken for new ones.
 */
export function describeNotReady(obj: KubeObject, pods: readonly KubeObject[] = [], ctx?: AssessContext): string {
  const full: AssessContext = { ...ctx, pods: [...pods] };
  return diagnosis(obj, assess(obj, full), pods, full);
}

export type { AssessContext, Assessment, ReadinessState } from './types.ts';
export { DEFAULT_IMAGE_PULL_GRACE_MS, DEFAULT_UNSCHEDULABLE_GRACE_MS } from './types.ts';
export { currentRevisionPods, newestReplicaSet, podsOfNewestReplicaSet, podsOfReplicaSet } from './revision.ts';
