// Template errors worded as Helm 4 words them (pkg/engine: cleanupParseError, reformatExecErrorMsg),
// so a message a user searches for is the one Helm prints. Errors chain through `cause` the way Go
// wraps them with %w: the engine's "error calling NAME: …" wraps what the function threw.
import { TemplateError } from '../errors.ts';

const WARN = /HELM_ERR_START([\s\S]*)HELM_ERR_END/;

/** What `required` and `fail` throw: Helm marks the message so the top error can quote it alone. */
export const warnWrap = (msg: string) => `HELM_ERR_START${msg}HELM_ERR_END`;

/** A problem already worded as Helm prints it (after "Error: "), located at the template. */
export class HelmTemplateError extends TemplateError {
  readonly text: string;

  constructor(text: string, file: string) {
    super(text, null, file);
    this.text = text;
    const at = /\(([^():]+):(\d+)(?::(\d+))?\)/.exec(text) ?? /^([^\s:]+):(\d+)(?::(\d+))?/.exec(text);
    if (at) {
      this.line = Number(at[2]);
      if (at[3]) this.column = Number(at[3]);
    }
  }

  toString(): string {
    return this.text;
  }
}

function messages(e: unknown): string[] {
  const out: string[] = [];
  for (let cur = e; cur !== undefined && cur !== null; cur = (cur as { cause?: unknown }).cause) {
    out.push(cur instanceof Error ? cur.message : String(cur));
  }
  return out;
}

/** Helm's cleanupParseError. */
export function parseError(file: string, e: unknown): HelmTemplateError {
  const msg = e instanceof Error ? e.message : String(e);
  const tokens = msg.split(': ');
  if (tokens.length === 1) return new HelmTemplateError(`parse error in (${file}): ${msg}`, file);
  return new HelmTemplateError(`parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`, file);
}

interface Traceable { location: string; message: string; executed: string }

function traceable(s: string): Traceable | undefined {
  const prefix = 'template: ';
  if (!s.startsWith(prefix)) return undefined;
  const rest = s.slice(prefix.length);
  if (rest.startsWith('no template ')) return { location: '', message: s, executed: '' };
  const idx = rest.indexOf(': executing ');
  if (idx !== -1) {
    const after = rest.slice(idx + ': executing '.length);
    if (after[0] === '"') {
      const endQuote = after.indexOf('"', 1);
      if (endQuote !== -1 && after.slice(endQuote + 1).startsWith(' at <')) {
        const afterAt = after.slice(endQuote + 1 + ' at <'.length);
        const endLoc = afterAt.indexOf('>: ');
        if (endLoc !== -1) {
          let message = afterAt.slice(endLoc + 3);
          const cut = message.indexOf(' template:');
          if (cut !== -1) message = message.slice(0, cut);
          return { location: rest.slice(0, idx), message, executed: `executing "${after.slice(1, endQuote)}" at <${afterAt.slice(0, endLoc)}>:` };
        }
      }
    }
    return undefined;
  }
  const sep = rest.lastIndexOf(': ');
  if (sep === -1) return undefined;
  let message = rest.slice(sep + 2);
  const cut = message.indexOf(' template:');
  if (cut !== -1) message = message.slice(0, cut);
  return { location: rest.slice(0, sep), message, executed: '' };
}

const render = (t: Traceable) => `${t.location ? `${t.location}\n  ` : ''}${t.executed ? `${t.executed}\n    ` : ''}${t.message ? `${t.message}\n` : ''}`;

/** Helm's reformatExecErrorMsg: required/fail quoted alone, a chain of template frames, or Go's raw text. */
export function execError(file: string, e: unknown): HelmTemplateError {
  const chain = messages(e);
  const full = chain[0];
  const tokens = splitN(full, ': ', 3);
  if (tokens.length !== 3) return new HelmTemplateError(`execution error in (${file}): ${full}`, file);
  const warn = WARN.exec(tokens[2]);
  if (warn) return new HelmTemplateError(`execution error at (${tokens[1]}): ${warn[1]}`, file);
  const frames: Traceable[] = [];
  for (const s of chain) {
    const t = traceable(s);
    if (!t) return new HelmTemplateError(full, file);
    const last = frames[frames.length - 1];
    if (!last || last.location !== t.location || last.message !== t.message || last.executed !== t.executed) frames.push(t);
  }
  return new HelmTemplateError(frames.map(render).join('').trim(), file);
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i === -1) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}
