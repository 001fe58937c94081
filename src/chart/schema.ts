// values.schema.json validation with ajv. Errors name the JSON path, the rule that failed and the
// offending value, and subcharts are checked against their own schema with their scoped values.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { HullError } from '../errors.ts';
import type { Chart } from './types.ts';
import { activeDependencies } from './dependencies.ts';
import { isPlainObject } from './yaml.ts';
import { stringifyJson } from '../json.ts';

let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object, chartName: string): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    // strict: false because real-world schemas carry annotations ajv does not know ($comment, ...).
    ajv ??= new Ajv({ allErrors: true, strict: false });
    // Charts name their draft in many spellings (http/https, with or without "#"); ajv would look
    // each up as a meta-schema. We validate with draft-07 semantics whatever the label says.
    const { $schema: _ignored, ...body } = schema as Record<string, unknown>;
    try {
      v = ajv.compile(body);
    } catch (e) {
      throw new HullError('CHART_INVALID', `${chartName}/values.schema.json: invalid schema: ${(e as Error).message}`);
    }
    compiled.set(schema, v);
  }
  return v;
}

function show(v: unknown): string {
  const s = stringifyJson(v);
  return s === undefined ? 'undefined' : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isPlainObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[k] : undefined;
  }
  return node;
}

function describe(e: ErrorObject, values: unknown, prefix: string): string {
  const parts = e.instancePath.split('/').slice(1).map((raw) => {
    const p = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(p) ? `[${p}]` : /^[\w-]+$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`;
  });
  let path = `${prefix}${parts.join('')}`;
  if (e.keyword === 'required') path += `.${(e.params as { missingProperty: string }).missingProperty}`;
  if (e.keyword === 'additionalProperties') path += `.${(e.params as { additionalProperty: string }).additionalProperty}`;
  const rule = e.keyword === 'required' ? 'required: the value is missing' : `${e.keyword}: ${e.message}`;
  const value = e.keyword === 'required' ? '' : ` (got ${show(valueAt(values, e.instancePath))})`;
  return `${path.replace(/^\./, '') || '(root)'}: ${rule}${value}`;
}

/** JSON Schema knows numbers only: Helm validates the values' JSON, where an int64 is a plain integer. */
function asJsonNumbers(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(asJsonNumbers);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asJsonNumbers(x)]));
  return v;
}

/** All schema problems of `values` (coalesced) for the chart and its active subcharts. */
export function valuesProblems(chart: Chart, raw: Record<string, unknown>, prefix = ''): string[] {
  const values = asJsonNumbers(raw) as Record<string, unknown>;
  const out: string[] = [];
  if (chart.schema) {
    const v = validatorFor(chart.schema, chart.metadata.name);
    if (!v(values)) out.push(...(v.errors ?? []).map((e) => describe(e, values, prefix || '')));
  }
  for (const { key, chart: sub } of activeDependencies(chart, values)) {
    const scoped = isPlainObject(values[key]) ? values[key] : {};
    out.push(...valuesProblems(sub, scoped, prefix ? `${prefix}.${key}` : key));
  }
  return out;
}

/** Throws VALUES_INVALID listing every problem ("replicas: type: must be integer (got "2")"). */
export function validateValues(chart: Chart, values: Record<string, unknown>): void {
  const problems = valuesProblems(chart, values);
  if (problems.length > 0) {
    throw new HullError('VALUES_INVALID', `values don't meet the chart's schema:\n  ${problems.join('\n  ')}`);
  }
}
