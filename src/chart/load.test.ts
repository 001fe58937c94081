import { mkdir, mkdtemp, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { fromNanos, rfc3339Nano } from '../release/time.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadChart } from './load.ts';

/** A minimal ustar writer, enough to build test archives (names up to 100 bytes). */
function tgz(entries: Array<{ name: string; data?: string; type?: string }>): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    const h = Buffer.alloc(512);
    h.write(e.name, 0, 100);
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write(e.type ?? '0', 156);
    h.write('ustar\0', 257);
    h.write('00', 263);
    h.fill(' ', 148, 156);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

const CHART_YAML = 'apiVersion: v2\nname: demo\nversion: 1.2.3\n';

async function tmp(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'hull-load-'));
}

describe('loadChart', () => {
  it('loads a directory: metadata, values, schema, sorted templates, files, crds, subcharts, .helmignore', async () => {
    const d = await tmp();
    await mkdir(join(d, 'templates'), { recursive: true });
    await mkdir(join(d, 'crds'));
    await mkdir(join(d, 'charts/sub/templates'), { recursive: true });
    await writeFile(join(d, 'Chart.yaml'), CHART_YAML);
    await writeFile(join(d, 'values.yaml'), 'a: 1\n');
    await writeFile(join(d, 'values.schema.json'), '{"type":"object"}');
    await writeFile(join(d, 'templates/b.yaml'), 'b');
    await writeFile(join(d, 'templates/a.yaml'), 'a');
    await writeFile(join(d, 'crds/crd.yaml'), 'kind: CustomResourceDefinition');
    await writeFile(join(d, 'config.txt'), 'hello');
    await writeFile(join(d, 'secret.bak'), 'x');
    await writeFile(join(d, '.helmignore'), '# comment\n*.bak\n');
    await writeFile(join(d, 'charts/sub/Chart.yaml'), 'apiVersion: v2\nname: sub\nversion: 0.1.0\n');
    const c = await loadChart(d);
    expect(c.metadata).toMatchObject({ name: 'demo', version: '1.2.3' });
    expect(c.values).toEqual({ a: 1 });
    expect(c.schema).toEqual({ type: 'object' });
    expect(c.templates.map((t) => t.name)).toEqual(['templates/a.yaml', 'templates/b.yaml']);
    expect(c.files.map((f) => f.name)).toEqual(['.helmignore', 'config.txt', 'crds/crd.yaml']);
    expect(c.crds.map((f) => f.name)).toEqual(['crds/crd.yaml']);
    expect(c.dependencies.map((s) => s.metadata.name)).toEqual(['sub']);
  });

  it('rejects an invalid Chart.yaml with every problem', async () => {
    const d = await tmp();
    await writeFile(join(d, 'Chart.yaml'), 'apiVersion: v3\nname: Bad Name\nversion: one\n');
    await expect(loadChart(d)).rejects.toThrow(/apiVersion "v3"[\s\S]*name "Bad Name"[\s\S]*version "one"/);
  });

  it('refuses symlinks pointing outside the chart', async () => {
    const d = await tmp();
    await writeFile(join(d, 'Chart.yaml'), CHART_YAML);
    await symlink('/etc/passwd', join(d, 'passwd'));
    await expect(loadChart(d)).rejects.toThrow(/symlink "passwd" points outside the chart/);
  });

  it('loads a packaged .tgz, stripping the top directory', async () => {
    const d = await tmp();
    const file = join(d, 'demo-1.2.3.tgz');
    await writeFile(file, tgz([
      { name: 'demo/', type: '5' },
      { name: 'demo/Chart.yaml', data: CHART_YAML },
      { name: 'demo/values.yaml', data: 'x: z\n' },
      { name: 'demo/templates/cm.yaml', data: 'kind: ConfigMap' },
      { name: 'demo/charts/sub/Chart.yaml', data: 'apiVersion: v2\nname: sub\nversion: 0.1.0\n' },
    ]));
    const c = await loadChart(file);
    expect(c.metadata.name).toBe('demo');
    expect(c.values).toEqual({ x: 'z' });
    expect(c.templates.map((t) => t.name)).toEqual(['templates/cm.yaml']);
    expect(c.dependencies.map((s) => s.metadata.name)).toEqual(['sub']);
    // The header's mtime (zero in this archive) is the file's modtime, as Helm 4 stores it.
    expect(c.templates[0].modtime).toBe('1970-01-01T00:00:00Z');
  });

  it('keeps each file\'s mtime to the nanosecond, Chart.yaml\'s as the chart\'s, and the schema\'s bytes', async () => {
    const d = await tmp();
    const schema = '{ "type": "object" }\n';
    await writeFile(join(d, 'Chart.yaml'), CHART_YAML);
    await writeFile(join(d, 'values.schema.json'), schema);
    await mkdir(join(d, 'templates'));
    await writeFile(join(d, 'templates', 'cm.yaml'), 'kind: ConfigMap');
    await utimes(join(d, 'Chart.yaml'), 1796014629, 1796014629);
    const c = await loadChart(d);
    expect(c.modtime).toBe('2026-11-30T04:57:09Z');
    const ns = (await stat(join(d, 'templates', 'cm.yaml'), { bigint: true })).mtimeNs;
    expect(c.templates[0].modtime).toBe(rfc3339Nano(fromNanos(ns)));
    expect(c.schemaRaw?.toString()).toBe(schema);
    expect(c.schemaModtime).toMatch(/^\d{4}-/);
  });

  it.each([
    ['a ".." entry', 'demo/../../etc/evil', /escapes the chart/],
    ['an absolute entry', '/etc/evil', /absolute path/],
  ])('rejects an archive with %s', async (_what, name, err) => {
    const d = await tmp();
    const file = join(d, 'bad.tgz');
    await writeFile(file, tgz([{ name: 'demo/Chart.yaml', data: CHART_YAML }, { name, data: 'x' }]));
    await expect(loadChart(file)).rejects.toThrow(err);
  });

  it('rejects links inside archives and archives that are not gzip', async () => {
    const d = await tmp();
    const file = join(d, 'link.tgz');
    await writeFile(file, tgz([{ name: 'demo/Chart.yaml', data: CHART_YAML }, { name: 'demo/l', type: '2' }]));
    await expect(loadChart(file)).rejects.toThrow(/is a link/);
    await writeFile(join(d, 'junk.tgz'), 'not gzip');
    await expect(loadChart(join(d, 'junk.tgz'))).rejects.toThrow(/not a gzip archive/);
  });

  it('says so when there is no chart', async () => {
    await expect(loadChart('/nonexistent/chart')).rejects.toThrow(/not found/);
    await expect(loadChart(await tmp())).rejects.toThrow(/Chart\.yaml not found/);
  });
});
