// install and upgrade: render a chart into a new revision and deploy it. With --atomic a failure
// rolls back to the last deployed revision (or uninstalls a failed first install), and the error
// says what failed and how the rollback went.
import type { Configuration } from '../config.ts';
import { chartValues, upgradeValues, type ValueOptions, type ValuesReuse } from '../chart/values.ts';
import { HullError, wrap } from '../errors.ts';
import { buildPlan } from '../plan/plan.ts';
import { manifestChanges, type Change } from '../plan/changes.ts';
import type { Step } from '../plan/types.ts';
import { storedChartFrom } from '../release/chart.ts';
import { validateReleaseName } from '../release/name.ts';
import { newRevision, type NewRevision } from '../release/transitions.ts';
import type { RenderedChart } from '../manifest/types.ts';
import type { Release } from '../release/types.ts';
import { capabilitiesOf, openReleases, type ReleaseContext } from './context.ts';
import { readChartInput, renderRevision, type ChartInput } from './chart-input.ts';
import { renderWithLookups } from './lookup.ts';
import type { Capabilities } from '../render/render.ts';
import { isInterrupted, prepareDeploy, runDeploy, type DeployInput, type DeployOptions } from './deploy.ts';
import { failStalePending, withLock } from './lock.ts';
import { formatDuration } from '../duration.ts';
import { rollbackLocked } from './rollback.ts';
import { storedHooks, storedManifest, manifestsOf } from './stored.ts';
import { uninstallLocked } from './uninstall.ts';
import { preflight, validateOnServer } from './resources.ts';
import { installCrds } from './crds.ts';

export interface UpgradeOptions extends DeployOptions {
  chart: string;
  values: ValueOptions;
  atomic?: boolean;
  /** upgrade --install; always true for install. */
  install?: boolean;
  reuseValues?: boolean;
  resetValues?: boolean;
  resetThenReuseValues?: boolean;
  dryRun?: 'client' | 'server';
  createNamespace?: boolean;
  /** install --replace: reuse the name of an uninstalled or failed release. */
  replace?: boolean;
  skipCrds?: boolean;
  /** Server dry run: show Secret values in the diff (masked by default). */
  showSecrets?: boolean;
}

export interface UpgradeResult {
  release: Release;
  /** Set for dry runs: the steps the operation would take (release holds the manifests). */
  plan?: Step[];
  /** Server-side dry run rejections, one "Kind/name: reason" each. */
  rejected?: string[];
  /** Server-side dry run: a diff of each resource against the revision in the cluster. */
  changes?: Change[];
}

export async function install(cfg: Configuration, name: string, opts: UpgradeOptions): Promise<UpgradeResult> {
  return deployChart(cfg, name, { ...opts, install: true }, 'install');
}

export async function upgrade(cfg: Configuration, name: string, opts: UpgradeOptions): Promise<UpgradeResult> {
  return deployChart(cfg, name, opts, 'upgrade');
}

async function deployChart(cfg: Configuration, name: string, opts: UpgradeOptions, verb: 'install' | 'upgrade'): Promise<UpgradeResult> {
  // Helm's prefixes, which scripts grep: install prefixes every error; upgrade every error after
  // reading the chart and values, except when it falls back to installing a new release (none).
  if (verb === 'install') return withPrefix('INSTALLATION FAILED', () => deployChecked(cfg, name, opts, verb));
  validateReleaseName(name);
  const input = await readChartInput(opts.chart, opts.values);
  const path = { installs: false };
  return withPrefix('UPGRADE FAILED', () => deployChecked(cfg, name, opts, verb, input, path), () => path.installs);
}

async function deployChecked(cfg: Configuration, name: string, opts: UpgradeOptions, verb: 'install' | 'upgrade', given?: ChartInput, path?: { installs: boolean }): Promise<UpgradeResult> {
  // Helm's install checks the name as part of its "release name check".
  if (verb === 'install') {
    try {
      validateReleaseName(name);
    } catch (e) {
      throw wrap('release name check failed', e);
    }
  }
  const input = given ?? (await readChartInput(opts.chart, opts.values));
  if (opts.dryRun === 'client') return clientDryRun(cfg, name, input, verb);
  const ctx = await openReleases(cfg);
  const dryRun = opts.dryRun === 'server';
  // A server dry run writes nothing: no namespace, and no lock (it records no revision either).
  if (opts.createNamespace && !dryRun) await ensureNamespace(ctx);
  // Started now, used after the lock is taken: three discovery requests off the critical path.
  const capabilities = capabilitiesOf(ctx.kube);
  capabilities.catch(() => {}); // awaited (and reported) below; not an unhandled rejection meanwhile
  const run = async (latest: Release | undefined, locked: Configuration = cfg) => deployLocked(locked, ctx, await nextRevision(locked, ctx, name, input, latest, verb, opts, await capabilities, path), opts);
  if (dryRun) return run(await ctx.driver.latest(name));
  return withLock(cfg, ctx, name, verb, run);
}

/** Errors of `fn` start with `prefix:`, keeping their code and exit code; an install fallback of upgrade stays bare. */
async function withPrefix<T>(prefix: string, fn: () => Promise<T>, bare: () => boolean = () => false): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (bare() || (e instanceof HullError && e.message.startsWith(`${prefix}:`))) throw e;
    throw new HullError(code(e), `${prefix}: ${e instanceof Error ? e.message : String(e)}`, { cause: e, exitCode: exitOf(e) });
  }
}

/** What an install or upgrade will deploy, decided from the release's history. Writes nothing. */
export interface NextRevision {
  name: string;
  input: DeployInput;
  rendered: RenderedChart;
  /** The revision an --atomic failure rolls back to. */
  lastDeployed?: Release;
  isUpgrade: boolean;
}

/**
 * Helm's rules for what an install or upgrade of `latest` makes: refuses what Helm refuses, picks the
 * revision to diff against and the values, renders the new revision and builds its pending record.
 */
export async function nextRevision(cfg: Configuration, ctx: ReleaseContext, name: string, input: ChartInput, latest: Release | undefined, verb: 'install' | 'upgrade', opts: UpgradeOptions, capabilities: Capabilities, path?: { installs: boolean }): Promise<NextRevision> {
  // As Helm: install refuses any name with history, unless --replace and the last revision is
  // uninstalled or failed; upgrade --install installs (replacing) when there is no history or the
  // last revision is uninstalled; upgrade otherwise needs a deployed, failed or superseded revision.
  const installs = verb === 'install' || Boolean(opts.install && (!latest || latest.info.status === 'uninstalled'));
  if (path) path.installs = installs;
  if (verb === 'install' && latest && !(opts.replace && (latest.info.status === 'uninstalled' || latest.info.status === 'failed'))) {
    throw new HullError('RELEASE_EXISTS', `release name check failed: cannot reuse a name that is still in use (release "${name}" is ${latest.info.status} at revision ${latest.version})`);
  }
  if (!installs && (!latest || !(await upgradable(ctx, name, latest)))) throw new HullError('RELEASE_NOT_FOUND', `"${name}" has no deployed releases`);
  const isUpgrade = !installs;
  // Helm marks the replaced revision superseded before installing, unless it failed.
  const replaced = installs && latest && latest.info.status !== 'failed' ? latest : undefined;
  const lastDeployed = isUpgrade ? await ctx.driver.lastDeployed(name) : undefined;
  // Diff against what is deployed; after a failed first install (Helm's "has no deployed releases",
  // #5595) against what that attempt applied, so its leftovers are updated or pruned.
  const previousRelease = isUpgrade ? (lastDeployed ?? latest) : undefined;
  const previous = previousRelease && { chartValues: previousRelease.chart.values ?? {}, config: previousRelease.config ?? {} };
  const upgraded = upgradeValues(input.chart, input.config, previous, reuseMode(opts));
  const version = (latest?.version ?? 0) + 1;
  // Go templates' lookup sees the live cluster, as Helm's install and upgrade do.
  const rendered = await renderWithLookups(ctx.kube, (lookup) => renderRevision(upgraded, { name, namespace: ctx.namespace, revision: version, isInstall: !isUpgrade, isUpgrade }, capabilities, lookup));
  const pending = pendingRevision(cfg, name, ctx.namespace, version, upgraded, rendered, {
    status: isUpgrade ? 'pending-upgrade' : 'pending-install',
    description: isUpgrade ? 'Preparing upgrade' : 'Initial install underway',
    firstDeployed: isUpgrade ? latest?.info.first_deployed : undefined,
  });
  const operation = isUpgrade ? 'upgrade' : 'install';
  const deployInput: DeployInput = { operation, release: pending, previous: manifestsOf(previousRelease), manifests: rendered.manifests, hooks: rendered.hooks, supersedes: previousRelease, replaces: replaced };
  return { name, input: deployInput, rendered, lastDeployed, isUpgrade };
}

/** Helm upgrades a release whose last revision is deployed, or failed/superseded with none deployed. */
async function upgradable(ctx: ReleaseContext, name: string, latest: Release): Promise<boolean> {
  const s = latest.info.status;
  return s === 'deployed' || s === 'failed' || s === 'superseded' || (await ctx.driver.lastDeployed(name)) !== undefined;
}

async function deployLocked(cfg: Configuration, ctx: ReleaseContext, next: NextRevision, opts: UpgradeOptions): Promise<UpgradeResult> {
  const { kube, driver } = ctx;
  const { name, rendered, lastDeployed, isUpgrade, input: deployInput } = next;
  const pending = deployInput.release;
  const operation = deployInput.operation;
  // As Helm: crds/ are created on install only (never upgraded or deleted), before anything that
  // may use them, and waited for until Established.
  if (!isUpgrade && !opts.skipCrds && rendered.crds.length > 0 && opts.dryRun !== 'server') await installCrds(kube, rendered.crds, opts.timeoutMs);
  const prepared = await prepareDeploy(kube, deployInput, opts);
  if (opts.dryRun === 'server') {
    const rejected = await validateOnServer(kube, [...prepared.objects.values()]);
    return { release: pending, plan: prepared.steps, rejected, changes: manifestChanges(deployInput.previous, rendered.manifests, ctx.namespace, opts) };
  }
  // Rejections the API server would give mid-apply are found before anything is written; not
  // an operation failure (nothing changed), so no revision and no --atomic rollback.
  // (deployChart puts Helm's prefix on the error.)
  await preflight(kube, [...prepared.objects.values()]);
  const started = Date.now();
  try {
    return { release: await runDeploy(cfg, kube, driver, deployInput, prepared, opts) };
  } catch (e) {
    // Without --atomic, or when another operation took the lock (it owns the release now), stop here.
    if (!opts.atomic || code(e) === 'RELEASE_LOCKED') throw e;
    cfg.log.info(`${operation} failed after ${formatDuration(Date.now() - started)}; rolling back (--atomic)`);
    return atomicRecovery(cfg, ctx, name, lastDeployed, operation, e, opts);
  }
}

async function atomicRecovery(cfg: Configuration, ctx: ReleaseContext, name: string, lastDeployed: Release | undefined, operation: string, e: unknown, opts: UpgradeOptions): Promise<never> {
  // What happened to the release completes the first line; the cause's detail lines (a hook's
  // pods, events and logs, a pod's probe failures) stay below it.
  const [first, ...detail] = (e instanceof Error ? e.message : String(e)).split('\n');
  const below = detail.length ? `\n${detail.join('\n')}` : '';
  const t0 = Date.now();
  // The rollback itself must not be cut short by the Ctrl-C that caused it.
  const recoveryCfg = { ...cfg, signal: undefined };
  try {
    // A deploy whose outcome could not be recorded left its revision pending; the rollback about
    // to be recorded on top of it would hide it from the next operation's repair, so repair it now.
    await failStalePending(recoveryCfg, ctx, name, 'its outcome could not be recorded');
    if (lastDeployed) {
      const res = await rollbackLocked(recoveryCfg, ctx, name, { ...opts, revision: lastDeployed.version, wait: true, dryRun: false, cleanupOnFail: false });
      throw new HullError(code(e), `${first}; rolled back to revision ${lastDeployed.version} as revision ${res.release.version} (healthy after ${formatDuration(Date.now() - t0)})${below}`, { cause: e, exitCode: exitOf(e) });
    }
    await uninstallLocked(recoveryCfg, ctx, name, { keepHistory: false, timeoutMs: opts.timeoutMs });
    throw new HullError(code(e), `${first}; the release was uninstalled (--atomic)${below}`, { cause: e, exitCode: exitOf(e) });
  } catch (r) {
    if (r instanceof HullError && r.cause === e) throw r;
    const how = lastDeployed ? `rollback to revision ${lastDeployed.version}` : 'uninstall';
    throw new HullError(code(e), `${first}; ${operation} --atomic ${how} also failed: ${(r as Error).message}${below}`, { cause: e });
  }
}

const code = (e: unknown) => (e instanceof HullError ? e.code : 'OPERATION_FAILED');
const exitOf = (e: unknown) => (isInterrupted(e) ? 130 : e instanceof HullError ? e.exitCode : 1);

/** Helm checks the flags in this order and ignores the later ones. */
function reuseMode(opts: UpgradeOptions): ValuesReuse {
  if (opts.resetValues) return 'reset';
  if (opts.reuseValues) return 'reuse';
  if (opts.resetThenReuseValues) return 'reset-then-reuse';
  return undefined;
}

async function ensureNamespace(ctx: ReleaseContext): Promise<void> {
  const ref = { apiVersion: 'v1', kind: 'Namespace', name: ctx.namespace };
  if (await ctx.kube.get(ref)) return;
  await ctx.kube.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ctx.namespace } }).catch((e) => {
    if (!(e instanceof HullError && (e as { status?: number }).status === 409)) throw e;
  });
}

/** --dry-run=client: render and plan without contacting the cluster. */
function clientDryRun(cfg: Configuration, name: string, input: ChartInput, verb: 'install' | 'upgrade'): UpgradeResult {
  const namespace = cfg.settings.namespace ?? 'default';
  const rendered = renderRevision(input, { name, namespace, revision: 1, isInstall: verb === 'install', isUpgrade: verb === 'upgrade' });
  const release = pendingRevision(cfg, name, namespace, 1, input, rendered, { status: 'pending-install', description: 'Dry run complete' });
  const steps = buildPlan({ operation: verb, namespace, previous: [], next: rendered.manifests, hooks: rendered.hooks, wait: false });
  return { release, plan: steps };
}

/** The record of a revision about to be deployed, from what was rendered for it. */
function pendingRevision(cfg: Configuration, name: string, namespace: string, version: number, input: ChartInput, rendered: RenderedChart, p: Pick<NewRevision, 'status' | 'description' | 'firstDeployed'>): Release {
  return newRevision({
    name,
    namespace,
    version,
    // As Helm: a chart with dependencies is stored with its processed values (subchart defaults and
    // imports included), which is what `get values --all` and a later --reuse-values start from.
    chart: storedChartFrom(input.chart.metadata.dependencies?.length ? { ...input.chart, values: chartValues(input.chart, input.config).chart.values } : input.chart),
    config: input.config,
    manifest: storedManifest(rendered),
    hooks: storedHooks(rendered.hooks),
    notes: rendered.notes,
    now: cfg.clock(),
    ...p,
  });
}
