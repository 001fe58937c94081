// Helm-style release summaries, shared by install/upgrade/rollback/status.
import type { Release } from '../release/types.ts';
import { parseHelmTime } from '../release/transitions.ts';
import { printData, type OutputFormat } from './common.ts';

/** Go's time.ANSIC-like format Helm prints: "Sun Nov 22 05:10:00 2026". */
export function helmDate(s: string | undefined): string {
  const d = parseHelmTime(s);
  if (!d) return '';
  const [wd, mon, day, year, time] = d.toString().split(' ');
  return `${wd} ${mon} ${day} ${time} ${year}`;
}

export function printRelease(rel: Release, format: OutputFormat, opts: { showNotes?: boolean } = {}): void {
  if (format !== 'table') {
    printData(format, rel);
    return;
  }
  const lines = [
    `NAME: ${rel.name}`,
    `LAST DEPLOYED: ${helmDate(rel.info.last_deployed)}`,
    `NAMESPACE: ${rel.namespace}`,
    `STATUS: ${rel.info.status}`,
    `REVISION: ${rel.version}`,
  ];
  if (rel.info.description) lines.push(`DESCRIPTION: ${rel.info.description}`);
  // As Helm: the test suite is listed once tests have run.
  const tests = (rel.hooks ?? []).filter((h) => h.events.includes('test') && h.last_run?.started_at);
  if (tests.length === 0) lines.push('TEST SUITE: None');
  for (const t of tests) {
    lines.push(`TEST SUITE:     ${t.name}`, `Last Started:   ${helmDate(t.last_run.started_at)}`, `Last Completed: ${helmDate(t.last_run.completed_at)}`, `Phase:          ${t.last_run.phase}`);
  }
  if (opts.showNotes !== false && rel.info.notes) lines.push('NOTES:', rel.info.notes.trimEnd());
  process.stdout.write(lines.join('\n') + '\n');
}
