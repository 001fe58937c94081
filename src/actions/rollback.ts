// rollback: a NEW revision carrying an older revision's chart, values and manifest ("Rollback to N").
// rollbackLocked() is also what --atomic uses, while the failed operation still holds the lock.
import type { Configuration } from '../config.ts';
import { HullError } from '../errors.ts';
import { newRevision } from '../release/transitions.ts';
import type { Release } from '../release/types.ts';
import { validateReleaseName } from '../release/name.ts';
import { openReleases, type ReleaseContext } from './context.ts';
import { prepareDeploy, runDeploy, type DeployInput, type DeployOptions } from './deploy.ts';
import { withLock } from './lock.ts';
import { hooksOf, manifestsOf } from './stored.ts';
import { idOf, resourceKey } from '../plan/plan.ts';
import { manifestChanges, type Change } from '../plan/changes.ts';
import type { Step } from '../plan/types.ts';
import type { Manifest } from '../manifest/types.ts';

export interface RollbackOptions extends DeployOptions {
  /** 0 or undefined: the revision before the latest. */
  revision?: number;
  dryRun?: boolean;
  /** --dry-run: show Secret values in the diff (masked by default). */
  showSecrets?: boolean;
}

export interface RollbackResult {
  release: Release;
  /** For --dry-run: the steps the rollback would take. */
  plan?: Step[];
  /** For --dry-run: a diff of each resource, what is deployed -> what the rollback restores. */
  changes?: Change[];
}

export async function rollback(cfg: Configuration, name: string, opts: RollbackOptions): Promise<RollbackResult> {
  validateReleaseName(name);
  const ctx = await openReleases(cfg);
  // A dry run writes nothing: no lock, no repair of a stale pending revision.
  if (opts.dryRun) return rollbackLocked(cfg, ctx, name, opts);
  return withLock(cfg, ctx, name, 'rollback', (_latest, locked) => rollbackLocked(locked, ctx, name, opts));
}

export async function rollbackLocked(cfg: Configuration, ctx: ReleaseContext, name: string, opts: RollbackOptions): Promise<RollbackResult> {
  const { driver, kube } = ctx;
  const input = await rollbackRevision(cfg, ctx, name, opts.revision);
  const prepared = await prepareDeploy(kube, input, opts);
  if (opts.dryRun) return { release: input.release, plan: prepared.steps, changes: manifestChanges(input.previous, input.manifests, ctx.namespace, opts) };
  return { release: await runDeploy(cfg, kube, driver, input, prepared, opts) };
}

/**
 * What rolling back to `revision` (0 or undefined: the one before the latest) deploys, diffed
 * against what is in the cluster. Writes nothing.
 */
export async function rollbackRevision(cfg: Configuration, ctx: ReleaseContext, name: string, revision: number | undefined): Promise<DeployInput> {
  const { driver } = ctx;
  const latest = await driver.latest(name);
  if (!latest) throw new HullError('RELEASE_NOT_FOUND', `release: not found: ${name}`);
  const targetVersion = revision && revision > 0 ? revision : latest.version - 1;
  // Helm's wording ("release has no 0 version"), then which release and what it has.
  const noVersion = () => new HullError('RELEASE_NOT_FOUND', `release has no ${targetVersion} version (release "${name}" is at revision ${latest.version})`);
  if (targetVersion < 1) throw noVersion();
  const target = await driver.get(name, targetVersion).catch((e) => {
    if (e instanceof HullError && e.code === 'RELEASE_NOT_FOUND') throw noVersion();
    throw e;
  });
  const current = (await driver.lastDeployed(name)) ?? latest;
  // What is in the cluster: the deployed revision, plus whatever a later failed revision managed
  // to apply before it failed (an --atomic rollback runs right after one). Both are pruned.
  const previous = uniqueResources([...manifestsOf(latest), ...(current === latest ? [] : manifestsOf(current))], ctx.namespace);
  const manifests = manifestsOf(target);
  const hooks = hooksOf(target);
  const pending = newRevision({
    name,
    namespace: ctx.namespace,
    version: latest.version + 1,
    chart: target.chart,
    config: target.config ?? {},
    manifest: target.manifest,
    hooks: target.hooks ?? [],
    notes: target.info.notes,
    status: 'pending-rollback',
    description: `Rollback to ${targetVersion}`,
    now: cfg.clock(),
    firstDeployed: latest.info.first_deployed,
    rollbackRevision: targetVersion,
  });
  return { operation: 'rollback', release: pending, previous, manifests, hooks };
}

function uniqueResources(manifests: Manifest[], namespace: string): Manifest[] {
  const seen = new Map<string, Manifest>();
  for (const m of manifests) seen.set(resourceKey(idOf(m, namespace)), m);
  return [...seen.values()];
}
