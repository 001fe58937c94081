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

/**
 * Go's time.Time.String() of a stored time, which `helm list` prints in its table and JSON alike:
 * "2026-11-22 05:27:33.231999576 +0000 UTC", trailing zeros of the fraction dropped. The text is
 * rebuilt from the stored string rather than a Date so the nanoseconds survive. Go names the zone
 * only when it is UTC or the reader's local one; for other offsets it repeats the offset, which is
 * what hull prints for every non-UTC time.
 */
export function goTimeString(s: string | undefined): string {
  const m = s && /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m || !parseHelmTime(s)) return '';
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const offset = m[4] === 'Z' ? '+0000' : m[4].replace(':', '');
  return `${m[1]} ${m[2]}${frac ? `.${frac}` : ''} ${offset} ${m[4] === 'Z' ? 'UTC' : offset}`;
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
