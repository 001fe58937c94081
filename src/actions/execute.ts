// executePlan(): carries out a plan's steps against the cluster. Every failure is wrapped with the
// step that failed; hook runs are reported as they finish so the caller can record them even when
// a later step fails.
import { HullError, wrap } from '../errors.ts';
import { runHooks, type HookRun } from '../hooks/run.ts';
import type { KubeClient, KubeObject } from '../kube/types.ts';
import type { HookManifest } from '../manifest/types.ts';
import { resourceKey } from '../plan/plan.ts';
import { kindName } from '../kube/ref.ts';
import type { Step } from '../plan/types.ts';
import { waitForResources } from '../wait/waiter.ts';
import type { Logger } from '../config.ts';
import { applyAll, deleteAll, objectId } from './resources.ts';

const code = (e: unknown) => (e instanceof HullError ? e.code : 'KUBE_API');

export interface ExecuteContext {
  kube: KubeClient;
  namespace: string;
  /** Decorated objects to apply, by resourceKey. */
  objects: Map<string, KubeObject>;
  hooks: HookManifest[];
  timeoutMs: number;
  signal?: AbortSignal;
  log: Logger;
  reporter?: Parameters<typeof waitForResources>[2]['reporter'];
  /** Services of type LoadBalancer count as ready only once they have an ingress address. */
  waitForLoadBalancers?: boolean;
  onHookRuns?: (runs: HookRun[]) => void;
  /** Filled in as resources are created, for --cleanup-on-fail. */
  created?: KubeObject[];
  /** Filled in as objects are applied ("ConfigMap/x"), so a failure can say what changed before it. */
  applied?: string[];
}

export async function executePlan(steps: Step[], ctx: ExecuteContext): Promise<void> {
  for (const step of steps) {
    if (ctx.signal?.aborted) throw abortError(ctx.signal, 'interrupted');
    switch (step.kind) {
      case 'hooks': {
        const hooks = ctx.hooks.filter((h) => h.events.includes(step.event));
        try {
          const runs = await runHooks(ctx.kube, ctx.namespace, step.event, hooks, { timeoutMs: ctx.timeoutMs, signal: ctx.signal, log: ctx.log, reporter: ctx.reporter });
          ctx.onHookRuns?.(runs);
        } catch (e) {
          const runs = (e as { runs?: HookRun[] }).runs;
          if (runs) ctx.onHookRuns?.(runs);
          throw wrap(`${step.event} hooks failed`, e, 'HOOK_FAILED');
        }
        break;
      }
      case 'apply': {
        const objs = step.resources.map((r) => ctx.objects.get(resourceKey(r))!);
        if (ctx.created) {
          const existing = await Promise.all(objs.map((o) => ctx.kube.get({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace })));
          objs.forEach((o, i) => existing[i] || ctx.created!.push(o));
        }
        const applied: string[] = [];
        try {
          await applyAll(ctx.kube, objs, { onApplied: (o) => applied.push(kindName(objectId(o))) });
        } catch (e) {
          ctx.applied?.push(...applied);
          // What this operation changed before the failure, so nobody is surprised by it.
          const before = ctx.applied?.length ? `; applied before this failure: ${ctx.applied.join(', ')}` : '';
          throw wrap('apply resources', new HullError(code(e), `${(e as Error).message}${before}`, { cause: e }));
        }
        ctx.applied?.push(...applied);
        break;
      }
      case 'delete':
        try {
          await deleteAll(ctx.kube, step.resources);
        } catch (e) {
          throw wrap('delete removed resources', e);
        }
        for (const k of step.kept) ctx.log.info(`keeping ${kindName(k)} (helm.sh/resource-policy: keep)`);
        break;
      case 'wait': {
        const res = await waitForResources(ctx.kube, step.resources, { timeoutMs: ctx.timeoutMs, signal: ctx.signal, reporter: ctx.reporter, askLoadBalancer: ctx.waitForLoadBalancers });
        if (!res.ok) {
          if (res.reason === 'aborted') throw abortError(ctx.signal, 'interrupted while waiting for resources');
          // Each diagnosis names the resource, what is missing and for how long; the evidence the
          // cluster has for it (probe failures, a crashed run's last lines) follows on lines below.
          const unreachable = res.unreachable ? `; the API server could not be reached for the last ${(res.unreachable.forMs / 1000).toFixed(0)}s (${res.unreachable.error}), so these are the last states seen` : '';
          throw new HullError('WAIT_FAILED', res.failures.map((f) => f.diagnosis).join('; ') + unreachable + res.failures.map((f) => f.evidence ?? '').join(''));
        }
        break;
      }
    }
  }
}

/** Why the operation was stopped: Ctrl-C, or the lock's own error when another operation took it. */
function abortError(signal: AbortSignal | undefined, message: string): HullError {
  return signal?.reason instanceof HullError ? signal.reason : new HullError('INTERRUPTED', message);
}
