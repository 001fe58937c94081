// The waiter and the diagnosis against real pods on the cluster's real node (not KWOK's staged
// statuses): what the kubelet really reports for a failing probe, a crash loop, an image that
// cannot be pulled, an OOM kill and a failing init container must reach hull's message, with the
// kubelet's own words and the container's own last lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespace, deleteNamespace, onRealNode, realNode } from '../helpers/cluster.ts';
import { hull, writeChart } from '../helpers/hull.ts';

interface Container {
  name?: string;
  image?: string;
  command: string[];
  readinessProbe?: object;
  resources?: object;
}

/** A one-Deployment chart whose pod runs on the real node. */
function chart(name: string, main: Container, init?: Container): string {
  const container = (c: Container) => ({ name: c.name ?? 'main', image: c.image ?? 'hull.local/busybox:1.35', command: c.command, ...(c.readinessProbe ? { readinessProbe: c.readinessProbe } : {}), ...(c.resources ? { resources: c.resources } : {}) });
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { ...onRealNode, terminationGracePeriodSeconds: 1, ...(init ? { initContainers: [container(init)] } : {}), containers: [container(main)] },
      },
    },
  };
  return writeChart(name, '0.1.0', { 'templates/deployment.yaml': JSON.stringify(deployment) });
}

describe.skipIf(!realNode())('waiting on real pods', () => {
  let ns: string;
  beforeAll(async () => {
    ns = await createNamespace('real-failures');
  });
  afterAll(async () => deleteNamespace(ns));

  async function install(name: string, dir: string, timeout: string) {
    const started = Date.now();
    const r = await hull(['install', name, dir, '-n', ns, '--wait', '--timeout', timeout]);
    return { ...r, elapsedMs: Date.now() - started };
  }

  it('a readiness probe that keeps failing: the timeout names the pod and the probe\'s own error', async () => {
    const r = await install('probe', chart('probe', { command: ['sleep', '3600'], readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 1 } }), '8s');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Deployment\/probe: 0 of 1 new pods ready after 8\.\ds — pod probe-[a-z0-9]+-[a-z0-9]+: container main Running, not Ready/);
    expect(r.stderr).toMatch(/\n  pod probe-[a-z0-9-]+, last warning: Unhealthy: Readiness probe failed: cat: can't open '\/tmp\/ready': No such file or directory/);
  });

  it('a container that really exits: CrashLoopBackOff fails the wait at once, with the exit code and the crash\'s last log lines', async () => {
    // A probe that never passes: without one the pod counts as Ready for the instant between its
    // start and its crash, and a wait may end right then.
    const never = { exec: { command: ['cat', '/tmp/ready'] } };
    const r = await install('crash', chart('crash', { command: ['sh', '-c', 'echo "starting"; echo "boom: config missing" >&2; exit 3'], readinessProbe: never }), '120s');
    expect(r.code).toBe(1);
    expect(r.elapsedMs).toBeLessThan(45_000);
    expect(r.stderr).toMatch(/pod crash-[a-z0-9]+-[a-z0-9]+: container main CrashLoopBackOff \(back-off \d+s restarting failed container\); last terminated: Error, exit code 3/);
    expect(r.stderr).toMatch(/\n  pod crash-[a-z0-9-]+, container main, last log lines of its failed run:\n(    .*\n)*    boom: config missing/);
  });

  it('an image no registry can serve: the pull goes to a closed loopback port and fails after the grace, not the timeout', async () => {
    const r = await install('nopull', chart('nopull', { image: 'registry.hull.invalid/nothing:1', command: ['true'] }), '120s');
    expect(r.code).toBe(1);
    expect(r.elapsedMs).toBeLessThan(45_000);
    expect(r.stderr).toMatch(/pod nopull-[a-z0-9]+-[a-z0-9]+: container main (ErrImagePull|ImagePullBackOff) \(/);
    // containerd's mirror for every registry is 127.0.0.1:1: nothing leaves the machine.
    expect(r.stderr).toMatch(/127\.0\.0\.1:1: connect: connection refused/);
  });

  it('a container over its memory limit: OOMKilled is named, exit code 137', async () => {
    const hog = ['sh', '-c', 'echo allocating; x=$(head -c 200000000 /dev/zero | tr "\\0" a); echo survived'];
    // Never ready (the probe's file never appears), so the wait sees the kill rather than a start.
    const r = await install('oom', chart('oom', { command: hog, resources: { limits: { memory: '32Mi' } }, readinessProbe: { exec: { command: ['cat', '/tmp/ready'] } } }), '120s');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/pod oom-[a-z0-9]+-[a-z0-9]+: container main CrashLoopBackOff .*; last terminated: OOMKilled, exit code 137/);
    expect(r.stderr).toMatch(/container main, last log lines of its failed run:\n    allocating/);
  });

  it('a failing init container: named as such, with its exit code and its last log lines', async () => {
    const r = await install('init', chart('init', { command: ['sleep', '3600'] }, { name: 'wait-db', command: ['sh', '-c', 'echo "db not reachable at todo-db:5432"; exit 2'] }), '120s');
    expect(r.code).toBe(1);
    expect(r.elapsedMs).toBeLessThan(45_000);
    expect(r.stderr).toMatch(/pod init-[a-z0-9]+-[a-z0-9]+: init container wait-db CrashLoopBackOff .*; last terminated: Error, exit code 2/);
    expect(r.stderr).toMatch(/container wait-db, last log lines of its failed run:\n    db not reachable at todo-db:5432/);
  });
});
