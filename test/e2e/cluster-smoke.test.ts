// Proves the test cluster is real: controllers roll out, KWOK moves pods through their lifecycle,
// the test labels make pods misbehave, and the API server validates what it is given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespace, deleteNamespace, eventually, kubectl, kubectlJson } from '../helpers/cluster.ts';

let ns: string;
beforeAll(async () => {
  ns = await createNamespace('smoke');
});
afterAll(async () => deleteNamespace(ns));

const deployment = (image: string) => JSON.stringify({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: ns },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
  },
});

const job = (name: string, labels: Record<string, string>) => JSON.stringify({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: ns },
  spec: {
    backoffLimit: 0,
    template: { metadata: { labels }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } },
  },
});

describe('the local cluster', () => {
  it('rolls a Deployment out to 2 ready pods and rolls a new image through a second ReplicaSet', async () => {
    await kubectl(['apply', '-f', '-'], deployment('kiamol/ch09-vweb:v1'));
    await eventually('2 ready replicas', async () => (await kubectlJson(['get', 'deploy', 'web', '-n', ns])).status?.readyReplicas === 2);
    const rs1 = await kubectlJson(['get', 'rs', '-n', ns, '-l', 'app=web']);
    expect(rs1.items).toHaveLength(1);
    const pods = await kubectlJson(['get', 'pods', '-n', ns, '-l', 'app=web']);
    expect(pods.items.filter((p: any) => p.status.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'))).toHaveLength(2);

    await kubectl(['apply', '-f', '-'], deployment('kiamol/ch09-vweb:v2'));
    const rs = await eventually('old ReplicaSet scaled to 0', async () => {
      const list = await kubectlJson(['get', 'rs', '-n', ns, '-l', 'app=web']);
      const d = await kubectlJson(['get', 'deploy', 'web', '-n', ns]);
      const old = list.items.find((r: any) => r.spec.template.spec.containers[0].image === 'kiamol/ch09-vweb:v1');
      const done = list.items.length === 2 && d.status.updatedReplicas === 2 && d.status.readyReplicas === 2 && d.status.replicas === 2 && old?.spec.replicas === 0;
      return done ? list.items : undefined;
    });
    const byImage = Object.fromEntries(rs.map((r: any) => [r.spec.template.spec.containers[0].image, r.spec.replicas]));
    expect(byImage).toEqual({ 'kiamol/ch09-vweb:v1': 0, 'kiamol/ch09-vweb:v2': 2 });
  });

  it('completes a Job, and fails a Job whose pod exits 1', async () => {
    await kubectl(['apply', '-f', '-'], job('ok', {}));
    await kubectl(['apply', '-f', '-'], job('bad', { 'hull.test/exit-code': '1' }));
    const cond = async (name: string) => {
      const j = await kubectlJson(['get', 'job', name, '-n', ns]);
      return (j.status?.conditions ?? []).find((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    };
    expect((await eventually('job ok done', () => cond('ok'))).type).toBe('Complete');
    const failed = await eventually('job bad done', () => cond('bad'));
    expect(failed.type).toBe('Failed');
    expect(failed.reason).toBe('BackoffLimitExceeded');
  });

  it('keeps a never-ready pod unready, and shows CrashLoopBackOff and ErrImagePull', async () => {
    const pod = (name: string, label: string) => JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ns, labels: { [label]: 'true' } },
      spec: { containers: [{ name: 'main', image: 'busybox' }] },
    });
    await kubectl(['apply', '-f', '-'], pod('never', 'hull.test/never-ready'));
    await kubectl(['apply', '-f', '-'], pod('crash', 'hull.test/crashloop'));
    await kubectl(['apply', '-f', '-'], pod('pull', 'hull.test/image-pull-error'));
    const never = await eventually('never-ready pod running', async () => {
      const p = await kubectlJson(['get', 'pod', 'never', '-n', ns]);
      return p.status.phase === 'Running' ? p : undefined;
    });
    expect(never.status.conditions.find((c: any) => c.type === 'Ready').status).toBe('False');
    const waiting = async (name: string) => (await kubectlJson(['get', 'pod', name, '-n', ns])).status.containerStatuses?.[0]?.state?.waiting?.reason;
    expect(await eventually('crashloop', () => waiting('crash'))).toBe('CrashLoopBackOff');
    expect(await eventually('image pull error', () => waiting('pull'))).toBe('ErrImagePull');
    // Still unready a while later: nothing turns these pods green behind our back.
    await new Promise((r) => setTimeout(r, 2000));
    const again = await kubectlJson(['get', 'pod', 'never', '-n', ns]);
    expect(again.status.conditions.find((c: any) => c.type === 'Ready').status).toBe('False');
  });

  it('binds a PersistentVolumeClaim through the default StorageClass', async () => {
    await kubectl(['apply', '-f', '-'], JSON.stringify({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: ns },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    }));
    await eventually('pvc bound', async () => (await kubectlJson(['get', 'pvc', 'data', '-n', ns])).status?.phase === 'Bound');
  });

  it('rejects an invalid object at the API server', async () => {
    const bad = JSON.parse(deployment('x'));
    bad.metadata.name = 'mismatch';
    bad.spec.selector.matchLabels = { app: 'other' };
    await expect(kubectl(['apply', '-f', '-'], JSON.stringify(bad))).rejects.toThrow(/selector.*does not match template labels|Invalid value/);
  });
});
