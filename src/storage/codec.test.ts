import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HullError } from '../errors.ts';
import { fileText } from '../release/chart.ts';
import { parseHelmTime } from '../release/transitions.ts';
import type { Release } from '../release/types.ts';
import { decodeRelease, encodeRelease, releaseJSON } from './codec.ts';
import { HELM_MANIFEST, helmEncoded, helmEncodedPlain, helmReleaseJSON } from './testing/helm-fixture.ts';

function sample(): Release {
  return {
    name: 'web',
    namespace: 'apps',
    version: 2,
    info: { first_deployed: '2025-01-01T00:00:00.000Z', last_deployed: '2025-01-02T00:00:00.000Z', status: 'deployed', description: 'Upgrade complete' },
    chart: { metadata: { name: 'web', version: '1.0.0', apiVersion: 'v2' }, lock: null, templates: [], values: { a: 1 }, schema: null, files: [] },
    config: { replicas: 3, nested: { list: [1, 'two', null] } },
    manifest: HELM_MANIFEST,
    apply_method: 'ssa',
  };
}

describe('encodeRelease / decodeRelease', () => {
  it('round-trips a release', () => {
    const rel = sample();
    expect(decodeRelease(encodeRelease(rel))).toEqual(rel);
  });

  it('writes a body Helm 4 wrote back byte for byte: field order, sorted maps, Go escapes, no empty hooks', () => {
    expect(releaseJSON(decodeRelease(helmEncoded()))).toBe(helmReleaseJSON());
    const noHooks = JSON.parse(releaseJSON({ ...sample(), hooks: [], config: { b: 1, a: { d: 2, c: '<&>' } } }));
    expect(Object.keys(noHooks)).toEqual(['name', 'info', 'chart', 'config', 'manifest', 'version', 'namespace', 'apply_method']);
    expect(releaseJSON({ ...sample(), config: { b: 1, a: { d: 2, c: '<&>' } } })).toContain('"config":{"a":{"c":"\\u003c\\u0026\\u003e","d":2},"b":1}');
  });

  it('writes base64(gzip(JSON)) with Helm field names', () => {
    const gz = Buffer.from(encodeRelease(sample()), 'base64');
    expect([...gz.subarray(0, 3)]).toEqual([0x1f, 0x8b, 0x08]);
    const json = JSON.parse(gunzipSync(gz).toString());
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['name', 'namespace', 'version', 'info', 'chart', 'config', 'manifest', 'apply_method']));
    expect(json.info.last_deployed).toBe('2025-01-02T00:00:00.000Z');
  });

  it('keeps custom labels out of the body, as Helm stores them only on the Secret', () => {
    const rel = { ...sample(), labels: { team: 'a' } };
    expect(JSON.parse(releaseJSON(rel))).not.toHaveProperty('labels');
    expect(decodeRelease(encodeRelease(rel)).labels).toBeUndefined();
  });

  it('decodes a body written by Helm (gzip)', () => {
    const rel = decodeRelease(helmEncoded());
    expect(rel.name).toBe('web');
    expect(rel.namespace).toBe('apps');
    expect(rel.version).toBe(1);
    expect(rel.info.status).toBe('deployed');
    expect(rel.info.notes).toBe('Visit <http://web>');
    expect(rel.chart.metadata.appVersion).toBe('4.5.6');
    expect(fileText(rel.chart.templates![0])).toBe('apiVersion: v1\nkind: Service\n');
    expect(rel.config).toEqual({ replicas: 3 });
    expect(rel.manifest).toBe(HELM_MANIFEST);
    expect(rel.hooks![0]).toMatchObject({ kind: 'Job', weight: -5, events: ['pre-install', 'pre-upgrade'], last_run: { phase: 'Succeeded' } });
    expect(parseHelmTime(rel.info.first_deployed)?.toISOString()).toBe('2025-03-04T09:11:12.123Z');
    expect(parseHelmTime(rel.chart.schemamodtime)).toBeUndefined();
  });

  it('decodes the uncompressed base64(JSON) variant Helm still accepts', () => {
    expect(decodeRelease(helmEncodedPlain())).toEqual(decodeRelease(helmEncoded()));
  });

  it('keeps fields it does not model when re-encoding (round trip through hull)', () => {
    const json = helmReleaseJSON().replace('"status":"deployed"', '"status":"deployed","rollback_revision":2,"future_field":true');
    const again = JSON.parse(releaseJSON(decodeRelease(helmEncoded(json))));
    expect(again.info.rollback_revision).toBe(2);
    expect(again.info.future_field).toBe(true);
    expect(again.chart.schemamodtime).toBe('0001-01-01T00:00:00Z');
  });

  it('fills what Go would zero when fields are missing', () => {
    const rel = decodeRelease(helmEncodedPlain('{"name":"x"}'));
    expect(rel).toMatchObject({ name: 'x', version: 0, manifest: '', info: { status: 'unknown' } });
  });

  it('throws a HullError naming the record for a corrupt body', () => {
    const corrupt = Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3]).toString('base64');
    expect(() => decodeRelease(corrupt, 'Secret s1')).toThrow(HullError);
    expect(() => decodeRelease(corrupt, 'Secret s1')).toThrow(/decode Secret s1/);
    expect(() => decodeRelease(Buffer.from('[1]').toString('base64'))).toThrow(/not a JSON object/);
  });
});
