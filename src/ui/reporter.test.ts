import { describe, expect, it } from 'vitest';
import type { ReadinessState, ResourceState } from '../wait/types.ts';
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

const deployment = (name: string, state: ReadinessState, counts: string, message?: string): ResourceState => {
  const [ready, desired] = counts.split('/').map(Number);
  return { ref: { apiVersion: 'apps/v1', kind: 'Deployment', name }, assessment: { state, ready, desired, ...(message ? { message } : {}) } };
};
const db = (state: ReadinessState, ready: string, reason?: string) => deployment('todo-list-db', state, ready, reason);
const web = deployment('todo-list-web', 'ready', '1/1');

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

describe('ProgressReporter on a terminal that resizes', () => {
  class Terminal extends Sink {
    listeners = new Set<() => void>();
    on(_: 'resize', l: () => void) {
      this.listeners.add(l);
    }
    off(_: 'resize', l: () => void) {
      this.listeners.delete(l);
    }
    resize(columns: number) {
      this.columns = columns;
      for (const l of this.listeners) l();
    }
  }

  it('redraws the live table at the new width, going up over the rows the old one now wraps onto', () => {
    const term = new Terminal();
    term.columns = 80;
    const r = new ProgressReporter({ stream: term, isTTY: true });
    r.update([db('progressing', '0/1', 'container db Running, not Ready, for quite a while now')]);
    const drawn = term.chunks[0].split('\n').slice(0, -1);
    expect(Math.max(...drawn.map((l) => l.length))).toBeGreaterThan(40);
    term.resize(40);
    const redraw = term.chunks.at(-1)!;
    // Two lines drawn at up to 80 columns take 1 + 2 rows at 40 columns (the header fits in one).
    const rowsBefore = drawn.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 40)), 0);
    expect(redraw.startsWith(cursorUp(rowsBefore) + eraseDown)).toBe(true);
    expect(redraw.slice((cursorUp(rowsBefore) + eraseDown).length).split('\n').every((l) => l.length <= 40)).toBe(true);
    term.resize(120);
    expect(term.chunks.at(-1)).toContain('for quite a while now');
  });

  it('stops following once the wait is over', () => {
    const term = new Terminal();
    const r = new ProgressReporter({ stream: term, isTTY: true });
    r.update([web]);
    expect(term.listeners.size).toBe(1);
    r.finish(1000);
    expect(term.listeners.size).toBe(0);
    r.update([db('progressing', '0/1')]);
    expect(term.listeners.size).toBe(1);
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
