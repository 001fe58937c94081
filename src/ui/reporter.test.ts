import { describe, expect, it } from 'vitest';
import type { ProgressRow } from './format.ts';
import { ProgressReporter } from './reporter.ts';
import { cursorUp, eraseDown, LiveWriter } from './writer.ts';

class Sink {
  chunks: string[] = [];
  columns?: number;
  write(s: string): boolean {
    this.chunks.push(s);
    return true;
  }
  get text(): string {
    return this.chunks.join('');
  }
}

const db = (status: string, ready: string, reason?: string): ProgressRow => ({ resource: 'Deployment/todo-list-db', ready, status, reason });
const web: ProgressRow = { resource: 'Deployment/todo-list-web', ready: '1/1', status: 'ready' };

describe('ProgressReporter without a TTY', () => {
  it('prints a timestamped line only for rows that changed', () => {
    const sink = new Sink();
    let t = Date.parse('2026-11-22T05:10:01Z');
    const r = new ProgressReporter({ stream: sink, isTTY: false, now: () => new Date(t) });
    r.update([db('progressing', '0/1', 'container db Running, not Ready'), web]);
    t += 2000;
    r.update([db('progressing', '0/1', 'container db Running, not Ready'), web]);
    t += 2000;
    r.update([db('ready', '1/1'), web]);
    expect(sink.chunks).toEqual([
      '2026-11-22T05:10:01Z Deployment/todo-list-db 0/1 progressing: container db Running, not Ready\n',
      '2026-11-22T05:10:01Z Deployment/todo-list-web 1/1 ready\n',
      '2026-11-22T05:10:05Z Deployment/todo-list-db 1/1 ready\n',
    ]);
    expect(sink.text).not.toContain('\u001b');
  });

  it('ends with the summary', () => {
    const sink = new Sink();
    const r = new ProgressReporter({ stream: sink, isTTY: false, now: () => new Date(0) });
    r.update([web]);
    r.finish(3100);
    expect(sink.chunks.at(-1)).toBe('1 resource ready in 3.1s\n');
  });
});

describe('ProgressReporter on a TTY', () => {
  it('draws the table, then redraws it in place over the previous block', () => {
    const sink = new Sink();
    const r = new ProgressReporter({ stream: sink, isTTY: true });
    r.update([db('progressing', '0/1'), web]);
    expect(sink.chunks[0].startsWith('RESOURCE')).toBe(true);
    r.update([db('progressing', '0/1'), web]);
    expect(sink.chunks).toHaveLength(1); // unchanged: no flicker
    r.update([db('ready', '1/1'), web]);
    expect(sink.chunks[1].startsWith(cursorUp(3) + eraseDown)).toBe(true);
    expect(sink.chunks[1]).toContain('Deployment/todo-list-db    1/1     ready');
  });

  it('clips to the terminal width the stream reports', () => {
    const sink = new Sink();
    sink.columns = 40;
    new ProgressReporter({ stream: sink, isTTY: true }).update([db('progressing', '0/1', 'a very long reason that would wrap the line')]);
    expect(sink.text.split('\n').every((l) => l.length <= 40)).toBe(true);
  });

  it('keeps logged messages above the table and leaves the final table on screen', () => {
    const sink = new Sink();
    const r = new ProgressReporter({ stream: sink, isTTY: true });
    r.update([db('progressing', '0/1')]);
    r.log('running pre-upgrade hook todo-list-db-check');
    expect(sink.chunks[1]).toBe(`${cursorUp(2)}${eraseDown}running pre-upgrade hook todo-list-db-check\n`);
    expect(sink.chunks[2].startsWith('RESOURCE')).toBe(true);
    r.finish(1200, [db('ready', '1/1')]);
    expect(sink.chunks.at(-1)).toBe('1 resource ready in 1.2s\n');
    expect(sink.chunks.at(-2)?.startsWith(cursorUp(2) + eraseDown)).toBe(true);
  });
});

describe('LiveWriter', () => {
  it('only appends when not a TTY', () => {
    const sink = new Sink();
    const w = new LiveWriter(sink, false);
    w.redraw('a\nb');
    w.redraw('c');
    expect(sink.text).toBe('a\nb\nc\n');
  });
});
