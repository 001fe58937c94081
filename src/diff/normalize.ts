// What of a live object a diff compares: the object as its owner wrote it, without the bookkeeping
// the API server adds on every write (as kubectl diff and helm-diff strip it). Pure.
import type { KubeObject } from '../kube/types.ts';

/** metadata fields the server maintains: they change on every write and say nothing about intent. */
const SERVER_METADATA = ['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp', 'selfLink'] as const;

/**
 * A copy without status and the server's metadata bookkeeping. Every other field stays: fields the
 * chart does not manage are the same before and after a server-side apply, so they never show up
 * as changes, while defaults and admission mutations count on both sides.
 */
export function normalize(obj: KubeObject): KubeObject {
  const { status: _status, ...rest } = structuredClone(obj) as KubeObject & { status?: unknown };
  const metadata = { ...rest.metadata };
  for (const k of SERVER_METADATA) delete metadata[k];
  if (metadata.annotations && Object.keys(metadata.annotations).length === 0) delete metadata.annotations;
  return { ...rest, metadata };
}
