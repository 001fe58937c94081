// test: runs a release's test hooks on demand (replacing a previous run), records each hook's last
// run in the release, and collects the logs of Job AND Pod tests.
import type { Configuration } from '../config.ts';
import { HullError } from '../errors.ts';
import { hookLogs, runHooks, type HookRun, type PodLogs, type RunHooksOptions } from '../hooks/run.ts';
import type { Release } from '../release/types.ts';
import { validateReleaseName } from '../release/name.ts';
import { openReleases } from './context.ts';
import { withLock } from './lock.ts';
import { hookKey, hooksOf, lastRun } from './stored.ts';

export interface TestOptions {
  timeoutMs: number;
  /** Helm's --filter: "name=a,name=b" keeps those tests, "!name=a" drops them. */
  filters?: string[];
  logs?: boolean;
  reporter?: RunHooksOptions['reporter'];
}

export interface TestResult {
  release: Release;
  runs: HookRun[];
  logs: PodLogs[];
  /** The failure, when a test failed; the release is recorded either way. */
  error?: HullError;
}

export async function testRelease(cfg: Configuration, name: string, opts: TestOptions): Promise<TestResult> {
  validateReleaseName(name);
  const ctx = await openReleases(cfg);
  return withLock(cfg, ctx, name, 'test', async (_latest, locked) => {
    const rel = await ctx.driver.lastDeployed(name);
    if (!rel) throw new HullError('RELEASE_NOT_FOUND', `release "${name}" has no deployed revision to test`);
    const tests = selectTests(hooksOf(rel).filter((h) => h.events.includes('test')), opts.filters ?? []);
    let runs: HookRun[] = [];
    let error: HullError | undefined;
    try {
      runs = await runHooks(ctx.kube, ctx.namespace, 'test', tests, { timeoutMs: opts.timeoutMs, signal: locked.signal, log: cfg.log, reporter: opts.reporter, clock: cfg.clock });
    } catch (e) {
      runs = (e as { runs?: HookRun[] }).runs ?? [];
      error = e instanceof HullError ? e : new HullError('HOOK_FAILED', String(e), { cause: e });
    }
    const byKey = new Map(runs.map((r) => [hookKey(r.hook), lastRun(r)]));
    const updated: Release = { ...rel, hooks: (rel.hooks ?? []).map((h) => ({ ...h, last_run: byKey.get(`${h.kind}/${h.name}`) ?? h.last_run })) };
    await ctx.driver.update(updated);
    const logs: PodLogs[] = [];
    if (opts.logs) for (const r of runs) logs.push(...(await hookLogs(ctx.kube, ctx.namespace, r.hook)));
    return { release: updated, runs, logs, error };
  });
}

function selectTests<T extends { object: { metadata: { name: string } } }>(tests: T[], filters: string[]): T[] {
  const parts = filters.flatMap((f) => f.split(',')).filter(Boolean);
  const include = parts.filter((p) => p.startsWith('name=')).map((p) => p.slice(5));
  const exclude = parts.filter((p) => p.startsWith('!name=')).map((p) => p.slice(6));
  const bad = parts.filter((p) => !p.startsWith('name=') && !p.startsWith('!name='));
  if (bad.length) throw new HullError('USAGE', `invalid --filter ${bad.join(', ')}: use name=NAME or !name=NAME`);
  return tests.filter((t) => (include.length === 0 || include.includes(t.object.metadata.name)) && !exclude.includes(t.object.metadata.name));
}
