// A plan is plain data: what an operation will do, in order. `--dry-run` prints it, tests read it,
// and executePlan() carries it out.
import type { ObjectRef } from '../kube/types.ts';
import type { HookEvent } from '../manifest/types.ts';

/** An object a step acts on: the one reference type (namespace undefined for cluster-scoped kinds). */
export type ResourceId = ObjectRef;

export type Step =
  | { kind: 'hooks'; event: HookEvent; hooks: string[] }
  | { kind: 'apply'; resources: ResourceId[] }
  | { kind: 'delete'; resources: ResourceId[]; kept: ResourceId[] }
  | { kind: 'wait'; resources: ResourceId[] };

export type Operation = 'install' | 'upgrade' | 'rollback' | 'uninstall';
