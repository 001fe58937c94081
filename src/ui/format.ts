// Pure formatting of wait progress: the live table for a terminal, the timestamped line for logs
// (CI), and the final summary. No I/O here, so the output is tested as plain strings.
import { formatDuration } from '../duration.ts';

export interface ProgressRow {
  /** "Deployment/todo-list-db" */
  resource: string;
  /** "0/1", or "-" for kinds without counts. */
  ready: string;
  /** ready | progressing | failed (or any word the caller prefers, e.g. "deleted"). */
  status: string;
  reason?: string;
}

const HEADERS = ['RESOURCE', 'READY', 'STATUS', 'REASON'] as const;

/** Cuts a line to the terminal width: a wrapped line would break the cursor-up redraw. */
export function clip(line: string, width: number | undefined): string {
  if (width === undefined || width <= 0 || line.length <= width) return line;
  return width === 1 ? '…' : `${line.slice(0, width - 1)}…`;
}

/**
 * The live table, one line per resource, columns padded to the widest cell. Lines are clipped to
 * `width` when given. No trailing newline; the writer owns line endings.
 */
export function renderTable(rows: readonly ProgressRow[], opts: { width?: number } = {}): string {
  const cells = [HEADERS as readonly string[], ...rows.map((r) => [r.resource, r.ready, r.status, r.reason ?? ''])];
  const widths = HEADERS.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  return cells
    .map((c) => clip(c.map((cell, i) => (i === c.length - 1 ? cell : cell.padEnd(widths[i]))).join('   ').trimEnd(), opts.width))
    .join('\n');
}

/** RFC 3339 in UTC to the second: what log collectors parse and people can still read. */
export function formatTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}


function describeRow(row: ProgressRow): string {
  return `${row.resource} ${row.ready} ${row.status}${row.reason ? `: ${row.reason}` : ''}`;
}

/** "2026-11-22T05:10:01Z Deployment/todo-list-db 0/1 progressing: container db Running, not Ready" */
export function renderLine(now: Date, row: ProgressRow): string {
  return `${formatTimestamp(now)} ${describeRow(row)}`;
}

/**
 * The last words of a wait: one line for the outcome, then one per resource that is not ready,
 * failures first, since those are what the reader scrolls back for.
 */
export function summary(rows: readonly ProgressRow[], elapsedMs: number): string {
  const took = formatDuration(elapsedMs);
  const failed = rows.filter((r) => r.status === 'failed');
  const pending = rows.filter((r) => r.status !== 'ready' && r.status !== 'failed');
  const readyCount = rows.length - failed.length - pending.length;
  const noun = rows.length === 1 ? 'resource' : 'resources';
  if (failed.length === 0 && pending.length === 0) return `${rows.length} ${noun} ready in ${took}`;
  const counts = [failed.length ? `${failed.length} failed` : '', pending.length ? `${pending.length} not ready` : ''].filter(Boolean).join(', ');
  const head = `${readyCount} of ${rows.length} ${noun} ready after ${took} (${counts})`;
  return [head, ...[...failed, ...pending].map((r) => `  ${describeRow(r)}`)].join('\n');
}
