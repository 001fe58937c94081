// Go-template render benchmark: `helm create`'s chart with its deployment.yaml repeated to 10, 100
// and 300 templates, rendered by the built hull CLI and by the real `helm template` — the SAME chart,
// the same output (the differential test proves it byte-identical). Runs alternate hull, helm, hull,
// helm… so that load from the rest of the machine hits both alike; prints the medians and the median
// of the per-pair ratios. Target (performance issue): hull <= 0.8x Helm's wall time at each size.
// The machine is often loaded by other work, so wall time is noisy: with GNU time (/usr/bin/time)
// the user+sys CPU time and peak RSS of each run are printed too, CPU time being the steadier figure.
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
const SIZES = (process.env.BENCH_SIZES ?? '10,100,300').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

/** Keeps _helpers.tpl and NOTES.txt, and replaces everything else by n copies of deployment.yaml. */
async function explode(chartDir: string, n: number): Promise<void> {
  const tdir = join(chartDir, 'templates');
  const deployment = await readFile(join(tdir, 'deployment.yaml'), 'utf8');
  for (const f of await readdir(tdir)) {
    if (f !== '_helpers.tpl' && f !== 'NOTES.txt') await rm(join(tdir, f), { recursive: true });
  }
  const nameLine = /(?<=^ {2}name: \{\{ include "bench\.fullname" \. \}\})/m;
  for (let i = 0; i < n; i++) {
    const k = String(i).padStart(3, '0');
    // Distinct resource names: hull rejects duplicate objects (Helm would not notice).
    await writeFile(join(tdir, `deployment-${k}.yaml`), deployment.replace(nameLine, (m) => `${m}-${k}`));
  }
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Run { ms: number; cpuMs: number; rssMiB: number; out: string }

/** One run: wall time measured here; user+sys CPU and peak RSS from GNU time when present (else 0). */
function once(cmd: string, args: string[]): Run {
  const start = process.hrtime.bigint();
  const r = TIME
    ? spawnSync(TIME, ['-f', '%U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const [user, sys, kib] = TIME ? r.stderr.trim().split('\n').pop()!.split(' ').map(Number) : [0, 0, 0];
  return { ms, cpuMs: (user + sys) * 1000, rssMiB: kib / 1024, out: r.stdout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const helm = await helmBinary();
  const dir = await mkdtemp(join(tmpdir(), 'hull-bench-go-'));
  try {
    console.log(`helm create's chart, deployment.yaml repeated; ${RUNS} alternating pairs per size; median wall time`);
    for (const n of SIZES) {
      const chart = join(dir, `n${n}`, 'bench');
      await mkdir(dirname(chart), { recursive: true });
      await run(helm, ['create', chart]);
      await explode(chart, n);
      const hullArgs = [HULL, 'template', 'bench', chart];
      const helmArgs = ['template', 'bench', chart];
      // Warm the page cache and V8's compile cache; check the outputs agree.
      const a = once(process.execPath, hullArgs).out;
      const b = once(helm, helmArgs).out;
      if (a !== b) throw new Error(`${n} templates: hull's output differs from helm's`);
      const hulls: Run[] = [];
      const helms: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        hulls.push(once(process.execPath, hullArgs));
        helms.push(once(helm, helmArgs));
      }
      const ratio = median(hulls.map((h, i) => h.ms / helms[i].ms));
      console.log(`${String(n).padStart(3)} templates: hull ${median(hulls.map((r) => r.ms)).toFixed(0)} ms, helm ${median(helms.map((r) => r.ms)).toFixed(0)} ms, ratio ${ratio.toFixed(2)}x (target <= 0.80x: ${ratio <= 0.8 ? 'met' : 'NOT met'})`);
      if (TIME) {
        const cpu = median(hulls.map((h, i) => h.cpuMs / Math.max(helms[i].cpuMs, 1)));
        const rss = (rs: Run[]) => Math.max(...rs.map((r) => r.rssMiB));
        console.log(`${' '.repeat(15)}CPU (user+sys) hull ${median(hulls.map((r) => r.cpuMs)).toFixed(0)} ms, helm ${median(helms.map((r) => r.cpuMs)).toFixed(0)} ms, ratio ${cpu.toFixed(2)}x; ` +
          `peak RSS hull ${rss(hulls).toFixed(0)} MiB, helm ${rss(helms).toFixed(0)} MiB, ratio ${(rss(hulls) / rss(helms)).toFixed(2)}x (target <= 1.00x: ${rss(hulls) <= rss(helms) ? 'met' : 'NOT met'})`);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
