// Helm-style release summaries, shared by install/upgrade/rollback/status/get all: a port of the
// table Helm 4's statusPrinter writes (pkg/cmd/status.go), section for section.
import type { ResourceSection } from '../actions/resources-table.ts';
import { storedValues } from '../chart/values.ts';
import { marshalYaml } from '../render/gotemplate/funcs/yaml.ts';
import type { GoValue } from '../render/gotemplate/value.ts';
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

/** YAML as Helm prints values (sigs.k8s.io/yaml): keys sorted, YAML 1.1 look-alikes ("yes", "on") quoted, nil as "null". */
export function goYaml(v: unknown): string {
  return marshalYaml((v ?? null) as GoValue);
}

export interface StatusView {
  /** CHART, VERSION and APP_VERSION lines (`get all`). */
  showMetadata?: boolean;
  /** USER-SUPPLIED and COMPUTED VALUES, HOOKS and MANIFEST (`get all`, or --debug). */
  debug?: boolean;
  hideNotes?: boolean;
  /** `status`: the live objects of the release, as Helm 4 prints them. */
  resources?: ResourceSection[];
}

export function formatRelease(rel: Release, view: StatusView = {}): string {
  const out: string[] = [`NAME: ${rel.name}\n`];
  if (parseHelmTime(rel.info.last_deployed)) out.push(`LAST DEPLOYED: ${helmDate(rel.info.last_deployed)}\n`);
  out.push(`NAMESPACE: ${rel.namespace}\n`, `STATUS: ${rel.info.status}\n`, `REVISION: ${rel.version}\n`);
  if (view.showMetadata) {
    const md = rel.chart?.metadata;
    out.push(`CHART: ${md?.name ?? ''}\n`, `VERSION: ${md?.version ?? ''}\n`, `APP_VERSION: ${md?.appVersion ?? ''}\n`);
  }
  out.push(`DESCRIPTION: ${rel.info.description ?? ''}\n`);
  if (view.resources?.length) out.push(`RESOURCES:\n${view.resources.map((s) => `==> ${s.title}\n${s.text}\n`).join('')}\n`);
  // "None" only when the chart has no tests; tests that never ran print nothing (as Helm).
  const tests = (rel.hooks ?? []).filter((h) => h.events.includes('test'));
  if (tests.length === 0) out.push('TEST SUITE: None\n');
  for (const t of tests.filter((h) => parseHelmTime(h.last_run?.started_at))) {
    out.push(`TEST SUITE:     ${t.name}\nLast Started:   ${helmDate(t.last_run.started_at)}\nLast Completed: ${helmDate(t.last_run.completed_at)}\nPhase:          ${t.last_run.phase}\n`);
  }
  if (view.debug) {
    out.push(`USER-SUPPLIED VALUES:\n${goYaml(rel.config)}\n`);
    out.push(`COMPUTED VALUES:\n${goYaml(storedValues(rel.chart?.values, rel.config ?? {}))}\n`);
  }
  if (view.debug || rel.info.description?.toLowerCase() === 'dry run complete') {
    out.push(`HOOKS:\n${(rel.hooks ?? []).map((h) => `---\n# Source: ${h.path}\n${h.manifest}\n`).join('')}`);
    out.push(`MANIFEST:\n${rel.manifest}\n`);
  }
  if (!view.hideNotes && rel.info.notes) out.push(`NOTES:\n${rel.info.notes.trim()}\n`);
  return out.join('');
}

export function printRelease(rel: Release, format: OutputFormat, view: StatusView = {}): void {
  if (format !== 'table') {
    printData(format, rel);
    return;
  }
  process.stdout.write(formatRelease(rel, view));
}
