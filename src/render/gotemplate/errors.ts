// GoTemplateError carries Go's exact error text (what `helm template` prints after "Error: ") plus
// the parts hull needs to point at the source: the template, line and column (0-based byte column,
// as Go reports it), when known.
export class GoTemplateError extends Error {
  /** The template being parsed or executed (a file name or a define's name). */
  readonly template: string;
  readonly line: number | undefined;
  readonly col: number | undefined;
  /** Go's message without the "template: NAME:LINE:COL: " prefix. */
  readonly goMessage: string;
  /** A limit of ours (depth, output size) was hit: function calls pass it through unwrapped. */
  readonly limit: boolean;

  constructor(message: string, parts: { template: string; line?: number; col?: number; goMessage: string; limit?: boolean }) {
    super(message);
    this.name = 'GoTemplateError';
    this.template = parts.template;
    this.line = parts.line;
    this.col = parts.col;
    this.goMessage = parts.goMessage;
    this.limit = parts.limit ?? false;
  }
}
