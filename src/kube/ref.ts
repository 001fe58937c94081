// An object's reference (what to GET, DELETE or watch it by). Pure: no client-node import.
import type { KubeObject, ObjectRef } from './types.ts';

/** namespace is left out for cluster-scoped objects, so the result also serves as a plan ResourceId. */
export function refOf(obj: KubeObject): ObjectRef {
  const { apiVersion, kind, metadata } = obj;
  return { apiVersion, kind, name: metadata.name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) };
}
