import { describe, expect, it } from 'vitest';
import type { Status } from '../release/status.ts';
import { pruneHistory, selectPrunable } from './history.ts';
import type { Driver } from './driver.ts';

const hist = (...statuses: Status[]) => statuses.map((status, i) => ({ version: i + 1, status }));

describe('selectPrunable', () => {
  it('deletes nothing while within the limit', () => {
    expect(selectPrunable(hist('superseded', 'deployed'), 2)).toEqual([]);
    expect(selectPrunable([], 0)).toEqual([]);
  });

  it('deletes the oldest revisions beyond the limit', () => {
    expect(selectPrunable(hist('superseded', 'superseded', 'superseded', 'deployed'), 2)).toEqual([1, 2]);
  });

  it('never deletes the last deployed revision, even if more than keep remain', () => {
    // 1 deployed, then failed upgrades: the failures go, oldest first, and the deployed one stays.
    expect(selectPrunable(hist('deployed', 'failed', 'failed', 'failed'), 1)).toEqual([2, 3, 4]);
    expect(selectPrunable(hist('deployed', 'failed', 'failed', 'failed'), 2)).toEqual([2, 3]);
    // keep 0 (historyMax 1): everything but the deployed revision, which is one more than asked.
    expect(selectPrunable(hist('deployed', 'failed', 'failed'), 0)).toEqual([2, 3]);
  });

  it('protects only the highest deployed revision when several claim it', () => {
    expect(selectPrunable(hist('deployed', 'deployed', 'superseded'), 1)).toEqual([1, 3]);
  });

  it('sorts by version whatever order the labels came in', () => {
    const entries = [
      { version: 3, status: 'deployed' as const },
      { version: 1, status: 'superseded' as const },
      { version: 2, status: 'superseded' as const },
    ];
    expect(selectPrunable(entries, 1)).toEqual([1, 2]);
  });

  it('treats a negative keep as unlimited', () => {
    expect(selectPrunable(hist('superseded', 'deployed'), -1)).toEqual([]);
  });
});

describe('pruneHistory', () => {
  const driver = (statuses: Status[], failOn?: number) => {
    const deleted: number[] = [];
    const d = {
      listEntries: async () => hist(...statuses).map((e) => ({ ...e, name: 'web', namespace: 'ns', labels: {} })),
      delete: async (_name: string, v: number) => {
        if (v === failOn) throw new Error('boom');
        deleted.push(v);
        return true;
      },
    } as unknown as Driver;
    return { d, deleted };
  };

  it('makes room for the new revision: historyMax-1 old ones remain', async () => {
    const { d, deleted } = driver(['superseded', 'superseded', 'superseded', 'deployed']);
    expect((await pruneHistory(d, 'web', 3)).deleted).toEqual([1, 2]);
    expect(deleted).toEqual([1, 2]);
  });

  it('does nothing when historyMax is 0 (unlimited)', async () => {
    const { d, deleted } = driver(['superseded', 'deployed']);
    expect(await pruneHistory(d, 'web', 0)).toEqual({ deleted: [], errors: [] });
    expect(deleted).toEqual([]);
  });

  it('tries every deletion and reports failures instead of stopping', async () => {
    const { d } = driver(['superseded', 'superseded', 'superseded', 'deployed'], 1);
    const r = await pruneHistory(d, 'web', 2);
    expect(r.deleted).toEqual([2, 3]);
    expect(r.errors.map((e) => e.version)).toEqual([1]);
  });
});
