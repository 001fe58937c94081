// Pure helpers for moving a release between states, mirroring what Helm's actions write, so the
// action code reads as a sequence of named steps and tests can check each record.
// Every helper copies with spread: fields hull does not know (written by a newer Helm) survive.
import type { Hook, Release, StoredChart, Values } from './types.ts';
import type { PendingStatus, Status } from './status.ts';
import { rfc3339Nano, type PreciseDate } from './time.ts';

/** Go's zero time as Helm 3 wrote it; Helm 4 omits the field instead. */
const GO_ZERO_TIME = /^0001-01-01T00:00:00(\.0+)?(Z|[+-]00:00)$/;

/**
 * How hull writes a time into release JSON: RFC 3339 in UTC as Go's RFC3339Nano prints it (no
 * trailing zeros in the fraction), so hull's and Helm's views of the same record read the same.
 */
export function helmTime(d: PreciseDate): string {
  return rfc3339Nano(d);
}

/**
 * Parses a time from release JSON: RFC 3339 with up to nanosecond precision and any zone offset.
 * Returns undefined for absent, "" (accepted by Helm 4) and Go's zero time (written by Helm 3).
 */
export function parseHelmTime(s: string | undefined | null): Date | undefined {
  if (!s || GO_ZERO_TIME.test(s)) return undefined;
  // Date.parse only guarantees millisecond precision; Go writes up to nine fractional digits.
  const trimmed = s.replace(/(\.\d{3})\d+/, '$1');
  const d = new Date(trimmed);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function withStatus(rel: Release, status: Status, description?: string): Release {
  return { ...rel, info: { ...rel.info, status, ...(description === undefined ? {} : { description }) } };
}

/** Helm keeps the old description when an upgrade or rollback supersedes a revision. */
export function markSuperseded(rel: Release): Release {
  return withStatus(rel, 'superseded');
}

export function markDeployed(rel: Release, description: string): Release {
  return withStatus(rel, 'deployed', description);
}

/**
 * Helm's description of a failed revision, by operation: `Upgrade "NAME" failed: ERR` and
 * `Rollback "NAME" failed: ERR`; an install's is `Release "NAME" failed: ERR`. Only the first line
 * of the error: the history table shows one line per revision.
 */
export function failedDescription(op: 'install' | 'upgrade' | 'rollback', name: string, error: string): string {
  const first = error.split('\n')[0];
  const what = { install: 'Release', upgrade: 'Upgrade', rollback: 'Rollback' }[op];
  return `${what} "${name}" failed: ${first}`;
}

/** The operation a pending status belongs to. */
export function operationOf(status: Status): 'install' | 'upgrade' | 'rollback' {
  return status === 'pending-upgrade' ? 'upgrade' : status === 'pending-rollback' ? 'rollback' : 'install';
}

/** Helm's wording: see failedDescription. */
export function markFailed(rel: Release, description: string): Release {
  return withStatus(rel, 'failed', description);
}

export function markUninstalling(rel: Release, now: Date): Release {
  const next = withStatus(rel, 'uninstalling', 'Deletion in progress (or silently failed)');
  return { ...next, info: { ...next.info, deleted: helmTime(now) } };
}

export function markUninstalled(rel: Release, now: Date, description = 'Uninstallation complete'): Release {
  const next = withStatus(rel, 'uninstalled', description);
  return { ...next, info: { ...next.info, deleted: next.info.deleted ?? helmTime(now) } };
}

/** Oldest first. */
export function sortByVersion<T extends { version: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.version - b.version);
}

/** The highest revision, or undefined for an empty history. */
export function latestOf<T extends { version: number }>(items: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const it of items) if (!best || it.version > best.version) best = it;
  return best;
}

/**
 * The highest revision whose status is "deployed". Helm takes the latest when several claim it
 * (a concurrent-run corruption it documents), and so do we.
 */
export function lastDeployedOf(items: readonly Release[]): Release | undefined {
  return latestOf(items.filter((r) => r.info?.status === 'deployed'));
}

export function nextVersion(items: readonly { version: number }[]): number {
  return (latestOf(items)?.version ?? 0) + 1;
}

export interface NewRevision {
  name: string;
  namespace: string;
  version: number;
  chart: StoredChart;
  config: Values;
  manifest: string;
  hooks: Hook[];
  notes?: string;
  status: PendingStatus;
  description: string;
  now: Date;
  /** The first revision's first_deployed; omitted for an install. */
  firstDeployed?: string;
  rollbackRevision?: number;
  labels?: Record<string, string>;
}

/** A revision about to be applied, in the pending status that tells others an operation runs. */
export function newRevision(p: NewRevision): Release {
  const now = helmTime(p.now);
  const rel: Release = {
    name: p.name,
    namespace: p.namespace,
    version: p.version,
    info: {
      first_deployed: p.firstDeployed ?? now,
      last_deployed: now,
      description: p.description,
      status: p.status,
      ...(p.rollbackRevision ? { rollback_revision: p.rollbackRevision } : {}),
      ...(p.notes ? { notes: p.notes } : {}),
    },
    chart: p.chart,
    manifest: p.manifest,
    hooks: p.hooks,
    apply_method: 'ssa',
  };
  if (Object.keys(p.config).length > 0) rel.config = p.config;
  if (p.labels && Object.keys(p.labels).length > 0) rel.labels = p.labels;
  return rel;
}
