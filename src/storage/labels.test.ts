import { describe, expect, it } from 'vitest';
import type { Release } from '../release/types.ts';
import { customLabels, entryFromLabels, releaseLabels, releaseSelector, secretName, unixSeconds } from './labels.ts';

const rel = (over: Partial<Release> = {}): Release => ({
  name: 'web',
  namespace: 'apps',
  version: 7,
  info: { status: 'pending-upgrade' },
  chart: { metadata: { name: 'web', version: '1.0.0', apiVersion: 'v2' }, templates: [], values: null, files: [] },
  manifest: '',
  ...over,
});

describe('storage naming and labels', () => {
  it('names the Secret as Helm does', () => {
    expect(secretName('web', 7)).toBe('sh.helm.release.v1.web.v7');
  });

  it('builds Helm system labels with unix-seconds timestamps', () => {
    const now = new Date('2025-03-04T09:11:12.900Z');
    expect(unixSeconds(now)).toBe('1741079472');
    // As Helm 4: createdAt only when the Secret is created, only modifiedAt when it is updated.
    expect(releaseLabels(rel(), now, 'update')).toEqual({
      name: 'web',
      owner: 'helm',
      status: 'pending-upgrade',
      version: '7',
      modifiedAt: '1741079472',
    });
    expect(releaseLabels(rel(), now, 'create')).toEqual({ name: 'web', owner: 'helm', status: 'pending-upgrade', version: '7', createdAt: '1741079472' });
  });

  it('adds custom labels but never lets them override system ones', () => {
    const labels = releaseLabels(rel({ labels: { team: 'a', owner: 'me', status: 'x' } }), new Date(0), 'create');
    expect(labels).toMatchObject({ team: 'a', owner: 'helm', status: 'pending-upgrade' });
    expect(customLabels(labels)).toEqual({ team: 'a' });
  });

  it('builds equality selectors', () => {
    expect(releaseSelector()).toBe('owner=helm');
    expect(releaseSelector('web')).toBe('owner=helm,name=web');
    expect(releaseSelector('web', 'deployed')).toBe('owner=helm,name=web,status=deployed');
  });

  it('reads an entry from labels, falling back to createdAt for Helm-created revisions', () => {
    const e = entryFromLabels({ name: 'web', owner: 'helm', status: 'deployed', version: '1', createdAt: '1741079472', team: 'a' }, 'apps');
    expect(e).toEqual({
      name: 'web',
      namespace: 'apps',
      version: 1,
      status: 'deployed',
      createdAt: new Date(1741079472000),
      modifiedAt: new Date(1741079472000),
      labels: { team: 'a' },
    });
  });

  it('maps an unknown status to "unknown" and skips Secrets that are not releases', () => {
    expect(entryFromLabels({ name: 'web', owner: 'helm', status: 'weird', version: '2' }, 'a')?.status).toBe('unknown');
    expect(entryFromLabels({ owner: 'helm', version: '2' }, 'a')).toBeUndefined();
    expect(entryFromLabels({ name: 'web', owner: 'helm', version: 'x' }, 'a')).toBeUndefined();
    expect(entryFromLabels(undefined, 'a')).toBeUndefined();
  });
});
