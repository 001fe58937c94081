// A plan is plain data: what an operation will do, in order. `--dry-run` prints it, tests read it,
// and executePlan() carries it out.
import type { HookEvent } from '../manifest/types.ts';

export interface ResourceId {
  apiVersion: string;
  kind: string;
  name: string;
  /** Undefined for cluster-scoped kinds. */
  namespace?: string;
}

export type Step =
  | { kind: 'hooks'; event: HookEvent; hooks: string[] }
  | { kind: 'apply'; resources: ResourceId[] }
  | { kind: 'delete'; resources: ResourceId[]; kept: ResourceId[] }
  | { kind: 'wait'; resources: ResourceId[] };

export type Operation = 'install' | 'upgrade' | 'rollback' | 'uninstall';
