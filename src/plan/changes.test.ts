import { describe, expect, it } from 'vitest';
import type { Manifest } from '../manifest/types.ts';
import { manifestChanges } from './changes.ts';
import { describeChanges } from '../cli/plan-text.ts';

const m = (kind: string, name: string, body: string): Manifest => ({
  name: `t/templates/${name}.yaml`,
  content: `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${body}`,
  object: { apiVersion: 'v1', kind, metadata: { name } },
});

describe('manifestChanges', () => {
  it('lists added, changed and removed resources with their diffs, and leaves unchanged ones out', () => {
    const changes = manifestChanges(
      [m('ConfigMap', 'same', 'data: {a: b}'), m('ConfigMap', 'cfg', 'data:\n  mode: one'), m('Service', 'old', 'spec: {}')],
      [m('ConfigMap', 'same', 'data: {a: b}'), m('ConfigMap', 'cfg', 'data:\n  mode: two'), m('ConfigMap', 'new', 'data: {x: y}')],
      'ns',
    );
    expect(changes.map((c) => [c.change, `${c.resource.kind}/${c.resource.name}`, c.resource.namespace])).toEqual([['changed', 'ConfigMap/cfg', 'ns'], ['added', 'ConfigMap/new', 'ns'], ['removed', 'Service/old', 'ns']]);
    const text = describeChanges(changes);
    expect(text).toContain('~ ConfigMap/cfg\n');
    expect(text).toMatch(/-  mode: one\n\+  mode: two/);
    expect(text).toMatch(/\+ ConfigMap\/new\n[\s\S]*\+data: \{x: y\}/);
    expect(text).toMatch(/- Service\/old\n[\s\S]*-spec: \{\}/);
  });

  it('says so when nothing changes', () => {
    expect(describeChanges(manifestChanges([m('ConfigMap', 'a', '')], [m('ConfigMap', 'a', '')], 'ns'))).toBe('no resource changes\n');
  });
});

describe('manifestChanges and Secrets', () => {
  const s = (value: string): Manifest => ({
    name: 't/templates/s.yaml',
    content: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: ${value}`,
    object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: value } } as Manifest['object'],
  });
  it('masks values unless showSecrets', () => {
    const [masked] = manifestChanges([s('old-pw')], [s('new-pw')], 'ns');
    expect(masked.diff).not.toMatch(/old-pw|new-pw/);
    expect(masked.diff).toMatch(/-  password: "\*\*\* \(before\)"\n\+  password: "\*\*\* \(after\)"/);
    const [shown] = manifestChanges([s('old-pw')], [s('new-pw')], 'ns', { showSecrets: true });
    expect(shown.diff).toMatch(/-  password: old-pw\n\+  password: new-pw/);
  });
});
