// The flow install, upgrade and rollback share: record a pending revision, execute the plan, then
// mark it deployed (superseding the previous one) or failed. Whatever happens, no revision is left
// pending: a failure or an interruption is recorded before the error goes up.
import type { Configuration } from '../config.ts';
import { HullError } from '../errors.ts';
import type { HookRun } from '../hooks/run.ts';
import type { KubeClient, KubeObject } from '../kube/types.ts';
import type { HookManifest, Manifest } from '../manifest/types.ts';
import { buildPlan, idOf, resourceKey } from '../plan/plan.ts';
import type { Operation, Step } from '../plan/types.ts';
import { failedDescription, markDeployed, markFailed, markSuperseded, withStatus } from '../release/transitions.ts';
import type { HookExecution, Release } from '../release/types.ts';
import type { Driver } from '../storage/driver.ts';
import { pruneHistory } from '../storage/history.ts';
import { assertFitsInSecret } from '../storage/size.ts';
import { executePlan, type ExecuteContext } from './execute.ts';
import { checkOwnership, decorate, deleteAll, objectId } from './resources.ts';
import { hookKey, lastRun, storedHooks } from './stored.ts';
import { recordRevision, unrecorded, unrecordedError } from './record.ts';

export interface DeployOptions {
  wait: boolean;
  timeoutMs: number;
  noHooks?: boolean;
  takeOwnership?: boolean;
  cleanupOnFail?: boolean;
  historyMax: number;
  reporter?: ExecuteContext['reporter'];
  waitForLoadBalancers?: boolean;
  /** --description: kept as the revision's description once deployed (Helm's failure texts still win). */
  description?: string;
}

export interface DeployInput {
  operation: Exclude<Operation, 'uninstall'>;
  /** upgrade: the revision it replaces (Helm's current release), superseded once this one is deployed, even if it had failed. */
  supersedes?: Release;
  /** install --replace: the last revision of the old release, superseded before the install starts (Helm's replaceRelease). */
  replaces?: Release;
  /** The pending revision, already built (status pending-*). */
  release: Release;
  /** Resources of the revision being replaced, to diff against. */
  previous: Manifest[];
  manifests: Manifest[];
  hooks: HookManifest[];
}

export interface Prepared {
  steps: Step[];
  objects: Map<string, KubeObject>;
}

/** Builds the plan and the objects to send; checks ownership and size. Writes nothing. */
export async function prepareDeploy(kube: KubeClient, input: DeployInput, opts: DeployOptions): Promise<Prepared> {
  const rel = { name: input.release.name, namespace: input.release.namespace };
  const steps = buildPlan({ operation: input.operation, namespace: rel.namespace, previous: input.previous, next: input.manifests, hooks: input.hooks, wait: opts.wait, noHooks: opts.noHooks });
  // Objects are keyed as the plan's steps name them (release namespace defaulted).
  const objects = new Map<string, KubeObject>();
  // Concurrently: the first object of each API group triggers its discovery request.
  const decorated = await Promise.all(input.manifests.map((m) => decorate(kube, m, rel)));
  input.manifests.forEach((m, i) => objects.set(resourceKey(idOf(m, rel.namespace)), decorated[i]));
  const previousKeys = new Set(input.previous.map((m) => resourceKey(idOf(m, rel.namespace))));
  await checkOwnership(kube, [...objects.values()], rel, previousKeys, opts.takeOwnership ?? false);
  assertFitsInSecret(input.release);
  return { steps, objects };
}

/**
 * Runs a prepared deploy. On success the new revision is deployed and every other deployed revision
 * superseded; on failure it is marked failed (with the hook runs so far) and the error is rethrown.
 */
export async function runDeploy(cfg: Configuration, kube: KubeClient, driver: Driver, input: DeployInput, prepared: Prepared, opts: DeployOptions): Promise<Release> {
  let rel = input.release;
  if (input.replaces) await driver.update(withStatus(input.replaces, 'superseded', 'superseded by new release'));
  await driver.create(rel);
  // Pruning only deletes older revisions: it runs beside the deploy, once the new one is recorded.
  const pruning = pruneHistory(driver, rel.name, opts.historyMax, { newVersion: rel.version }).then(
    (pruned) => pruned.errors.forEach((e) => cfg.log.warn(`prune history: revision ${e.version}: ${(e.error as Error).message ?? e.error}`)),
    (err) => cfg.log.warn(`prune history: ${(err as Error).message}`),
  );

  const runs = new Map<string, HookExecution>();
  const recordRuns = (list: HookRun[]) => list.forEach((r) => runs.set(hookKey(r.hook), lastRun(r)));
  const created: KubeObject[] = [];
  try {
    await executePlan(prepared.steps, {
      kube,
      namespace: rel.namespace,
      objects: prepared.objects,
      hooks: input.hooks,
      timeoutMs: opts.timeoutMs,
      signal: cfg.signal,
      log: cfg.log,
      reporter: opts.reporter,
      waitForLoadBalancers: opts.waitForLoadBalancers,
      onHookRuns: recordRuns,
      created: opts.cleanupOnFail ? created : undefined,
      applied: [],
    });
  } catch (e) {
    await pruning;
    rel = markFailed({ ...rel, hooks: storedHooks(input.hooks, runs) }, failedDescription(input.operation, rel.name, e instanceof Error ? e.message : String(e)));
    // Recording the failure must not hide it: if even that write fails, say so and keep the cause.
    let notRecorded: unknown;
    await recordRevision(cfg, driver, rel).catch((err) => (notRecorded = err));
    if (opts.cleanupOnFail && created.length > 0) {
      cfg.log.info(`cleanup on fail: deleting ${created.length} resource(s) created by this ${input.operation}`);
      await deleteAll(kube, created.map(objectId).reverse()).catch((err) => cfg.log.warn(`cleanup on fail: ${(err as Error).message}`));
    }
    throw notRecorded === undefined ? e : unrecordedError(e, rel, input.release.info.status, notRecorded);
  }
  const description = opts.description || { install: 'Install complete', upgrade: 'Upgrade complete', rollback: input.release.info.description ?? 'Rollback complete' }[input.operation];
  await pruning;
  rel = markDeployed({ ...rel, hooks: storedHooks(input.hooks, runs) }, description);
  try {
    await recordRevision(cfg, driver, rel);
  } catch (err) {
    throw new HullError('OPERATION_FAILED', `the ${input.operation} itself succeeded (resources applied and ready), but ${unrecorded(rel, input.release.info.status, err)}`, { cause: err });
  }
  // The deploy succeeded and is recorded; superseding older revisions is bookkeeping that must not
  // turn it into a failure (or, with --atomic, roll back a healthy release).
  try {
    for (const other of await driver.listEntries(rel.name)) {
      const replaced = other.version === input.supersedes?.version && other.status !== 'superseded';
      if (other.version !== rel.version && (other.status === 'deployed' || replaced)) await driver.update(markSuperseded(await driver.get(rel.name, other.version)));
    }
  } catch (err) {
    cfg.log.warn(`mark older revisions superseded: ${(err as Error).message}`);
  }
  return rel;
}

/** One line, as Helm's descriptions are: the full diagnosis goes to the error, not the history table. */

export function isInterrupted(e: unknown): boolean {
  return e instanceof HullError && e.code === 'INTERRUPTED';
}
