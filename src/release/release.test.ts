import { describe, expect, it } from 'vitest';
import { HullError } from '../errors.ts';
import { chartLabel, fileText, storedChartFrom, storedSchema } from './chart.ts';
import { validateReleaseName } from './name.ts';
import { isInProgress, isPending, isStatus, parseStatus, STATUSES } from './status.ts';
import {
  helmTime,
  lastDeployedOf,
  latestOf,
  markSuperseded,
  markUninstalled,
  newRevision,
  nextVersion,
  parseHelmTime,
  sortByVersion,
  withStatus,
} from './transitions.ts';
import type { Release } from './types.ts';
import { fromNanos, preciseNow, rfc3339Nano } from './time.ts';

const chart = storedChartFrom({
  metadata: { name: 'web', version: '1.2.3', apiVersion: 'v2', appVersion: '9' },
  values: { a: 1 },
  schema: Buffer.from('{"type":"object"}'),
  templates: [
    { name: 'templates/z.yaml', data: Buffer.from('z') },
    { name: 'templates/a.yaml', data: 'a: 1\n' },
  ],
  files: [],
});

const rev = (version: number, status: Release['info']['status']) => withStatus(rev0(version), status);

function rev0(version: number): Release {
  return newRevision({
    name: 'web',
    namespace: 'apps',
    version,
    chart,
    config: {},
    manifest: '',
    hooks: [],
    status: 'pending-install',
    description: 'Initial install underway',
    now: new Date('2025-01-01T00:00:00Z'),
  });
}

describe('status', () => {
  it('knows Helm statuses', () => {
    expect(STATUSES).toHaveLength(9);
    expect(isStatus('pending-rollback')).toBe(true);
    expect(isStatus('PENDING')).toBe(false);
    expect(parseStatus('bogus')).toBe('unknown');
    expect(['pending-install', 'pending-upgrade', 'pending-rollback'].every((s) => isPending(s))).toBe(true);
    expect(isPending('deployed')).toBe(false);
    expect(isInProgress('uninstalling')).toBe(true);
    expect(isInProgress('failed')).toBe(false);
  });
});

describe('stored chart', () => {
  it('stores files base64, sorted, with a base64 schema', () => {
    expect(chart.templates!.map((t) => t.name)).toEqual(['templates/a.yaml', 'templates/z.yaml']);
    expect(chart.templates![0].data).toBe(Buffer.from('a: 1\n').toString('base64'));
    expect(fileText(chart.templates![1])).toBe('z');
    expect(storedSchema(chart)).toEqual({ type: 'object' });
    expect(chart.lock).toBeNull();
    expect(chartLabel(chart)).toBe('web-1.2.3');
  });

  it('accepts a parsed schema and no schema', () => {
    const c = storedChartFrom({ metadata: chart.metadata, schema: { type: 'object' }, templates: [], files: [] });
    expect(storedSchema(c)).toEqual({ type: 'object' });
    expect(storedChartFrom({ metadata: chart.metadata, templates: [], files: [] })).toMatchObject({ schema: null, values: null });
  });

  it('stores what Helm 4 stores: the schema file\'s own bytes, modtimes, Go zero time and null for what is absent', () => {
    const raw = Buffer.from('{\n  "type": "object"\n}\n');
    const c = storedChartFrom({
      metadata: chart.metadata,
      schema: { type: 'object' },
      schemaRaw: raw,
      schemaModtime: '2026-11-30T04:57:09.730292085Z',
      modtime: '2026-11-30T04:57:09.728462491Z',
      templates: [{ name: 'templates/a.yaml', data: 'a', modtime: '2026-11-30T04:57:09.7289Z' }],
      files: [],
    });
    expect(Buffer.from(c.schema!, 'base64')).toEqual(raw);
    expect(c).toMatchObject({ schemamodtime: '2026-11-30T04:57:09.730292085Z', modtime: '2026-11-30T04:57:09.728462491Z', files: null });
    expect(c.templates![0].modtime).toBe('2026-11-30T04:57:09.7289Z');
    expect(Object.keys(c)).toEqual(['metadata', 'lock', 'templates', 'values', 'schema', 'schemamodtime', 'files', 'modtime']);
    expect(storedChartFrom({ metadata: chart.metadata, templates: [], files: [] }).schemamodtime).toBe('0001-01-01T00:00:00Z');
  });
});

describe('Go times', () => {
  it('prints RFC3339Nano as Go does: nine digits at most, trailing zeros dropped', () => {
    expect(rfc3339Nano(fromNanos(1796014629728462491n))).toBe('2026-11-30T04:57:09.728462491Z');
    expect(rfc3339Nano(fromNanos(1796014629262044970n))).toBe('2026-11-30T04:57:09.26204497Z');
    expect(rfc3339Nano(new Date('2026-11-30T04:57:09.500Z'))).toBe('2026-11-30T04:57:09.5Z');
    expect(rfc3339Nano(new Date('2026-11-30T04:57:09.000Z'))).toBe('2026-11-30T04:57:09Z');
  });
  it('takes the time with nanoseconds, close to the wall clock', () => {
    const a = preciseNow();
    expect(Math.abs(a.getTime() - Date.now())).toBeLessThan(1000);
    expect(helmTime(a)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
    expect(preciseNow().nanos).toBeTypeOf('number');
  });
});

describe('transitions', () => {
  it('builds a pending revision the way Helm records an install', () => {
    const r = rev0(1);
    expect(r.info).toEqual({
      first_deployed: '2025-01-01T00:00:00Z',
      last_deployed: '2025-01-01T00:00:00Z',
      description: 'Initial install underway',
      status: 'pending-install',
    });
    expect(r.apply_method).toBe('ssa');
    expect(r).not.toHaveProperty('config');
  });

  it('keeps the old description when superseding and unknown fields always', () => {
    const r = { ...rev0(1), info: { ...rev0(1).info, status: 'deployed' as const, description: 'Install complete', extra: 1 } };
    const s = markSuperseded(r);
    expect(s.info).toMatchObject({ status: 'superseded', description: 'Install complete', extra: 1 });
    expect(r.info.status).toBe('deployed');
  });

  it('records the deletion time once', () => {
    const u = markUninstalled(rev0(1), new Date('2025-02-02T00:00:00Z'));
    expect(u.info).toMatchObject({ status: 'uninstalled', description: 'Uninstallation complete', deleted: '2025-02-02T00:00:00Z' });
  });

  it('picks latest, last deployed and the next version', () => {
    const h = [rev(3, 'failed'), rev(1, 'deployed'), rev(2, 'deployed')];
    expect(latestOf(h)?.version).toBe(3);
    expect(lastDeployedOf(h)?.version).toBe(2);
    expect(nextVersion(h)).toBe(4);
    expect(nextVersion([])).toBe(1);
    expect(sortByVersion(h).map((r) => r.version)).toEqual([1, 2, 3]);
  });

  it('parses Go times, including nanoseconds, offsets and zero values', () => {
    expect(parseHelmTime('2025-03-04T10:11:12.123456789+01:00')?.toISOString()).toBe('2025-03-04T09:11:12.123Z');
    expect(parseHelmTime('2025-03-04T10:11:12Z')?.toISOString()).toBe('2025-03-04T10:11:12.000Z');
    expect(parseHelmTime('0001-01-01T00:00:00Z')).toBeUndefined();
    expect(parseHelmTime('')).toBeUndefined();
    expect(parseHelmTime(undefined)).toBeUndefined();
    expect(parseHelmTime('garbage')).toBeUndefined();
    // Go's RFC3339Nano: no trailing zeros in the fraction, none at all for whole seconds.
    expect(helmTime(new Date(0))).toBe('1970-01-01T00:00:00Z');
    expect(helmTime(new Date(Date.UTC(2026, 10, 22, 6, 5, 20, 730)))).toBe('2026-11-22T06:05:20.73Z');
  });
});

describe('validateReleaseName', () => {
  it('accepts what Helm accepts', () => {
    for (const n of ['web', 'a', 'my-app-2', 'a.b', 'x'.repeat(53)]) expect(() => validateReleaseName(n)).not.toThrow();
  });

  it('rejects with a USAGE error saying why', () => {
    const err = (n: string) => {
      try {
        validateReleaseName(n);
      } catch (e) {
        return e as HullError;
      }
      throw new Error(`accepted ${n}`);
    };
    expect(err('').code).toBe('USAGE');
    expect(err('x'.repeat(54)).message).toMatch(/54 characters, at most 53/);
    for (const n of ['Web', '-web', 'web-', 'we_b', 'a..b']) expect(err(n).exitCode).toBe(2);
  });
});
