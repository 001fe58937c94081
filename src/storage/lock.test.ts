// The pure parts of the release lock: names, MicroTime, holder encoding, the expiry decision and
// the message a blocked operation shows. Acquiring, renewing and taking over run against the real
// API server in test/e2e/lock.test.ts, where the server's 409s settle the races.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import { decodeHolder, describeHolder, encodeHolder, leaseState, lockName, lockedMessage, microTime, newHolder, type Holder } from './lock.ts';

const NOW = Date.parse('2026-11-22T05:10:18Z');
const holder: Holder = { operation: 'upgrade', user: 'alice', host: 'ci-7', pid: 1234, started: '2026-11-22T05:10:00.123Z', id: 'abc' };

const lease = (spec: Record<string, unknown>, created?: string): KubeObject & { spec: Record<string, unknown> } => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name: 'hull-lock.web', creationTimestamp: created },
  spec,
});

describe('lock naming and times', () => {
  it('names the lease after the release, dots allowed, within 253 characters', () => {
    expect(lockName('todo-list')).toBe('hull-lock.todo-list');
    expect(lockName('a.b')).toBe('hull-lock.a.b');
    expect(lockName('x'.repeat(243))).toHaveLength(253);
    expect(() => lockName('x'.repeat(244))).toThrow(/too long/);
  });

  it('writes MicroTime with exactly six fractional digits', () => {
    expect(microTime(new Date('2026-11-22T05:10:00Z'))).toBe('2026-11-22T05:10:00.000000Z');
    expect(microTime(new Date('2026-11-22T05:10:00.123Z'))).toBe('2026-11-22T05:10:00.123000Z');
  });
});

describe('holder identity', () => {
  it('round-trips through JSON and records who, where and when', () => {
    const h = newHolder('install', new Date(NOW));
    expect(h).toMatchObject({ operation: 'install', pid: process.pid, started: '2026-11-22T05:10:18.000Z' });
    expect(h.host).not.toBe('');
    expect(h.id).toMatch(/^[0-9a-f]{12}$/);
    expect(decodeHolder(encodeHolder(h))).toEqual(h);
    expect(newHolder('install', new Date(NOW)).id).not.toBe(h.id);
  });

  it('still describes a holder some other tool wrote', () => {
    expect(describeHolder(decodeHolder('kubectl-user'))).toBe('kubectl-user');
    expect(describeHolder(decodeHolder('{"pid":"x"}'))).toBe('unknown operation');
    expect(describeHolder(decodeHolder('{"operation":"rollback","host":"h"}'))).toBe('rollback (on host h)');
    expect(describeHolder(holder)).toBe('upgrade (pid 1234 on host ci-7 as alice)');
  });
});

describe('expiry decision', () => {
  const spec = { holderIdentity: 'x', leaseDurationSeconds: 15, acquireTime: '2026-11-22T05:10:00.000000Z', renewTime: '2026-11-22T05:10:15.000000Z' };

  it('holds a lease renewed within its duration plus the skew allowance', () => {
    const s = leaseState(lease(spec), NOW, 5_000);
    expect(s).toMatchObject({ free: false, expired: false, durationMs: 15_000, renewedAt: Date.parse('2026-11-22T05:10:15Z'), expiresInMs: 17_000 });
  });

  it('expires only once the skew allowance has passed too', () => {
    expect(leaseState(lease(spec), NOW + 16_000, 5_000).expired).toBe(false);
    expect(leaseState(lease(spec), NOW + 17_001, 5_000).expired).toBe(true);
    expect(leaseState(lease(spec), NOW + 12_001, 0).expired).toBe(true);
  });

  it('treats a renewal in the future (a holder clock ahead of ours) as fresh', () => {
    const ahead = { ...spec, renewTime: '2026-11-22T05:11:00.000000Z' };
    expect(leaseState(lease(ahead), NOW).expired).toBe(false);
  });

  it('falls back to acquireTime, then creationTimestamp, then calls a timeless lease expired', () => {
    const { renewTime: _r, ...noRenew } = spec;
    expect(leaseState(lease(noRenew), NOW, 0).renewedAt).toBe(Date.parse('2026-11-22T05:10:00Z'));
    const { acquireTime: _a, ...noTimes } = noRenew;
    expect(leaseState(lease(noTimes, '2026-11-22T05:10:10Z'), NOW, 0)).toMatchObject({ expired: false, expiresInMs: 7_000 });
    expect(leaseState(lease({ holderIdentity: 'x', renewTime: 'garbage' }), NOW)).toMatchObject({ expired: true, renewedAt: undefined });
  });

  it('uses the default duration when the lease has none, and sees a holderless lease as free', () => {
    expect(leaseState(lease({ holderIdentity: 'x', renewTime: spec.renewTime }), NOW, 0).durationMs).toBe(15_000);
    expect(leaseState(lease({ ...spec, holderIdentity: '' }), NOW).free).toBe(true);
  });
});

describe('locked message', () => {
  it('says which operation holds the release, since when, from where, and when it would expire', () => {
    const s = leaseState(lease({ holderIdentity: encodeHolder(holder), leaseDurationSeconds: 15, renewTime: '2026-11-22T05:10:15.000000Z' }), NOW, 5_000);
    expect(lockedMessage('todo-list', holder, s, NOW)).toBe(
      'release "todo-list" is locked by upgrade (pid 1234 on host ci-7 as alice) since 2026-11-22T05:10:00Z, last renewed 3.0s ago; ' +
        'should that process have died, the lock expires in 17s and the next operation takes it over',
    );
  });
});
