import { describe, expect, it } from 'vitest';
import type { Manifest } from '../manifest/types.ts';
import { describeChanges, manifestChanges } from './changes.ts';

const m = (kind: string, name: string, body: string): Manifest => ({
  name: `t/templates/${name}.yaml`,
  content: `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${body}`,
  object: { apiVersion: 'v1', kind, metadata: { name } },
});

describe('manifestChanges', () => {
  it('lists added, changed and removed resources with their diffs, and leaves unchanged ones out', () => {
    const changes = manifestChanges(
      [m('ConfigMap', 'same', 'data: {a: b}'), m('ConfigMap', 'cfg', 'data:\n  mode: one'), m('Service', 'old', 'spec: {}')],
      [m('ConfigMap', 'same', 'data: {a: b}'), m('ConfigMap', 'cfg', 'data:\n  mode: two'), m('Secret', 'new', 'type: Opaque')],
      'ns',
    );
    expect(changes.map((c) => [c.kind, c.resource])).toEqual([['changed', 'ConfigMap/cfg'], ['added', 'Secret/new'], ['removed', 'Service/old']]);
    const text = describeChanges(changes);
    expect(text).toContain('~ ConfigMap/cfg\n');
    expect(text).toMatch(/-  mode: one\n\+  mode: two/);
    expect(text).toMatch(/\+ Secret\/new\n[\s\S]*\+type: Opaque/);
    expect(text).toMatch(/- Service\/old\n[\s\S]*-spec: \{\}/);
  });

  it('says so when nothing changes', () => {
    expect(describeChanges(manifestChanges([m('ConfigMap', 'a', '')], [m('ConfigMap', 'a', '')], 'ns'))).toBe('no resource changes\n');
  });
});
