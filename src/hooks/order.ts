// When a hook's object is deleted, per its helm.sh/hook-delete-policy. Ordering lives with the
// annotation parsing in src/manifest/hooks.ts (sortHooks): weight, then resource name, then template
// path. Helm's docs say weight, kind, name; its code (pkg/action/hooks.go) sorts by weight, then
// name: we follow the code, which is what users' charts were tested against.
import type { HookDeletePolicy } from '../manifest/types.ts';

/** The moments a delete policy is consulted: before (re)creating a hook, and after it ran. */
export type HookOutcome = 'before-creation' | 'succeeded' | 'failed';

const POLICY_FOR: Record<HookOutcome, HookDeletePolicy> = {
  'before-creation': 'before-hook-creation',
  succeeded: 'hook-succeeded',
  failed: 'hook-failed',
};

/** An empty or missing list means before-hook-creation, Helm's default. */
export function shouldDelete(policies: readonly HookDeletePolicy[] | undefined, outcome: HookOutcome): boolean {
  const effective = policies && policies.length > 0 ? policies : ['before-hook-creation'];
  return effective.includes(POLICY_FOR[outcome]);
}
