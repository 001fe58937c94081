// Naming and labelling of Helm's storage Secrets (storage/storage.go makeKey, driver/secrets.go
// newSecretsObject, driver/util.go systemLabels). These labels are what lets `list`, `history`
// and pruning work without decoding release bodies.
import type { Release } from '../release/types.ts';
import { parseStatus, type Status } from '../release/status.ts';

export const STORAGE_PREFIX = 'sh.helm.release.v1';
export const SECRET_TYPE = 'helm.sh/release.v1';
export const DATA_KEY = 'release';
export const OWNER = 'helm';

/** Labels Helm owns; anything else on the Secret is a custom release label (helm --labels). */
export const SYSTEM_LABELS: readonly string[] = ['name', 'owner', 'status', 'version', 'createdAt', 'modifiedAt'];

export function secretName(name: string, version: number): string {
  return `${STORAGE_PREFIX}.${name}.v${version}`;
}

/** Label selector for every revision of one release, or for all releases when name is omitted. */
export function releaseSelector(name?: string, status?: Status): string {
  return [`owner=${OWNER}`, name ? `name=${name}` : '', status ? `status=${status}` : ''].filter(Boolean).join(',');
}

/** Unix seconds as a decimal string: Helm's createdAt/modifiedAt format. */
export function unixSeconds(d: Date): string {
  return String(Math.floor(d.getTime() / 1000));
}

export function customLabels(labels: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels ?? {})) if (!SYSTEM_LABELS.includes(k)) out[k] = v;
  return out;
}

/**
 * The Secret's labels, as Helm 4 writes them: createdAt on create, and only modifiedAt on update
 * (its update rebuilds the label set, so createdAt goes). Either is a time for `list` without
 * decoding a body.
 */
export function releaseLabels(rel: Release, now: Date, write: 'create' | 'update'): Record<string, string> {
  return {
    ...customLabels(rel.labels),
    name: rel.name,
    owner: OWNER,
    status: rel.info.status,
    version: String(rel.version),
    [write === 'create' ? 'createdAt' : 'modifiedAt']: unixSeconds(now),
  };
}

/** What the labels alone say about one stored revision. */
export interface ReleaseEntry {
  name: string;
  namespace: string;
  version: number;
  status: Status;
  /** modifiedAt, else createdAt (a revision Helm created and never updated has only createdAt). */
  modifiedAt?: Date;
  createdAt?: Date;
  /** Custom labels only. */
  labels: Record<string, string>;
}

function parseUnix(s: string | undefined): Date | undefined {
  if (!s || !/^\d+$/.test(s)) return undefined;
  return new Date(Number(s) * 1000);
}

/**
 * Reads an entry from a Secret's labels; undefined when they do not describe a Helm release
 * (a foreign Secret that happens to carry owner=helm), so listing skips it as Helm skips
 * bodies it cannot decode.
 */
export function entryFromLabels(labels: Record<string, string> | undefined, namespace: string): ReleaseEntry | undefined {
  if (!labels?.name || !/^\d+$/.test(labels.version ?? '')) return undefined;
  const createdAt = parseUnix(labels.createdAt);
  return {
    name: labels.name,
    namespace,
    version: Number(labels.version),
    status: parseStatus(labels.status),
    modifiedAt: parseUnix(labels.modifiedAt) ?? createdAt,
    createdAt,
    labels: customLabels(labels),
  };
}
