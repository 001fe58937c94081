// buildPlan(): the steps of an operation, from the old and new manifests. Pure: no kube import.
import type { HookEvent, HookManifest, Manifest } from '../manifest/types.ts';
import { installOrder, uninstallOrder } from '../manifest/order.ts';
import { sortHooks } from '../manifest/hooks.ts';
import type { Operation, ResourceId, Step } from './types.ts';

export const KEEP_POLICY_ANNOTATION = 'helm.sh/resource-policy';

export function idOf(m: Manifest, namespace: string | undefined): ResourceId {
  const ns = m.object.metadata.namespace ?? namespace;
  return { apiVersion: m.object.apiVersion, kind: m.object.kind, name: m.object.metadata.name, ...(ns ? { namespace: ns } : {}) };
}

/**
 * Identity of a resource across versions of a chart: the API group (not the version, so moving a
 * Deployment from extensions/v1beta1 to apps/v1 is an update, not a delete + create), kind,
 * namespace and name.
 */
export function resourceKey(r: ResourceId): string {
  const group = r.apiVersion.includes('/') ? r.apiVersion.split('/')[0] : '';
  return `${group}/${r.kind}/${r.namespace ?? ''}/${r.name}`;
}


function isKept(m: Manifest): boolean {
  return m.object.metadata.annotations?.[KEEP_POLICY_ANNOTATION] === 'keep';
}

const PRE: Record<Operation, HookEvent> = { install: 'pre-install', upgrade: 'pre-upgrade', rollback: 'pre-rollback', uninstall: 'pre-delete' };
const POST: Record<Operation, HookEvent> = { install: 'post-install', upgrade: 'post-upgrade', rollback: 'post-rollback', uninstall: 'post-delete' };

export interface PlanInput {
  operation: Operation;
  namespace: string;
  /** Resources of the revision being replaced (empty for a first install). */
  previous: Manifest[];
  /** Resources of the revision being made (empty for uninstall). */
  next: Manifest[];
  hooks: HookManifest[];
  wait: boolean;
  noHooks?: boolean;
}

export function buildPlan(p: PlanInput): Step[] {
  const steps: Step[] = [];
  const hookStep = (event: HookEvent) => {
    if (p.noHooks) return;
    const hooks = sortHooks(p.hooks.filter((h) => h.events.includes(event)));
    if (hooks.length > 0) steps.push({ kind: 'hooks', event, hooks: hooks.map((h) => ({ resource: idOf(h, p.namespace), weight: h.weight, deletePolicies: h.deletePolicies })) });
  };
  hookStep(PRE[p.operation]);
  const next = installOrder(p.next);
  const nextKeys = new Set(next.map((m) => resourceKey(idOf(m, p.namespace))));
  if (next.length > 0) steps.push({ kind: 'apply', resources: next.map((m) => idOf(m, p.namespace)) });
  // Removed resources go after the new ones are applied, so a renamed Service never leaves a gap.
  const removed = uninstallOrder(p.previous).filter((m) => !nextKeys.has(resourceKey(idOf(m, p.namespace))));
  if (removed.length > 0) {
    steps.push({
      kind: 'delete',
      resources: removed.filter((m) => !isKept(m)).map((m) => idOf(m, p.namespace)),
      kept: removed.filter(isKept).map((m) => idOf(m, p.namespace)),
    });
  }
  if (p.wait && next.length > 0) steps.push({ kind: 'wait', resources: next.map((m) => idOf(m, p.namespace)) });
  hookStep(POST[p.operation]);
  return steps;
}
