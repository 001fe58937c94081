// executePlan(): carries out a plan's steps against the cluster. Every failure is wrapped with the
// step that failed; hook runs are reported as they finish so the caller can record them even when
// a later step fails.
import { HullError, wrap } from '../errors.ts';
import { runHooks, type HookRun } from '../hooks/run.ts';
import type { KubeClient, KubeObject } from '../kube/types.ts';
import type { HookManifest } from '../manifest/types.ts';
import { describeId, resourceKey } from '../plan/plan.ts';
import type { Step } from '../plan/types.ts';
import { waitForResources } from '../wait/waiter.ts';
import type { Logger } from '../config.ts';
import { applyAll, deleteAll } from './resources.ts';

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
        try {
          await applyAll(ctx.kube, objs);
        } catch (e) {
          throw wrap('apply resources', e);
        }
        break;
      }
      case 'delete':
        try {
          await deleteAll(ctx.kube, step.resources);
        } catch (e) {
          throw wrap('delete removed resources', e);
        }
        for (const k of step.kept) ctx.log.info(`keeping ${describeId(k)} (helm.sh/resource-policy: keep)`);
        break;
      case 'wait': {
        const res = await waitForResources(ctx.kube, step.resources, { timeoutMs: ctx.timeoutMs, signal: ctx.signal, reporter: ctx.reporter, askLoadBalancer: ctx.waitForLoadBalancers });
        if (!res.ok) {
          if (res.reason === 'aborted') throw abortError(ctx.signal, 'interrupted while waiting for resources');
          // Each diagnosis names the resource, what is missing and for how long; the evidence the
          // cluster has for it (probe failures, a crashed run's last lines) follows on lines below.
          throw new HullError('WAIT_FAILED', res.failures.map((f) => f.diagnosis).join('; ') + res.failures.map((f) => f.evidence ?? '').join(''));
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
