// The only part of the UI that writes. On a terminal it redraws a block in place by moving the
// cursor up over what it drew last; elsewhere it only appends, since escape codes in a CI log are
// noise.

export interface TextSink {
  write(chunk: string): unknown;
  /** Terminal width, as Node's tty.WriteStream reports it (kept current as the terminal resizes). */
  columns?: number;
  /** tty.WriteStream emits 'resize' when the terminal's size changes. */
  on?(event: 'resize', listener: () => void): unknown;
  off?(event: 'resize', listener: () => void): unknown;
}

const ESC = '\u001b[';
/** Moves to the start of the line `n` lines up: where the previous block began. */
export const cursorUp = (n: number): string => (n > 0 ? `${ESC}${n}A\r` : '\r');
/** Clears from the cursor to the end of the screen, removing the old block's leftovers. */
export const eraseDown = `${ESC}0J`;

export class LiveWriter {
  /** Lines of the block currently on screen (TTY only). */
  private drawn: string[] = [];

  private readonly stream: TextSink;
  readonly isTTY: boolean;

  constructor(stream: TextSink, isTTY: boolean) {
    this.stream = stream;
    this.isTTY = isTTY;
  }

  get width(): number | undefined {
    return this.isTTY ? this.stream.columns : undefined;
  }

  /** Replaces the live block on a terminal; appends it otherwise. */
  redraw(block: string): void {
    if (!this.isTTY) {
      this.stream.write(`${block}\n`);
      return;
    }
    this.stream.write(`${this.overDrawn()}${block}\n`);
    this.drawn = block.split('\n');
  }

  /**
   * Writes text that stays (a log line, the summary). On a terminal it goes where the live block
   * was, and the block is drawn afresh below it on the next redraw.
   */
  print(text: string): void {
    const prefix = this.isTTY ? this.overDrawn() : '';
    this.drawn = [];
    this.stream.write(`${prefix}${text}\n`);
  }

  /** Leaves the current block on screen as final output: later writes go below it. */
  settle(): void {
    this.drawn = [];
  }

  /**
   * Back to where the block began, erasing it. The block was clipped to the width it was drawn at;
   * once the terminal narrows, a terminal that reflows (most do) wraps each longer line onto
   * several rows, so the rows to go up are counted at the current width.
   */
  private overDrawn(): string {
    if (this.drawn.length === 0) return '';
    const cols = this.width;
    const rows = this.drawn.reduce((n, line) => n + (cols && cols > 0 ? Math.max(1, Math.ceil(line.length / cols)) : 1), 0);
    return cursorUp(rows) + eraseDown;
  }
}
