// Defensive accessors for unstructured API objects. The API omits zero values (a Deployment with
// no ready pods has no `readyReplicas` at all), so every read needs a default; keeping the
// defaults here keeps the rules readable.

import type { KubeObject } from '../kube/types.ts';
import type { Assessment, Condition } from './types.ts';

export type Fields = Record<string, unknown>;

function isRecord(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Follows a dotted path through nested records; undefined as soon as a step is missing. */
export function field(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

export function num(obj: unknown, path: string, fallback: number): number {
  const v = field(obj, path);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return fallback;
}

export function optNum(obj: unknown, path: string): number | undefined {
  const v = field(obj, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function str(obj: unknown, path: string): string | undefined {
  const v = field(obj, path);
  return typeof v === 'string' ? v : undefined;
}

export function list(obj: unknown, path: string): Fields[] {
  const v = field(obj, path);
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

export function conditions(obj: KubeObject): Condition[] {
  return list(obj, 'status.conditions').filter((c): c is Fields & Condition => typeof c.type === 'string' && typeof c.status === 'string');
}

export function condition(obj: KubeObject, type: string): Condition | undefined {
  return conditions(obj).find((c) => c.type === type);
}

/** Milliseconds since the epoch, or undefined for a missing or unparsable timestamp. */
export function time(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Status fields describe the generation the controller last looked at. Until it has looked at the
 * one we applied, every count below belongs to the previous spec, and reading them is how a tool
 * declares a rollout finished before it started. `required` is for kinds whose controller always
 * writes observedGeneration: its absence then means "not looked at yet", not "not supported".
 */
export function generationLag(obj: KubeObject, required: boolean): Assessment | undefined {
  const generation = obj.metadata.generation;
  const observed = optNum(obj, 'status.observedGeneration');
  if (observed === undefined) {
    if (!required || generation === undefined) return undefined;
    return { state: 'progressing', reason: 'NotObserved', message: `waiting for the controller to observe generation ${generation}` };
  }
  if (generation !== undefined && observed < generation) {
    return {
      state: 'progressing',
      reason: 'NotObserved',
      message: `waiting for the controller to observe generation ${generation} (observed ${observed})`,
    };
  }
  return undefined;
}
