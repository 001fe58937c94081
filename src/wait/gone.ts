// Waiting for one object to disappear. A delete request only starts the deletion (finalizers,
// graceful termination); creating a same-named object before the old one is gone fails with
// AlreadyExists, or worse, an apply lands on the dying object. So replacement waits for the
// DELETED event, watching only that name.

import { HullError } from '../errors.ts';
import type { KubeClient, ObjectRef } from '../kube/types.ts';
import { kindName } from '../kube/ref.ts';
import { formatDuration } from '../duration.ts';

/** Resolves once `ref` no longer exists; throws WAIT_FAILED after timeoutMs, INTERRUPTED on abort. */
export async function waitGone(kube: KubeClient, ref: ObjectRef, opts: { timeoutMs: number; signal?: AbortSignal }): Promise<void> {
  const fieldSelector = `metadata.name=${ref.name}`;
  const deadline = Date.now() + opts.timeoutMs;
  // Each round: list (the truth, also after a watch gap), then watch from there until DELETED or
  // the watch ends; a watch ending early simply means another round.
  for (;;) {
    const { items, resourceVersion } = await kube.list(ref.apiVersion, ref.kind, ref.namespace, { fieldSelector });
    if (items.length === 0) return;
    const left = deadline - Date.now();
    if (left <= 0) throw new HullError('WAIT_FAILED', `${kindName(ref)} still exists after ${formatDuration(opts.timeoutMs)} (being deleted)`);
    // A lost lock's RELEASE_LOCKED reason is kept (see hooks/run.ts); Ctrl-C is INTERRUPTED.
    if (opts.signal?.aborted) throw opts.signal.reason instanceof HullError ? opts.signal.reason : new HullError('INTERRUPTED', `interrupted while waiting for ${kindName(ref)} to be deleted`);
    const round = Date.now();
    const outcome = await new Promise<'gone' | 'again'>((resolve) => {
      let stop: (() => void) | undefined;
      let settled = false;
      const settle = (v: 'gone' | 'again') => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        stop?.();
        resolve(v);
      };
      const onAbort = () => settle('again');
      const timer = setTimeout(() => settle('again'), left);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      kube
        .watch(ref.apiVersion, ref.kind, ref.namespace, { fieldSelector, resourceVersion }, (e) => {
          if (e.type === 'DELETED' && e.object.metadata?.name === ref.name) settle('gone');
        }, () => settle('again'))
        .then((s) => (settled ? s() : (stop = s)), () => settle('again'));
    });
    if (outcome === 'gone') return;
    // A watch the server refuses at once must not turn this into a busy loop of lists.
    if (Date.now() - round < 200) await new Promise((r) => setTimeout(r, 200));
  }
}
