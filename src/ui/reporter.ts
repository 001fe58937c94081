// Decides what to show while waiting: on a terminal, the whole table redrawn in place whenever it
// changes; in a log, one timestamped line per resource whose state changed, so a CI log reads as
// a history instead of repeating the same table every second.

import { renderLine, renderTable, summary, type ProgressRow } from './format.ts';
import { LiveWriter, type TextSink } from './writer.ts';

export interface ReporterOptions {
  stream: TextSink;
  isTTY: boolean;
  /** Injected clock for the timestamps of non-TTY lines. */
  now?: () => Date;
  /** Overrides the terminal width (tests; terminals that do not report it). */
  width?: number;
}

const signature = (r: ProgressRow): string => `${r.ready}\u0000${r.status}\u0000${r.reason ?? ''}`;

export class ProgressReporter {
  private readonly writer: LiveWriter;
  private readonly now: () => Date;
  private readonly width: number | undefined;
  private readonly seen = new Map<string, string>();
  private lastTable: string | undefined;
  private lastRows: readonly ProgressRow[] = [];

  constructor(opts: ReporterOptions) {
    this.writer = new LiveWriter(opts.stream, opts.isTTY);
    this.now = opts.now ?? (() => new Date());
    this.width = opts.width ?? this.writer.width;
  }

  update(rows: readonly ProgressRow[]): void {
    this.lastRows = rows;
    if (this.writer.isTTY) {
      const table = renderTable(rows, { width: this.width });
      if (table === this.lastTable) return;
      this.lastTable = table;
      this.writer.redraw(table);
      return;
    }
    const at = this.now();
    for (const row of rows) {
      const sig = signature(row);
      if (this.seen.get(row.resource) === sig) continue;
      this.seen.set(row.resource, sig);
      this.writer.print(renderLine(at, row));
    }
  }

  /** A message that must stay visible (a hook started, a rollback began) without breaking the table. */
  log(message: string): void {
    this.writer.print(message);
    // On a terminal the table was wiped to make room; draw it again under the message.
    if (this.writer.isTTY && this.lastTable !== undefined) this.writer.redraw(this.lastTable);
  }

  /** Shows the final state and the summary; the table stays on screen above it. */
  finish(elapsedMs: number, rows: readonly ProgressRow[] = this.lastRows): void {
    this.update(rows);
    this.writer.settle();
    this.writer.print(summary(rows, elapsedMs));
  }
}
