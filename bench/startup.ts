// Start-up of the CLI against the real Helm binary, command by command, as a user runs them:
//   version, --help          no cluster, no chart: Node's start plus what the command loads
//   history, status, get     one release of 100 revisions on a local cluster (started by this run,
//                            or BENCH_KUBECONFIG's), read by both tools from the same Secrets
// Each figure is the median of BENCH_RUNS (default 11) alternating pairs after a warm-up pair, so
// the machine's load falls on both tools alike. Wall time is what users wait; CPU time (user +
// system, from /usr/bin/time where it exists, 10 ms resolution) is steadier on a busy machine.
// hull runs as the npm package's bin/hull.js on this Node, and, when dist-exe/hull exists (npm run
// build:exe) or BENCH_EXE names one, as the single executable too. BENCH_OFFLINE=1 skips the cluster.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { newConfiguration } from '../src/config.ts';
import type { Status } from '../src/release/types.ts';
import { SecretsDriver } from '../src/storage/secrets.ts';
import { writeBenchChart } from './charts.ts';
import { withCluster } from './cluster.ts';
import { helmBinary } from './helm.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const REVISIONS = 100;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Sample { wall: number; cpu?: number; rssMiB?: number }
interface Tool { name: string; argv: string[] }
interface Case { what: string; args: string[]; target?: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const say = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

let scratch = '';
function run(tool: Tool, args: string[], env: NodeJS.ProcessEnv): Sample {
  const [cmd, ...rest] = tool.argv;
  const out = join(scratch, 'time');
  const argv = TIME ? [TIME, '-f', '%U %S %M', '-o', out, cmd, ...rest, ...args] : [cmd, ...rest, ...args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${tool.name} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  if (!TIME) return { wall };
  return { wall, ...parseTime(spawnSync('cat', [out], { encoding: 'utf8' }).stdout) };
}

function parseTime(text: string): Partial<Sample> {
  const [user, sys, rssKiB] = text.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { cpu: (user + sys) * 1000, rssMiB: rssKiB / 1024 };
}

interface Row { what: string; tool: string; hull: Sample; helm: Sample; target?: number }

/** Alternating pairs: hull variant, then helm, RUNS times after one warm-up pair. */
function pairs(c: Case, hull: Tool, helm: Tool, env: NodeJS.ProcessEnv): Row {
  const samples: Record<'hull' | 'helm', Sample[]> = { hull: [], helm: [] };
  for (let i = 0; i <= RUNS; i++) {
    const h = run(hull, c.args, env);
    const g = run(helm, c.args, env);
    if (i === 0) continue;
    samples.hull.push(h);
    samples.helm.push(g);
  }
  const med = (xs: Sample[]): Sample => ({
    wall: median(xs.map((x) => x.wall)),
    cpu: TIME ? median(xs.map((x) => x.cpu!)) : undefined,
    rssMiB: TIME ? median(xs.map((x) => x.rssMiB!)) : undefined,
  });
  return { what: c.what, tool: hull.name, hull: med(samples.hull), helm: med(samples.helm), target: c.target };
}

function printTable(rows: Row[]): void {
  const f = (n: number | undefined, d = 0) => (n === undefined ? '-' : n.toFixed(d));
  const cells = [
    ['command', 'hull as', 'hull ms', 'helm ms', 'wall', 'hull cpu', 'helm cpu', 'cpu', 'MiB hull/helm', 'target', ''],
    ...rows.map((r) => {
      const wall = r.hull.wall / r.helm.wall;
      const cpu = r.hull.cpu !== undefined ? r.hull.cpu / r.helm.cpu! : undefined;
      return [r.what, r.tool, f(r.hull.wall), f(r.helm.wall), `${wall.toFixed(2)}x`, f(r.hull.cpu), f(r.helm.cpu), cpu === undefined ? '-' : `${cpu.toFixed(2)}x`,
        `${f(r.hull.rssMiB)}/${f(r.helm.rssMiB)}`, r.target ? `<= ${r.target}x` : '', r.target ? ((cpu ?? wall) <= r.target ? 'met' : 'NOT met') : ''];
    }),
  ];
  const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  // On this shared 2-core machine wall time mostly measures the other work running; CPU time does not.
  console.log(`\nstart-up: median of ${RUNS} alternating pairs after a warm-up; ms; ratios hull/helm; target judged on ${TIME ? 'CPU' : 'wall'} time`);
  for (const c of cells) console.log(c.map((s, i) => (i >= 2 && i <= 8 ? s.padStart(widths[i]) : s.padEnd(widths[i]))).join('  ').trimEnd());
}

/** A release of REVISIONS revisions: a real hull install, then copies of its body, the last deployed. */
async function seedRelease(kubeconfig: string, namespace: string, chart: string): Promise<void> {
  const kube = await newConfiguration({ kubeconfig, debug: false }).kube();
  await kube.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'hull.js'), 'install', 'app', chart, '-n', namespace, '--kubeconfig', kubeconfig, '--wait=false'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`seeding install failed: ${r.stderr}`);
  const driver = new SecretsDriver(kube, namespace);
  const first = await driver.get('app', 1);
  const versions = Array.from({ length: REVISIONS - 1 }, (_, i) => i + 2);
  for (let i = 0; i < versions.length; i += 16) {
    await Promise.all(versions.slice(i, i + 16).map((version) => {
      const status: Status = version === REVISIONS ? 'deployed' : 'superseded';
      return driver.create({ ...first, version, info: { ...first.info, status, description: 'Upgrade complete' } });
    }));
  }
  await driver.update({ ...first, info: { ...first.info, status: 'superseded' } });
}

async function main(): Promise<void> {
  const helm: Tool = { name: 'helm', argv: [await helmBinary()] };
  scratch = await mkdtemp(join(tmpdir(), 'hull-bench-startup-'));
  try {
    // A private copy of the package: a rebuild of dist/ during the run must not change what is measured.
    await cp(join(ROOT, 'bin'), join(scratch, 'bin'), { recursive: true });
    await cp(join(ROOT, 'dist'), join(scratch, 'dist'), { recursive: true });
    await cp(join(ROOT, 'package.json'), join(scratch, 'package.json'));
    const hulls: Tool[] = [{ name: 'npm', argv: [process.execPath, join(scratch, 'bin', 'hull.js')] }];
    const exe = process.env.BENCH_EXE ?? join(ROOT, 'dist-exe', 'hull');
    if (existsSync(exe)) hulls.push({ name: 'exe', argv: [exe] });
    else say('no single executable (npm run build:exe): measuring the npm package only');

    const offline: Case[] = [{ what: 'version', args: ['version'], target: 1.0 }, { what: '--help', args: ['--help'] }];
    const rows: Row[] = [];
    for (const c of offline) for (const hull of hulls) rows.push(pairs(c, hull, helm, process.env));

    if (!process.env.BENCH_OFFLINE) {
      const chart = await writeBenchChart(scratch, 'hull', 10);
      const online = async (kubeconfig: string) => {
        const ns = `bench-startup-${process.pid}`;
        say(`a release of ${REVISIONS} revisions in ${ns}...`);
        await seedRelease(kubeconfig, ns, chart);
        const env = { ...process.env, KUBECONFIG: kubeconfig, HELM_NAMESPACE: ns };
        const cases: Case[] = [
          { what: `history (${REVISIONS} rev.)`, args: ['history', 'app', '-n', ns], target: 0.8 },
          { what: 'status', args: ['status', 'app', '-n', ns], target: 0.8 },
          { what: 'get manifest', args: ['get', 'manifest', 'app', '-n', ns], target: 0.8 },
        ];
        for (const c of cases) for (const hull of hulls) rows.push(pairs(c, hull, helm, env));
      };
      if (process.env.BENCH_KUBECONFIG) await online(process.env.BENCH_KUBECONFIG);
      else await withCluster((cluster) => online(cluster.kubeconfig));
    }
    printTable(rows);
    console.log(`hull on Node ${process.version}; helm ${spawnSync(helm.argv[0], ['version', '--short'], { encoding: 'utf8' }).stdout.trim()}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
