// Loads a chart from a directory or a packaged .tgz into the pure Chart structure. All I/O for
// charts happens here; everything downstream works on the in-memory Chart.
import { lstat, readFile } from 'node:fs/promises';
import { lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { fromNanos, rfc3339Nano } from '../release/time.ts';
import { join, relative, sep } from 'node:path';
import { HullError } from '../errors.ts';
import { readTgz, type ArchiveEntry } from './archive.ts';
import { HELMIGNORE, defaultRules, helmIgnores, parseHelmignore, type IgnoreRule } from './helmignore.ts';
import { parseMetadata } from './metadata.ts';
import type { Chart, ChartFile } from './types.ts';
import { assertUtf8, decodeUtf8 } from './text.ts';
import { parseYamlMap } from './yaml.ts';

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export async function loadChart(path: string): Promise<Chart> {
  let st;
  try {
    st = await lstat(path);
  } catch {
    throw new HullError('CHART_INVALID', `chart "${path}" not found`);
  }
  if (st.isDirectory()) return fromFiles(await readDir(path), path);
  if (/\.(tgz|tar\.gz)$/.test(path)) return fromArchive(readTgz(await readFile(path), path), path);
  throw new HullError('CHART_INVALID', `${path}: a chart is a directory or a .tgz archive`);
}

/**
 * Reads every file under `root`, refusing symlinks that resolve outside it. Synchronously on
 * purpose: a CLI has nothing else to do meanwhile, and hundreds of awaited calls cost more than
 * the reads themselves (a 300-template chart loads in a third of the time).
 */
export async function readDir(root: string): Promise<ArchiveEntry[]> {
  const realRoot = realpathSync(root);
  const rules = ignoreRules(root);
  const out: ArchiveEntry[] = [];
  // Real paths of the directories being walked: a symlink back to one of them is a loop.
  const open = new Set<string>([realRoot]);
  function walk(dir: string): void {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(dir, entry.name);
      const rel = relative(root, full).split(sep).join('/');
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(full);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new HullError('CHART_INVALID', `${root}: symlink "${rel}" is part of a symlink loop`);
          const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'is broken (its target does not exist)' : `cannot be followed (${(e as NodeJS.ErrnoException).code})`;
          throw new HullError('CHART_INVALID', `${root}: symlink "${rel}" ${why}`);
        }
        if ( (target !== realRoot && !target.startsWith(realRoot + sep))) {
          throw new HullError('CHART_INVALID', `${root}: symlink "${rel}" points outside the chart`);
        }
        const st = lstatSync(target);
        isDir = st.isDirectory();
        isFile = st.isFile();
        if (isDir && open.has(target)) throw new HullError('CHART_INVALID', `${root}: symlink "${rel}" points back to a directory that contains it (a loop)`);
      }
      // As Helm's walk: an ignored directory is skipped whole, an ignored file left out.
      if (helmIgnores(rules, rel, isDir)) continue;
      if (isDir) {
        const real = realpathSync(full);
        open.add(real);
        walk(full);
        open.delete(real);
      } else if (isFile) out.push({ name: rel, data: readFileSync(full), modtime: rfc3339Nano(fromNanos(statSync(full, { bigint: true }).mtimeNs)) });
    }
  }
  walk(root);
  return out;
}

/** Archives hold "<chart>/...": strip the single top directory. */
function fromArchive(entries: ArchiveEntry[], path: string): Chart {
  const tops = new Set(entries.map((e) => e.name.split('/')[0]));
  if (tops.size !== 1 || entries.some((e) => !e.name.includes('/'))) {
    throw new HullError('CHART_INVALID', `${path}: a packaged chart holds exactly one top-level directory`);
  }
  return fromFiles(entries.map((e) => ({ ...e, name: e.name.slice(e.name.indexOf('/') + 1) })), path);
}

/**
 * The rules of the chart directory's .helmignore (Helm reads only the top chart's, and only when
 * loading a directory: an archive is taken whole), then Helm's default rule.
 */
function ignoreRules(root: string): IgnoreRule[] {
  let text: Buffer;
  try {
    text = readFileSync(join(root, HELMIGNORE));
  } catch {
    return defaultRules();
  }
  return parseHelmignore(decodeUtf8(text, HELMIGNORE, 'CHART_INVALID'));
}

function fromFiles(all: ArchiveEntry[], path: string): Chart {
  const find = (n: string) => all.find((e) => e.name === n);
  const chartYaml = find('Chart.yaml');
  if (!chartYaml) throw new HullError('CHART_INVALID', `${path}: Chart.yaml not found (is this a chart?)`);
  // .helmignore itself stays: Helm keeps it among the chart's Files (and so in its release records).
  const files = [...all].sort(byName);

  const metadata = parseMetadata(decodeUtf8(chartYaml.data, 'Chart.yaml', 'CHART_INVALID'), 'Chart.yaml');
  const valuesFile = find('values.yaml');
  const values = valuesFile ? parseYamlMap(decodeUtf8(valuesFile.data, 'values.yaml', 'CHART_INVALID'), 'values.yaml', 'CHART_INVALID', { values: true }) : {};
  const schemaFile = find('values.schema.json');
  let schema: object | undefined;
  if (schemaFile) {
    try {
      schema = JSON.parse(decodeUtf8(schemaFile.data, 'values.schema.json', 'CHART_INVALID')) as object;
    } catch (e) {
      throw new HullError('CHART_INVALID', `values.schema.json: invalid JSON: ${(e as Error).message}`);
    }
  }

  const templates: ChartFile[] = [];
  const other: ChartFile[] = [];
  const subFiles = new Map<string, ArchiveEntry[]>();
  const subArchives: ArchiveEntry[] = [];
  for (const f of files) {
    if (['Chart.yaml', 'values.yaml', 'values.schema.json', 'Chart.lock', 'requirements.yaml', 'requirements.lock'].includes(f.name)) continue;
    if (f.name.startsWith('templates/')) {
      assertUtf8(f.data, f.name, 'CHART_INVALID');
      templates.push(f);
    } else if (f.name.startsWith('crds/')) {
      assertUtf8(f.data, f.name, 'CHART_INVALID');
      other.push(f);
    } else if (f.name.startsWith('charts/')) {
      const rest = f.name.slice('charts/'.length);
      const slash = rest.indexOf('/');
      if (slash === -1) {
        if (/\.(tgz|tar\.gz)$/.test(rest)) subArchives.push(f);
      } else {
        const dir = rest.slice(0, slash);
        subFiles.set(dir, [...(subFiles.get(dir) ?? []), { name: rest.slice(slash + 1), data: f.data, modtime: f.modtime }]);
      }
    } else other.push(f);
  }

  const dependencies: Chart[] = [];
  for (const [dir, entries] of [...subFiles].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!entries.some((e) => e.name === 'Chart.yaml')) continue;
    dependencies.push(withContext(`charts/${dir}`, () => fromFiles(entries, `${path}/charts/${dir}`)));
  }
  for (const a of subArchives) {
    const where = `${path}/${a.name}`;
    dependencies.push(withContext(a.name, () => fromArchive(readTgz(a.data, where), where)));
  }
  dependencies.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));

  return { metadata, modtime: chartYaml.modtime, values, schema, schemaRaw: schemaFile?.data, schemaModtime: schemaFile?.modtime, templates, files: other, crds: other.filter((f) => f.name.startsWith('crds/')), dependencies, path };
}

/** Prefixes errors from a subchart with where it sits, so "Chart.yaml: ..." is findable. */
function withContext<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof HullError) throw new HullError(e.code, `${where}/${e.message}`, { cause: e });
    throw e;
  }
}
