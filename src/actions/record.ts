// Writing a revision's outcome to storage when the API server may be briefly unreachable: the
// record is retried for as long as the release's lock is ours (nobody else may write it meanwhile),
// and when it still cannot be written the error says what state storage is left in and what the
// next operation will do about it.
import type { Configuration } from '../config.ts';
import { HullError } from '../errors.ts';
import type { Release } from '../release/types.ts';
import type { Driver } from '../storage/driver.ts';
import { isTransient } from '../wait/watch-set.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** driver.update(rel), retried with backoff while the failure is transient and the lock is ours. */
export async function recordRevision(cfg: Configuration, driver: Driver, rel: Release): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await driver.update(rel);
    } catch (e) {
      const lock = cfg.lock;
      if (!isTransient(e) || !lock) throw e;
      const wait = Math.min(250 * 2 ** attempt, 3000);
      if (Date.now() + wait >= lock.heldUntil()) {
        // Past the lease others go by: write only if the lease is provably still ours.
        try {
          await lock.confirm();
        } catch {
          throw e;
        }
      }
      if (attempt === 0) cfg.log.warn(`record revision ${rel.version} as ${rel.info.status}: ${(e as Error).message}; retrying while the release's lock is ours`);
      await sleep(wait);
    }
  }
}

/** What to tell the user when a revision could not be recorded: storage still says `pending`. */
export function unrecorded(rel: Release, pendingStatus: string, e: unknown): string {
  return `revision ${rel.version} could not be recorded as ${rel.info.status} (${(e as Error).message}): ` +
    `storage still says ${pendingStatus}; the next hull operation on release "${rel.name}" marks it failed and goes on from there ` +
    `(after this run's lock lapses, at most ${DEFAULT_LAPSE_S}s after its last renewal)`;
}

const DEFAULT_LAPSE_S = 20;

export function unrecordedError(e: unknown, rel: Release, pendingStatus: string, recordError: unknown): HullError {
  const base = e instanceof HullError ? e : new HullError('OPERATION_FAILED', e instanceof Error ? e.message : String(e), { cause: e });
  return new HullError(base.code, `${base.message}; ${unrecorded(rel, pendingStatus, recordError)}`, { cause: e, exitCode: base.exitCode });
}
