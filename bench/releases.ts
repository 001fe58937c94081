// Release benchmarks, hull against the real Helm 4 on a local cluster this run starts and stops:
//   install  a 100-resource chart (ConfigMaps, Secrets, Services), neither tool waiting for
//            readiness: hull --wait=false, helm without --wait (its default waits for hooks only;
//            the chart has none, and every object is ready once created anyway). Target <= 0.7x.
//   list     1000 releases of 5 revisions each in one namespace, all rows printed by both
//            (helm --max 0, since helm stops at 256 rows by default). Target <= 0.2x.
//   upgrade  one upgrade of a 10-resource release with 10 and with 100 stored revisions,
//            --history-max 0 so nothing is pruned. Target: hull's time flat in the revision count.
// Every command is the CLI as a user runs it (hull's built bundle on this Node, helm's binary), timed
// by wall clock; the figure is the median of BENCH_RUNS runs after one warm-up run.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { newConfiguration } from '../src/config.ts';
import type { KubeClient } from '../src/kube/types.ts';
import type { Status } from '../src/release/types.ts';
import { SecretsDriver } from '../src/storage/secrets.ts';
import { storedRelease, writeBenchChart } from './charts.ts';
import { withCluster } from './cluster.ts';
import { helmBinary } from './helm.ts';

const ROOT = resolve(import.meta.dirname, '..');
let HULL = join(ROOT, 'bin', 'hull.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 100);
const RELEASES = Number(process.env.BENCH_RELEASES ?? 1000);
const REVISIONS = 5;
const HISTORIES = [10, 100];
const CONCURRENCY = 32;

type Tool = 'hull' | 'helm';

interface Row { what: string; hull: number; helm: number; target: string; met: boolean }

let kubeconfig = '';
let helm = '';

/** Runs one CLI command to completion; returns its wall time in ms and its stdout. */
function timed(tool: Tool, args: string[], namespace: string): { ms: number; stdout: string } {
  const [cmd, argv] = tool === 'hull' ? [process.execPath, [HULL, ...args]] : [helm, args];
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, [...argv, '--kubeconfig', kubeconfig, '-n', namespace], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

async function createNamespace(kube: KubeClient, name: string): Promise<string> {
  await kube.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

const say = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

async function benchInstall(kube: KubeClient, charts: Record<Tool, string>): Promise<Row> {
  const ns = await createNamespace(kube, 'bench-install');
  const times: Record<Tool, number[]> = { hull: [], helm: [] };
  // Alternating the tools spreads the machine's noise (and the cluster's growing object count) evenly.
  for (let run = 0; run <= RUNS; run++) {
    for (const tool of ['hull', 'helm'] as const) {
      const name = `${tool}-install-${run}`;
      const args = tool === 'hull' ? ['install', name, charts.hull, '--wait=false'] : ['install', name, charts.helm];
      const { ms } = timed(tool, args, ns);
      if (run > 0) times[tool].push(ms);
      await expectObjects(kube, ns, name, RESOURCES);
    }
  }
  const [hull, helmMs] = [median(times.hull), median(times.helm)];
  return { what: `install, ${RESOURCES} resources`, hull, helm: helmMs, target: '<= 0.70x helm', met: hull / helmMs <= 0.7 };
}

/** Proof that an install did its job: every object of the release exists. */
async function expectObjects(kube: KubeClient, ns: string, release: string, want: number): Promise<void> {
  const selector = `app.kubernetes.io/instance=${release}`;
  const counts = await Promise.all(['ConfigMap', 'Secret', 'Service'].map(async (kind) => (await kube.list('v1', kind, ns, { labelSelector: selector })).items.length));
  const got = counts.reduce((a, b) => a + b, 0);
  if (got !== want) throw new Error(`release ${release} has ${got} objects in ${ns}, expected ${want}`);
}

async function benchList(kube: KubeClient): Promise<Row> {
  const ns = await createNamespace(kube, 'bench-list');
  const driver = new SecretsDriver(kube, ns);
  const at = new Date();
  const revisions = Array.from({ length: RELEASES * REVISIONS }, (_, i) => ({ release: `app-${String(Math.floor(i / REVISIONS)).padStart(4, '0')}`, version: (i % REVISIONS) + 1 }));
  const t0 = Date.now();
  await pool(revisions, CONCURRENCY, ({ release, version }) =>
    driver.create(storedRelease(release, ns, version, version === REVISIONS ? 'deployed' : 'superseded', at)));
  say(`list: wrote ${revisions.length} release Secrets in ${((Date.now() - t0) / 1000).toFixed(1)}s`);

  const times: Record<Tool, number[]> = { hull: [], helm: [] };
  for (let run = 0; run <= RUNS; run++) {
    for (const tool of ['hull', 'helm'] as const) {
      const { ms, stdout } = timed(tool, tool === 'hull' ? ['list'] : ['list', '--max', '0'], ns);
      // A header and one row per release, each at its last revision, from both tools.
      const rows = stdout.trim().split('\n');
      const latest = rows.filter((l) => new RegExp(`\\s${REVISIONS}\\s+.*deployed\\s+webapp-1\\.2\\.3`).test(l));
      if (rows.length !== RELEASES + 1 || latest.length !== RELEASES) throw new Error(`${tool} list printed ${rows.length} lines, ${latest.length} deployed rows at revision ${REVISIONS}; expected ${RELEASES}`);
      if (run > 0) times[tool].push(ms);
    }
  }
  const [hull, helmMs] = [median(times.hull), median(times.helm)];
  return { what: `list, ${RELEASES} releases x ${REVISIONS} revisions`, hull, helm: helmMs, target: '<= 0.20x helm', met: hull / helmMs <= 0.2 };
}

/**
 * A release with `revisions` stored revisions: a real install (so its objects exist and the body is
 * the tool's own), then copies of that body as revisions 2..N, only the last deployed.
 */
async function releaseWithHistory(driver: SecretsDriver, tool: Tool, chart: string, name: string, revisions: number): Promise<void> {
  timed(tool, tool === 'hull' ? ['install', name, chart, '--wait=false'] : ['install', name, chart], driver.namespace);
  const first = await driver.get(name, 1);
  await pool(Array.from({ length: revisions - 1 }, (_, i) => i + 2), CONCURRENCY, (version) => {
    const status: Status = version === revisions ? 'deployed' : 'superseded';
    return driver.create({ ...first, version, info: { ...first.info, status, description: 'Upgrade complete' } });
  });
  await driver.update({ ...first, info: { ...first.info, status: 'superseded' } });
}

async function benchUpgrade(kube: KubeClient, charts: Record<Tool, string>): Promise<Row[]> {
  const ns = await createNamespace(kube, 'bench-upgrade');
  const driver = new SecretsDriver(kube, ns);
  const rows: Row[] = [];
  for (const history of HISTORIES) {
    const times: Record<Tool, number[]> = { hull: [], helm: [] };
    for (const tool of ['hull', 'helm'] as const) {
      const name = `${tool}-up-${history}`;
      await releaseWithHistory(driver, tool, charts[tool], name, history);
      for (let run = 0; run <= RUNS; run++) {
        const args = ['upgrade', name, charts[tool], '--history-max', '0', '--set', `round=r${run}`];
        times[tool].push(timed(tool, tool === 'hull' ? [...args, '--wait=false'] : args, ns).ms);
      }
      times[tool].shift(); // the warm-up
      // Each upgrade added a revision and pruned none; the last one is the deployed one.
      const entries = await driver.listEntries(name);
      const last = entries.at(-1);
      if (entries.length !== history + RUNS + 1 || last?.status !== 'deployed') {
        throw new Error(`${name}: ${entries.length} revisions, last ${last?.status}; expected ${history + RUNS + 1}, deployed`);
      }
    }
    rows.push({ what: `upgrade, ${history} revisions`, hull: median(times.hull), helm: median(times.helm), target: '', met: true });
  }
  const [few, many] = rows;
  const flat = many.hull / few.hull;
  many.target = `flat: ${flat.toFixed(2)}x of ${HISTORIES[0]} (helm ${(many.helm / few.helm).toFixed(2)}x)`;
  many.met = flat <= 1.25;
  return rows;
}

function printSummary(rows: Row[]): void {
  const cells = [['benchmark', 'hull ms', 'helm ms', 'hull/helm', 'target', ''], ...rows.map((r) => [
    r.what, r.hull.toFixed(0), r.helm.toFixed(0), `${(r.hull / r.helm).toFixed(2)}x`, r.target, r.target ? (r.met ? 'met' : 'NOT met') : '',
  ])];
  const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((s, i) => (i >= 1 && i <= 3 ? s.padStart(widths[i]) : s.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(`\nmedian of ${RUNS} runs (after a warm-up), wall time of each CLI as a user runs it`);
  for (const c of cells) console.log(line(c));
}

/**
 * A private copy of the built CLI for this run: others rebuilding dist/ while the benchmark runs
 * (its chunk names change with every build) would otherwise break or change it half-way. It stays
 * under the repository so the bundle's imports still resolve from node_modules.
 */
async function snapshotCli(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await cp(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  await cp(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'hull.js'), 'version'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the copied CLI does not run (was dist/ being rebuilt? try again): ${r.stderr}`);
  return dir;
}

async function main(): Promise<void> {
  helm = await helmBinary();
  const dir = await mkdtemp(join(tmpdir(), 'hull-bench-releases-'));
  const cli = join(ROOT, '.tmp', `bench-releases-${process.pid}`);
  try {
    HULL = join(await snapshotCli(cli), 'bin', 'hull.js');
    const big = { hull: await writeBenchChart(dir, 'hull', RESOURCES), helm: await writeBenchChart(dir, 'helm', RESOURCES) };
    const small = { hull: await writeBenchChart(join(dir, 'small'), 'hull', 10), helm: await writeBenchChart(join(dir, 'small'), 'helm', 10) };
    await withCluster(async (cluster) => {
      kubeconfig = cluster.kubeconfig;
      const kube = await newConfiguration({ kubeconfig, debug: false }).kube();
      const rows: Row[] = [];
      say('install...');
      rows.push(await benchInstall(kube, big));
      say('upgrade...');
      rows.push(...(await benchUpgrade(kube, small)));
      say('list...');
      rows.push(await benchList(kube));
      printSummary(rows);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(cli, { recursive: true, force: true });
  }
}

await main();
