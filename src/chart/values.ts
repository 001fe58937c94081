// Values layering: values.yaml < each -f file < --set-json < --set < --set-string < --set-file
// (Helm's order), then chart defaults + user values with subchart scoping and `global`.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { HullError } from '../errors.ts';
import { deepClone, mergeValues, type Values } from './merge.ts';
import { activeDependencies } from './dependencies.ts';
import { applySet } from './setparse.ts';
import type { Chart } from './types.ts';
import { decodeUtf8 } from './text.ts';
import { isPlainObject, parseYamlMap } from './yaml.ts';

export { validateValues } from './schema.ts';

export interface ValueOptions {
  valueFiles?: string[];
  set?: string[];
  setString?: string[];
  setJson?: string[];
  setFile?: string[];
}

async function readValuesFile(path: string): Promise<string> {
  return decodeUtf8(await readValuesBytes(path), path === '-' ? '(stdin)' : path, 'VALUES_INVALID');
}

async function readValuesBytes(path: string): Promise<Buffer> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(path);
  } catch (e) {
    throw new HullError('VALUES_INVALID', `values file ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (e as Error).message}`);
  }
}

/** The user-supplied values (what Helm stores as the release's `config`). */
export async function mergeUserValues(opts: ValueOptions): Promise<Values> {
  let out: Values = {};
  for (const f of opts.valueFiles ?? []) {
    out = mergeKeepingNulls(out, parseYamlMap(await readValuesFile(f), f, 'VALUES_INVALID'));
  }
  const readSetFile = (p: string) => {
    try {
      return readFileSync(p, 'utf8');
    } catch (e) {
      throw new HullError('VALUES_INVALID', `--set-file ${p}: ${(e as Error).message}`);
    }
  };
  for (const e of opts.setJson ?? []) applySet(out, e, 'json');
  for (const e of opts.set ?? []) applySet(out, e, 'set');
  for (const e of opts.setString ?? []) applySet(out, e, 'string');
  for (const e of opts.setFile ?? []) applySet(out, e, 'file', readSetFile);
  return out;
}

/** Between user layers a null must survive: it is what later deletes the chart's default. */
function mergeKeepingNulls(base: Values, over: Values): Values {
  const out = deepClone(base);
  for (const [k, v] of Object.entries(over)) {
    out[k] = isPlainObject(v) && isPlainObject(out[k]) ? mergeKeepingNulls(out[k] as Values, v) : deepClone(v);
  }
  return out;
}

/**
 * Chart defaults + user values: the values templates see. Each subchart gets its defaults under
 * the parent's section for it, and the parent's `global` map overrides the subchart's. Idempotent,
 * so coalescing already-coalesced values changes nothing.
 */
export function coalesceValues(chart: Chart, userValues: Values): Values {
  const vals = mergeValues(chart.values, userValues);
  const global = isPlainObject(vals.global) ? vals.global : {};
  if (chart.dependencies.length > 0 || Object.keys(global).length > 0) vals.global = global;
  for (const { key, chart: sub } of activeDependencies(chart, vals)) {
    const section = isPlainObject(vals[key]) ? (vals[key] as Values) : {};
    const withGlobal = { ...section, global: mergeValues(isPlainObject(section.global) ? section.global : {}, global) };
    vals[key] = coalesceValues(sub, withGlobal);
  }
  return vals;
}
