// A plan is plain data: what an operation will do, in order. `--dry-run` prints it, tests read it,
// and executePlan() carries it out.
import type { ObjectRef } from '../kube/types.ts';
import type { HookDeletePolicy, HookEvent } from '../manifest/types.ts';

/** An object a step acts on: the one reference type (namespace undefined for cluster-scoped kinds). */
export type ResourceId = ObjectRef;

export type Step =
  | { kind: 'hooks'; event: HookEvent; hooks: HookStep[] }
  | { kind: 'apply'; resources: ResourceId[] }
  | { kind: 'delete'; resources: ResourceId[]; kept: ResourceId[] }
  | { kind: 'wait'; resources: ResourceId[] };

/** One hook of a hooks step, in the order it runs (weight, then name). */
export interface HookStep {
  resource: ResourceId;
  weight: number;
  deletePolicies: HookDeletePolicy[];
}

export type Operation = 'install' | 'upgrade' | 'rollback' | 'uninstall';
