// Helpers for e2e tests: kubectl against the test cluster, and a fresh namespace per test.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const run = promisify(execFile);

export const kubeconfig = () => inject('kubeconfig');

/** The real node's name ('' without one: see test/cluster/global-setup.ts). */
export const realNode = () => inject('realNode');

/**
 * What a pod needs to run on the real node instead of a KWOK node: the node's label and a
 * toleration of its taint (ordinary pods stay off it, since it really pulls and runs images).
 * test/values/real-node.yaml gives the example charts the same through values.
 */
export const onRealNode = {
  nodeSelector: { 'hull.test/real-node': 'true' },
  tolerations: [{ key: 'hull.test/real-node', operator: 'Exists', effect: 'NoSchedule' }],
};

/** Runs kubectl against the test cluster and returns stdout; rejects with stderr on failure. */
export async function kubectl(args: string[], input?: string): Promise<string> {
  const child = run(inject('kubectl'), ['--kubeconfig', inject('kubeconfig'), ...args], { maxBuffer: 64 << 20 });
  if (input !== undefined) {
    child.child.stdin!.end(input);
  }
  const { stdout } = await child;
  return stdout;
}

export async function kubectlJson<T = any>(args: string[]): Promise<T> {
  return JSON.parse(await kubectl([...args, '-o', 'json'])) as T;
}

/** Polls `check` until it returns a truthy value (which is returned), or fails after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

/**
 * Creates a namespace unique to one test and waits for its default ServiceAccount (pods are
 * rejected until it exists). Deletion is left to the caller's afterAll: a failed test's namespace
 * is kept for inspection when HULL_TEST_KEEP is set.
 */
export async function createNamespace(prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`.slice(0, 63);
  await kubectl(['create', 'namespace', name]);
  await eventually(`default ServiceAccount in ${name}`, async () => (await kubectl(['get', 'sa', 'default', '-n', name, '-o', 'name'])).trim());
  return name;
}

export async function deleteNamespace(name: string): Promise<void> {
  if (process.env.HULL_TEST_KEEP) return;
  await kubectl(['delete', 'namespace', name, '--wait=false', '--ignore-not-found']);
}

/** Runs the real helm binary against the test cluster in namespace `ns`; a failure carries helm's stderr. */
export async function runHelm(bin: string, ns: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(bin, [...args, '--kubeconfig', kubeconfig(), '-n', ns], { maxBuffer: 64 << 20 });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`helm ${args.join(' ')} failed: ${err.stderr || err.message}`);
  }
}
