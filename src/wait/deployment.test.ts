import { describe, expect, it } from 'vitest';
import { at, deployment, pod, replicaSet, running, waiting } from './fixtures.ts';
import { assess } from './rules.ts';

// Mid-rollout of lab A v2: the old 11.6 pod serves, the new 11.8 pod runs `sleep` and never
// passes its readiness probe.
const oldRs = replicaSet('5d8f7c6b9', 1, { replicas: 1, readyReplicas: 1, availableReplicas: 1, fullyLabeledReplicas: 1 });
const newRs = replicaSet('7c9d8f6b5', 2, { replicas: 1, fullyLabeledReplicas: 1 });
const rollingOut = deployment({
  generation: 2,
  status: {
    observedGeneration: 2,
    replicas: 2,
    updatedReplicas: 1,
    readyReplicas: 1,
    availableReplicas: 1,
    unavailableReplicas: 1,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "todo-list-db-7c9d8f6b5" is progressing.' },
    ],
  },
});

describe('Deployment', () => {
  it('is ready when every count reaches spec.replicas', () => {
    expect(assess(deployment())).toEqual({ state: 'ready', ready: 1, desired: 1 });
  });

  it('waits while the controller has not observed the new generation', () => {
    const d = deployment({ generation: 3, status: { observedGeneration: 2 } });
    expect(assess(d)).toMatchObject({ state: 'progressing', reason: 'NotObserved' });
    expect(assess(d).message).toContain('generation 3 (observed 2)');
  });

  it('waits when observedGeneration is missing altogether', () => {
    const d = deployment({ generation: 1, status: { observedGeneration: undefined } });
    expect(assess(d)).toMatchObject({ state: 'progressing', reason: 'NotObserved' });
  });

  it('is not ready with maxUnavailable=1, one replica and no ready pod (helm#10845)', () => {
    const d = deployment({
      spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } },
      status: {
        replicas: 1,
        updatedReplicas: 1,
        readyReplicas: undefined,
        availableReplicas: undefined,
        unavailableReplicas: 1,
        conditions: [
          { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
          { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' },
        ],
      },
    });
    const a = assess(d);
    expect(a.state).toBe('progressing');
    expect(a).toMatchObject({ ready: 0, desired: 1, reason: 'NotReady' });
  });

  it('waits while old pods remain, even with all new pods ready', () => {
    const d = deployment({ status: { replicas: 2, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2 } });
    expect(assess(d)).toMatchObject({ state: 'progressing', reason: 'OldPodsRemaining', message: '1 old pod still running' });
  });

  it('counts only new pods as ready during a rollout', () => {
    expect(assess(rollingOut)).toMatchObject({ state: 'progressing', ready: 0, desired: 1, reason: 'OldPodsRemaining' });
    expect(assess(rollingOut, { replicaSets: [oldRs, newRs] })).toMatchObject({ ready: 0 });
  });

  it('fails on ProgressDeadlineExceeded with the controller message', () => {
    const d = deployment({
      status: {
        replicas: 2,
        updatedReplicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "todo-list-db-7c9d8f6b5" has timed out progressing.' }],
      },
    });
    expect(assess(d)).toMatchObject({ state: 'failed', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "todo-list-db-7c9d8f6b5" has timed out progressing.' });
  });

  it('reports a paused rollout as ready but says so', () => {
    const d = deployment({ spec: { paused: true }, status: { replicas: 1, updatedReplicas: 0 } });
    expect(assess(d)).toMatchObject({ state: 'ready', reason: 'Paused' });
    expect(assess(d).message).toContain('0 of 1 pods updated');
  });

  it('waits for minReadySeconds (ready but not yet available)', () => {
    const d = deployment({ status: { availableReplicas: 0 } });
    expect(assess(d)).toMatchObject({ state: 'progressing', reason: 'NotAvailable' });
  });

  it('is ready when scaled to zero and no pod is left', () => {
    const d = deployment({ spec: { replicas: 0 }, status: { replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0 } });
    expect(assess(d)).toMatchObject({ state: 'ready', desired: 0 });
  });

  it('fails fast when a new pod crash-loops, ignoring old pods', () => {
    const crashing = pod('todo-list-db-7c9d8f6b5-x2x7q', {
      owner: newRs,
      containers: [
        waiting('CrashLoopBackOff', 'back-off 40s restarting failed container=db pod=todo-list-db-7c9d8f6b5-x2x7q_default(0b6c)', {
          restartCount: 3,
          lastState: { terminated: { exitCode: 1, reason: 'Error' } },
        }),
      ],
    });
    const healthyOld = pod('todo-list-db-5d8f7c6b9-k4m2p', { owner: oldRs });
    const a = assess(rollingOut, { replicaSets: [oldRs, newRs], pods: [healthyOld, crashing], now: at(60) });
    expect(a).toMatchObject({ state: 'failed', reason: 'CrashLoopBackOff', ready: 0, desired: 1 });
    expect(a.message).toBe(
      'pod todo-list-db-7c9d8f6b5-x2x7q: container db CrashLoopBackOff (back-off 40s restarting failed container); last terminated: Error, exit code 1',
    );
  });

  it('does not judge pods before the controller observed the new spec (an upgrade fixing a crash loop)', () => {
    const fixing = { ...rollingOut, metadata: { ...rollingOut.metadata, generation: 3 } };
    const crashing = pod('todo-list-db-7c9d8f6b5-x2x7q', { owner: newRs, containers: [waiting('CrashLoopBackOff', 'back-off 5m0s')] });
    expect(assess(fixing, { replicaSets: [oldRs, newRs], pods: [crashing], now: at(60) })).toMatchObject({ state: 'progressing', reason: 'NotObserved' });
  });

  it('does not fail on a crash-looping OLD pod', () => {
    const oldCrash = pod('todo-list-db-5d8f7c6b9-k4m2p', { owner: oldRs, containers: [waiting('CrashLoopBackOff', 'back-off 10s')] });
    const newPod = pod('todo-list-db-7c9d8f6b5-x2x7q', { owner: newRs, ready: false, containers: [running(false)] });
    expect(assess(rollingOut, { replicaSets: [oldRs, newRs], pods: [oldCrash, newPod], now: at(60) }).state).toBe('progressing');
  });

  it('tolerates an image pull failure within the grace, then fails', () => {
    const pulling = pod('todo-list-db-7c9d8f6b5-x2x7q', {
      owner: newRs,
      phase: 'Pending',
      containers: [waiting('ImagePullBackOff', 'Back-off pulling image "postgres:11.8-alpne"')],
    });
    const ctx = { replicaSets: [oldRs, newRs], pods: [pulling] };
    const early = assess(rollingOut, { ...ctx, now: at(5) });
    expect(early).toMatchObject({ state: 'progressing', reason: 'ImagePullBackOff' });
    expect(early.message).toContain('pod todo-list-db-7c9d8f6b5-x2x7q: container db ImagePullBackOff');
    const late = assess(rollingOut, { ...ctx, now: at(11) });
    expect(late).toMatchObject({ state: 'failed', reason: 'ImagePullBackOff' });
    expect(late.message).toBe('pod todo-list-db-7c9d8f6b5-x2x7q: container db ImagePullBackOff (Back-off pulling image "postgres:11.8-alpne")');
    expect(assess(rollingOut, { ...ctx, now: at(11), imagePullGraceMs: 30_000 }).state).toBe('progressing');
  });

  it('is not confused by a custom resource named Deployment', () => {
    const cr = { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'x', generation: 1 }, spec: {} };
    expect(assess(cr)).toEqual({ state: 'ready' });
  });
});
