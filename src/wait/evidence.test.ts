import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import { failedContainer, formatEvidence, latestWarning } from './evidence.ts';
import { elide } from './pod.ts';

const pod = (status: object = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db-1', namespace: 'ns', uid: 'u1' }, status });
const event = (reason: string, message: string, at: string, extra: object = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Event', metadata: { name: `e-${reason}-${at}` },
  type: 'Warning', reason, message, lastTimestamp: at, involvedObject: { kind: 'Pod', name: 'db-1', uid: 'u1' }, ...extra,
} as KubeObject);

describe('latestWarning', () => {
  it('prefers a probe failure, then the newest warning; skips Normal events and a predecessor of the same name', () => {
    const events = [
      event('Unhealthy', 'Readiness probe failed: dial tcp 10.89.0.7:5432: connect: connection refused', '2026-01-01T00:00:05Z', { count: 4 }),
      event('BackOff', 'Back-off restarting failed container', '2026-01-01T00:00:09Z'),
      event('Unhealthy', 'Readiness probe failed: old pod', '2026-01-01T00:00:10Z', { involvedObject: { kind: 'Pod', name: 'db-1', uid: 'old' } }),
      event('Pulled', 'Container image already present', '2026-01-01T00:00:11Z', { type: 'Normal' }),
    ];
    expect(latestWarning(pod(), events)).toBe('Unhealthy: Readiness probe failed: dial tcp 10.89.0.7:5432: connect: connection refused (x4)');
    expect(latestWarning(pod(), events.slice(1))).toBe('BackOff: Back-off restarting failed container');
    expect(latestWarning(pod(), [])).toBeUndefined();
  });
});

describe('failedContainer', () => {
  const status = { containerStatuses: [{ name: 'a', restartCount: 0 }, { name: 'b', restartCount: 2, lastState: { terminated: { exitCode: 1 } } }] };
  it('names the restarted container, preferring the one the diagnosis named', () => {
    expect(failedContainer(pod(status))).toBe('b');
    expect(failedContainer(pod(status), 'b')).toBe('b');
    expect(failedContainer(pod({ containerStatuses: [{ name: 'a', restartCount: 0, lastState: {} }] }))).toBeUndefined();
  });
  it('counts a failed init container that has restarted, and a container that ended with an error', () => {
    expect(failedContainer(pod({ initContainerStatuses: [{ name: 'wait-db', restartCount: 1 }] }))).toBe('wait-db');
    expect(failedContainer(pod({ containerStatuses: [{ name: 'job', restartCount: 0, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }] }))).toBe('job');
    expect(failedContainer(pod({ containerStatuses: [{ name: 'job', restartCount: 0, state: { terminated: { exitCode: 0 } } }] }))).toBeUndefined();
  });
});

describe('formatEvidence', () => {
  it('puts the warning and the previous run\'s last lines on their own lines, naming the pod', () => {
    const text = formatEvidence('db-1', 'Unhealthy: Liveness probe failed', { container: 'api', text: '1\n2\n3\n4\n5\n6\n' });
    expect(text).toBe('\n  pod db-1, last warning: Unhealthy: Liveness probe failed\n  pod db-1, container api, last log lines of its failed run:\n    2\n    3\n    4\n    5\n    6');
    expect(formatEvidence('db-1', undefined, undefined)).toBe('');
  });
});

describe('elide', () => {
  it('keeps the start (what failed) and the end (why) of a long nested error', () => {
    const msg = `failed to pull and unpack image "x": failed to resolve reference "x": ${'y'.repeat(300)}: dial tcp 127.0.0.1:1: connect: connection refused`;
    const out = elide(msg, 120);
    expect(out).toHaveLength(120);
    expect(out.startsWith('failed to pull and unpack image')).toBe(true);
    expect(out.endsWith('dial tcp 127.0.0.1:1: connect: connection refused')).toBe(true);
    expect(elide('short', 120)).toBe('short');
  });
});
