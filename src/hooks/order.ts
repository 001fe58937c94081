// Which hooks run for an event, in which order, and when a hook's object is deleted. Pure, so the
// plan can list hooks before anything runs (--dry-run) and tests need no cluster.

// TODO: import HookEvent and HookDeletePolicy from '../manifest/types.ts' once it exists; these
// mirror the annotation values Helm documents, so the two must stay identical.
export type HookEvent =
  | 'pre-install'
  | 'post-install'
  | 'pre-upgrade'
  | 'post-upgrade'
  | 'pre-rollback'
  | 'post-rollback'
  | 'pre-delete'
  | 'post-delete'
  | 'test';

export type HookDeletePolicy = 'before-hook-creation' | 'hook-succeeded' | 'hook-failed';

/** The moments a delete policy is consulted: before (re)creating a hook, and after it ran. */
export type HookOutcome = 'before-creation' | 'succeeded' | 'failed';

/** The fields ordering needs; HookManifest from src/manifest has them all. */
export interface OrderableHook {
  name: string;
  weight: number;
  events: readonly HookEvent[];
}

/**
 * Helm has two answers for ties: its docs say weight, then kind, then name; its code (v3 and v4,
 * pkg/action/hooks.go) stable-sorts by weight, then name, and ignores kind. We follow the code,
 * since that is what users' charts were tested against: weight ascending, then name ascending
 * (by UTF-16 code unit, like Go's byte-wise string order for ASCII names), then the input order
 * for hooks that share both — callers pass hooks in kind install order, as Helm's manifest
 * sorter hands them over, so a ConfigMap and a Job with the same name and weight keep that order.
 */
export function compareHooks(a: OrderableHook, b: OrderableHook): number {
  if (a.weight !== b.weight) return a.weight - b.weight;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A sorted copy; Array.prototype.sort is stable, which is what keeps equal hooks in input order. */
export function sortHooks<T extends OrderableHook>(hooks: readonly T[]): T[] {
  return [...hooks].sort(compareHooks);
}

/** The hooks declared for `event`, in the order they run. */
export function hooksFor<T extends OrderableHook>(event: HookEvent, hooks: readonly T[]): T[] {
  return sortHooks(hooks.filter((h) => h.events.includes(event)));
}

const POLICY_FOR: Record<HookOutcome, HookDeletePolicy> = {
  'before-creation': 'before-hook-creation',
  succeeded: 'hook-succeeded',
  failed: 'hook-failed',
};

/**
 * Whether a hook's object should be deleted at `outcome`. No policy at all means
 * before-hook-creation (Helm's default), so a re-run replaces the previous object while the last
 * run stays around for its logs.
 */
export function shouldDelete(policies: readonly HookDeletePolicy[] | undefined, outcome: HookOutcome): boolean {
  const effective = policies && policies.length > 0 ? policies : (['before-hook-creation'] as const);
  return effective.includes(POLICY_FOR[outcome]);
}
