// The only part of the UI that writes. On a terminal it redraws a block in place by moving the
// cursor up over what it drew last; elsewhere it only appends, since escape codes in a CI log are
// noise.

export interface TextSink {
  write(chunk: string): unknown;
  /** Terminal width, as Node's tty.WriteStream reports it. */
  columns?: number;
}

const ESC = '\u001b[';
/** Moves to the start of the line `n` lines up: where the previous block began. */
export const cursorUp = (n: number): string => (n > 0 ? `${ESC}${n}A\r` : '\r');
/** Clears from the cursor to the end of the screen, removing the old block's leftovers. */
export const eraseDown = `${ESC}0J`;

export class LiveWriter {
  /** Lines of the block currently on screen (TTY only). */
  private drawn = 0;

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
    const prefix = this.drawn > 0 ? cursorUp(this.drawn) + eraseDown : '';
    this.stream.write(`${prefix}${block}\n`);
    this.drawn = block.split('\n').length;
  }

  /**
   * Writes text that stays (a log line, the summary). On a terminal it goes where the live block
   * was, and the block is drawn afresh below it on the next redraw.
   */
  print(text: string): void {
    const prefix = this.isTTY && this.drawn > 0 ? cursorUp(this.drawn) + eraseDown : '';
    this.drawn = 0;
    this.stream.write(`${prefix}${text}\n`);
  }

  /** Leaves the current block on screen as final output: later writes go below it. */
  settle(): void {
    this.drawn = 0;
  }
}
