// What a failed hook leaves for a person to read. Helm stops at "job failed: BackoffLimitExceeded"
// (helm/helm#3370, #10809); the cause is in the Job's conditions, its pods' container states, the
// events and the logs, which users otherwise collect by hand with four kubectl commands.

import type { KubeClient, KubeObject } from '../kube/types.ts';
import type { HookManifest } from '../manifest/types.ts';
import { conditions, list, str } from '../wait/fields.ts';
import { describePod } from '../wait/pod.ts';

export interface PodLogs {
  pod: string;
  container: string;
  /** undefined: the cluster does not serve this container's logs (never started, simulated node). */
  text: string | undefined;
}

const LOG_LINES = 20;

const isHookManifest = (h: HookManifest | KubeObject): h is HookManifest => 'object' in h && 'events' in h;

/** The pods that ran a hook: the Pod itself, or the Job's pods (this Job's, not a predecessor's). */
export async function hookPods(kube: KubeClient, live: KubeObject): Promise<KubeObject[]> {
  const ns = live.metadata.namespace;
  if (live.kind === 'Pod') return [live];
  if (live.kind !== 'Job') return [];
  const { items } = await kube.list('v1', 'Pod', ns, { labelSelector: `job-name=${live.metadata.name}` });
  const uid = live.metadata.uid;
  // A replaced Job's pods may still be terminating under the same job-name label.
  const own = items.filter((p) => {
    const refs = p.metadata.ownerReferences;
    return !uid || !refs?.length || refs.some((r) => r.uid === uid);
  });
  return own.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name));
}

function containerNames(pod: KubeObject): string[] {
  const names = (path: string) => list(pod, path).map((c) => String(c.name));
  return [...names('spec.initContainers'), ...names('spec.containers')];
}

/**
 * The logs of a hook's pods, Job or Pod alike (`hull test --logs`; Helm shows Pod tests' logs
 * only, helm/helm#11236). Empty when the hook's object no longer exists.
 */
export async function hookLogs(kube: KubeClient, namespace: string, hook: HookManifest | KubeObject): Promise<PodLogs[]> {
  const obj = isHookManifest(hook) ? hook.object : hook;
  const live = await kube.get({ apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace ?? namespace });
  if (!live) return [];
  const out: PodLogs[] = [];
  for (const pod of await hookPods(kube, live)) {
    for (const container of containerNames(pod)) {
      out.push({ pod: pod.metadata.name, container, text: await kube.logs(pod.metadata.namespace ?? namespace, pod.metadata.name, container) });
    }
  }
  return out;
}

const indent = (text: string, by: string) => text.split('\n').map((l) => by + l).join('\n');

async function eventLines(kube: KubeClient, ns: string | undefined, objs: readonly KubeObject[]): Promise<string[]> {
  const lines: Array<{ at: string; line: string }> = [];
  for (const o of objs) {
    const uid = o.metadata.uid;
    const { items } = await kube.list('v1', 'Event', ns, { fieldSelector: `involvedObject.name=${o.metadata.name}` });
    for (const e of items) {
      // Same name, different object: events of a previous run of this hook.
      const about = str(e, 'involvedObject.uid');
      if (uid && about && about !== uid) continue;
      const count = typeof e.count === 'number' && e.count > 1 ? ` (x${e.count})` : '';
      const at = str(e, 'lastTimestamp') ?? str(e, 'eventTime') ?? e.metadata.creationTimestamp ?? '';
      lines.push({ at, line: `${str(e, 'type') ?? 'Normal'} ${str(e, 'reason') ?? ''} ${o.kind}/${o.metadata.name}: ${str(e, 'message') ?? ''}${count}` });
    }
  }
  return lines.sort((a, b) => a.at.localeCompare(b.at)).map((l) => l.line);
}

function tail(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const cut = lines.length > LOG_LINES ? [`… (${lines.length - LOG_LINES} earlier lines)`, ...lines.slice(-LOG_LINES)] : lines;
  return cut.join('\n');
}

/**
 * The body of a hook failure, one fact per line, indented under the error's first line: the
 * object's conditions, each pod's state, the events, the logs (or why there are none).
 * Never throws: a diagnosis that fails must not hide the failure it explains.
 */
export async function diagnoseHook(kube: KubeClient, namespace: string, live: KubeObject | undefined): Promise<string> {
  if (!live) return '  the hook object no longer exists';
  const out: string[] = [];
  try {
    for (const c of conditions(live)) {
      if (c.status !== 'True') continue;
      out.push(`  condition ${c.type}: ${c.reason ?? ''}${c.message ? ` — ${c.message}` : ''}`);
    }
    const pods = await hookPods(kube, live);
    if (live.kind === 'Job' && pods.length === 0) out.push('  no pods (the Job created none, or they were deleted)');
    for (const p of pods) out.push(`  pod ${p.metadata.name}: ${str(p, 'status.phase') ?? 'Pending'} — ${describePod(p)}`);
    const events = await eventLines(kube, live.metadata.namespace ?? namespace, [live, ...pods.filter((p) => p !== live)]);
    out.push(events.length ? `  events:\n${events.map((e) => `    ${e}`).join('\n')}` : '  events: none recorded');
    for (const p of pods) {
      for (const container of containerNames(p)) {
        const text = await kube.logs(p.metadata.namespace ?? namespace, p.metadata.name, container);
        if (text === undefined) out.push(`  logs of pod ${p.metadata.name}, container ${container}: logs not available (the cluster does not serve them)`);
        else if (text.trim() === '') out.push(`  logs of pod ${p.metadata.name}, container ${container}: (empty)`);
        else out.push(`  logs of pod ${p.metadata.name}, container ${container}:\n${indent(tail(text), '    ')}`);
      }
    }
  } catch (e) {
    out.push(`  (diagnosis incomplete: ${(e as Error).message})`);
  }
  return out.join('\n');
}
