// Hook annotations: helm.sh/hook (comma list of events), helm.sh/hook-weight (an integer in a
// string) and helm.sh/hook-delete-policy. Unlike Helm, which silently treats a bad weight as 0,
// anything we cannot interpret is an error naming the template: a mistyped hook must not vanish.
import { HullError } from '../errors.ts';
import { kindName } from '../kube/ref.ts';
import type { HookDeletePolicy, HookEvent, HookManifest, Manifest } from './types.ts';

export const HOOK_ANNOTATION = 'helm.sh/hook';
export const WEIGHT_ANNOTATION = 'helm.sh/hook-weight';
export const DELETE_POLICY_ANNOTATION = 'helm.sh/hook-delete-policy';

const EVENTS: readonly HookEvent[] = ['pre-install', 'post-install', 'pre-delete', 'post-delete', 'pre-upgrade', 'post-upgrade', 'pre-rollback', 'post-rollback', 'test'];
const POLICIES: readonly HookDeletePolicy[] = ['before-hook-creation', 'hook-succeeded', 'hook-failed'];
/** Helm 2 spelling still found in charts. */
const EVENT_ALIASES: Record<string, HookEvent> = { 'test-success': 'test' };

const list = (s: string) => s.split(',').map((x) => x.trim()).filter((x) => x !== '');

/** Returns the hook for a manifest carrying helm.sh/hook, undefined for a plain resource. */
export function parseHook(m: Manifest): HookManifest | undefined {
  const ann = m.object.metadata.annotations ?? {};
  const raw = ann[HOOK_ANNOTATION];
  if (raw === undefined) return undefined;
  const what = `${m.name}: ${kindName(m.object)}`;
  const events: HookEvent[] = [];
  for (const e of list(String(raw))) {
    const ev = EVENT_ALIASES[e] ?? (EVENTS.includes(e as HookEvent) ? (e as HookEvent) : undefined);
    if (!ev) throw new HullError('MANIFEST_INVALID', `${what}: unknown hook event "${e}" in ${HOOK_ANNOTATION} (known: ${EVENTS.join(', ')})`);
    if (!events.includes(ev)) events.push(ev);
  }
  if (events.length === 0) throw new HullError('MANIFEST_INVALID', `${what}: ${HOOK_ANNOTATION} names no event`);

  let weight = 0;
  const w = ann[WEIGHT_ANNOTATION];
  if (w !== undefined) {
    const s = String(w).trim();
    if (!/^[-+]?\d+$/.test(s) || !Number.isSafeInteger(Number(s))) throw new HullError('MANIFEST_INVALID', `${what}: ${WEIGHT_ANNOTATION} "${w}" is not an integer`);
    weight = Number(s);
  }

  const deletePolicies: HookDeletePolicy[] = [];
  for (const p of list(String(ann[DELETE_POLICY_ANNOTATION] ?? ''))) {
    if (!POLICIES.includes(p as HookDeletePolicy)) throw new HullError('MANIFEST_INVALID', `${what}: unknown ${DELETE_POLICY_ANNOTATION} "${p}" (known: ${POLICIES.join(', ')})`);
    if (!deletePolicies.includes(p as HookDeletePolicy)) deletePolicies.push(p as HookDeletePolicy);
  }
  if (deletePolicies.length === 0) deletePolicies.push('before-hook-creation');
  return { ...m, events, weight, deletePolicies };
}

/** Weight, then resource name, then template path: stable and independent of file order. */
export function sortHooks(hooks: HookManifest[]): HookManifest[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...hooks].sort((a, b) => a.weight - b.weight || cmp(a.object.metadata.name, b.object.metadata.name) || cmp(a.name, b.name));
}
