// --history-max: how many revisions of a release are kept. Helm prunes when it stores a new
// revision (storage.go removeLeastRecent): it makes room for the new one by deleting the oldest
// revisions until max-1 remain, skipping the last deployed revision, which a rollback needs and
// which is therefore kept even if that leaves more than max. 0 (or less) means unlimited.
// Hull selects from labels only, so pruning costs the same however many revisions exist.
import type { Status } from '../release/status.ts';
import type { Driver } from './driver.ts';

export const DEFAULT_HISTORY_MAX = 10;

/**
 * Versions to delete so that at most `keep` revisions remain, oldest first, never the highest
 * deployed one. Pure: `entries` need only version and status (labels suffice).
 */
export function selectPrunable(entries: readonly { version: number; status: Status }[], keep: number): number[] {
  if (keep < 0 || entries.length <= keep) return [];
  const sorted = [...entries].sort((a, b) => a.version - b.version);
  const deployed = sorted.filter((e) => e.status === 'deployed').at(-1)?.version;
  const out: number[] = [];
  for (const e of sorted) {
    if (sorted.length - out.length <= keep) break;
    if (e.version !== deployed) out.push(e.version);
  }
  return out;
}

export interface PruneResult {
  deleted: number[];
  /** Deletions that failed; pruning is housekeeping, so the caller decides whether to warn or fail. */
  errors: Array<{ version: number; error: unknown }>;
}

/**
 * Call just before creating a new revision: keeps historyMax-1 old ones so that, with the new one,
 * historyMax remain. Tries every deletion, as Helm does, so a transient failure is caught up next time.
 */
export async function pruneHistory(driver: Driver, name: string, historyMax: number, opts: { newVersion?: number } = {}): Promise<PruneResult> {
  const result: PruneResult = { deleted: [], errors: [] };
  if (historyMax <= 0) return result;
  // The new revision may be created concurrently: leave it out whether or not it is listed yet.
  const entries = (await driver.listEntries(name)).filter((e) => e.version !== opts.newVersion);
  const versions = selectPrunable(entries, historyMax - 1);
  for (const version of versions) {
    try {
      await driver.delete(name, version);
      result.deleted.push(version);
    } catch (error) {
      result.errors.push({ version, error });
    }
  }
  return result;
}
