// Start-up of the CLI: `hull version` (no cluster, no chart) against `helm version`, median of N
// runs each, as a user runs them. A figure, not a test: the machine's load makes it noisy.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { helmBinary } from './helm.ts';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.env.RUNS ?? 15);

function median(cmd: string, args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const hull = median(process.execPath, [join(root, 'bin/hull.js'), 'version']);
const help = median(process.execPath, [join(root, 'bin/hull.js'), '--help']);
const helm = median(await helmBinary(), ['version']);
console.log(`start-up, median of ${runs} runs:`);
console.log(`  hull version   ${hull.toFixed(0)} ms`);
console.log(`  hull --help    ${help.toFixed(0)} ms`);
console.log(`  helm version   ${helm.toFixed(0)} ms`);
console.log(`  ratio hull/helm ${(hull / helm).toFixed(2)}x`);
