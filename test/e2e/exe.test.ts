// `npm run build:exe`: one file that runs hull where no Node is installed. Built into a temp
// directory, then run with an empty environment (no PATH, so no node to find), offline and against
// the test cluster.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespace, deleteNamespace, kubeconfig } from '../helpers/cluster.ts';
import { ROOT } from '../helpers/hull.ts';

const out = mkdtempSync(join(tmpdir(), 'hull-exe-'));
const exe = join(out, 'hull');

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(exe, args, { cwd: out, env: { HOME: out, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-exe.mjs'), out], { cwd: ROOT, stdio: 'ignore' });
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the single executable', () => {
  it('is one file (and its licences) and runs the offline commands without Node on PATH', async () => {
    expect(readdirSync(out).sort()).toEqual(['THIRD-PARTY-LICENSES.txt', 'hull']);
    const version = await run(['version', '-o', 'json']);
    expect(version.code, version.stderr).toBe(0);
    expect(JSON.parse(version.stdout)).toMatchObject({ version: expect.stringMatching(/^v\d+\.\d+\.\d+/), git_commit: expect.stringMatching(/^[0-9a-f]{40}$/), node_version: process.version });

    const chart = join(out, 'web');
    expect((await run(['create', chart])).code).toBe(0);
    const template = await run(['template', 'shop', chart, '--set', 'replicaCount=2']);
    expect(template.code, template.stderr).toBe(0);
    expect(template.stdout).toMatch(/^ {2}replicas: 2$/m);
    const lint = await run(['lint', chart]);
    expect(lint.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    const bad = await run(['template', 'shop', join(out, 'missing')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Error: .*missing/m);
  });

  describe('against the test cluster', () => {
    let ns = '';
    beforeAll(async () => {
      ns = await createNamespace('exe');
    });
    afterAll(async () => {
      if (ns) await deleteNamespace(ns);
    });

    it('installs, reports status and uninstalls', async () => {
      const env = { KUBECONFIG: kubeconfig() };
      const chart = join(out, 'site');
      expect((await run(['create', chart])).code).toBe(0);
      const install = await run(['install', 'site', chart, '-n', ns, '--wait', '--timeout', '60s'], env);
      expect(install.code, install.stderr).toBe(0);
      const status = await run(['status', 'site', '-n', ns, '-o', 'json'], env);
      expect(JSON.parse(status.stdout)).toMatchObject({ name: 'site', version: 1, info: { status: 'deployed' } });
      const uninstall = await run(['uninstall', 'site', '-n', ns], env);
      expect(uninstall.code, uninstall.stderr).toBe(0);
    });
  });
});
