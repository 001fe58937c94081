// Which pods belong to the revision being rolled out. A rollout is judged by its NEW pods: an old
// pod that is fine says nothing about the new image, and an old pod that crashed is not ours to
// fail on. The controllers mark revisions differently per kind, so each kind has its own test.

import type { KubeObject } from '../kube/types.ts';
import { num, str } from './fields.ts';

const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const TEMPLATE_HASH = 'pod-template-hash';
const STS_REVISION = 'controller-revision-hash';
const DS_TEMPLATE_GENERATION = 'pod-template-generation';

/**
 * Whether `child` is controlled by `owner`. Objects without ownerReferences are accepted: the
 * caller selected them (by label) and fixtures or bare pods have none.
 */
export function ownedBy(child: KubeObject, owner: KubeObject): boolean {
  const refs = child.metadata.ownerReferences;
  if (!refs?.length) return true;
  return refs.some((r) =>
    owner.metadata.uid && r.uid ? r.uid === owner.metadata.uid : r.kind === owner.kind && r.name === owner.metadata.name,
  );
}

function revisionOf(rs: KubeObject): number {
  const v = Number(rs.metadata.annotations?.[REVISION_ANNOTATION]);
  return Number.isFinite(v) ? v : -1;
}

/**
 * The ReplicaSet of a Deployment's current template: the highest revision annotation, which the
 * deployment controller moves to whichever ReplicaSet matches the template (also on a rollback,
 * when an old ReplicaSet is reused). Creation time breaks ties for ReplicaSets not yet annotated.
 */
export function newestReplicaSet(deployment: KubeObject, replicaSets: readonly KubeObject[]): KubeObject | undefined {
  const best = highestRevision(deployment, replicaSets);
  // With Recreate the controller creates the new ReplicaSet only once the old pods are gone: until
  // then the highest revision is the OLD template's, and its (perhaps crash-looping) pods must not
  // be judged as the new ones.
  return best && templateMatches(deployment, best) ? best : undefined;
}

/** Key-order-independent JSON, so two equal templates compare equal whatever the field order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Whether a ReplicaSet runs the Deployment's current pod template (the controller's own test, less
 * the pod-template-hash label it adds). Objects without templates (partial fixtures) match.
 */
function templateMatches(deployment: KubeObject, rs: KubeObject): boolean {
  const want = (deployment.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template;
  const have = (rs.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template;
  if (!want || !have) return true;
  const labels = { ...have.metadata?.labels };
  delete labels[TEMPLATE_HASH];
  const stripped = { ...have, metadata: { ...have.metadata, labels } };
  return canonical(stripped) === canonical(want);
}

function highestRevision(deployment: KubeObject, replicaSets: readonly KubeObject[]): KubeObject | undefined {
  const owned = replicaSets.filter((rs) => rs.kind === 'ReplicaSet' && (rs.metadata.ownerReferences?.length ? ownedBy(rs, deployment) : false));
  let best: KubeObject | undefined;
  for (const rs of owned) {
    if (!best) { best = rs; continue; }
    const dr = revisionOf(rs) - revisionOf(best);
    const newer = dr > 0 || (dr === 0 && (rs.metadata.creationTimestamp ?? '') > (best.metadata.creationTimestamp ?? ''));
    if (newer) best = rs;
  }
  return best;
}

/** Pods of one ReplicaSet: by controller reference, or by its pod-template-hash label. */
export function podsOfReplicaSet(rs: KubeObject, pods: readonly KubeObject[]): KubeObject[] {
  const hash = rs.metadata.labels?.[TEMPLATE_HASH];
  return pods.filter((p) => {
    if (p.metadata.ownerReferences?.length) return ownedBy(p, rs);
    return hash !== undefined && p.metadata.labels?.[TEMPLATE_HASH] === hash;
  });
}

/** The pods of a Deployment's newest ReplicaSet; all given pods when the ReplicaSets are unknown. */
export function podsOfNewestReplicaSet(deployment: KubeObject, replicaSets: readonly KubeObject[] | undefined, pods: readonly KubeObject[]): KubeObject[] {
  if (!replicaSets) return [...pods];
  const rs = newestReplicaSet(deployment, replicaSets);
  return rs ? podsOfReplicaSet(rs, pods) : [];
}

/**
 * The pods of the revision a workload is rolling out to, chosen from `pods` (a superset is fine).
 * Returns the given pods unchanged for kinds without pods of their own.
 */
export function currentRevisionPods(obj: KubeObject, pods: readonly KubeObject[], replicaSets?: readonly KubeObject[]): KubeObject[] {
  switch (obj.kind) {
    case 'Deployment':
      return podsOfNewestReplicaSet(obj, replicaSets, pods);
    case 'StatefulSet': {
      const rev = str(obj, 'status.updateRevision');
      return pods.filter((p) => ownedBy(p, obj) && (!rev || p.metadata.labels?.[STS_REVISION] === rev));
    }
    case 'DaemonSet': {
      // apps/v1 DaemonSets stamp the template generation on their pods; there is no updateRevision.
      const gen = obj.metadata.generation;
      return pods.filter((p) => {
        const podGen = p.metadata.labels?.[DS_TEMPLATE_GENERATION];
        return ownedBy(p, obj) && (podGen === undefined || gen === undefined || Number(podGen) === gen);
      });
    }
    case 'ReplicaSet':
      return podsOfReplicaSet(obj, pods);
    case 'Job':
      return pods.filter((p) => ownedBy(p, obj));
    default:
      return [...pods];
  }
}

/** The desired replica count, with the controllers' default of 1 when unset. */
export function desiredReplicas(obj: KubeObject): number {
  return num(obj, 'spec.replicas', 1);
}
