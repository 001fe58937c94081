// `status`'s RESOURCES section, as Helm 4 fetches it (pkg/kube/client.go Get with related pods):
// every object of the release's manifest as the API server's own table, grouped under
// "VERSION/Kind", then the pods selected by its workloads under "v1/Pod(related)".
import type { Configuration } from '../config.ts';
import type { KubeClient, KubeTable } from '../kube/types.ts';
import type { Release } from '../release/types.ts';
import { manifestsOf } from './stored.ts';

/** One "==> v1/ConfigMap" section: the tables of its objects, each formatted on its own. */
export interface ResourceSection {
  title: string;
  text: string;
}

const SELECTS_PODS = new Set(['ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

/**
 * kubectl's printer for one Table: priority-0 columns, upper-cased headers (left out when the
 * previous table had the same type), and a tabwriter of minimum width 6 and padding 3 whose last
 * column is not padded. Helm prints each object with its own writer, so rows of two objects are
 * not aligned with each other: that is what it prints, and what we print.
 */
export function formatTable(t: KubeTable, withHeader: boolean): string {
  const cols = t.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => !c.priority);
  const rows = t.rows.map((r) => cols.map(({ i }) => cellText(r.cells[i])));
  const all = withHeader ? [cols.map(({ c }) => c.name.toUpperCase()), ...rows] : rows;
  const widths = cols.map((_, i) => Math.max(6, ...all.map((r) => r[i].length + 3)));
  return all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('')).map((l) => `${l}\n`).join('');
}

function cellText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '<none>';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The sections for a release; objects that cannot be read say so in their section, as Helm's do. */
export async function resourceSections(cfg: Configuration, rel: Release): Promise<ResourceSection[]> {
  const kube: KubeClient = await cfg.kube();
  if (!kube.table) return [];
  const groups = new Map<string, string[]>();
  const add = (title: string, text: string) => groups.set(title, [...(groups.get(title) ?? []), text]);
  const selectors = new Set<string>();
  const related: Array<Promise<KubeTable | undefined>> = [];
  for (const m of manifestsOf(rel)) {
    const o = m.object;
    const ns = o.metadata.namespace ?? rel.namespace;
    const title = `${o.apiVersion.split('/').pop()}/${o.kind}`;
    try {
      const t = await kube.table(o.apiVersion, o.kind, (await kube.isNamespaced(o.apiVersion, o.kind)) ? ns : undefined, { name: o.metadata.name });
      add(title, formatTable(t, !groups.has(title)));
    } catch (e) {
      add(title, `Get resource ${o.metadata.name} failed, err:${(e as Error).message}\n`);
      continue;
    }
    const sel = (o as { spec?: { selector?: { matchLabels?: Record<string, string> } } }).spec?.selector?.matchLabels;
    if (!SELECTS_PODS.has(o.kind) || !sel) continue;
    const selector = Object.entries(sel).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(',');
    if (selectors.has(`${ns}/${selector}`)) continue;
    selectors.add(`${ns}/${selector}`);
    // Related pods are a courtesy: a failure to list them leaves them out (Helm only logs it).
    related.push(kube.table('v1', 'Pod', ns, { labelSelector: selector }).catch(() => undefined));
  }
  const pods = (await Promise.all(related)).filter((t): t is KubeTable => Boolean(t?.rows.length));
  pods.forEach((t, i) => add('v1/Pod(related)', formatTable(t, i === 0)));
  return [...groups].map(([title, texts]) => ({ title, text: texts.join('') }));
}
