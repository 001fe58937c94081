// Runs an operation while holding the release's lock. If the lock was taken over from a holder that
// died, the revision it left pending is marked failed first, so history stays consistent and the
// new operation proceeds (Helm leaves such a release stuck in "another operation is in progress").
import type { Configuration } from '../config.ts';
import { isInProgress } from '../release/status.ts';
import { failedDescription, markFailed, operationOf } from '../release/transitions.ts';
import { acquireLock, describeHolder } from '../storage/lock.ts';
import type { Release } from '../release/types.ts';
import type { ReleaseContext } from './context.ts';

/**
 * Runs `fn` holding the lock. `fn` gets the release's latest revision as read under the lock, and
 * a Configuration whose signal also aborts if the lock is lost (taken over after a stall): the
 * operation must then stop writing, since another one now owns the release.
 */
export async function withLock<T>(cfg: Configuration, ctx: ReleaseContext, name: string, operation: string, fn: (latest: Release | undefined, locked: Configuration) => Promise<T>): Promise<T> {
  const lock = await acquireLock(ctx.kube, ctx.namespace, name, { operation }, { leaseSeconds: leaseSeconds(), now: cfg.clock });
  try {
    const latest = await failStalePending(cfg, ctx, name, lock.takeover ? `lock taken over from ${describeHolder(lock.takeover.previousHolder)}` : undefined);
    const signal = cfg.signal ? AbortSignal.any([cfg.signal, lock.signal]) : lock.signal;
    return await fn(latest, { ...cfg, signal, lock });
  } finally {
    await lock.release().catch((e) => cfg.log.warn(`release lock: ${(e as Error).message}`));
  }
}

/** HULL_LOCK_LEASE_SECONDS shortens the lease (how long a dead holder blocks the release) for tests. */
function leaseSeconds(): number | undefined {
  const v = Number(process.env.HULL_LOCK_LEASE_SECONDS);
  return Number.isInteger(v) && v > 0 ? v : undefined;
}

/**
 * We hold the lock, so a pending latest revision belongs to an operation that is no longer running
 * (killed, or a Helm run that died): record it as failed.
 */
export async function failStalePending(cfg: Configuration, ctx: ReleaseContext, name: string, why?: string): Promise<Release | undefined> {
  const latest = await ctx.driver.latest(name);
  if (!latest || !isInProgress(latest.info.status)) return latest;
  const reason = `the ${latest.info.status.replace('pending-', '').replace('uninstalling', 'uninstall')} operation stopped before finishing${why ? ` (${why})` : ''}`;
  cfg.log.warn(`release "${name}" revision ${latest.version} was left ${latest.info.status}: marking it failed`);
  const failed = markFailed(latest, failedDescription(operationOf(latest.info.status), name, reason));
  await ctx.driver.update(failed);
  return failed;
}
