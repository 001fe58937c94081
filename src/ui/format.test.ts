import { describe, expect, it } from 'vitest';
import { clip, formatTimestamp, renderLine, renderTable, summary, type ProgressRow } from './format.ts';
import { toRow } from './rows.ts';

const rows: ProgressRow[] = [
  { resource: 'Deployment/todo-list-db', ready: '0/1', status: 'progressing', reason: 'container db Running, not Ready' },
  { resource: 'Service/todo-list-web', ready: '-', status: 'ready' },
  { resource: 'PersistentVolumeClaim/todo-list-db-pvc', ready: '-', status: 'ready' },
];

describe('renderTable', () => {
  it('pads columns to the widest cell and trims trailing space', () => {
    expect(renderTable(rows)).toBe(
      [
        'RESOURCE                                 READY   STATUS        REASON',
        'Deployment/todo-list-db                  0/1     progressing   container db Running, not Ready',
        'Service/todo-list-web                    -       ready',
        'PersistentVolumeClaim/todo-list-db-pvc   -       ready',
      ].join('\n'),
    );
  });

  it('clips lines to the terminal width so the redraw can count lines', () => {
    const lines = renderTable(rows, { width: 60 }).split('\n');
    expect(lines.every((l) => l.length <= 60)).toBe(true);
    expect(lines[1].endsWith('…')).toBe(true);
  });

  it('renders the header alone for no rows', () => {
    expect(renderTable([])).toBe('RESOURCE   READY   STATUS   REASON');
  });
});

describe('lines and durations', () => {
  it('renderLine: timestamp to the second, resource, counts, status and reason', () => {
    expect(renderLine(new Date('2026-11-22T05:10:01.532Z'), rows[0])).toBe(
      '2026-11-22T05:10:01Z Deployment/todo-list-db 0/1 progressing: container db Running, not Ready',
    );
    expect(renderLine(new Date('2026-11-22T05:10:01Z'), rows[1])).toBe('2026-11-22T05:10:01Z Service/todo-list-web - ready');
  });

  it('formats timestamps and durations', () => {
    expect(formatTimestamp(new Date(Date.UTC(2026, 10, 22, 5, 10, 1)))).toBe('2026-11-22T05:10:01Z');
  });

  it('clip handles tiny widths', () => {
    expect(clip('abcdef', 1)).toBe('…');
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
  });
});

describe('summary', () => {
  it('is one line when everything is ready', () => {
    expect(summary([rows[1], rows[2]], 3100)).toBe('2 resources ready in 3.1s');
    expect(summary([rows[1]], 400)).toBe('1 resource ready in 0.4s');
  });

  it('lists failures first, then what is still waiting', () => {
    const failed = { resource: 'Job/todo-list-db-check', ready: '0/1', status: 'failed', reason: 'Job has reached the specified backoff limit' };
    expect(summary([...rows, failed], 30_000)).toBe(
      [
        '2 of 4 resources ready after 30s (1 failed, 1 not ready)',
        '  Job/todo-list-db-check 0/1 failed: Job has reached the specified backoff limit',
        '  Deployment/todo-list-db 0/1 progressing: container db Running, not Ready',
      ].join('\n'),
    );
  });
});

describe('toRow', () => {
  it('maps an assessment to a row, preferring the message', () => {
    expect(toRow({ ref: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'todo-list-db' }, assessment: { state: 'progressing', ready: 0, desired: 1, reason: 'NotReady', message: '0 of 1 new pods ready' } })).toEqual({
      resource: 'Deployment/todo-list-db',
      ready: '0/1',
      status: 'progressing',
      reason: '0 of 1 new pods ready',
    });
    expect(toRow({ ref: { apiVersion: 'v1', kind: 'ConfigMap', name: 'x' }, assessment: { state: 'ready' } })).toEqual({ resource: 'ConfigMap/x', ready: '-', status: 'ready' });
  });
});
