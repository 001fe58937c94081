// hull diff upgrade|rollback: what the operation would change, resource by resource, against the
// LIVE objects (so changes made by hand show), as the API server would make it (a server-side
// dry-run apply, so defaults and admission count). Reads only: no lock, no record, no namespace.
import type { Configuration } from '../config.ts';
import { HullError, listProblems } from '../errors.ts';
import type { KubeClient, KubeObject } from '../kube/types.ts';
import { classify, hasChanges, summarize, type DiffFormat, type DiffSummary, type Observed, type ResourceDiff } from '../diff/classify.ts';
import { idOf, resourceKey } from '../plan/plan.ts';
import { kindName } from '../kube/ref.ts';
import type { ResourceId } from '../plan/types.ts';
import { validateReleaseName } from '../release/name.ts';
import { capabilitiesOf, openReleases, type ReleaseContext } from './context.ts';
import { readChartInput } from './chart-input.ts';
import { prepareDeploy, type DeployInput } from './deploy.ts';
import { decorate, FIELD_MANAGER } from './resources.ts';
import { rollbackRevision } from './rollback.ts';
import { nextRevision, type UpgradeOptions } from './upgrade.ts';

export interface DiffOptions extends DiffFormat {
  /** As the operation's own flag: compare objects another owner holds instead of refusing. */
  takeOwnership?: boolean;
}

export interface DiffReport {
  release: string;
  namespace: string;
  operation: 'install' | 'upgrade' | 'rollback';
  /** The latest revision in the history (absent when there is none). */
  currentRevision?: number;
  /** The revision the operation would record. */
  newRevision: number;
  /** rollback: the revision whose chart, values and manifest come back. */
  rollbackTo?: number;
  changed: boolean;
  summary: DiffSummary;
  /** In plan order: what is applied (install order), then what leaves the release. */
  resources: ResourceDiff[];
}

export type DiffUpgradeOptions = Pick<UpgradeOptions, 'chart' | 'values' | 'install' | 'reuseValues' | 'resetValues' | 'resetThenReuseValues'> & DiffOptions;

export async function diffUpgrade(cfg: Configuration, name: string, opts: DiffUpgradeOptions): Promise<DiffReport> {
  validateReleaseName(name);
  const input = await readChartInput(opts.chart, opts.values);
  const ctx = await openReleases(cfg);
  const [latest, capabilities] = await Promise.all([ctx.driver.latest(name), capabilitiesOf(ctx.kube)]);
  const next = await nextRevision(cfg, ctx, name, input, latest, 'upgrade', { ...opts, ...NO_DEPLOY }, capabilities);
  return report(ctx, next.input, opts, latest?.version);
}

export async function diffRollback(cfg: Configuration, name: string, opts: DiffOptions & { revision?: number }): Promise<DiffReport> {
  validateReleaseName(name);
  const ctx = await openReleases(cfg);
  const input = await rollbackRevision(cfg, ctx, name, opts.revision);
  return report(ctx, input, opts, input.release.version - 1);
}

/** What prepareDeploy wants to know of a deploy that never runs. */
const NO_DEPLOY = { wait: false, timeoutMs: 0, historyMax: 0 };

async function report(ctx: ReleaseContext, input: DeployInput, opts: DiffOptions, currentRevision: number | undefined): Promise<DiffReport> {
  const resources = await compare(ctx, input, opts);
  const summary = summarize(resources);
  const rel = input.release;
  return {
    release: rel.name,
    namespace: rel.namespace,
    operation: input.operation,
    ...(currentRevision ? { currentRevision } : {}),
    newRevision: rel.version,
    ...(rel.info.rollback_revision ? { rollbackTo: rel.info.rollback_revision } : {}),
    changed: hasChanges(summary),
    summary,
    resources,
  };
}

async function compare(ctx: ReleaseContext, input: DeployInput, opts: DiffOptions): Promise<ResourceDiff[]> {
  const { kube, namespace } = ctx;
  const rel = { name: input.release.name, namespace };
  // The same checks and objects as the operation itself: ownership conflicts fail the diff too.
  const prepared = await prepareDeploy(kube, input, { ...NO_DEPLOY, takeOwnership: opts.takeOwnership });
  const recorded = new Map(input.previous.map((m) => [resourceKey(idOf(m, namespace)), m]));
  const observations: Array<Promise<Observed>> = [];
  const rejected: string[] = [];
  const guard = (id: ResourceId, p: Promise<Observed>) =>
    observations.push(p.catch((e) => {
      rejected.push(`${kindName(id)}: ${e instanceof Error ? e.message : String(e)}`);
      return { resource: id, recorded: false, wanted: false };
    }));
  for (const s of prepared.steps) {
    if (s.kind === 'apply') {
      for (const id of s.resources) {
        const key = resourceKey(id);
        const old = recorded.get(key);
        guard(id, observe(kube, id, prepared.objects.get(key)!, old && (await decorate(kube, old, rel))));
      }
    }
    if (s.kind === 'delete') {
      for (const [ids, kept] of [[s.resources, false], [s.kept, true]] as const) {
        for (const id of ids) guard(id, kube.get(id).then((live) => ({ resource: id, recorded: true, wanted: false, kept, live })));
      }
    }
  }
  const observed = await Promise.all(observations);
  if (rejected.length > 0) throw new HullError('MANIFEST_INVALID', `the API server rejected the dry run: ${listProblems('the dry run', rejected.sort())}`, { exitCode: 1 });
  return observed.flatMap((o) => classify(o, opts) ?? []);
}

/** The live object and the server's idea of it after applying the new (and the recorded) object. */
async function observe(kube: KubeClient, id: ResourceId, obj: KubeObject, recorded: KubeObject | undefined): Promise<Observed> {
  const dryApply = (o: KubeObject) => kube.apply(o, { fieldManager: FIELD_MANAGER, force: true, dryRun: true });
  const [live, after] = await Promise.all([kube.get(id), dryApply(obj)]);
  // Drift is judged against what re-applying the recorded object would leave; if the server no
  // longer takes it (an API removed since), there is nothing to judge against.
  const recordedAfter = live && recorded ? await dryApply(recorded).catch(() => undefined) : undefined;
  return { resource: id, recorded: recorded !== undefined, wanted: true, live, after, recordedAfter };
}
