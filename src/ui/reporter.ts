// Decides what to show while waiting: on a terminal, the whole table redrawn in place whenever it
// changes; in a log, one timestamped line per resource whose state changed, so a CI log reads as
// a history instead of repeating the same table every second.

import type { ResourceState, WaitReporter } from '../wait/types.ts';
import { renderLine, renderTable, summary, type ProgressRow } from './format.ts';
import { toRow } from './rows.ts';
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

export class ProgressReporter implements WaitReporter {
  private readonly writer: LiveWriter;
  private readonly stream: TextSink;
  private following = false;
  private readonly now: () => Date;
  /** Fixed by the caller, else the terminal's current width. */
  private readonly fixedWidth: number | undefined;
  private readonly onResize = () => this.redrawOnResize();
  private readonly seen = new Map<string, string>();
  private lastTable: string | undefined;
  private lastRows: readonly ProgressRow[] = [];

  constructor(opts: ReporterOptions) {
    this.writer = new LiveWriter(opts.stream, opts.isTTY);
    this.now = opts.now ?? (() => new Date());
    this.fixedWidth = opts.width;
    this.stream = opts.stream;
  }

  /** While a table is live it follows the terminal: narrower or wider, it is redrawn at the new width. */
  private follow(on: boolean): void {
    if (!this.writer.isTTY || on === this.following) return;
    this.following = on;
    if (on) this.stream.on?.('resize', this.onResize);
    else this.stream.off?.('resize', this.onResize);
  }

  private get width(): number | undefined {
    return this.fixedWidth ?? this.writer.width;
  }

  private redrawOnResize(): void {
    if (this.lastTable === undefined) return;
    this.lastTable = renderTable(this.lastRows, { width: this.width });
    this.writer.redraw(this.lastTable);
  }

  update(states: readonly ResourceState[]): void {
    this.show(states.map(toRow));
  }

  private show(rows: readonly ProgressRow[]): void {
    this.lastRows = rows;
    if (this.writer.isTTY) {
      this.follow(true);
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
  finish(elapsedMs: number, states?: readonly ResourceState[]): void {
    const rows = states ? states.map(toRow) : this.lastRows;
    this.show(rows);
    this.follow(false);
    this.writer.settle();
    this.writer.print(summary(rows, elapsedMs));
  }
}
