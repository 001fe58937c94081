import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import { assess } from './rules.ts';

const obj = (apiVersion: string, kind: string, rest: Record<string, unknown> = {}, generation?: number): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'x', namespace: 'default', ...(generation ? { generation } : {}) },
  ...rest,
});

describe('simple kinds', () => {
  it('PVC: Bound is ready, Pending waits, Lost fails', () => {
    expect(assess(obj('v1', 'PersistentVolumeClaim', { status: { phase: 'Bound', accessModes: ['ReadWriteOnce'] } })).state).toBe('ready');
    expect(assess(obj('v1', 'PersistentVolumeClaim', { status: { phase: 'Pending' } }))).toMatchObject({ state: 'progressing', reason: 'Pending' });
    expect(assess(obj('v1', 'PersistentVolumeClaim', { status: { phase: 'Lost' } })).state).toBe('failed');
  });

  it('Service: LoadBalancer needs an ingress only when asked', () => {
    const lb = obj('v1', 'Service', { spec: { type: 'LoadBalancer', clusterIP: '10.96.0.12', ports: [{ port: 8012 }] }, status: { loadBalancer: {} } });
    expect(assess(lb).state).toBe('ready');
    expect(assess(lb, { askLoadBalancer: true })).toMatchObject({ state: 'progressing', reason: 'NoIngress' });
    const assigned = { ...lb, status: { loadBalancer: { ingress: [{ ip: '172.18.0.2' }] } } };
    expect(assess(assigned, { askLoadBalancer: true }).state).toBe('ready');
    expect(assess(obj('v1', 'Service', { spec: { type: 'ClusterIP' } }), { askLoadBalancer: true }).state).toBe('ready');
  });

  it('CRD: Established is ready, a name clash fails', () => {
    const crd = (conditions: unknown[]) => obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', { status: { conditions } });
    expect(assess(crd([{ type: 'NamesAccepted', status: 'True' }, { type: 'Established', status: 'True' }])).state).toBe('ready');
    expect(assess(crd([{ type: 'NamesAccepted', status: 'True' }, { type: 'Established', status: 'False', reason: 'Installing' }])).state).toBe('progressing');
    expect(assess(crd([{ type: 'NamesAccepted', status: 'False', reason: 'ListKindConflict', message: '"WidgetList" is already in use' }]))).toMatchObject({
      state: 'failed',
      reason: 'ListKindConflict',
    });
  });

  it('objects without status are ready once they exist', () => {
    expect(assess(obj('v1', 'ConfigMap', { data: { a: '1' } }))).toEqual({ state: 'ready' });
    expect(assess(obj('rbac.authorization.k8s.io/v1', 'Role'))).toEqual({ state: 'ready' });
  });

  it('custom resources follow their Ready condition', () => {
    const cr = (conditions: unknown[], generation = 1, observedGeneration = 1) =>
      obj('db.example.com/v1', 'Cluster', { status: { observedGeneration, conditions } }, generation);
    expect(assess(cr([{ type: 'Ready', status: 'True', reason: 'Provisioned' }])).state).toBe('ready');
    expect(assess(cr([{ type: 'Ready', status: 'False', reason: 'Provisioning', message: 'creating primary' }]))).toEqual({
      state: 'progressing',
      reason: 'Provisioning',
      message: 'creating primary',
    });
    expect(assess(cr([{ type: 'Ready', status: 'True' }], 2, 1))).toMatchObject({ state: 'progressing', reason: 'NotObserved' });
    expect(assess(cr([{ type: 'Ready', status: 'True', observedGeneration: 1 }], 2, 2))).toMatchObject({ state: 'progressing', reason: 'NotObserved' });
    expect(assess(cr([{ type: 'Stalled', status: 'True', reason: 'InvalidSpec', message: 'storage size must be positive' }]))).toMatchObject({ state: 'failed', reason: 'InvalidSpec' });
    expect(assess(cr([{ type: 'Reconciling', status: 'True', reason: 'Scaling' }])).state).toBe('progressing');
    expect(assess(cr([{ type: 'Synced', status: 'True' }])).state).toBe('ready');
  });

  it('anything being deleted is progressing', () => {
    const going = obj('v1', 'ConfigMap');
    going.metadata.deletionTimestamp = '2026-11-22T05:10:00Z';
    expect(assess(going)).toMatchObject({ state: 'progressing', reason: 'Terminating' });
  });
});
