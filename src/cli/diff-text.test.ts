import { describe, expect, it } from 'vitest';
import type { DiffReport } from '../actions/diff.ts';
import { formatDiff } from './diff-text.ts';

const report: DiffReport = {
  release: 'app',
  namespace: 'ns',
  operation: 'upgrade',
  currentRevision: 2,
  newRevision: 3,
  changed: true,
  summary: { create: 1, update: 1, delete: 0, keep: 1, unchanged: 1 },
  resources: [
    { action: 'create', resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'new' }, drift: true, diff: '@@ -1,0 +1,1 @@\n+kind: ConfigMap\n' },
    { action: 'update', resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, drift: true, diff: '@@ -1,1 +1,1 @@\n-a\n+b\n' },
    { action: 'unchanged', resource: { apiVersion: 'v1', kind: 'Service', name: 'web' }, drift: false, diff: '' },
    { action: 'keep', resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'kept' }, drift: false, diff: '' },
  ],
};

describe('formatDiff', () => {
  it('one header per changed resource, its hunks, and a summary', () => {
    expect(formatDiff(report, { colour: false })).toBe(
      [
        'upgrade of release "app" in namespace ns: revision 2 -> revision 3',
        '+ ConfigMap/new (deleted from the cluster by hand)',
        '@@ -1,0 +1,1 @@',
        '+kind: ConfigMap',
        '~ Deployment/web (changed in the cluster since the release applied it)',
        '@@ -1,1 +1,1 @@',
        '-a',
        '+b',
        '= ConfigMap/kept (leaves the release, stays in the cluster: helm.sh/resource-policy keep)',
        'Plan: 1 to create, 1 to change, 0 to delete, 1 to leave in the cluster; 1 unchanged.',
        '',
      ].join('\n'),
    );
  });
  it('colours lines only when asked', () => {
    const c = formatDiff(report, { colour: true });
    expect(c).toMatch(/\u001b\[31m-a\u001b\[39m/);
    expect(c).toMatch(/\u001b\[32m\+b\u001b\[39m/);
    expect(formatDiff(report, { colour: false })).not.toMatch(/\u001b/);
  });
  it('says when nothing changes, and names a rollback target', () => {
    const none = { ...report, operation: 'rollback' as const, rollbackTo: 1, changed: false, summary: { create: 0, update: 0, delete: 0, keep: 0, unchanged: 4 }, resources: [] };
    expect(formatDiff(none, { colour: false })).toBe('rollback of release "app" in namespace ns: revision 2 -> revision 3 (rollback to 1)\nNo changes: 4 resource(s) already as the rollback would leave them.\n');
  });
});
