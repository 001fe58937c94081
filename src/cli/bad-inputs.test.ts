// The CLI on bad input, offline: hull's own one-paragraph error naming the file, line or flag,
// exit 2, no JavaScript stack unless --debug, and quickly (flags are checked before any kubeconfig).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = resolve(import.meta.dirname, '../main.ts');

function run(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}) {
  const home = mkdtempSync(join(tmpdir(), 'hull-home-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, HOME: home, KUBECONFIG: undefined, HULL_DEBUG: undefined, ...opts.env })) if (v !== undefined) env[k] = v;
  const started = Date.now();
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: opts.cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

function chart(files: Record<string, string | Buffer> = {}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'hull-bad-')), 'demo');
  const all: Record<string, string | Buffer> = {
    'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 1.0.0\n',
    'values.yaml': 'a: 1\n',
    'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: "{{Values.a}}"\n',
    ...files,
  };
  for (const [p, c] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
  return dir;
}

/** One "Error: ..." paragraph, exit 2, no stack frames. */
function expectUsageError(r: ReturnType<typeof run>, message: RegExp): void {
  expect(r.stderr).toMatch(/^Error: /);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr.trim().split('\n\n')).toHaveLength(1);
  expect(r.code).toBe(2);
}

describe('bad input on the command line', { timeout: 120_000 }, () => {
  it('refuses a values file that is not UTF-8, naming file and line', () => {
    const dir = chart();
    const bad = join(dirname(dir), 'bad.yaml');
    writeFileSync(bad, Buffer.concat([Buffer.from('a: 1\nb: "'), Buffer.from([0xff, 0xfe]), Buffer.from('"\n')]));
    expectUsageError(run(['template', 'x', dir, '-f', bad]), /bad\.yaml:2: not valid UTF-8/);
  });
  it('refuses a template that is not UTF-8, naming it and the line', () => {
    const dir = chart({ 'templates/x.yaml': Buffer.concat([Buffer.from('a: 1\n# caf'), Buffer.from([0xe9]), Buffer.from('\n')]) });
    expectUsageError(run(['template', 'x', dir]), /templates\/x\.yaml:2: not valid UTF-8/);
  });
  it('refuses a dependency declared in Chart.yaml but missing from charts/', () => {
    const dir = chart({ 'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 1.0.0\ndependencies:\n- name: db\n  version: 1.0.0\n' });
    expectUsageError(run(['template', 'x', dir]), /"db" is declared in Chart\.yaml but missing from charts\//);
  });
  it('refuses an invalid release name in template, as install does', () => {
    expectUsageError(run(['template', 'Bad_Name', chart()]), /invalid release name "Bad_Name"/);
  });
  it('refuses negative and non-numeric counts before reading any kubeconfig', () => {
    const env = { KUBECONFIG: '/nonexistent/kubeconfig' };
    expectUsageError(run(['upgrade', 'x', chart(), '--history-max', '-1'], { env }), /--history-max must be 0 or more, got -1/);
    expectUsageError(run(['history', 'x', '--max', '-1'], { env }), /--max must be at least 1, got -1/);
    expectUsageError(run(['history', 'x', '--max', '1e3'], { env }), /--max must be a whole number, got "1e3"/);
    expectUsageError(run(['status', 'x', '--revision', '0'], { env }), /--revision must be at least 1/);
    expectUsageError(run(['status', 'x', '-o', 'xml'], { env }), /invalid output format "xml"/);
  });
  it('create where a file is in the way', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'hull-create-'));
    writeFileSync(join(tmp, 'afile'), 'x');
    expectUsageError(run(['create', 'afile/sub'], { cwd: tmp }), /create chart afile\/sub: a file is in the way/);
  });
  it('template --output-dir onto a file', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'hull-out-'));
    writeFileSync(join(tmp, 'afile'), 'x');
    expectUsageError(run(['template', 'x', chart(), '--output-dir', join(tmp, 'afile')]), /--output-dir .*afile: write demo\/templates\/cm\.yaml: .*afile\/demo\/templates: a file is in the way where a directory is needed/);
  });
  it('symlink loops in a chart', () => {
    const dir = chart();
    symlinkSync('loop1', join(dir, 'loop2'));
    symlinkSync('loop2', join(dir, 'loop1'));
    expectUsageError(run(['template', 'x', dir]), /symlink "loop1" is part of a symlink loop/);
    const up = chart();
    symlinkSync('..', join(up, 'templates', 'up'));
    expectUsageError(run(['template', 'x', up]), /symlink "templates\/up" points back to a directory that contains it/);
  });
  it('says "no kubeconfig found" at once when there is none', () => {
    const r = run(['status', 'x'], { env: { KUBECONFIG: undefined, KUBERNETES_SERVICE_HOST: undefined } });
    // Before: 3.6 s of retries against an invented http://localhost:8080, then a TLS message. The
    // message alone proves no request was tried (no timing assertion: this machine's load varies).
    expectUsageError(r, /no kubeconfig found: set KUBECONFIG or pass --kubeconfig/);
    expect(r.stderr).not.toMatch(/localhost|ECONNREFUSED|TLS/);
  });
  it('a runaway include is one short paragraph', () => {
    const dir = chart({ 'templates/_h.tpl': '{{#define "loop"}}{{include "loop" this}}{{/define}}', 'templates/x.yaml': 'a: {{include "loop" this}}\n' });
    const r = run(['template', 'x', dir]);
    expectUsageError(r, /demo\/templates\/x\.yaml:1:\d+: include "loop": nested deeper than 100 levels/);
    expect(r.stderr.length).toBeLessThan(400);
  });
  it('--hide-secret needs a dry run, and then hides every v1 Secret document (Helm 4\'s flag)', () => {
    const dir = chart({ 'templates/s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: hunter2\n' });
    expectUsageError(run(['install', 'x', dir, '--hide-secret']), /--hide-secret: hiding Kubernetes secrets requires a dry-run mode/);
    const r = run(['install', 'x', dir, '--dry-run', '--hide-secret']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('---\n# Source: demo/templates/s.yaml\n# HIDDEN: The Secret output has been suppressed\n');
    expect(r.stdout).not.toContain('hunter2');
    expect(r.stdout).toContain('kind: ConfigMap');
  });
  it('refuses a values file over the documented size limit at once, instead of gigabytes of memory', () => {
    const dir = chart();
    const big = join(dirname(dir), 'big.yaml');
    writeFileSync(big, 'k: "'.concat('x'.repeat(5 * 1024 * 1024), '"\n'));
    const r = run(['template', 'x', dir, '-f', big]);
    expectUsageError(r, /values file .*big\.yaml: 5\.0 MiB is over hull's limit of 4\.0 MiB for a values file .*HULL_MAX_VALUES_SIZE/);
    const raised = run(['template', 'x', dir, '-f', big], { env: { HULL_MAX_VALUES_SIZE: '8Mi' } });
    expect(raised.code, raised.stderr).toBe(0);
  });
  it('refuses a namespace that cannot be one before reading any kubeconfig', () => {
    expectUsageError(run(['status', 'x', '-n', 'Bad_NS'], { env: { KUBECONFIG: '/nonexistent/kubeconfig' } }), /-n\/--namespace "Bad_NS" is not a namespace name/);
  });
  it('--debug adds the stack trace', () => {
    const r = run(['template', 'Bad_Name', chart(), '--debug']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\s+at /m);
  });
});
