// The real node of the local cluster runs real containers: their output is in `kubectl logs`,
// they get addresses on the node's bridge, reach a Service by its name through cluster DNS and
// kube-proxy, and cannot resolve (let alone reach) anything outside the cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespace, deleteNamespace, eventually, kubectl, kubectlJson, onRealNode, realNode } from '../helpers/cluster.ts';

describe.skipIf(!realNode())('the real node', () => {
  let ns: string;
  beforeAll(async () => {
    ns = await createNamespace('real-node');
  });
  afterAll(async () => deleteNamespace(ns));

  const pod = (name: string, command: string, extra: object = {}) => JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels: { app: name } },
    spec: {
      ...onRealNode,
      terminationGracePeriodSeconds: 1,
      restartPolicy: 'Never',
      containers: [{ name: 'main', image: 'hull.local/busybox:1.35', command: ['sh', '-c', command], ...extra }],
    },
  });

  it('is a Ready node with a taint that keeps ordinary pods on the KWOK nodes', async () => {
    const node = await kubectlJson(['get', 'node', realNode()]);
    expect(node.metadata.labels['hull.test/real-node']).toBe('true');
    expect(node.spec.taints).toEqual([expect.objectContaining({ key: 'hull.test/real-node', effect: 'NoSchedule' })]);
    expect(node.status.nodeInfo.containerRuntimeVersion).toMatch(/^containerd:\/\//);
    expect(node.status.conditions.find((c: any) => c.type === 'Ready').status).toBe('True');
    // KWOK keeps its hands off: it manages only the nodes annotated as its own.
    expect(node.metadata.annotations?.['kwok.x-k8s.io/node']).toBeUndefined();
  });

  it('runs a container whose output is in its logs, on an address of the node bridge', async () => {
    const started = Date.now();
    await kubectl(['apply', '-f', '-'], pod('hello', 'echo "hello from $(hostname)"; echo "to stderr" >&2; exec sleep 3600', { readinessProbe: { exec: { command: ['true'] }, periodSeconds: 1 } }));
    await kubectl(['wait', '--for=condition=Ready', 'pod/hello', '-n', ns, '--timeout=60s']);
    const readyInMs = Date.now() - started;
    const p = await kubectlJson(['get', 'pod', 'hello', '-n', ns]);
    expect(p.spec.nodeName).toBe(realNode());
    expect(p.status.podIP).toMatch(/^10\.89\.\d+\.\d+$/);
    const logs = await kubectl(['logs', 'hello', '-n', ns]);
    // stdout and stderr are separate streams: their relative order is not kept.
    expect(logs.split('\n').sort()).toEqual(['', 'hello from hello', 'to stderr']);
    expect(await kubectl(['exec', 'hello', '-n', ns, '--', 'cat', '/proc/1/cmdline'])).toBe('sleep\u00003600\u0000');
    process.stderr.write(`[real-node] pod create -> Ready in ${readyInMs} ms\n`);
  });

  it('reaches a Service by name (cluster DNS + kube-proxy); names outside the cluster do not resolve', async () => {
    await kubectl(['apply', '-f', '-'], pod('web', 'echo "served by web" > /tmp/index.html; exec httpd -f -p 8080 -h /tmp', { ports: [{ containerPort: 8080 }], readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 } }));
    await kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } }));
    await kubectl(['wait', '--for=condition=Ready', 'pod/web', '-n', ns, '--timeout=60s']);
    // Debian's busybox wget crashes on this kernel; nc speaks HTTP well enough.
    await kubectl(['apply', '-f', '-'], pod('client', `printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 5 web.${ns} 80; nslookup example.com || echo "example.com: no such name"`));
    const logs = await eventually('the client to finish', async () => {
      const p = await kubectlJson(['get', 'pod', 'client', '-n', ns]);
      return p.status.phase === 'Succeeded' && kubectl(['logs', 'client', '-n', ns]);
    });
    expect(logs).toContain('served by web');
    expect(logs).toMatch(/can't find example\.com: NXDOMAIN/);
    expect(logs).toContain('example.com: no such name');
  });
});
