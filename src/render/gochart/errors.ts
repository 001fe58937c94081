// Template errors worded as Helm 4 words them (pkg/engine: cleanupParseError, reformatExecErrorMsg),
// so a message a user searches for is the one Helm prints.
import { TemplateError } from '../errors.ts';

// `required` and `fail` mark their message so that the top error can quote it alone.
const WARN = /HELM_ERR_START([\s\S]*)HELM_ERR_END/;


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

/**
 * The texts Go's errors.Unwrap walks through: an execution error's message, then, when it failed in
 * a function call ("… at <CMD>: error calling NAME: INNER"), what that function returned, and so on.
 * The engine carries inner errors inside the message, so the chain is read back from it.
 */
function messages(e: unknown): string[] {
  const out: string[] = [];
  let cur = e instanceof Error ? e.message : String(e);
  for (;;) {
    out.push(cur);
    if (!cur.startsWith('template: ')) return out;
    const at = cur.indexOf(' at <');
    const end = at === -1 ? -1 : cur.indexOf('>: ', at);
    if (end === -1) return out;
    const m = /^error calling [^\s:]+: /.exec(cur.slice(end + 3));
    if (!m) return out;
    cur = cur.slice(end + 3 + m[0].length);
  }
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
