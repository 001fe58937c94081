// An object's reference (what to GET, DELETE or watch it by). Pure: no client-node import.
import type { KubeObject, ObjectRef } from './types.ts';

/** namespace is left out for cluster-scoped objects, so the result also serves as a plan ResourceId. */
export function refOf(obj: KubeObject): ObjectRef {
  const { apiVersion, kind, metadata } = obj;
  return { apiVersion, kind, name: metadata.name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) };
}

/** "Deployment/web": how hull names an object (or a reference to one) in every message and table. */
export function kindName(r: ObjectRef | KubeObject): string {
  return `${r.kind}/${'metadata' in r ? r.metadata.name : r.name}`;
}
