import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Chart } from './types.ts';
import { chartValues, coalesceValues, mergeUserValues, upgradeValues, validateValues } from './values.ts';

/** A chart for tests; its templates are Handlebars unless `metadata` says otherwise. */
export function chartOf(partial: Partial<Chart> & { name?: string }): Chart {
  return {
    metadata: { apiVersion: 'v2', name: partial.name ?? 'c', version: '0.1.0', annotations: { 'hull.sh/template-language': 'handlebars' }, ...partial.metadata },
    values: partial.values ?? {},
    schema: partial.schema,
    templates: partial.templates ?? [],
    files: partial.files ?? [],
    crds: [],
    dependencies: partial.dependencies ?? [],
    path: '/charts/c',
  };
}

describe('values layering', () => {
  it('layers -f files in order, then --set-json, --set, --set-string', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hull-values-'));
    await writeFile(join(dir, 'a.yaml'), 'a: 1\nm: {x: 1, z: 1}\nl: [1, 2]\n');
    await writeFile(join(dir, 'b.yaml'), 'm: {z: 2}\nl: [3]\ngone: null\n');
    const v = await mergeUserValues({ valueFiles: [join(dir, 'a.yaml'), join(dir, 'b.yaml')], setJson: ['j={"k":1}'], set: ['a=2,j.k=2'], setString: ['s=3'], setLiteral: ['s=4,5'] });
    expect(v).toEqual({ a: 2n, m: { x: 1, z: 2 }, l: [3], gone: null, j: { k: 2n }, s: '4,5' });
  });
  it('reads values files as YAML 1.1, as Helm does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hull-values-'));
    await writeFile(join(dir, 'a.yaml'), 'on: yes\nmode: Off\noct: 0777\nnum: 1_000\nt: 1:30\nd: 2001-12-14\n');
    expect(await mergeUserValues({ valueFiles: [join(dir, 'a.yaml')] })).toEqual({ true: true, mode: false, oct: 511, num: 1000, t: '1:30', d: '2001-12-14' });
  });
  it('names the file and line of a YAML error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hull-values-'));
    await writeFile(join(dir, 'bad.yaml'), 'a: 1\na: 2\n');
    await expect(mergeUserValues({ valueFiles: [join(dir, 'bad.yaml')] })).rejects.toThrow(/bad\.yaml:2: Map keys must be unique/);
    await expect(mergeUserValues({ valueFiles: [join(dir, 'missing.yaml')] })).rejects.toThrow(/missing\.yaml: not found/);
  });
  it('merges maps deeply, replaces lists, and null deletes a default', () => {
    const chart = chartOf({ values: { a: { b: 1, c: 2 }, l: [1, 2], keep: 'x', drop: 'y' } });
    expect(coalesceValues(chart, { a: { c: 3 }, l: [9], drop: null })).toEqual({ a: { b: 1, c: 3 }, l: [9], keep: 'x' });
  });
  it('is idempotent', () => {
    const chart = chartOf({ values: { a: { b: 1 } } });
    const once = coalesceValues(chart, { a: { c: 2 } });
    expect(coalesceValues(chart, once)).toEqual(once);
  });
  it('scopes subchart values under their name and shares global, parent winning', () => {
    const sub = chartOf({ name: 'db', values: { port: 5432, user: 'pg', global: { env: 'sub', only: 'sub' } } });
    const chart = chartOf({ values: { global: { env: 'prod' }, db: { user: 'app' } }, dependencies: [sub] });
    const v = coalesceValues(chart, {});
    expect(v.db).toEqual({ port: 5432, user: 'app', global: { env: 'prod', only: 'sub' } });
  });
  it('leaves out subcharts whose condition is false and honours aliases', () => {
    const sub = chartOf({ name: 'db', values: { port: 1 } });
    const chart = chartOf({
      metadata: { apiVersion: 'v2', name: 'c', version: '1.0.0', dependencies: [{ name: 'db', condition: 'db.enabled' }, { name: 'db', alias: 'cache' }] },
      values: { db: { enabled: false } },
      dependencies: [sub],
    });
    const { values: v, chart: active } = chartValues(chart, {});
    expect(v.db).toEqual({ enabled: false });
    expect(v.cache).toEqual({ port: 1, global: {} });
    expect(active.dependencies.map((d) => d.metadata.name)).toEqual(['cache']);
  });
  it("imports exported and child tables into the parent, the parent's own values winning", () => {
    const sub = chartOf({ name: 'db', values: { exports: { conn: { host: 'db', port: 5432 } }, auth: { user: 'pg', pass: 'x' } } });
    const chart = chartOf({
      metadata: { apiVersion: 'v2', name: 'c', version: '1.0.0', dependencies: [{ name: 'db', 'import-values': ['conn', { child: 'auth', parent: 'creds.db' }, 'missing'] }] },
      values: { port: 1 },
      dependencies: [sub],
    });
    const { values, missingImports } = chartValues(chart, {});
    expect(values).toMatchObject({ host: 'db', port: 1, creds: { db: { user: 'pg', pass: 'x' } } });
    expect(missingImports).toEqual(["c/Chart.yaml: dependency db: import-values: exports.missing is not a map in db's values, so nothing is imported"]);
  });
  it('upgrade values: reset, reuse (old chart defaults), reset-then-reuse, and keep-when-empty', () => {
    const chart = chartOf({ values: { a: 'new-default', b: 'new-default' } });
    const previous = { chartValues: { a: 'old-default', c: 'old-only' }, config: { b: 'old-user' } };
    const given = { a: 'given' };
    expect(upgradeValues(chart, given, previous, 'reset').config).toEqual(given);
    const reuse = upgradeValues(chart, given, previous, 'reuse');
    expect(reuse.config).toEqual({ a: 'given', b: 'old-user' });
    expect(reuse.chart.values).toEqual({ a: 'old-default', b: 'old-user', c: 'old-only' });
    const rtr = upgradeValues(chart, given, previous, 'reset-then-reuse');
    expect(rtr).toEqual({ chart, config: { a: 'given', b: 'old-user' } });
    expect(upgradeValues(chart, {}, previous, undefined).config).toEqual({ b: 'old-user' });
    expect(upgradeValues(chart, given, previous, undefined).config).toEqual(given);
  });
  it('never pollutes prototypes through values', () => {
    const chart = chartOf({ values: {} });
    const evil = JSON.parse('{"__proto__": {"polluted": 1}, "a": {"constructor": {"prototype": {"p": 1}}}}');
    coalesceValues(chart, evil);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });
});

describe('values.schema.json', () => {
  const schema = {
    $schema: 'https://json-schema.org/draft-07/schema#',
    type: 'object',
    required: ['image'],
    properties: { replicas: { type: 'integer', minimum: 1 }, image: { type: 'string' }, labels: { type: 'object', additionalProperties: { type: 'string' } } },
  };
  it('accepts valid values, --set integers (bigint) included', () => {
    expect(() => validateValues(chartOf({ schema }), { image: 'x', replicas: 2 })).not.toThrow();
    expect(() => validateValues(chartOf({ schema }), { image: 'x', replicas: 2n })).not.toThrow();
  });
  it('names the path, the rule and the value of every problem', () => {
    let msg = '';
    try {
      validateValues(chartOf({ schema }), { replicas: 0, labels: { 'a/b': true } });
    } catch (e) {
      msg = (e as Error).message;
      expect((e as { code: string }).code).toBe('VALUES_INVALID');
    }
    expect(msg).toContain('image: required');
    expect(msg).toContain('replicas: minimum: must be >= 1 (got 0)');
    expect(msg).toContain('labels["a/b"]: type: must be string (got true)');
  });
  it('validates subcharts against their own schema with scoped paths', () => {
    const sub = chartOf({ name: 'db', schema: { type: 'object', properties: { port: { type: 'integer' } } } });
    const chart = chartOf({ dependencies: [sub] });
    const active = chartValues(chart, { db: { port: 'x' } });
    expect(() => validateValues(active.chart, active.values)).toThrow(/db\.port: type: must be integer \(got "x"\)/);
  });
});
