import { describe, expect, it } from 'vitest';
import { at, pod, running, T0, waiting } from './fixtures.ts';
import { assess } from './rules.ts';
import { describePod, podProblem } from './pod.ts';

const unschedulable = (message: string) =>
  pod('todo-list-db-7c9d8f6b5-x2x7q', {
    phase: 'Pending',
    conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime: T0 }],
  });

describe('Pod', () => {
  it('is ready when Running and Ready, and when Succeeded', () => {
    expect(assess(pod('p')).state).toBe('ready');
    expect(assess(pod('p', { phase: 'Succeeded', containers: [{ state: { terminated: { exitCode: 0, reason: 'Completed' } } }] })).state).toBe('ready');
  });

  it('fails when the pod Failed, with the container exit', () => {
    const p = pod('todo-list-db-test', { phase: 'Failed', containers: [{ name: 'test', state: { terminated: { exitCode: 2, reason: 'Error' } } }] });
    const a = assess(p);
    expect(a).toMatchObject({ state: 'failed', reason: 'PodFailed' });
    expect(a.message).toBe('container test terminated: Error (exit code 2)');
  });

  it('fails on an evicted pod with the kubelet reason', () => {
    const p = pod('p', { phase: 'Failed', containers: [] });
    (p.status as Record<string, unknown>).reason = 'Evicted';
    (p.status as Record<string, unknown>).message = 'The node was low on resource: memory.';
    expect(assess(p)).toMatchObject({ state: 'failed', reason: 'Evicted', message: 'Failed: Evicted (The node was low on resource: memory.)' });
  });

  it('is progressing while Running but not Ready, and says so', () => {
    const p = pod('todo-list-db-7c9d8f6b5-x2x7q', { ready: false, containers: [running(false)] });
    expect(assess(p)).toMatchObject({ state: 'progressing', ready: 0, desired: 1, message: 'container db Running, not Ready' });
    const restarted = pod('p', { ready: false, containers: [running(false, 2)] });
    expect(describePod(restarted)).toBe('container db Running, not Ready, restarted 2 times');
  });

  it('fails at once on CrashLoopBackOff', () => {
    const p = pod('p', { ready: false, containers: [waiting('CrashLoopBackOff', 'back-off 5m0s restarting failed container=db pod=p_default(1)')] });
    expect(assess(p, { now: at(1) })).toMatchObject({ state: 'failed', reason: 'CrashLoopBackOff', message: 'container db CrashLoopBackOff (back-off 5m0s restarting failed container)' });
  });

  it('fails at once on an invalid image name, no grace needed', () => {
    const p = pod('p', { phase: 'Pending', containers: [waiting('InvalidImageName', 'Failed to apply default image tag "Postgres:11": invalid reference format')] });
    expect(assess(p, { now: at(0) }).state).toBe('failed');
  });

  it('measures the image pull grace from the pod start, 10 s by default', () => {
    const p = pod('p', { phase: 'Pending', startTime: '2026-11-22T05:10:02Z', containers: [waiting('ErrImagePull', 'rpc error: not found')] });
    expect(assess(p, { now: at(11) })).toMatchObject({ state: 'progressing', reason: 'ErrImagePull' });
    expect(assess(p, { now: at(12) })).toMatchObject({ state: 'failed', reason: 'ErrImagePull', message: 'container db ErrImagePull (rpc error: not found)' });
  });

  it('restarts the grace when the containers stop being ready later (in-place image change)', () => {
    const p = pod('p', {
      containers: [waiting('ImagePullBackOff', 'Back-off pulling image "postgres:12"')],
      conditions: [
        { type: 'Ready', status: 'False', lastTransitionTime: '2026-11-22T05:20:00Z' },
        { type: 'ContainersReady', status: 'False', lastTransitionTime: '2026-11-22T05:20:00Z' },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: T0 },
      ],
    });
    expect(podProblem(p, { now: at(605) })?.terminal).toBe(false);
    expect(podProblem(p, { now: at(611) })?.terminal).toBe(true);
  });

  it('names init containers as such', () => {
    const p = pod('p', { phase: 'Pending', containers: [] });
    (p.status as Record<string, unknown>).initContainerStatuses = [{ name: 'migrate', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s' } } }];
    expect(assess(p)).toMatchObject({ state: 'failed', message: 'init container migrate CrashLoopBackOff (back-off 1m20s)' });
  });

  it('fails on Unschedulable after its grace, with the scheduler message', () => {
    const p = unschedulable('0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available.');
    expect(assess(p, { now: at(5) })).toMatchObject({ state: 'progressing', reason: 'Unschedulable' });
    const a = assess(p, { now: at(16) });
    expect(a).toMatchObject({ state: 'failed', reason: 'Unschedulable' });
    expect(a.message).toContain('1 Insufficient memory');
    expect(assess(p, { now: at(5), unschedulableGraceMs: 0 }).state).toBe('failed');
  });

  it('does not fail while the scheduler waits for a volume to bind', () => {
    const p = unschedulable('0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.');
    expect(assess(p, { now: at(120) }).state).toBe('progressing');
  });

  it('describes a pod not yet scheduled', () => {
    const p = pod('p', { phase: 'Pending', conditions: [] });
    expect(describePod(p)).toBe('Pending, not scheduled yet');
  });
});
