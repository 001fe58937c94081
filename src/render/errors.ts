// Template errors carry where they happened. The innermost place that knows the line sets it; the
// file is filled in by whoever rendered that file (a template, an include'd define, a tpl string).
import { HullError, listProblems } from '../errors.ts';

export interface Loc {
  start: { line: number; column: number };
}

export class TemplateError extends Error {
  file?: string;
  line?: number;
  column?: number;
  /** "included from templates/x.yaml:12" chain, innermost first. */
  via: string[] = [];
  /** A render limit was hit: the message already says where, so no "included from" lines pile up. */
  limit = false;

  constructor(message: string, loc?: Loc | null, file?: string) {
    super(message);
    this.name = 'TemplateError';
    if (loc) {
      this.line = loc.start.line;
      this.column = loc.start.column + 1;
    }
    this.file = file;
  }

  get where(): string {
    return `${this.file ?? '?'}${this.line ? `:${this.line}` : ''}${this.column ? `:${this.column}` : ''}`;
  }

  toString(): string {
    return `${this.where}: ${this.message}${this.via.map((v) => `\n    (included from ${v})`).join('')}`;
  }
}

/** Turns anything thrown while rendering `file` into a TemplateError that names it. */
export function locate(e: unknown, file: string): TemplateError {
  if (e instanceof TemplateError) {
    e.file ??= file;
    return e;
  }
  const err = e as Error & { lineNumber?: number; column?: number };
  const msg = String(err?.message ?? e);
  // Handlebars parse errors say "Parse error on line N:" and draw the spot on the next lines.
  const parse = /^Parse error on line (\d+):\n([\s\S]*)$/.exec(msg);
  if (parse) {
    const lines = parse[2].split('\n');
    const got = /got '([^']+)'/.exec(lines[lines.length - 1])?.[1] ?? lines[lines.length - 1];
    const t = new TemplateError(`syntax error near "${lines[0].slice(-40)}": unexpected ${got}`, null, file);
    t.line = Number(parse[1]);
    return t;
  }
  const t = new TemplateError(engineWords(msg.replace(/ - \d+:\d+$/, '')), null, file);
  if (typeof err?.lineNumber === 'number') {
    t.line = err.lineNumber;
    if (typeof err.column === 'number') t.column = err.column + 1;
  }
  return t;
}

/** JavaScript's own failures, in words about the template. */
export function engineWords(msg: string): string {
  if (/Maximum call stack size exceeded/.test(msg)) return 'nested too deeply for the template engine (a deeply nested template, value or recursion)';
  if (/Invalid string length|Array buffer allocation failed/.test(msg)) return 'output too large for the template engine (a width or loop far too large?)';
  return msg;
}

/** One HullError for a list of template problems, each on its own line. */
export function renderFailed(problems: TemplateError[] | string[]): HullError {
  const lines = problems.map(String);
  return new HullError('RENDER_FAILED', `render: ${listProblems('templates', lines)}`);
}
