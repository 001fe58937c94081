// Running hull in e2e tests: the library actions with a Configuration for the test cluster, and the
// real CLI as a child process (for output and exit codes).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { inject, onTestFinished } from 'vitest';
import { newConfiguration, type Configuration, type Logger } from '../../src/config.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHARTS = join(ROOT, 'charts');
/** Values that put every pod of a chart in charts/ on the test cluster's real node. */
export const REAL_NODE_VALUES = join(ROOT, 'test', 'values', 'real-node.yaml');

const quiet: Logger = { info: () => {}, debug: () => {}, warn: () => {} };

export function configFor(namespace: string, log: Logger = quiet): Configuration {
  return newConfiguration({ kubeconfig: inject('kubeconfig'), namespace, debug: false }, log);
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the built CLI (dist/) with this test's kubeconfig; `npm test` builds it first. */
export function startHull(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/hull.js'), ...args], {
    env: { ...process.env, KUBECONFIG: inject('kubeconfig'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult>((res, rej) => {
    child.on('error', rej);
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr }));
  });
  // A test that times out must not leave a hull process holding a release lock.
  try {
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
  } catch {
    /* called outside a test (e.g. in beforeAll): the caller awaits it */
  }
  return { child, done, output: () => ({ stdout, stderr }) };
}

export function hull(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return startHull(args, env).done;
}

/** Writes a chart into a new temp dir: `files` maps chart-relative paths to contents. */
export function writeChart(name: string, version: string, files: Record<string, string>, extraChartYaml = ''): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'hull-chart-')), name);
  const all: Record<string, string> = {
    'Chart.yaml': `apiVersion: v2\nname: ${name}\nversion: ${version}\nappVersion: "1.0"\n${extraChartYaml}`,
    'values.yaml': '{}\n',
    ...files,
  };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export function configMap(name: string, data: Record<string, string>, annotations: Record<string, string> = {}): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  annotations: ${JSON.stringify(annotations)}
data: ${JSON.stringify(data)}
`;
}

export function deployment(name: string, opts: { replicas?: number; image?: string; labels?: Record<string, string> } = {}): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${opts.replicas ?? 1}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: ${JSON.stringify({ app: name, ...opts.labels })}
    spec:
      containers:
      - name: main
        image: ${opts.image ?? 'kiamol/ch09-vweb:v1'}
`;
}
