import { describe, expect, it } from 'vitest';
import { at, deployment, pod, replicaSet, running } from './fixtures.ts';
import { newestReplicaSet, podsOfNewestReplicaSet } from './revision.ts';
import { describeNotReady } from './rules.ts';

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
