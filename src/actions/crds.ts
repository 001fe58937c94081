// The chart's crds/ directory: created when missing, on install only, and waited for until the API
// server serves them (Established), so the release's custom resources can be applied right after.
import { HullError } from '../errors.ts';
import type { KubeClient, KubeObject } from '../kube/types.ts';
import type { Manifest } from '../manifest/types.ts';
import { waitForResources } from '../wait/waiter.ts';

export async function installCrds(kube: KubeClient, crds: Manifest[], timeoutMs: number): Promise<void> {
  const created: KubeObject[] = [];
  for (const m of crds) {
    const ref = { apiVersion: m.object.apiVersion, kind: m.object.kind, name: m.object.metadata.name };
    if (await kube.get(ref)) continue;
    created.push(await kube.create(m.object as KubeObject));
  }
  if (created.length === 0) return;
  const res = await waitForResources(kube, created.map((c) => ({ apiVersion: c.apiVersion, kind: c.kind, name: c.metadata.name })), { timeoutMs });
  if (!res.ok) throw new HullError('WAIT_FAILED', `install CRDs: ${res.reason === 'failed' || res.reason === 'timeout' ? res.failures.map((f) => f.diagnosis).join('; ') : res.reason}`);
}
