// `hull template` of a Go-template chart prints exactly what `helm template` prints (pkg/cmd/template.go
// and action.renderResources): the CRDs as files (with --include-crds), the manifests trimmed as one
// block, then the hooks in Helm's order; --show-only re-splits that text and matches the paths
// without the chart's name; --output-dir writes document by document, appending to files.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { activeDependencies } from '../chart/dependencies.ts';
import type { Chart } from '../chart/types.ts';
import { globToRegExp } from '../chart/ignore.ts';
import { HullError } from '../errors.ts';
import { manifestDocuments } from '../manifest/order.ts';
import { goTrimSpace, helmSplitDocuments } from '../manifest/split.ts';
import type { RenderedChart, TextDocument } from '../manifest/types.ts';

export interface HelmPrintFlags {
  showOnly?: string[];
  outputDir?: string;
  includeCrds?: boolean;
  skipTests?: boolean;
  noHooks?: boolean;
}

/** Helm's CRDObjects: crds/*.yaml|yml|json of the chart, then of its (enabled) subcharts, as files. */
function crdFiles(chart: Chart, values: Record<string, unknown>, prefix = chart.metadata.name): TextDocument[] {
  const own = chart.files.filter((f) => f.name.startsWith('crds/') && /\.(ya?ml|json)$/.test(f.name)).map((f) => ({ name: `${prefix}/${f.name}`, content: f.data.toString('utf8') }));
  const subs = activeDependencies(chart, values).flatMap(({ key, chart: d }) => {
    const v = values[key];
    return crdFiles(d, v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}, `${prefix}/charts/${key}`);
  });
  return [...own, ...subs];
}

const source = (d: TextDocument) => `---\n# Source: ${d.name}\n${d.content}\n`;

export async function printAsHelm(r: RenderedChart, chart: Chart, flags: HelmPrintFlags, values: Record<string, unknown> = chart.values): Promise<void> {
  const crds = flags.includeCrds ? crdFiles(chart, values) : [];
  const hooks = flags.noHooks === false ? [] : r.hooks.filter((h) => !(flags.skipTests && h.events.includes('test')));
  const manifests = manifestDocuments(r);
  if (flags.outputDir) {
    const written = new Set<string>();
    for (const d of [...crds, ...manifests, ...hooks]) {
      const out = join(flags.outputDir, d.name);
      await mkdir(dirname(out), { recursive: true });
      await (written.has(out) ? appendFile : writeFile)(out, source(d));
      written.add(out);
      process.stdout.write(`wrote ${out}\n`);
    }
    return;
  }
  const text = `${goTrimSpace([...crds, ...manifests].map(source).join(''))}\n${hooks.map(source).join('')}`;
  process.stdout.write(flags.showOnly?.length ? showOnly(text, flags.showOnly, chart.metadata.name) : text);
}

/** Helm's --show-only: each pattern in turn, every document whose "# Source:" path (without the chart name) it matches. */
function showOnly(text: string, patterns: string[], chartName: string): string {
  const docs = helmSplitDocuments(text).map((d) => d.content);
  const out: string[] = [];
  for (const p of patterns) {
    // hull also accepts the chart-prefixed form it prints.
    const re = globToRegExp(p.startsWith(`${chartName}/`) ? p.slice(chartName.length + 1) : p);
    let found = false;
    for (const d of docs) {
      const m = /# Source: [^/]+\/(.+)/.exec(d);
      if (!m || !re.test(m[1])) continue;
      out.push(`---\n${d}\n`);
      found = true;
    }
    if (!found) throw new HullError('USAGE', `could not find template ${p} in chart`);
  }
  return out.join('');
}
