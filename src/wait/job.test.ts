import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import { at, pod, T0, waiting } from './fixtures.ts';
import { assess, describeNotReady } from './rules.ts';

function job(status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'todo-list-db-check', namespace: 'default', uid: 'job-1', generation: 1, annotations: { 'helm.sh/hook': 'pre-upgrade', 'helm.sh/hook-weight': '10' } },
    spec: { backoffLimit: 0, completions: 1, parallelism: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'db-check', image: 'postgres:11.8-alpine' }] } }, ...spec },
    status: { startTime: T0, ...status },
  };
}

describe('Job', () => {
  it('is ready when Complete', () => {
    const done = job({ succeeded: 1, completionTime: T0, conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }] });
    expect(assess(done)).toMatchObject({ state: 'ready', ready: 1, desired: 1 });
  });

  it('fails with BackoffLimitExceeded and the controller message (lab A v4)', () => {
    const failed = job({
      failed: 1,
      conditions: [
        { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
        { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
      ],
    });
    expect(assess(failed)).toEqual({ state: 'failed', ready: 0, desired: 1, reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit (1 failed pod)' });
  });

  it('fails with DeadlineExceeded, already on FailureTarget', () => {
    const doomed = job({ active: 1, conditions: [{ type: 'FailureTarget', status: 'True', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' }] });
    expect(assess(doomed)).toMatchObject({ state: 'failed', reason: 'DeadlineExceeded' });
  });

  it('is progressing while running, and when suspended says so', () => {
    expect(assess(job({ active: 1 }))).toMatchObject({ state: 'progressing', reason: 'Running', message: '0 of 1 completed, 1 running' });
    expect(assess(job({}, { suspend: true }))).toMatchObject({ state: 'progressing', reason: 'Suspended' });
  });

  it('fails fast when its pod cannot pull the image', () => {
    const j = job({ active: 1 });
    const p = pod('todo-list-db-check-8xk2d', { owner: j, phase: 'Pending', containers: [waiting('ErrImagePull', 'manifest unknown', { name: 'db-check' })] });
    expect(assess(j, { pods: [p], now: at(30) })).toMatchObject({ state: 'failed', reason: 'ErrImagePull', message: 'pod todo-list-db-check-8xk2d: container db-check ErrImagePull (manifest unknown)' });
    expect(describeNotReady(j, [p], { now: at(3) })).toBe('0 of 1 pods completed — pod todo-list-db-check-8xk2d: container db-check ErrImagePull (manifest unknown)');
  });
});
