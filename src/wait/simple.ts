// Kinds whose readiness is one field or one condition, and the fallback for everything else.

import type { KubeObject } from '../kube/types.ts';
import { condition, conditions, generationLag, list, str } from './fields.ts';
import type { AssessContext, Assessment } from './types.ts';

export function assessPersistentVolumeClaim(pvc: KubeObject): Assessment {
  const phase = str(pvc, 'status.phase') ?? 'Pending';
  if (phase === 'Bound') return { state: 'ready' };
  // Lost: the bound volume is gone; nothing will rebind it.
  if (phase === 'Lost') return { state: 'failed', reason: 'Lost', message: 'the bound PersistentVolume no longer exists' };
  // With a WaitForFirstConsumer storage class the claim binds only when a pod using it is
  // scheduled, which the workloads we wait on in parallel will do.
  return { state: 'progressing', reason: phase, message: `claim is ${phase}, not Bound yet` };
}

export function assessService(svc: KubeObject, ctx?: AssessContext): Assessment {
  if (str(svc, 'spec.type') !== 'LoadBalancer' || !ctx?.askLoadBalancer) return { state: 'ready' };
  // Many clusters (local ones especially) never assign an address, so this is opt-in.
  if (list(svc, 'status.loadBalancer.ingress').length > 0) return { state: 'ready' };
  return { state: 'progressing', reason: 'NoIngress', message: 'waiting for the load balancer to get an address' };
}

export function assessCustomResourceDefinition(crd: KubeObject): Assessment {
  // A name clash with another CRD never resolves by waiting.
  const names = condition(crd, 'NamesAccepted');
  if (names?.status === 'False') return { state: 'failed', reason: names.reason ?? 'NamesNotAccepted', message: names.message };
  const established = condition(crd, 'Established');
  if (established?.status === 'True') return { state: 'ready' };
  return { state: 'progressing', reason: established?.reason ?? 'Installing', message: established?.message ?? 'waiting for the API server to serve the new kind' };
}

/**
 * Anything without a rule of its own, custom resources included, following the kstatus
 * conventions operators increasingly adopt: Stalled=True is a failure, Reconciling=True is
 * progress, a Ready condition decides when present, and no conditions at all means the object is
 * ready as soon as it exists (ConfigMaps, Secrets, RBAC...).
 */
export function assessGeneric(obj: KubeObject): Assessment {
  const lag = generationLag(obj, false);
  if (lag) return lag;
  if (conditions(obj).length === 0) return { state: 'ready' };

  const stalled = condition(obj, 'Stalled');
  if (stalled?.status === 'True') return { state: 'failed', reason: stalled.reason ?? 'Stalled', message: stalled.message };
  const ready = condition(obj, 'Ready');
  if (ready) {
    const generation = obj.metadata.generation;
    // A Ready=True written for an older spec says nothing about the one we applied.
    if (ready.observedGeneration !== undefined && generation !== undefined && ready.observedGeneration < generation) {
      return { state: 'progressing', reason: 'NotObserved', message: `Ready condition is for generation ${ready.observedGeneration}, not ${generation}` };
    }
    if (ready.status === 'True') return { state: 'ready' };
    // False is usually "not yet" (operators rarely mark a terminal Ready=False), so keep waiting.
    return { state: 'progressing', reason: ready.reason ?? 'NotReady', message: ready.message ?? `Ready is ${ready.status}` };
  }
  const reconciling = condition(obj, 'Reconciling');
  if (reconciling?.status === 'True') return { state: 'progressing', reason: reconciling.reason ?? 'Reconciling', message: reconciling.message };
  return { state: 'ready' };
}
