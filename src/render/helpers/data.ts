// Data helpers: YAML/JSON in and out, lists and maps, numbers and versions.
import semver from 'semver';
import { stringify } from 'yaml';
import { isUnsafeKey, parseYaml } from '../../chart/yaml.ts';
import { stringifyJson } from '../../json.ts';

export function toYaml(v: unknown): string {
  if (v === null) return 'null';
  // lineWidth 0: never fold long strings, which would change values like certificates.
  return stringify(v, { lineWidth: 0, minContentWidth: 0 }).replace(/\n+$/, '');
}

function versionOf(v: unknown): string {
  const s = String(v);
  const parsed = semver.valid(s, { loose: true }) ?? semver.valid(semver.coerce(s, { includePrerelease: true }));
  if (!parsed) throw new Error(`semverCompare: "${s}" is not a version`);
  return parsed;
}

export const dataHelpers: Record<string, (...args: any[]) => unknown> = {
  toYaml,
  toJson: (v: unknown) => stringifyJson(v) ?? 'null',
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
