// The example charts are used by the e2e tests: they must render and lint cleanly, and keep the
// names, hooks, images and scheduling values the labs rely on.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChart } from '../chart/load.ts';
import { lintChart } from '../actions/lint.ts';
import { renderChart } from './render.ts';

const CHARTS = join(import.meta.dirname, '..', '..', 'charts');
const release = { name: 'todo-list', namespace: 'default', revision: 1, isInstall: true, isUpgrade: false };
const all = ['todo-list/v1', 'todo-list/v2', 'todo-list/v3', 'todo-list/v4', 'vweb', 'numbers-api'];

async function render(chart: string, values: Record<string, unknown> = {}) {
  return renderChart(await loadChart(join(CHARTS, chart)), values, { release });
}

function podLabels(obj: Record<string, any>): Record<string, string> {
  return obj.spec.template.metadata.labels;
}

describe('example charts', () => {
  it.each(all)('%s lints cleanly, warnings included', async (chart) => {
    expect(await lintChart(join(CHARTS, chart))).toEqual([]);
  });

  it('todo-list v1: web and db Deployments, Service on 8012, Secret todo-db-secret, NOTES', async () => {
    const r = await render('todo-list/v1');
    const names = r.manifests.map((m) => `${m.object.kind}/${m.object.metadata.name}`);
    expect(names).toEqual(['Secret/todo-db-secret', 'PersistentVolumeClaim/todo-list-db-data', 'Service/todo-list-db', 'Service/todo-list-web', 'Deployment/todo-list-db', 'Deployment/todo-list-web']);
    const svc = r.manifests.find((m) => m.object.metadata.name === 'todo-list-web')!.object as any;
    expect(svc.spec).toMatchObject({ type: 'LoadBalancer', ports: [{ port: 8012 }] });
    const db = r.manifests.find((m) => m.object.kind === 'Deployment' && m.object.metadata.name === 'todo-list-db')!.object as any;
    const c = db.spec.template.spec.containers[0];
    expect(c.image).toBe('hull.local/postgres:15.18');
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 5432 }, periodSeconds: 5 });
    expect(c.livenessProbe).toEqual({ exec: { command: ['pg_isready', '-h', 'localhost'] }, initialDelaySeconds: 10, periodSeconds: 10 });
    expect(r.hooks).toEqual([]);
    expect(r.notes).toContain('kubectl get svc todo-list-web');
  });

  it('todo-list v2: db 15.20 with a sleep override (so it never gets ready), no test labels', async () => {
    const r = await render('todo-list/v2');
    const db = r.manifests.find((m) => m.object.kind === 'Deployment' && m.object.metadata.name === 'todo-list-db')!.object as any;
    expect(db.spec.template.spec.containers[0]).toMatchObject({ image: 'hull.local/postgres:15.20', command: ['sleep', 'infinity'] });
    expect(Object.keys(podLabels(db))).toEqual(['app', 'release', 'component']);
  });

  it.each(all)('%s: nodeSelector and tolerations reach every pod, hooks included, only when set', async (chart) => {
    const scheduling = { nodeSelector: { 'hull.test/real-node': 'true' }, tolerations: [{ key: 'hull.test/real-node', operator: 'Exists' }] };
    const values = chart === 'vweb' ? { ...scheduling, statefulset: { enabled: true }, daemonset: { enabled: true } } : scheduling;
    const podSpecs = (r: Awaited<ReturnType<typeof render>>) => [...r.manifests, ...r.hooks].map((m) => (m.object as any).spec?.template?.spec).filter(Boolean);
    const set = podSpecs(await render(chart, values));
    expect(set.length).toBeGreaterThan(0);
    for (const spec of set) expect(spec).toMatchObject(scheduling);
    for (const spec of podSpecs(await render(chart))) {
      expect(spec.nodeSelector).toBeUndefined();
      expect(spec.tolerations).toBeUndefined();
    }
  });

  it('todo-list v3: the fix plus a kept test Job', async () => {
    const r = await render('todo-list/v3');
    const db = r.manifests.find((m) => m.object.kind === 'Deployment' && m.object.metadata.name === 'todo-list-db')!.object as any;
    expect(db.spec.template.spec.containers[0].command).toBeUndefined();
    expect(r.hooks.map((h) => [h.object.kind, h.object.metadata.name, h.events, h.deletePolicies])).toEqual([['Job', 'todo-list-db-test', ['test'], ['before-hook-creation']]]);
    const job = r.hooks[0].object as any;
    expect(job.spec.backoffLimit).toBe(0);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
  });

  it('todo-list v4: weighted pre-upgrade ConfigMap and failing check Job', async () => {
    const r = await render('todo-list/v4');
    const pre = r.hooks.filter((h) => h.events.includes('pre-upgrade'));
    expect(pre.map((h) => [h.object.kind, h.object.metadata.name, h.weight])).toEqual([['ConfigMap', 'todo-list-db-check-scripts', 1], ['Job', 'todo-list-db-check', 10]]);
    expect((pre[0].object as any).data['check-postgres-version.sh']).toContain('** ERROR - Postgres not at expected version - wanted: $EXPECTED, got: $VERSION - CANNOT UPGRADE **');
    expect((pre[1].object as any).spec.template.spec.containers[0].image).toBe('hull.local/postgres:15.20');
    expect((pre[0].object as any).data['check-postgres-version.sh']).toContain("EXPECTED='15.18'");
    expect((pre[1].object as any).spec.backoffLimit).toBe(0);
  });

  it('vweb: versions, strategies and the optional variants by value', async () => {
    const base = await render('vweb');
    expect(base.manifests.map((m) => m.object.kind)).toEqual(['Service', 'Deployment']);
    const r = await render('vweb', { image: { tag: 'v2' }, strategy: { type: 'Recreate' }, config: { mode: 'immutable', version: 'v2' }, statefulset: { enabled: true, partition: 1 }, daemonset: { enabled: true }, podLabels: { tier: 'web' } });
    const byKind = Object.fromEntries(r.manifests.map((m) => [m.object.kind, m.object as any]));
    expect(byKind.Deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect(podLabels(byKind.Deployment)).toMatchObject({ version: 'v2', tier: 'web' });
    expect(byKind.ConfigMap).toMatchObject({ metadata: { name: 'todo-list-config-v2' }, immutable: true });
    expect(byKind.StatefulSet.spec.updateStrategy.rollingUpdate.partition).toBe(1);
    expect(byKind.DaemonSet.spec.template.spec.containers[0].image).toBe('hull.local/vweb:v2');
  });

  it('numbers-api: probes as in lab C', async () => {
    const r = await render('numbers-api', { podLabels: { tier: 'api' } });
    const d = r.manifests.find((m) => m.object.kind === 'Deployment')!.object as any;
    expect(d.spec.replicas).toBe(2);
    const c = d.spec.template.spec.containers[0];
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 });
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/healthz', port: 80 }, periodSeconds: 10, initialDelaySeconds: 10, failureThreshold: 2 });
    expect(c.image).toBe('hull.local/numbers-api:v1');
    expect(podLabels(d).tier).toBe('api');
  });
});
