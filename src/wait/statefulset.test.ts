import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import { assess } from './rules.ts';

function sts(spec: Record<string, unknown>, status: Record<string, unknown>, generation = 2): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'todo-db', namespace: 'default', generation, uid: 'sts-1' },
    spec: { replicas: 2, serviceName: 'todo-db', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, ...spec },
    status: { observedGeneration: generation, replicas: 2, readyReplicas: 2, availableReplicas: 2, currentReplicas: 2, updatedReplicas: 2, currentRevision: 'todo-db-6b8f', updateRevision: 'todo-db-6b8f', collisionCount: 0, ...status },
  };
}

describe('StatefulSet', () => {
  it('is ready when all pods are ready and on one revision', () => {
    expect(assess(sts({}, {}))).toEqual({ state: 'ready', ready: 2, desired: 2, reason: undefined, message: undefined });
  });

  it('waits for the update to reach every pod without a partition', () => {
    const a = assess(sts({}, { updatedReplicas: 1, currentReplicas: 1, updateRevision: 'todo-db-7d9a' }));
    expect(a).toMatchObject({ state: 'progressing', reason: 'RollingOut', message: '1 of 2 pods updated' });
  });

  it('waits for currentRevision to catch up once every pod is updated', () => {
    expect(assess(sts({}, { updateRevision: 'todo-db-7d9a' }))).toMatchObject({ state: 'progressing', reason: 'RevisionMismatch' });
  });

  it('with partition 1 needs only pod 1 updated (lab B), though revisions differ', () => {
    const partitioned = { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } };
    const status = { updatedReplicas: 1, currentReplicas: 1, currentRevision: 'todo-db-6b8f', updateRevision: 'todo-db-7d9a' };
    expect(assess(sts(partitioned, status))).toMatchObject({ state: 'ready', reason: 'Partitioned' });
    expect(assess(sts(partitioned, { ...status, updatedReplicas: 0, currentReplicas: 2 }))).toMatchObject({
      state: 'progressing',
      message: '0 of 1 pods updated (ordinals 1 and up)',
    });
  });

  it('treats a partition above the replica count as nothing to update', () => {
    const a = assess(sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 5 } } }, { updatedReplicas: 0, updateRevision: 'x' }));
    expect(a.state).toBe('ready');
  });

  it('still needs every pod ready with a partition', () => {
    const a = assess(sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }, { readyReplicas: 1, updatedReplicas: 1 }));
    expect(a).toMatchObject({ state: 'progressing', reason: 'NotReady', ready: 1, desired: 2 });
  });

  it('with OnDelete is ready when the pods are ready, and says how many are behind', () => {
    const a = assess(sts({ updateStrategy: { type: 'OnDelete' } }, { updatedReplicas: 0, updateRevision: 'todo-db-7d9a' }));
    expect(a).toMatchObject({ state: 'ready', reason: 'OnDelete', message: 'OnDelete: 2 pods keep the old revision until deleted' });
  });

  it('waits for pods to be created, and for the new generation to be observed', () => {
    expect(assess(sts({}, { replicas: 1, readyReplicas: 1 }))).toMatchObject({ state: 'progressing', reason: 'Scaling' });
    expect(assess(sts({}, { observedGeneration: 1 }))).toMatchObject({ state: 'progressing', reason: 'NotObserved' });
  });
});
