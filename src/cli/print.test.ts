// Output shapes compared byte for byte with what the Helm 4 binary printed for the same releases.
import { describe, expect, it } from 'vitest';
import { formatTable } from '../actions/resources-table.ts';
import type { Release } from '../release/types.ts';
import { table } from './common.ts';
import { formatRelease } from './print.ts';

const rel = (over: Partial<Release> = {}): Release => ({
  name: 'web', namespace: 'fid', version: 2,
  info: { last_deployed: '2026-11-30T05:02:39.195944991Z', status: 'deployed', description: 'Upgrade complete', notes: 'notes web\n' },
  chart: { metadata: { apiVersion: 'v2', name: 'interop', version: '1.1.0', appVersion: '1.1' }, templates: [], values: { message: 'hello', z: { b: 1, a: [1] } }, files: null },
  config: { z: { b: 2 } },
  manifest: '---\n# Source: interop/templates/cm.yaml\nkind: ConfigMap\n',
  ...over,
});

describe('status and get all, as Helm 4 prints them', () => {
  it('prints TEST SUITE: None only for a chart without tests; tests that never ran print nothing', () => {
    expect(formatRelease(rel())).toContain('DESCRIPTION: Upgrade complete\nTEST SUITE: None\nNOTES:\nnotes web\n');
    const neverRan = rel({ hooks: [{ name: 't', kind: 'Pod', path: 'p', manifest: 'm', events: ['test'], last_run: { phase: '' } }] });
    expect(formatRelease(neverRan)).toContain('DESCRIPTION: Upgrade complete\nNOTES:\n');
    const ran = rel({ hooks: [{ name: 't', kind: 'Pod', path: 'p', manifest: 'm', events: ['test'], last_run: { started_at: '2026-11-30T05:02:39Z', completed_at: '2026-11-30T05:02:40Z', phase: 'Succeeded' } }] });
    expect(formatRelease(ran)).toMatch(/TEST SUITE:     t\nLast Started:   \w{3} Nov 30 \d\d:02:39 2026\nLast Completed: .*\nPhase:          Succeeded\n/);
  });
  it('get all: chart metadata, both values (sorted, Go YAML), hooks and manifest', () => {
    expect(formatRelease(rel(), { showMetadata: true, debug: true })).toBe(
      'NAME: web\nLAST DEPLOYED: ' + formatRelease(rel()).split('\n')[1].slice(15) + '\nNAMESPACE: fid\nSTATUS: deployed\nREVISION: 2\n' +
      'CHART: interop\nVERSION: 1.1.0\nAPP_VERSION: 1.1\nDESCRIPTION: Upgrade complete\nTEST SUITE: None\n' +
      'USER-SUPPLIED VALUES:\nz:\n  b: 2\n\nCOMPUTED VALUES:\nmessage: hello\nz:\n  a:\n  - 1\n  b: 2\n\n' +
      'HOOKS:\nMANIFEST:\n---\n# Source: interop/templates/cm.yaml\nkind: ConfigMap\n\nNOTES:\nnotes web\n',
    );
  });
  it('RESOURCES: one section per VERSION/Kind with the server\'s table', () => {
    const out = formatRelease(rel(), { resources: [{ title: 'v1/ConfigMap', text: 'NAME   DATA   AGE\na      1      1s\n' }] });
    expect(out).toContain('DESCRIPTION: Upgrade complete\nRESOURCES:\n==> v1/ConfigMap\nNAME   DATA   AGE\na      1      1s\n\n\nTEST SUITE: None\n');
  });
});

describe('tables', () => {
  it('kubectl tables: minimum width 6, padding 3, last column unpadded, each object on its own', () => {
    const cm = (name: string, data: number) => ({ columnDefinitions: [{ name: 'Name' }, { name: 'Data' }, { name: 'Age' }, { name: 'Hidden', priority: 1 }], rows: [{ cells: [name, data, '1s', 'x'] }] });
    // What helm status printed for two ConfigMaps of one chart.
    expect(formatTable(cm('a', 1), true) + formatTable(cm('a-much-longer-name', 2), false)).toBe('NAME   DATA   AGE\na      1      1s\na-much-longer-name   2     1s\n');
  });
  it('list and history tables pad every column, the last one too', () => {
    expect(table(['REVISION', 'DESCRIPTION'], [['1', 'Install complete']])).toBe('REVISION\tDESCRIPTION     \n1       \tInstall complete\n');
  });
});
