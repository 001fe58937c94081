// Render benchmark: a chart of 300 templates (the `helm create` deployment repeated), rendered by
// the built hull CLI and by the real `helm template`, as a user runs them. Prints wall time (median
// of several runs) and peak RSS of each, and the hull/helm ratios. Target: hull <= 0.8x Helm's time.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { helmBinary } from './helm.ts';

const run = promisify(execFile);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const HULL = join(ROOT, 'bin', 'hull.js');
const TEMPLATES = Number(process.env.BENCH_TEMPLATES ?? 300);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** Keeps _helpers.tpl and NOTES.txt, and replaces everything else by N copies of deployment.yaml. */
async function explode(chartDir: string, nameLine: RegExp): Promise<void> {
  const tdir = join(chartDir, 'templates');
  const deployment = await readFile(join(tdir, 'deployment.yaml'), 'utf8');
  for (const f of await readdir(tdir)) {
    if (f !== '_helpers.tpl' && f !== 'NOTES.txt') await rm(join(tdir, f), { recursive: true });
  }
  for (let i = 0; i < TEMPLATES; i++) {
    const n = String(i).padStart(3, '0');
    // Distinct resource names: hull rejects duplicate objects (Helm would not notice).
    await writeFile(join(tdir, `deployment-${n}.yaml`), deployment.replace(nameLine, (m) => `${m}-${n}`));
  }
}

interface Sample { wall: number; rssKiB: number }

/** One run: wall time measured here, peak RSS from /usr/bin/time when present, else from the OS. */
function once(cmd: string, args: string[]): Sample {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const start = process.hrtime.bigint();
  const r = timeBin
    ? spawnSync(timeBin, ['-f', '%M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const rssKiB = timeBin ? Number(r.stderr.trim().split('\n').pop()) : 0;
  return { wall, rssKiB };
}

function measure(cmd: string, args: string[]): { wall: number; rssMiB: number; docs: number } {
  once(cmd, args); // warm the page cache and, for node, the compile cache
  const samples = Array.from({ length: RUNS }, () => once(cmd, args));
  const walls = samples.map((s) => s.wall).sort((a, b) => a - b);
  const out = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
  return { wall: walls[Math.floor(walls.length / 2)], rssMiB: Math.max(...samples.map((s) => s.rssKiB)) / 1024, docs: (out.match(/^kind: /gm) ?? []).length };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'hull-bench-render-'));
  try {
    const hullChart = join(dir, 'hull', 'bench');
    await run(process.execPath, [HULL, 'create', hullChart]);
    await explode(hullChart, /(?<=^  name: \{\{include "bench\.fullname" this\}\})/m);
    const hull = measure(process.execPath, [HULL, 'template', 'bench', hullChart]);
    console.log(`chart: ${TEMPLATES} templates (the create deployment repeated), ${RUNS} runs, median wall time, max peak RSS`);
    console.log(`hull template: ${hull.wall.toFixed(0)} ms, ${hull.rssMiB.toFixed(0)} MiB, ${hull.docs} documents`);

    let helm: string;
    try {
      helm = await helmBinary();
    } catch (e) {
      console.log(`helm: not available (${(e as Error).message}); no ratio`);
      return;
    }
    const helmChart = join(dir, 'helm', 'bench');
    await mkdir(dirname(helmChart), { recursive: true });
    await run(helm, ['create', helmChart]);
    await explode(helmChart, /(?<=^  name: \{\{ include "bench\.fullname" \. \}\})/m);
    const h = measure(helm, ['template', 'bench', helmChart]);
    console.log(`helm template: ${h.wall.toFixed(0)} ms, ${h.rssMiB.toFixed(0)} MiB, ${h.docs} documents`);
    const time = hull.wall / h.wall;
    const mem = hull.rssMiB / h.rssMiB;
    console.log(`ratio hull/helm: time ${time.toFixed(2)}x (target <= 0.80x: ${time <= 0.8 ? 'met' : 'NOT met'}), memory ${mem.toFixed(2)}x (target <= 1.00x: ${mem <= 1 ? 'met' : 'NOT met'})`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
