// hull diff against the real API server: live drift, server defaults and admission, Secrets masked,
// exit codes a CI job can act on, and nothing written.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { install, upgrade } from '../../src/actions/upgrade.ts';
import { history } from '../../src/actions/query.ts';
import { createNamespace, deleteNamespace, kubectl, kubectlJson } from '../helpers/cluster.ts';
import { configFor, configMap, deployment, hull, ROOT, writeChart } from '../helpers/hull.ts';

const base = { wait: true, timeoutMs: 60_000, historyMax: 10, values: {} };
const secret = (value: string) => `apiVersion: v1
kind: Secret
metadata:
  name: app-secret
stringData:
  password: ${value}
`;

let ns: string;
beforeAll(async () => {
  ns = await createNamespace('diff');
});
afterAll(async () => deleteNamespace(ns));

const v1 = () =>
  writeChart('app', '1.0.0', {
    'templates/cm.yaml': configMap('app-config', { mode: 'one' }),
    'templates/old.yaml': configMap('app-old', { x: '1' }),
    'templates/kept.yaml': configMap('app-kept', { x: '1' }, { 'helm.sh/resource-policy': 'keep' }),
    'templates/secret.yaml': secret('hunter2'),
    'templates/web.yaml': deployment('app-web', { replicas: 2 }),
  });
const v2 = () =>
  writeChart('app', '2.0.0', {
    'templates/cm.yaml': configMap('app-config', { mode: 'two' }),
    'templates/secret.yaml': secret('correct-horse'),
    'templates/web.yaml': deployment('app-web', { replicas: 2 }),
    'templates/api.yaml': deployment('app-api'),
  });

/** What a diff must never change: the release's Secrets and Leases, by resourceVersion. */
async function written(): Promise<string> {
  const list = await kubectlJson(['get', 'secrets,leases', '-n', ns]);
  return list.items.map((i: any) => `${i.kind}/${i.metadata.name}@${i.metadata.resourceVersion}`).sort().join(' ');
}

describe('hull diff', () => {
  it('shows chart changes and live drift per resource, masks Secrets, writes nothing', async () => {
    const cfg = configFor(ns);
    const chart1 = v1();
    await install(cfg, 'app', { ...base, chart: chart1 });
    const before = await written();

    // Nothing changed: exit 0 with --detailed-exitcode.
    const same = await hull(['diff', 'upgrade', 'app', chart1, '-n', ns, '--detailed-exitcode']);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/No changes: 5 resource\(s\)/);

    // Drift made by hand shows against the same chart: the upgrade would restore 2 replicas.
    await kubectl(['scale', 'deployment', 'app-web', '-n', ns, '--replicas=0']);
    const drift = await hull(['diff', 'upgrade', 'app', chart1, '-n', ns, '--detailed-exitcode', '-o', 'json']);
    expect(drift.code, drift.stderr).toBe(2);
    const report = JSON.parse(drift.stdout);
    expect(report).toMatchObject({ release: 'app', namespace: ns, operation: 'upgrade', currentRevision: 1, newRevision: 2, changed: true });
    expect(report.summary).toEqual({ create: 0, update: 1, delete: 0, keep: 0, unchanged: 4 });
    const web = report.resources.find((r: any) => r.resource.name === 'app-web');
    expect(web).toMatchObject({ action: 'update', drift: true, resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns } });
    expect(web.diff).toMatch(/^-  replicas: 0$/m);
    expect(web.diff).toMatch(/^\+  replicas: 2$/m);
    // Only what the apply changes: no status, no server bookkeeping.
    expect(web.diff).not.toMatch(/managedFields|resourceVersion|status:/);

    // A new chart: changes, additions (with the server's defaults), removals, and a Secret masked.
    const chart2 = v2();
    const text = await hull(['diff', 'upgrade', 'app', chart2, '-n', ns]);
    expect(text.code, text.stderr).toBe(0);
    const out = text.stdout;
    expect(out).toMatch(/^upgrade of release "app" in namespace .*: revision 1 -> revision 2$/m);
    expect(out).toMatch(/^~ ConfigMap\/app-config$/m);
    expect(out).toMatch(/^-  mode: one$/m);
    expect(out).toMatch(/^\+  mode: two$/m);
    expect(out).toMatch(/^\+ Deployment\/app-api$/m);
    expect(out).toMatch(/^\+  progressDeadlineSeconds: 600$/m); // defaulted by the API server
    expect(out).toMatch(/^- ConfigMap\/app-old$/m);
    expect(out).toMatch(/^= ConfigMap\/app-kept \(leaves the release, stays in the cluster/m);
    expect(out).toMatch(/^~ Deployment\/app-web \(changed in the cluster since the release applied it\)$/m);
    expect(out).toMatch(/^~ Secret\/app-secret$/m);
    expect(out).toMatch(/^-  password: "\*\*\* \(before\)"$/m);
    expect(out).toMatch(/^\+  password: "\*\*\* \(after\)"$/m);
    expect(out).not.toContain(Buffer.from('hunter2').toString('base64'));
    expect(out).not.toContain(Buffer.from('correct-horse').toString('base64'));
    expect(out).toMatch(/^Plan: 1 to create, 3 to change, 1 to delete, 1 to leave in the cluster; 0 unchanged\.$/m);
    expect(out).not.toMatch(/\u001b\[/); // piped: no colour

    // --show-secrets opts in; --context 0 keeps only the changed lines.
    const shown = await hull(['diff', 'upgrade', 'app', chart2, '-n', ns, '--show-secrets', '--context', '0', '-o', 'json']);
    const sec = JSON.parse(shown.stdout).resources.find((r: any) => r.resource.kind === 'Secret');
    expect(sec.diff).toContain(`-  password: ${Buffer.from('hunter2').toString('base64')}`);
    expect(sec.diff).toContain(`+  password: ${Buffer.from('correct-horse').toString('base64')}`);
    expect(sec.diff.split('\n').filter((l: string) => l && !/^[-+@]/.test(l))).toEqual([]);

    // upgrade --dry-run=server masks Secrets the same way.
    const dry = await hull(['upgrade', 'app', chart2, '-n', ns, '--dry-run=server']);
    expect(dry.code, dry.stderr).toBe(0);
    const changes = dry.stdout.split('CHANGES:')[1].split('MANIFEST:')[0];
    expect(changes).toMatch(/^~ Secret\/app-secret\n[\s\S]*-  password: "\*\*\* \(before\)"/m);
    expect(changes).not.toMatch(/hunter2|correct-horse/);
    expect((await hull(['upgrade', 'app', chart2, '-n', ns, '--dry-run=server', '--show-secrets'])).stdout).toMatch(/\+  password: correct-horse/);

    // A resource deleted by hand: the upgrade would create it again.
    await kubectl(['delete', 'configmap', 'app-config', '-n', ns]);
    const gone = JSON.parse((await hull(['diff', 'upgrade', 'app', chart1, '-n', ns, '-o', 'json'])).stdout);
    expect(gone.resources.find((r: any) => r.resource.name === 'app-config')).toMatchObject({ action: 'create', drift: true });

    // Nothing was written: no revision, no lock.
    expect(await written()).toBe(before);
    expect((await history(cfg, 'app')).map((r) => r.version)).toEqual([1]);
  });

  it('diffs a rollback against what is live, YAML too', async () => {
    const cfg = configFor(ns);
    await install(cfg, 'rb', { ...base, chart: writeChart('rb', '1.0.0', { 'templates/cm.yaml': configMap('rb-config', { mode: 'one' }) }) });
    await upgrade(cfg, 'rb', { ...base, chart: writeChart('rb', '2.0.0', { 'templates/cm.yaml': configMap('rb-config', { mode: 'two' }), 'templates/extra.yaml': configMap('rb-extra', {}) }) });
    const res = await hull(['diff', 'rollback', 'rb', '-n', ns, '-o', 'yaml', '--detailed-exitcode']);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stdout).toMatch(/^operation: rollback$/m);
    expect(res.stdout).toMatch(/^rollbackTo: 1$/m);
    expect(res.stdout).toMatch(/^newRevision: 3$/m);
    const text = (await hull(['diff', 'rollback', 'rb', '1', '-n', ns])).stdout;
    expect(text).toMatch(/^~ ConfigMap\/rb-config$/m);
    expect(text).toMatch(/^- ConfigMap\/rb-extra$/m);
    expect(text).toMatch(/revision 2 -> revision 3 \(rollback to 1\)/);
    const none = await hull(['diff', 'rollback', 'rb', '2', '-n', ns, '--detailed-exitcode']);
    expect(none.code, none.stderr).toBe(0);
  });

  it('fails with 1 under --detailed-exitcode: rejected objects, unknown releases, bad flags', async () => {
    const bad = writeChart('bad', '1.0.0', { 'templates/web.yaml': deployment('bad-web').replace('replicas: 1', 'replicas: -3') });
    const rejected = await hull(['diff', 'upgrade', 'bad', bad, '-n', ns, '--install', '--detailed-exitcode']);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/Deployment\/bad-web: .*replicas/);
    const missing = await hull(['diff', 'upgrade', 'nope', bad, '-n', ns, '--detailed-exitcode']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/"nope" has no deployed releases/);
    const typo = await hull(['diff', 'upgrade', 'nope', bad, '-n', ns, '--detailed-exitcode', '--contxt', '1']);
    expect(typo.code).toBe(1);
    const usage = await hull(['diff', 'upgrade', 'nope', bad, '-n', ns, '--context', '-1']);
    expect(usage.code).toBe(2);
  });

  it('colours on a terminal only, and never with NO_COLOR', async () => {
    const chart = writeChart('tty', '1.0.0', { 'templates/cm.yaml': configMap('tty-config', { a: '1' }) });
    const cmd = `${process.execPath} ${join(ROOT, 'bin/hull.js')} diff upgrade tty ${chart} -n ${ns} --install`;
    // script(1) gives hull a pseudo-terminal as stdout.
    const { NO_COLOR: _n, FORCE_COLOR: _f, ...clean } = process.env;
    const onTty = (env: Record<string, string>) =>
      promisify(execFile)('script', ['-qec', cmd, '/dev/null'], { env: { ...clean, KUBECONFIG: inject('kubeconfig'), TERM: 'xterm-256color', ...env } }).then((r) => r.stdout);
    expect(await onTty({})).toMatch(/\u001b\[32m(\u001b\[1m)?\+ ConfigMap\/tty-config/);
    expect(await onTty({ NO_COLOR: '1' })).not.toMatch(/\u001b\[/);
  });
});

describe('a CI gate', () => {
  it('acts on --detailed-exitcode -o json in a shell script', async () => {
    const cfg = configFor(ns);
    const chart = writeChart('gate', '1.0.0', { 'templates/cm.yaml': configMap('gate-config', { v: '1' }) });
    await install(cfg, 'gate', { ...base, chart });
    const next = writeChart('gate', '1.1.0', { 'templates/cm.yaml': configMap('gate-config', { v: '2' }) });
    const script = `
      set -u
      out=$(node ${join(ROOT, 'bin/hull.js')} diff upgrade gate "$1" -n ${ns} --detailed-exitcode -o json)
      case $? in
        0) echo "up to date" ;;
        2) echo "needs approval: $(printf '%s' "$out" | jq -r '.resources[] | select(.action != "unchanged") | "\\(.action) \\(.resource.kind)/\\(.resource.name)"')" ;;
        *) echo "diff failed"; exit 1 ;;
      esac`;
    const gate = (c: string) => promisify(execFile)('bash', ['-c', script, 'gate', c], { env: { ...process.env, KUBECONFIG: inject('kubeconfig') } }).then((r) => r.stdout.trim());
    expect(await gate(chart)).toBe('up to date');
    expect(await gate(next)).toBe('needs approval: update ConfigMap/gate-config');
    await expect(gate('/nonexistent/chart')).rejects.toMatchObject({ stdout: 'diff failed\n' });
  });
});
