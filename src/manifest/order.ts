// Helm's kind order: what must exist before what (namespaces and quotas first, config before the
// workloads that mount it, webhooks last). Unknown kinds (custom resources) install last.
import type { Manifest, RenderedChart, TextDocument } from './types.ts';

export const INSTALL_ORDER: readonly string[] = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy',
  'PodDisruptionBudget', 'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass',
  'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList',
  'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding', 'RoleBindingList',
  'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment',
  'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
];

const RANK = new Map(INSTALL_ORDER.map((k, i) => [k, i]));

function compareKinds(a: string, b: string): number {
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined) return -1;
  if (rb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Known kinds in Helm's order, unknown kinds after them by name; stable within a kind. */
export function installOrder<T extends Manifest>(manifests: readonly T[]): T[] {
  return [...manifests].sort((a, b) => compareKinds(a.object.kind, b.object.kind));
}

/**
 * The exact reverse of the install order: workloads go before the config they mount, and custom
 * resources go first, before the CRDs and namespaces they live in.
 */
export function uninstallOrder<T extends Manifest>(manifests: readonly T[]): T[] {
  return installOrder(manifests).reverse();
}

/**
 * The non-hook documents in the order Helm prints and stores them: comment-only documents have the
 * empty kind, which Helm sorts after the known kinds and before every other unknown one.
 */
export function manifestDocuments(r: Pick<RenderedChart, 'manifests' | 'comments'>): TextDocument[] {
  if (!r.comments?.length) return r.manifests;
  const firstUnknown = r.manifests.findIndex((m) => !RANK.has(m.object.kind));
  const at = firstUnknown === -1 ? r.manifests.length : firstUnknown;
  return [...r.manifests.slice(0, at), ...r.comments, ...r.manifests.slice(at)];
}

/** The release's stored manifest text, in Helm's format (what `helm get manifest` prints). */
export function joinManifests(manifests: readonly TextDocument[]): string {
  return manifests.map((m) => `---\n# Source: ${m.name}\n${m.content}\n`).join('');
}
