// Values layering: values.yaml < each -f file < --set-json < --set < --set-string < --set-file < --set-literal
// (Helm's order), then chart defaults + user values with subchart scoping and `global`.
import { readFile, stat } from 'node:fs/promises';
import { parseSize } from '../units.ts';
import { readFileSync } from 'node:fs';
import { fromSystemError, HullError } from '../errors.ts';
import { coalesceTables, deepClone, type Values } from './merge.ts';
import { processDependencies, subchartsOf } from './dependencies.ts';
import { applySet, mergeMaps } from './setparse.ts';
import type { Chart } from './types.ts';
import { decodeUtf8 } from './text.ts';
import { isPlainObject, parseYamlMap } from './yaml.ts';
import { stringifyJson } from '../json.ts';

export { validateValues } from './schema.ts';

export interface ValueOptions {
  valueFiles?: string[];
  set?: string[];
  setString?: string[];
  setJson?: string[];
  setFile?: string[];
  setLiteral?: string[];
}

async function readValuesFile(path: string): Promise<string> {
  return decodeUtf8(await readValuesBytes(path), path === '-' ? '(stdin)' : path, 'VALUES_INVALID');
}

/**
 * Values files above this are refused: the YAML parser keeps a node tree of ~170 bytes of memory
 * per byte of input (measured: 4.5 MB took 770 MB, 45 MB ran out of a 4 GB heap), and real values
 * files are kilobytes. HULL_MAX_VALUES_SIZE raises it ("8Mi").
 */
export const DEFAULT_MAX_VALUES_BYTES = 4 * 1024 * 1024;

function maxValuesBytes(): number {
  const raw = process.env.HULL_MAX_VALUES_SIZE;
  return raw ? parseSize(raw, 'HULL_MAX_VALUES_SIZE') : DEFAULT_MAX_VALUES_BYTES;
}

function tooLarge(what: string, size: number, max: number): HullError {
  return new HullError('VALUES_INVALID', `${what}: ${(size / 1024 / 1024).toFixed(1)} MiB is over hull's limit of ${(max / 1024 / 1024).toFixed(1)} MiB for a values file (its parser needs ~170x the file in memory); raise it with HULL_MAX_VALUES_SIZE=<size> if you must`);
}

async function readValuesBytes(path: string): Promise<Buffer> {
  const max = maxValuesBytes();
  if (path === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of process.stdin) {
      chunks.push(c as Buffer);
      size += (c as Buffer).length;
      if (size > max) throw tooLarge('values from stdin', size, max);
    }
    return Buffer.concat(chunks);
  }
  try {
    const size = (await stat(path)).size;
    if (size > max) throw tooLarge(`values file ${path}`, size, max);
    return await readFile(path);
  } catch (e) {
    if (e instanceof HullError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new HullError('VALUES_INVALID', `values file ${path}: not found`);
    throw fromSystemError(e, `values file ${path}`) ?? new HullError('VALUES_INVALID', `values file ${path}: ${(e as Error).message}`);
  }
}

/** The user-supplied values (what Helm stores as the release's `config`), layered as Helm does. */
export async function mergeUserValues(opts: ValueOptions): Promise<Values> {
  let out: Values = {};
  for (const f of opts.valueFiles ?? []) {
    out = mergeMaps(out, parseYamlMap(await readValuesFile(f), f, 'VALUES_INVALID', { values: true }));
  }
  const readSetFile = (p: string) => {
    try {
      return readFileSync(p, 'utf8');
    } catch (e) {
      throw new HullError('VALUES_INVALID', `--set-file ${p}: ${(e as Error).message}`);
    }
  };
  for (const e of opts.setJson ?? []) out = applySet(out, e, 'json');
  for (const e of opts.set ?? []) applySet(out, e, 'set');
  for (const e of opts.setString ?? []) applySet(out, e, 'string');
  for (const e of opts.setFile ?? []) applySet(out, e, 'file', readSetFile);
  for (const e of opts.setLiteral ?? []) applySet(out, e, 'literal');
  return out;
}

/**
 * Helm's coalesce of one chart: its defaults under the user's values (mutating `dest`), then each
 * subchart's section, which first receives the parent's `global`. Subchart sections are merged
 * keeping nulls, so a user's null reaches the subchart and deletes the subchart's default there.
 */
function coalesce(chart: Chart, dest: Values, merge: boolean): Values {
  const subs = subchartsOf(chart);
  const subNames = new Set(subs.map((c) => c.metadata.name));
  // Helm 4.1's rules: a default's nulls are not cleaned here (Helm's main branch later drops them).
  for (const [key, val] of Object.entries(deepClone(chart.values))) {
    if (Object.hasOwn(dest, key)) {
      const value = dest[key];
      if (value === null && !merge) delete dest[key];
      else if (isPlainObject(value) && isPlainObject(val)) coalesceTables(value, val, merge || subNames.has(key));
    } else dest[key] = val;
  }
  for (const sub of subs) {
    const key = sub.metadata.name;
    if (!Object.hasOwn(dest, key)) dest[key] = {};
    const section = dest[key];
    if (!isPlainObject(section)) throw new HullError('VALUES_INVALID', `type mismatch on ${key}: the values of subchart ${key} must be a map, got ${section === null ? 'null' : stringifyJson(section)}`);
    coalesceGlobals(section, dest);
    dest[key] = coalesce(sub, section, merge);
  }
  return dest;
}

/** The parent's `global` copied into a subchart's section; the parent's entries win. */
function coalesceGlobals(dest: Values, parent: Values): void {
  const dg = dest.global ?? {};
  const pg = parent.global ?? {};
  // Helm skips (with a warning) a `global` that is not a map.
  if (!isPlainObject(dg) || !isPlainObject(pg)) return;
  for (const [key, val] of Object.entries(pg)) {
    if (isPlainObject(val)) {
      const mine = dg[key];
      if (mine === undefined) dg[key] = deepClone(val);
      else if (isPlainObject(mine)) dg[key] = coalesceTables(deepClone(val), mine, true);
    } else if (!isPlainObject(dg[key])) dg[key] = val;
  }
  dest.global = dg;
}

/** Helm's CoalesceValues: chart defaults (subcharts included) under the user's values. */
export function coalesceValues(chart: Chart, userValues: Values): Values {
  return coalesce(chart, deepClone(userValues), false);
}

/**
 * What a release renders with: the chart with only its active subcharts and its import-values
 * applied, and the coalesced values. Every consumer (render, lint, get values --all) goes here.
 */
export function chartValues(chart: Chart, userValues: Values): { chart: Chart; values: Values; missingImports: string[] } {
  const missingImports: string[] = [];
  const active = processDependencies(chart, userValues, (c, v, merge) => coalesce(c, deepClone(v), merge), missingImports);
  return { chart: active, values: coalesceValues(active, userValues), missingImports };
}

export type ValuesReuse = 'reset' | 'reuse' | 'reset-then-reuse' | undefined;

/**
 * The values of an upgrade, as Helm's reuseValues: --reset-values takes only the new values;
 * --reuse-values merges them over the previous release's AND keeps the previous chart's defaults
 * (the previous coalesced values become the chart's values.yaml); --reset-then-reuse-values merges
 * them over the previous release's with the new chart's defaults; with none of these the previous
 * values are kept when no new ones are given. The flags are checked in that order, first one wins.
 */
export function upgradeValues(chart: Chart, given: Values, previous: { chartValues: Values; config: Values } | undefined, mode: ValuesReuse): { chart: Chart; config: Values } {
  if (!previous || mode === 'reset') return { chart, config: given };
  if (mode === 'reuse') {
    const oldChart: Chart = { ...chart, values: previous.chartValues, dependencies: [] };
    const oldValues = coalesceValues(oldChart, previous.config);
    return { chart: { ...chart, values: oldValues }, config: coalesceTables(deepClone(given), deepClone(previous.config)) };
  }
  if (mode === 'reset-then-reuse') return { chart, config: coalesceTables(deepClone(given), deepClone(previous.config)) };
  return { chart, config: Object.keys(given).length === 0 && Object.keys(previous.config).length > 0 ? previous.config : given };
}

/** `get values --all` of a stored release: Helm's CoalesceValues of the stored chart values and config. */
export function storedValues(chartValues: Values | null | undefined, config: Values): Values {
  return coalesceValues({ metadata: { apiVersion: 'v2', name: 'stored', version: '0.0.0' }, values: chartValues ?? {}, templates: [], files: [], crds: [], dependencies: [], path: '' }, config);
}
