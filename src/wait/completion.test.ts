import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import { assessCompletion } from './completion.ts';
import { at, pod, waiting } from './fixtures.ts';

describe('assessCompletion (hooks and tests)', () => {
  it('a Running, Ready hook Pod is not finished', () => {
    expect(assessCompletion(pod('todo-list-test'))).toMatchObject({ state: 'progressing', reason: 'Running' });
  });

  it('a Succeeded Pod is done, a Failed one failed, a crash-looping one failed at once', () => {
    expect(assessCompletion(pod('t', { phase: 'Succeeded', containers: [{ state: { terminated: { exitCode: 0 } } }] })).state).toBe('ready');
    expect(assessCompletion(pod('t', { phase: 'Failed', containers: [{ state: { terminated: { exitCode: 1, reason: 'Error' } } }] })).state).toBe('failed');
    expect(assessCompletion(pod('t', { containers: [waiting('CrashLoopBackOff', 'back-off 10s')] }), { now: at(1) }).state).toBe('failed');
  });

  it('a Job follows its conditions; other kinds are done once they exist', () => {
    const job: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, status: { active: 1 } };
    expect(assessCompletion(job).state).toBe('progressing');
    expect(assessCompletion({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'scripts' } })).toEqual({ state: 'ready' });
  });
});
