// `hull template` of a Go-template chart prints exactly what `helm template` prints (pkg/cmd/template.go
// and action.renderResources): the CRDs as files (with --include-crds), the manifests trimmed as one
// block, then the hooks in Helm's order; --show-only re-splits that text and matches the paths
// without the chart's name; --output-dir writes document by document, appending to files.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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
  /** false with --no-hooks (commander names a negated option by its positive form). */
  hooks?: boolean;
}

/** Helm's CRDObjects: crds/*.yaml|yml|json of the chart, then of its subcharts, as files. */
function crdFiles(chart: Chart, prefix = chart.metadata.name): TextDocument[] {
  const own = chart.files.filter((f) => f.name.startsWith('crds/') && /\.(ya?ml|json)$/.test(f.name)).map((f) => ({ name: `${prefix}/${f.name}`, content: f.data.toString('utf8') }));
  return [...own, ...chart.dependencies.flatMap((d) => crdFiles(d, `${prefix}/charts/${d.metadata.name}`))];
}

const source = (d: TextDocument) => `---\n# Source: ${d.name}\n${d.content}\n`;

/** `chart` is the chart as rendered: with its active subcharts only (chartValues). */
export async function printAsHelm(r: RenderedChart, chart: Chart, flags: HelmPrintFlags): Promise<void> {
  if (flags.outputDir) {
    const crds = flags.includeCrds ? crdFiles(chart) : [];
    const hooks = flags.hooks === false ? [] : r.hooks.filter((h) => !(flags.skipTests && h.events.includes('test')));
    const written = new Set<string>();
    for (const d of [...crds, ...manifestDocuments(r), ...hooks]) {
      const out = join(flags.outputDir, d.name);
      await mkdir(dirname(out), { recursive: true });
      await (written.has(out) ? appendFile : writeFile)(out, source(d));
      written.add(out);
      process.stdout.write(`wrote ${out}\n`);
    }
    // What Helm prints of its (then empty) manifest: one newline.
    process.stdout.write('\n');
    return;
  }
  process.stdout.write(helmTemplateText(r, chart, flags));
}

/** What `helm template` prints on stdout. */
export function helmTemplateText(r: RenderedChart, chart: Chart, flags: Omit<HelmPrintFlags, 'outputDir'>): string {
  const crds = flags.includeCrds ? crdFiles(chart) : [];
  const hooks = flags.hooks === false ? [] : r.hooks.filter((h) => !(flags.skipTests && h.events.includes('test')));
  const text = `${goTrimSpace([...crds, ...manifestDocuments(r)].map(source).join(''))}\n${hooks.map(source).join('')}`;
  return flags.showOnly?.length ? showOnly(text, flags.showOnly, chart.metadata.name) : text;
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
