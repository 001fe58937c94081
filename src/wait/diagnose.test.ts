import { describe, expect, it } from 'vitest';
import { at, deployment, pod, replicaSet, running, waiting } from './fixtures.ts';
import { currentRevisionPods, newestReplicaSet, podsOfNewestReplicaSet } from './revision.ts';
import { assess, describeNotReady } from './rules.ts';

// Lab A v2 mid-rollout: revision 1 (11.6) serving, revision 2 (11.8 running `sleep`) never ready.
const oldRs = replicaSet('5d8f7c6b9', 1, { replicas: 1, readyReplicas: 1, availableReplicas: 1 });
const newRs = replicaSet('7c9d8f6b5', 2, { replicas: 1 });
const stuck = deployment({ status: { replicas: 2, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 1 } });
const oldPod = pod('todo-list-db-5d8f7c6b9-k4m2p', { owner: oldRs });
const newPod = pod('todo-list-db-7c9d8f6b5-x2x7q', { owner: newRs, ready: false, containers: [running(false)] });

describe('describeNotReady', () => {
  it('replaces "context deadline exceeded" with what the new pod is doing', () => {
    expect(describeNotReady(stuck, [oldPod, newPod], { replicaSets: [oldRs, newRs], now: at(30) })).toBe(
      '0 of 1 new pods ready — pod todo-list-db-7c9d8f6b5-x2x7q: container db Running, not Ready',
    );
  });

  it('does not call pods new when it cannot tell', () => {
    expect(describeNotReady(stuck, [newPod], { now: at(30) })).toBe('0 of 1 pods ready — pod todo-list-db-7c9d8f6b5-x2x7q: container db Running, not Ready');
  });

  it('says when the new ReplicaSet has no pod yet', () => {
    expect(describeNotReady(stuck, [oldPod], { replicaSets: [oldRs, newRs] })).toBe('0 of 1 new pods ready — no pod of the new revision exists yet');
  });

  it('falls back to the assessment without pods', () => {
    expect(describeNotReady(stuck)).toBe('0 of 1 pods ready (1 old pod still running)');
    expect(describeNotReady(newPod)).toBe('container db Running, not Ready');
  });
});

describe('revision selection', () => {
  it('picks the ReplicaSet with the highest revision annotation, also after a rollback reuses one', () => {
    expect(newestReplicaSet(stuck, [oldRs, newRs])?.metadata.name).toBe('todo-list-db-7c9d8f6b5');
    const rolledBack = replicaSet('5d8f7c6b9', 3, { replicas: 1, readyReplicas: 1 });
    expect(newestReplicaSet(stuck, [rolledBack, newRs])?.metadata.name).toBe('todo-list-db-5d8f7c6b9');
  });

  it('ignores ReplicaSets of other Deployments', () => {
    const foreign = replicaSet('aaaaaaaaa', 9, {});
    foreign.metadata.ownerReferences = [{ kind: 'Deployment', name: 'todo-list-web', uid: 'other', controller: true }];
    expect(newestReplicaSet(stuck, [oldRs, foreign])?.metadata.name).toBe('todo-list-db-5d8f7c6b9');
  });

  it('selects pods by owner, or by pod-template-hash when they carry no owner', () => {
    expect(podsOfNewestReplicaSet(stuck, [oldRs, newRs], [oldPod, newPod]).map((p) => p.metadata.name)).toEqual(['todo-list-db-7c9d8f6b5-x2x7q']);
    const bare = pod('todo-list-db-7c9d8f6b5-zz', { labels: { 'pod-template-hash': '7c9d8f6b5' } });
    const other = pod('todo-list-db-5d8f7c6b9-zz', { labels: { 'pod-template-hash': '5d8f7c6b9' } });
    expect(podsOfNewestReplicaSet(stuck, [oldRs, newRs], [bare, other]).map((p) => p.metadata.name)).toEqual(['todo-list-db-7c9d8f6b5-zz']);
  });
});

describe('pods of the current revision for other workloads', () => {
  it('StatefulSet: judges pods by controller-revision-hash = updateRevision', () => {
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'todo-db', uid: 'sts-1', generation: 2 },
      spec: { replicas: 2 },
      status: { observedGeneration: 2, replicas: 2, readyReplicas: 1, updatedReplicas: 1, currentRevision: 'todo-db-6b8f', updateRevision: 'todo-db-7d9a' },
    };
    const crash = { 'controller-revision-hash': 'todo-db-7d9a' };
    const p1 = pod('todo-db-1', { owner: sts, labels: crash, containers: [waiting('CrashLoopBackOff', 'back-off 20s')] });
    const p0 = pod('todo-db-0', { owner: sts, labels: { 'controller-revision-hash': 'todo-db-6b8f' }, containers: [waiting('CrashLoopBackOff', 'old')] });
    const a = assess(sts, { pods: [p0, p1], now: at(30) });
    expect(a).toMatchObject({ state: 'failed', reason: 'CrashLoopBackOff', message: 'pod todo-db-1: container db CrashLoopBackOff (back-off 20s)' });
    expect(currentRevisionPods(sts, [p0, p1]).map((p) => p.metadata.name)).toEqual(['todo-db-1']);
  });

  it('DaemonSet: judges pods by pod-template-generation', () => {
    const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', uid: 'ds-1', generation: 3 }, spec: {} };
    const fresh = pod('agent-abcde', { owner: ds, labels: { 'pod-template-generation': '3' } });
    const stale = pod('agent-fghij', { owner: ds, labels: { 'pod-template-generation': '2' } });
    expect(currentRevisionPods(ds, [fresh, stale]).map((p) => p.metadata.name)).toEqual(['agent-abcde']);
  });
});
