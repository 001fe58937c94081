import { describe, expect, it } from 'vitest';
import type { HookManifest, Manifest } from '../manifest/types.ts';
import { buildPlan, resourceKey } from './plan.ts';
import { describePlan } from '../cli/plan-text.ts';

const m = (kind: string, name: string, apiVersion = 'v1', annotations?: Record<string, string>): Manifest => ({
  name: `t/templates/${name}.yaml`,
  content: '',
  object: { apiVersion, kind, metadata: { name, ...(annotations ? { annotations } : {}) } },
});
const hook = (name: string, events: HookManifest['events'], weight: number): HookManifest => ({ ...m('Job', name, 'batch/v1'), events, weight, deletePolicies: ['before-hook-creation'] });

describe('buildPlan', () => {
  it('orders pre-hooks by weight, applies in install order, deletes removed resources in reverse, waits, then post-hooks', () => {
    const steps = buildPlan({
      operation: 'upgrade',
      namespace: 'ns',
      previous: [m('ConfigMap', 'old'), m('Service', 'gone'), m('Deployment', 'web', 'apps/v1')],
      next: [m('Deployment', 'web', 'apps/v1'), m('ConfigMap', 'cfg'), m('Namespace', 'extra')],
      hooks: [hook('b', ['pre-upgrade'], 5), hook('a', ['pre-upgrade'], 5), hook('first', ['pre-upgrade'], -1), hook('post', ['post-upgrade'], 0), hook('inst', ['pre-install'], 0)],
      wait: true,
    });
    expect(steps.map((s) => s.kind)).toEqual(['hooks', 'apply', 'delete', 'wait', 'hooks']);
    const job = (name: string, weight: number) => ({ resource: { apiVersion: 'batch/v1', kind: 'Job', name, namespace: 'ns' }, weight, deletePolicies: ['before-hook-creation'] });
    expect(steps[0]).toEqual({ kind: 'hooks', event: 'pre-upgrade', hooks: [job('first', -1), job('a', 5), job('b', 5)] });
    expect(steps[1].kind === 'apply' && steps[1].resources.map((r) => r.kind)).toEqual(['Namespace', 'ConfigMap', 'Deployment']);
    expect(steps[2].kind === 'delete' && steps[2].resources.map((r) => r.name)).toEqual(['gone', 'old']);
    expect(steps[4]).toEqual({ kind: 'hooks', event: 'post-upgrade', hooks: [job('post', 0)] });
  });

  it('keeps resources annotated helm.sh/resource-policy: keep, and treats an apiVersion change as the same resource', () => {
    const steps = buildPlan({
      operation: 'upgrade',
      namespace: 'ns',
      previous: [m('ConfigMap', 'data', 'v1', { 'helm.sh/resource-policy': 'keep' }), m('HorizontalPodAutoscaler', 'hpa', 'autoscaling/v1')],
      next: [m('HorizontalPodAutoscaler', 'hpa', 'autoscaling/v2')],
      hooks: [],
      wait: false,
    });
    expect(steps).toEqual([
      { kind: 'apply', resources: [{ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', name: 'hpa', namespace: 'ns' }] },
      { kind: 'delete', resources: [], kept: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'data', namespace: 'ns' }] },
    ]);
    expect(resourceKey({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', name: 'hpa', namespace: 'ns' })).toBe(resourceKey({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', name: 'hpa', namespace: 'ns' }));
  });

  it('skips hooks with --no-hooks and describes the plan for --dry-run', () => {
    const steps = buildPlan({ operation: 'install', namespace: 'ns', previous: [], next: [m('ConfigMap', 'a')], hooks: [hook('h', ['pre-install'], 0)], wait: true, noHooks: true });
    expect(describePlan(steps)).toBe('1. apply 1 resource(s): ConfigMap/a\n2. wait for 1 resource(s) to be ready');
  });

  it('uninstalls in reverse install order between delete hooks', () => {
    const steps = buildPlan({ operation: 'uninstall', namespace: 'ns', previous: [m('Namespace', 'n'), m('Deployment', 'd', 'apps/v1'), m('Service', 's')], next: [], hooks: [hook('pre', ['pre-delete'], 0)], wait: false });
    expect(steps.map((s) => s.kind)).toEqual(['hooks', 'delete']);
    expect(steps[1].kind === 'delete' && steps[1].resources.map((r) => r.kind)).toEqual(['Deployment', 'Service', 'Namespace']);
  });
});
