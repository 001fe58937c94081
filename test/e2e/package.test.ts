// The npm package as users get it. A copy of this tree is packed once (npm runs prepack, which
// builds dist/ there, leaving this checkout's dist/ to the other test files), then the tarball is
// installed the three ways people install a CLI — `npm install -g` into a temp prefix, `npx`, and as
// a devDependency of another project — and each installed copy runs the offline commands. The
// global one also installs a release into the test cluster.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespace, deleteNamespace, kubeconfig, kubectlJson } from '../helpers/cluster.ts';
import { ROOT } from '../helpers/hull.ts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'hull-package-'));
let tarball = '';
let packedFiles: string[] = [];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a user's shell: none of the npm_* variables of the `npm test` around us, the
 * Node that runs this test first on PATH (the installed bin's `#!/usr/bin/env node` finds it), a
 * kubeconfig that does not exist (offline commands must not need one) and an npm cache of our own,
 * so nothing is fetched from or left in the user's cache.
 */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return {
    ...env,
    PATH: [dirname(process.execPath), env.PATH].join(delimiter),
    KUBECONFIG: join(work, 'no-kubeconfig'),
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    ...extra,
  };
}

/** A global install's bin/ first on PATH, as after `npm install -g`. */
const onPath = (prefix: string) => ({ PATH: [join(prefix, 'bin'), dirname(process.execPath), process.env.PATH].join(delimiter) });

function run(cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: opts.cwd ?? work, env: userEnv(opts.env), maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

async function ok(cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<string> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** Packs a copy of the working tree (what git tracks or would track, uncommitted changes included). */
async function pack(): Promise<void> {
  const tree = join(work, 'tree');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0');
  for (const f of files) if (f && existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(tree, f));
  // The build needs the devDependencies (esbuild and the bundled libraries) and nothing is installed.
  symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
  const git = (args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  const env = { HULL_GIT_COMMIT: git(['rev-parse', 'HEAD']), HULL_GIT_TREE_STATE: git(['status', '--porcelain']) ? 'dirty' : 'clean' };
  const out = await ok('npm', ['pack', '--json', '--pack-destination', work], { cwd: tree, env });
  const [info] = JSON.parse(out.slice(out.indexOf('[')));
  tarball = join(work, info.filename);
  packedFiles = info.files.map((f: { path: string }) => f.path).sort();
}

beforeAll(pack, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it('holds the built bundle, bin/, the docs and the licences, and nothing else', () => {
    for (const f of packedFiles) expect(f).toMatch(/^(package\.json|README\.md|LICENSE|bin\/hull\.js|docs\/[\w-]+\.md|dist\/[\w-]+\.js|dist\/THIRD-PARTY-LICENSES\.txt)$/);
    expect(packedFiles).toEqual(expect.arrayContaining(['bin/hull.js', 'dist/main.js', 'dist/THIRD-PARTY-LICENSES.txt', 'README.md']));
    expect(packedFiles.some((f) => /^dist\/client-.*\.js$/.test(f))).toBe(true);
  });

  it('installs nothing else and runs no script at install time', () => {
    const packed = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' }));
    expect(packed.dependencies ?? {}).toEqual({});
    expect(packed.optionalDependencies ?? {}).toEqual({});
    for (const s of ['preinstall', 'install', 'postinstall']) expect(packed.scripts?.[s]).toBeUndefined();
    expect(packed.engines.node).toBe(pkg.engines.node);
  });

  it('bin/hull.js checks the same Node floor as "engines"', () => {
    // bin/hull.js checks the floor itself, before the bundle loads: it must say what engines says.
    const floor = /const FLOOR = \[(\d+), (\d+)\]/.exec(readFileSync(join(ROOT, 'bin/hull.js'), 'utf8'));
    expect(`>=${floor?.[1]}.${floor?.[2]}`).toBe(pkg.engines.node);
  });
});

/**
 * Runs the offline commands through one installed `hull`, on a chart in a fresh directory; `all`
 * adds Helm's version line and an invalid chart (once is enough: npm's start-up costs ~1 s a run).
 */
async function offlineCommands(hull: (args: string[]) => Promise<Run>, where: string, all = false): Promise<void> {
  const dir = join(work, `offline-${where}`);
  const chart = join(dir, 'web');
  mkdirSync(dir);
  const version = await hull(['version', '-o', 'json']);
  expect(version.code, version.stderr).toBe(0);
  expect(JSON.parse(version.stdout)).toEqual({
    version: `v${pkg.version}`,
    git_commit: expect.stringMatching(/^[0-9a-f]{40}$/),
    git_tree_state: expect.stringMatching(/^(clean|dirty)$/),
    node_version: process.version,
  });
  if (all) {
    const line = await hull(['version']);
    expect(line.stdout).toMatch(new RegExp(`^version\\.BuildInfo\\{Version:"v${pkg.version}", GitCommit:"[0-9a-f]{40}", GitTreeState:"(clean|dirty)", NodeVersion:"${process.version}"\\}\\n$`));
  }

  const create = await hull(['create', chart]);
  expect(create.code, create.stderr).toBe(0);
  expect(readdirSync(chart)).toEqual(expect.arrayContaining(['Chart.yaml', 'values.yaml', 'templates']));

  const template = await hull(['template', 'shop', chart, '--set', 'replicaCount=3']);
  expect(template.code, template.stderr).toBe(0);
  expect(template.stdout).toMatch(/^kind: Deployment$/m);
  expect(template.stdout).toMatch(/^ {2}name: shop-web$/m);
  expect(template.stdout).toMatch(/^ {2}replicas: 3$/m);

  const lint = await hull(['lint', chart]);
  expect(lint.code, lint.stderr).toBe(0);
  expect(lint.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');

  if (!all) return;
  // An invalid chart: hull's own error and exit 2 from the installed copy too.
  writeFileSync(join(chart, 'templates', 'broken.yaml'), 'a: {{#if}}\n');
  const broken = await hull(['template', 'shop', chart]);
  expect(broken.code).toBe(2);
  expect(broken.stderr).toMatch(/^Error: .*broken\.yaml/m);
  expect(broken.stderr).not.toMatch(/\n\s+at /);
}

describe('npm install -g', () => {
  const prefix = join(work, 'global');

  beforeAll(async () => {
    await ok('npm', ['install', '-g', '--offline', '--prefix', prefix, tarball]);
  }, 60_000);

  it('gives a hull on PATH whose offline commands work', async () => {
    expect(readdirSync(join(prefix, 'lib', 'node_modules'))).toEqual(['hull']);
    expect(existsSync(join(prefix, 'lib', 'node_modules', 'hull', 'node_modules'))).toBe(false);
    await offlineCommands((args) => run('hull', args, { env: onPath(prefix) }), 'global', true);
  });

  // The system Node of these machines is 20: if there is one below the floor, hull says so.
  const oldNode = ['/usr/bin/node', '/usr/local/bin/node', '/bin/node'].find((n) => {
    try {
      const [major, minor] = execFileSync(n, ['-p', 'process.versions.node'], { encoding: 'utf8' }).split('.').map(Number);
      return major < 22 || (major === 22 && minor < 19);
    } catch {
      return false;
    }
  });
  it.skipIf(!oldNode)(`on an older Node (${oldNode}) says which Node it needs`, async () => {
    const r = await run(oldNode!, [join(prefix, 'lib', 'node_modules', 'hull', 'bin', 'hull.js'), 'version']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: hull needs Node\.js 22\.19 or newer; this is Node\.js v\d+\.\d+\.\d+ \(.*\)\n$/);
  });

  describe('against the test cluster', () => {
    let ns = '';
    beforeAll(async () => {
      ns = await createNamespace('package');
    });
    afterAll(async () => {
      if (ns) await deleteNamespace(ns);
    });

    it('installs a chart it created, waits for it and reports it deployed', async () => {
      const env = { ...onPath(prefix), KUBECONFIG: kubeconfig() };
      const dir = join(work, 'cluster');
      mkdirSync(dir);
      await ok('hull', ['create', 'site'], { cwd: dir, env });
      const install = await run('hull', ['install', 'site', 'site', '-n', ns, '--wait', '--timeout', '60s'], { cwd: dir, env });
      expect(install.code, install.stderr).toBe(0);
      expect(install.stdout).toMatch(/^STATUS: deployed$/m);
      const status = JSON.parse(await ok('hull', ['status', 'site', '-n', ns, '-o', 'json'], { env }));
      expect(status).toMatchObject({ name: 'site', namespace: ns, version: 1, info: { status: 'deployed' } });
      const deploy = await kubectlJson(['get', 'deployment', 'site', '-n', ns]);
      expect(deploy.status.readyReplicas).toBe(1);
    });
  });
});

describe('npx', () => {
  it('runs hull straight from the tarball', async () => {
    await offlineCommands((args) => run('npm', ['exec', '--yes', '--offline', `--package=${tarball}`, '--', 'hull', ...args]), 'npx');
  });
});

describe('a devDependency of another project', () => {
  const project = join(work, 'project');

  beforeAll(async () => {
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-service', private: true, devDependencies: { hull: `file:${tarball}` } }));
    await ok('npm', ['install', '--offline'], { cwd: project });
  }, 60_000);

  it('gives the project an `npx hull` whose offline commands work', async () => {
    expect(readdirSync(join(project, 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual(['hull']);
    await offlineCommands((args) => run('npx', ['--offline', 'hull', ...args], { cwd: project }), 'project');
  });
});
