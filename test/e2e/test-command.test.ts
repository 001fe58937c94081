// `hull test`: Job and Pod tests, --filter, --logs for both kinds, failures with a diagnosis, and
// each test's last run recorded in the release.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespace, deleteNamespace } from '../helpers/cluster.ts';
import { hull, writeChart } from '../helpers/hull.ts';

let ns: string;
beforeAll(async () => {
  ns = await createNamespace('testcmd');
});
afterAll(async () => deleteNamespace(ns));

// A bare Pod only ever becomes Running on the simulated kubelets; exit code 0 makes it Succeed.
const podTest = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {hull.test/exit-code: "0"}
  annotations: {helm.sh/hook: test}
spec:
  restartPolicy: Never
  containers: [{name: check, image: busybox}]
`;
const jobTest = (name: string, labels: Record<string, string> = {}) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  annotations: {helm.sh/hook: test}
spec:
  backoffLimit: 0
  template:
    metadata:
      labels: ${JSON.stringify(labels)}
    spec:
      restartPolicy: Never
      containers: [{name: check, image: busybox}]
`;

describe('hull test', () => {
  it('runs Job and Pod tests, filters them, prints logs of both, and explains a failure', async () => {
    const chart = writeChart('suite', '1.0.0', {
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: suite-config\ndata: {}\n',
      'templates/test-pod.yaml': podTest('suite-pod-test'),
      'templates/test-job.yaml': jobTest('suite-job-test'),
      'templates/test-bad.yaml': jobTest('suite-bad-test', { 'hull.test/exit-code': '3' }),
    });
    const install = await hull(['install', 'suite', chart, '-n', ns]);
    expect(install.code, install.stderr).toBe(0);
    // As Helm: the chart has tests, none has run yet, so no TEST SUITE line at all ("None" is for a chart without tests).
    expect(install.stdout).not.toMatch(/TEST SUITE/);

    const ok = await hull(['test', 'suite', '-n', ns, '--filter', '!name=suite-bad-test', '--logs', '--timeout', '30s']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/TEST SUITE:\s+suite-job-test[\s\S]*Phase:\s+Succeeded/);
    expect(ok.stdout).toMatch(/TEST SUITE:\s+suite-pod-test[\s\S]*Phase:\s+Succeeded/);
    expect(ok.stdout).toMatch(/POD LOGS: suite-job-test-\w+ \(container check\)/);
    expect(ok.stdout).toMatch(/POD LOGS: suite-pod-test \(container check\)/);
    expect(ok.stdout).not.toMatch(/suite-bad-test/);

    const bad = await hull(['test', 'suite', '-n', ns, '--filter', 'name=suite-bad-test', '-o', 'json', '--timeout', '30s']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/job failed: BackoffLimitExceeded[\s\S]*exit code 3/);
    const rel = JSON.parse(bad.stdout);
    const phases = Object.fromEntries(rel.hooks.map((h: any) => [h.name, h.last_run.phase]));
    expect(phases).toEqual({ 'suite-bad-test': 'Failed', 'suite-job-test': 'Succeeded', 'suite-pod-test': 'Succeeded' });

    const status = await hull(['status', 'suite', '-n', ns]);
    expect(status.stdout).toMatch(/TEST SUITE:\s+suite-bad-test[\s\S]*Phase:\s+Failed/);
  });
});
