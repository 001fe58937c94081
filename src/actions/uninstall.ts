// uninstall: pre-delete hooks, delete the release's resources in reverse install order (keeping
// those with helm.sh/resource-policy: keep), post-delete hooks, then drop or keep the history.
import type { Configuration } from '../config.ts';
import { HullError } from '../errors.ts';
import { buildPlan } from '../plan/plan.ts';
import { validateReleaseName } from '../release/name.ts';
import { markFailed, markUninstalled, markUninstalling } from '../release/transitions.ts';
import type { Release } from '../release/types.ts';
import type { Step } from '../plan/types.ts';
import { openReleases, type ReleaseContext } from './context.ts';
import { executePlan } from './execute.ts';
import { withLock } from './lock.ts';
import { hooksOf, manifestsOf } from './stored.ts';

export interface UninstallOptions {
  keepHistory?: boolean;
  noHooks?: boolean;
  timeoutMs: number;
  dryRun?: boolean;
  /** Helm's --description: the uninstalled revision's description (kept with --keep-history). */
  description?: string;
}

export interface UninstallResult {
  /** The last record of the release: status uninstalled (the stored one with --keep-history). */
  release: Release;
  /** The steps taken (or, with --dry-run, that would be): hooks, and what was deleted or kept. */
  plan: Step[];
  /** Whether the history is still stored (--keep-history). */
  historyKept: boolean;
}

export async function uninstall(cfg: Configuration, name: string, opts: UninstallOptions): Promise<UninstallResult> {
  validateReleaseName(name);
  const ctx = await openReleases(cfg);
  // A dry run writes nothing: no lock, no repair of a stale pending revision (as Helm's, which only reads).
  if (opts.dryRun) return uninstallLocked(cfg, ctx, name, opts);
  return withLock(cfg, ctx, name, 'uninstall', (_latest, locked) => uninstallLocked(locked, ctx, name, opts));
}

export async function uninstallLocked(cfg: Configuration, ctx: ReleaseContext, name: string, opts: UninstallOptions): Promise<UninstallResult> {
  const { driver, kube } = ctx;
  const latest = await driver.latest(name);
  if (!latest) throw new HullError('RELEASE_NOT_FOUND', `uninstall: Release not loaded: ${name}: release: not found`);
  if (latest.info.status === 'uninstalled') {
    // Checked first: purging the kept history of an uninstalled release is a write too.
    if (opts.dryRun) return { release: latest, plan: [], historyKept: true };
    if (opts.keepHistory) throw new HullError('OPERATION_FAILED', `the release named "${name}" is already deleted`);
    await driver.deleteAll(name);
    return { release: latest, plan: [], historyKept: false };
  }
  const hooks = hooksOf(latest);
  const steps = buildPlan({ operation: 'uninstall', namespace: ctx.namespace, previous: manifestsOf(latest), next: [], hooks, wait: false, noHooks: opts.noHooks });
  if (opts.dryRun) return { release: latest, plan: steps, historyKept: true };
  let rel = markUninstalling(latest, cfg.clock());
  await driver.update(rel);
  try {
    await executePlan(steps, { kube, namespace: ctx.namespace, objects: new Map(), hooks, timeoutMs: opts.timeoutMs, signal: cfg.signal, log: cfg.log });
  } catch (e) {
    rel = markFailed(rel, `uninstallation failed: ${(e as Error).message}`);
    await driver.update(rel).catch((err) => cfg.log.warn(`record the failed uninstall: ${(err as Error).message}`));
    throw new HullError(e instanceof HullError ? e.code : 'OPERATION_FAILED', `UNINSTALLATION FAILED: ${(e as Error).message}`, { cause: e });
  }
  rel = markUninstalled(rel, cfg.clock(), opts.description || undefined);
  if (opts.keepHistory) await driver.update(rel);
  else await driver.deleteAll(name);
  return { release: rel, plan: steps, historyKept: Boolean(opts.keepHistory) };
}
