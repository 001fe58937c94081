// Data helpers: YAML/JSON in and out, lists and maps, numbers and versions.
import semver from 'semver';
import { isUnsafeKey, parseYaml } from '../../chart/yaml.ts';
import { marshalJson } from '../gotemplate/funcs/json.ts';
import { toYaml as helmToYaml } from '../gotemplate/funcs/yaml.ts';
import type { GoValue } from '../gotemplate/value.ts';

/**
 * Helm's toYaml, byte for byte (sigs.k8s.io/yaml: keys sorted, YAML 1.1 look-alikes quoted, lists
 * not indented under their key, long strings folded at column 80), so a chart's output does not
 * depend on its template language. Values here are what YAML/JSON parsing gives, as in Helm.
 */
export function toYaml(v: unknown): string {
  return helmToYaml(v as GoValue);
}

/** Helm's toJson (encoding/json: sorted keys, <, > and & escaped); "" when it cannot be encoded. */
function toJson(v: unknown): string {
  try {
    return marshalJson(v as GoValue);
  } catch {
    return '';
  }
}

function versionOf(v: unknown): string {
  const s = String(v);
  const parsed = semver.valid(s, { loose: true }) ?? semver.valid(semver.coerce(s, { includePrerelease: true }));
  if (!parsed) throw new Error(`semverCompare: "${s}" is not a version`);
  return parsed;
}

export const dataHelpers: Record<string, (...args: any[]) => unknown> = {
  toYaml,
  toJson,
  fromYaml: (s: string) => parseYaml(String(s), 'fromYaml', 'RENDER_FAILED'),
  fromJson: (s: string) => JSON.parse(String(s)),
  list: (...xs: unknown[]) => xs,
  dict: (...kv: unknown[]) => {
    if (kv.length % 2 !== 0) throw new Error('dict: expects key value pairs');
    const out: Record<string, unknown> = {};
    for (let i = 0; i < kv.length; i += 2) {
      const k = String(kv[i]);
      if (isUnsafeKey(k)) throw new Error(`dict: key "${k}" is not allowed`);
      out[k] = kv[i + 1];
    }
    return out;
  },
  int: (v: unknown) => {
    if (typeof v === 'bigint') return v;
    const n = typeof v === 'number' ? v : parseInt(String(v), 10);
    return Number.isNaN(n) ? 0 : Math.trunc(n);
  },
  semverCompare: (raw: string, version: unknown) => {
    // Helm's constraints allow "1.20-0" (a partial version with a prerelease); node-semver wants X.Y.Z.
    const constraint = String(raw).replace(/(^|[^.\d])(\d+)\.(\d+)(?=-)/g, '$1$2.$3.0');
    if (!semver.validRange(constraint, { includePrerelease: true })) throw new Error(`semverCompare: "${constraint}" is not a version constraint`);
    return semver.satisfies(versionOf(version), constraint, { includePrerelease: true });
  },
};
