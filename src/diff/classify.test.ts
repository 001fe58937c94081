import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import { classify, hasChanges, summarize } from './classify.ts';
import { normalize } from './normalize.ts';
import { redactSecretPair } from './redact.ts';
import { unifiedDiff } from './text.ts';

const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', namespace: 'ns' };
const cm = (data: Record<string, string>, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cfg', namespace: 'ns', ...extra },
  data,
});
const live = (data: Record<string, string>) => cm(data, { uid: 'u1', resourceVersion: '42', creationTimestamp: '2026-01-01T00:00:00Z', managedFields: [{ manager: 'hull' }] });

describe('normalize', () => {
  it("drops status and the server's bookkeeping, keeps everything else", () => {
    const o = { ...live({ a: '1' }), status: { phase: 'x' }, metadata: { ...live({}).metadata, generation: 3, labels: { l: 'v' } } };
    expect(normalize(o)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'ns', labels: { l: 'v' } }, data: { a: '1' } });
    expect(o.metadata.uid).toBe('u1'); // the input is not touched
  });
});

describe('redactSecretPair', () => {
  const secret = (data: Record<string, string>, stringData?: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data, ...(stringData ? { stringData } : {}) });
  it('masks values, saying which changed', () => {
    const [b, a] = redactSecretPair(secret({ same: 'eA==', changed: 'eQ==', gone: 'eg==' }), secret({ same: 'eA==', changed: 'dw==', added: 'dg==' }, { plain: 'text' }));
    expect(b!.data).toEqual({ same: '***', changed: '*** (before)', gone: '***' });
    expect(a!.data).toEqual({ same: '***', changed: '*** (after)', added: '***' });
    expect(a!.stringData).toEqual({ plain: '***' });
  });
  it("masks kubectl's last-applied annotation, and leaves other kinds alone", () => {
    const s = secret({ k: 'dg==' });
    s.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"k":"dg=="}}', other: 'kept' };
    expect(redactSecretPair(s, undefined)[0]!.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/last-applied-configuration': '***', other: 'kept' });
    expect(redactSecretPair(s, undefined)[1]).toBeUndefined();
    const c = cm({ a: 'secret-looking' });
    expect(redactSecretPair(c, c)).toEqual([c, c]);
  });
});

describe('classify', () => {
  it('an update diffs live against the dry-run result, without server noise', () => {
    const d = classify({ resource: ref, recorded: true, wanted: true, live: live({ a: '1' }), after: live({ a: '2' }), recordedAfter: live({ a: '1' }) })!;
    expect(d).toMatchObject({ action: 'update', drift: false });
    expect(d.diff).toBe('@@ -1,6 +1,6 @@\n apiVersion: v1\n data:\n-  a: "1"\n+  a: "2"\n kind: ConfigMap\n metadata:\n   name: cfg\n');
  });
  it('drift: live differs from re-applying the recorded object', () => {
    const d = classify({ resource: ref, recorded: true, wanted: true, live: live({ a: 'by-hand' }), after: live({ a: '1' }), recordedAfter: live({ a: '1' }) })!;
    expect(d).toMatchObject({ action: 'update', drift: true });
    expect(classify({ resource: ref, recorded: true, wanted: true, live: live({ a: '1' }), after: live({ a: '1' }), recordedAfter: live({ a: '1' }) })).toMatchObject({ action: 'unchanged', drift: false, diff: '' });
  });
  it('create, recreate after a manual delete, delete, keep, and already gone', () => {
    expect(classify({ resource: ref, recorded: false, wanted: true, after: cm({ a: '1' }) })).toMatchObject({ action: 'create', drift: false });
    expect(classify({ resource: ref, recorded: true, wanted: true, after: cm({ a: '1' }) })).toMatchObject({ action: 'create', drift: true });
    const del = classify({ resource: ref, recorded: true, wanted: false, live: live({ a: '1' }) })!;
    expect(del.action).toBe('delete');
    expect(del.diff).toMatch(/^-kind: ConfigMap$/m);
    expect(classify({ resource: ref, recorded: true, wanted: false, kept: true, live: live({}) })).toEqual({ resource: ref, action: 'keep', drift: false, diff: '' });
    expect(classify({ resource: ref, recorded: true, wanted: false })).toBeUndefined();
  });
  it('honours --context and masks Secrets unless asked', () => {
    const lines = Array.from({ length: 10 }, (_, i) => [`k${i}`, 'v']);
    const a = cm(Object.fromEntries(lines));
    const b = cm({ ...Object.fromEntries(lines), k5: 'w' });
    const d0 = classify({ resource: ref, recorded: false, wanted: true, live: a, after: b }, { context: 0 })!;
    expect(d0.diff).toBe('@@ -8,1 +8,1 @@\n-  k5: v\n+  k5: w\n');
    const s = (v: string): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { p: v } });
    const sref = { apiVersion: 'v1', kind: 'Secret', name: 's' };
    expect(classify({ resource: sref, recorded: false, wanted: true, live: s('YQ=='), after: s('Yg==') })!.diff).not.toMatch(/YQ==|Yg==/);
    expect(classify({ resource: sref, recorded: false, wanted: true, live: s('YQ=='), after: s('Yg==') }, { showSecrets: true })!.diff).toMatch(/-  p: YQ==\n\+  p: Yg==/);
  });
  it('summarizes', () => {
    const s = summarize([
      { resource: ref, action: 'unchanged', drift: false, diff: '' },
      { resource: ref, action: 'keep', drift: false, diff: '' },
    ]);
    expect(s).toEqual({ create: 0, update: 0, delete: 0, keep: 1, unchanged: 1 });
    expect(hasChanges(s)).toBe(true);
    expect(hasChanges({ ...s, keep: 0 })).toBe(false);
  });
});

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => expect(unifiedDiff('a\n', 'a\n')).toBe(''));
});
