import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import { assess } from './rules.ts';

function ds(spec: Record<string, unknown>, status: Record<string, unknown>, generation = 3): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-agent', namespace: 'kube-system', generation, uid: 'ds-1' },
    spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, ...spec },
    status: { observedGeneration: generation, desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 3, numberReady: 3, numberAvailable: 3, numberMisscheduled: 0, ...status },
  };
}

describe('DaemonSet', () => {
  it('is ready when desired = updated = ready = available', () => {
    expect(assess(ds({}, {}))).toEqual({ state: 'ready', ready: 3, desired: 3 });
  });

  it('is not ready with maxUnavailable=1 and one pod short (no discount)', () => {
    expect(assess(ds({}, { numberReady: 2, numberAvailable: 2, numberUnavailable: 1 }))).toMatchObject({ state: 'progressing', reason: 'NotReady', ready: 2 });
  });

  it('waits for every node to get the new template', () => {
    expect(assess(ds({}, { updatedNumberScheduled: 1 }))).toMatchObject({ state: 'progressing', reason: 'RollingOut', ready: 1, message: '1 of 3 pods updated' });
  });

  it('with OnDelete does not wait for old pods to be replaced', () => {
    expect(assess(ds({ updateStrategy: { type: 'OnDelete' } }, { updatedNumberScheduled: 0 }))).toMatchObject({ state: 'ready', reason: 'OnDelete' });
  });

  it('needs observedGeneration and desiredNumberScheduled to be written', () => {
    const fresh = ds({}, {}, 1);
    delete (fresh.status as Record<string, unknown>).observedGeneration;
    expect(assess(fresh)).toMatchObject({ state: 'progressing', reason: 'NotObserved' });
    const uncounted = ds({}, { desiredNumberScheduled: undefined });
    expect(assess(uncounted)).toMatchObject({ state: 'progressing', reason: 'NotObserved' });
  });

  it('is ready with zero eligible nodes', () => {
    const none = { desiredNumberScheduled: 0, currentNumberScheduled: 0, updatedNumberScheduled: 0, numberReady: 0, numberAvailable: 0 };
    expect(assess(ds({}, none)).state).toBe('ready');
  });
});
