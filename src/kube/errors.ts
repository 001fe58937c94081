// A typed API error so callers can branch on status (404, 409, 422) without importing client-node.
import { kindName } from './ref.ts';
import { HullError } from '../errors.ts';
import type { ObjectRef } from './types.ts';

export class KubeApiError extends HullError {
  readonly status: number;
  readonly reason: string;
  readonly ref?: ObjectRef;

  constructor(status: number, reason: string, message: string, ref?: ObjectRef, cause?: unknown) {
    super(status === 0 ? 'KUBE_UNREACHABLE' : 'KUBE_API', message, { cause });
    this.status = status;
    this.reason = reason;
    this.ref = ref;
  }
}

export const isNotFound = (e: unknown) => e instanceof KubeApiError && e.status === 404;
export const isConflict = (e: unknown) => e instanceof KubeApiError && e.status === 409;
export const isAlreadyExists = (e: unknown) => e instanceof KubeApiError && e.status === 409 && e.reason === 'AlreadyExists';

export function describeRef(ref: ObjectRef): string {
  return `${kindName(ref)}${ref.namespace ? ` (namespace ${ref.namespace})` : ''}`;
}
