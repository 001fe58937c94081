// `hull template NAME CHART`: render offline and print what install would apply (hooks included,
// as helm template does), or write it under --output-dir.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Command } from 'commander';
import { globToRegExp } from '../chart/ignore.ts';
import { chartValues } from '../chart/values.ts';
import { fromSystemError, HullError } from '../errors.ts';
import { validateReleaseName } from '../release/name.ts';
import type { Manifest } from '../manifest/types.ts';
import { readChartInput, renderRevision } from '../actions/chart-input.ts';
import { addValueFlags, valueOptions } from './values-flags.ts';
import { outputOption, printData, type OutputFormat, checkNamespace } from './common.ts';
import { documents } from './documents.ts';
import { printAsHelm } from './template-helm.ts';

interface TemplateFlags {
  values?: string[];
  set?: string[];
  setString?: string[];
  setJson?: string[];
  setFile?: string[];
  showOnly?: string[];
  outputDir?: string;
  includeCrds?: boolean;
  skipTests?: boolean;
  /** false with --no-hooks (commander names a negated option by its positive form). */
  hooks?: boolean;
  isUpgrade?: boolean;
  kubeVersion?: string;
  apiVersions?: string[];
  output: OutputFormat;
}

export function parseKubeVersion(v: string): { version: string; major: string; minor: string } {
  const m = /^v?(\d+)\.(\d+)(\.\d+)?/.exec(v);
  if (!m) throw new HullError('USAGE', `--kube-version "${v}" is not a version like 1.34.0`);
  // As Helm's ParseKubeVersion: the version as given (with a "v"), e.g. v1.30 or v1.29.3-gke.1.
  return { version: v.startsWith('v') ? v : `v${v}`, major: String(Number(m[1])), minor: String(Number(m[2])) };
}

/** --show-only accepts "templates/x.yaml" or "<chart>/templates/x.yaml", and globs. */
function selectShown(docs: Manifest[], patterns: string[], chartName: string): Manifest[] {
  const res = patterns.map((p) => ({ p, re: globToRegExp(p.startsWith(`${chartName}/`) ? p : `${chartName}/${p}`) }));
  for (const { p, re } of res) {
    if (!docs.some((d) => re.test(d.name))) throw new HullError('USAGE', `could not find template ${p} in chart`);
  }
  return docs.filter((d) => res.some(({ re }) => re.test(d.name)));
}

/**
 * A render allocates a lot of short-lived data (tokens, rendered text, parsed documents), and V8
 * answers by doubling the young generation up to 3 x 16 MB, which shows as peak RSS. Not letting it
 * grow keeps the same CPU time (scavenges of a small space are cheap: most of it is garbage) and
 * less memory. Measured on helm create's chart widened to N templates, `hull template`, 7 alternating
 * runs, medians (shared 2-core VM, load 25-40): peak RSS 10: 84 -> 83 MB, 100: 107 -> 93 MB,
 * 300: 136 -> 110 MB; user+sys CPU 0.16/0.28/0.51 s -> 0.16/0.30/0.52 s (within the noise).
 * The growth factor is read each time V8 would grow the space, so setting it at run time takes
 * effect (--max-semi-space-size does not: it is fixed when the heap is set up).
 */
function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

const source = (m: Manifest) => `---\n# Source: ${m.name}\n${m.content}\n`;

export function register(program: Command): void {
  const cmd = program
    .command('template')
    .description('render a chart locally and print the manifests')
    .argument('<name>', 'release name')
    .argument('<chart>', 'chart directory or .tgz')
    .option('-s, --show-only <path>', 'only show manifests rendered from this template (glob); repeatable', (v, p: string[] = []) => [...p, v])
    .option('--output-dir <dir>', 'write each template to a file under this directory instead of stdout')
    .option('--include-crds', 'include the chart\'s CRDs in the output')
    .option('--skip-tests', 'leave out test hooks')
    .option('--no-hooks', 'leave out all hooks')
    .option('--is-upgrade', 'set Release.IsUpgrade instead of Release.IsInstall')
    .option('--kube-version <version>', 'Kubernetes version for Capabilities.KubeVersion')
    .option('-a, --api-versions <version>', 'extra API version for Capabilities.APIVersions; repeatable, or comma-separated as Helm takes it', (v, p: string[] = []) => [...p, ...v.split(',').filter((x) => x !== '')])
    .addOption(outputOption());
  addValueFlags(cmd).action(async (name: string, chartPath: string, flags: TemplateFlags, c: Command) => {
    keepYoungGenerationSmall();
    validateReleaseName(name);
    const namespace = (c.optsWithGlobals() as { namespace?: string }).namespace ?? 'default';
    checkNamespace(namespace);
    const input = await readChartInput(chartPath, valueOptions(flags));
    const capabilities = {
      kubeVersion: flags.kubeVersion ? parseKubeVersion(flags.kubeVersion) : undefined,
      extraApiVersions: flags.apiVersions,
    };
    const r = renderRevision(input, { name, namespace, revision: 1, isInstall: !flags.isUpgrade, isUpgrade: Boolean(flags.isUpgrade) }, capabilities);
    // As data, every chart gives the same documents; as text, a Go-template chart prints as Helm does.
    if (r.helm && flags.output === 'table') {
      await printAsHelm(r, chartValues(input.chart, input.config).chart, flags);
      return;
    }
    const hooks = flags.hooks === false ? [] : r.hooks.filter((h) => !(flags.skipTests && h.events.includes('test')));
    let docs: Manifest[] = [...(flags.includeCrds ? r.crds : []), ...r.manifests, ...hooks];
    if (flags.showOnly?.length) docs = selectShown(docs, flags.showOnly, input.chart.metadata.name);
    if (flags.output !== 'table') {
      if (flags.outputDir) throw new HullError('USAGE', '--output-dir writes files: it cannot be used with -o json|yaml');
      return printData(flags.output, documents(docs));
    }
    if (flags.outputDir) {
      const byFile = new Map<string, string>();
      for (const d of docs) byFile.set(d.name, (byFile.get(d.name) ?? '') + source(d));
      for (const [file, text] of byFile) {
        const out = join(flags.outputDir, file);
        try {
          await mkdir(dirname(out), { recursive: true });
          await writeFile(out, text);
        } catch (e) {
          throw fromSystemError(e, `--output-dir ${flags.outputDir}: write ${file}`) ?? e;
        }
        process.stdout.write(`wrote ${out}\n`);
      }
      return;
    }
    process.stdout.write(docs.map(source).join(''));
  });
}
