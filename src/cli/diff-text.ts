// `hull diff` for people: one header per resource ("+ create", "~ update", "- delete"), its hunks,
// and a summary line. Colour only when asked (the caller decides from the terminal and NO_COLOR).
import { styleText } from 'node:util';
import type { DiffReport } from '../actions/diff.ts';
import type { DiffAction } from '../diff/classify.ts';
import { kindName } from '../kube/ref.ts';

type Style = Extract<Parameters<typeof styleText>[0], string>;

const MARK: Record<DiffAction, string> = { create: '+', update: '~', delete: '-', keep: '=', unchanged: ' ' };
const COLOUR: Record<DiffAction, Style> = { create: 'green', update: 'yellow', delete: 'red', keep: 'cyan', unchanged: 'dim' };

export function formatDiff(r: DiffReport, opts: { colour: boolean }): string {
  const paint = (style: Style | Style[], text: string) => (opts.colour ? styleText(style, text, { validateStream: false }) : text);
  const out: string[] = [];
  const from = r.currentRevision ? `revision ${r.currentRevision}` : 'nothing installed';
  const to = r.rollbackTo ? `revision ${r.newRevision} (rollback to ${r.rollbackTo})` : `revision ${r.newRevision}`;
  out.push(paint('bold', `${r.operation} of release "${r.release}" in namespace ${r.namespace}: ${from} -> ${to}`));
  for (const d of r.resources) {
    if (d.action === 'unchanged') continue;
    const notes = [
      d.action === 'keep' ? 'leaves the release, stays in the cluster: helm.sh/resource-policy keep' : '',
      d.drift ? (d.action === 'create' ? 'deleted from the cluster by hand' : 'changed in the cluster since the release applied it') : '',
    ].filter(Boolean);
    out.push(paint([COLOUR[d.action], 'bold'], `${MARK[d.action]} ${kindName(d.resource)}${notes.length ? ` (${notes.join('; ')})` : ''}`));
    for (const line of d.diff.split('\n').slice(0, -1)) out.push(paintLine(line, paint));
  }
  out.push(summaryLine(r));
  return `${out.join('\n')}\n`;
}

function paintLine(line: string, paint: (s: Style, t: string) => string): string {
  if (line.startsWith('@@')) return paint('cyan', line);
  if (line.startsWith('+')) return paint('green', line);
  if (line.startsWith('-')) return paint('red', line);
  return line;
}

function summaryLine(r: DiffReport): string {
  const s = r.summary;
  if (!r.changed) return `No changes: ${s.unchanged} resource(s) already as the ${r.operation} would leave them.`;
  const parts = [`${s.create} to create`, `${s.update} to change`, `${s.delete} to delete`];
  if (s.keep) parts.push(`${s.keep} to leave in the cluster`);
  return `Plan: ${parts.join(', ')}; ${s.unchanged} unchanged.`;
}
