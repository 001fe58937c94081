// Renders the Go-template charts of a render as Helm 4's engine does (pkg/engine/engine.go): one
// template set holding every template of the chart and its subcharts under Helm's names
// (`CHART/templates/FILE`, `CHART/charts/SUB/templates/FILE`), parsed deepest path first and in
// reverse name order (so a parent's `define` wins over its subcharts'), each file executed with its
// own chart's objects, `<no value>` removed from the output. Library charts lend their `_` files only.
import { activeDependencies } from '../../chart/dependencies.ts';
import { chartLanguage } from '../../chart/language.ts';
import type { Chart } from '../../chart/types.ts';
import { isPlainObject } from '../../chart/yaml.ts';
import type { RenderedFile } from '../../manifest/split.ts';
import type { ReleaseInfo } from '../context.ts';
import { DEFAULT_LIMITS, type RenderLimits } from '../limits.ts';
import type { TemplateError } from '../errors.ts';
import { helmFuncs, sprigFuncs } from '../gotemplate/funcs/index.ts';
import { TemplateSet } from '../gotemplate/index.ts';
import type { FuncMap, GoMap, GoValue } from '../gotemplate/value.ts';
import { execError, parseError } from './errors.ts';
import { capabilitiesStruct, chartFiles, chartMap, filesMap, releaseMap, type GoCapabilities } from './objects.ts';

export interface GoRenderOptions {
  /** missingkey=error, as `lint --strict` runs: a missing value is an error instead of empty. */
  strict?: boolean;
  /** As Helm's lint: `required` and `fail` do not stop the render. */
  lintMode?: boolean;
  /** Live objects for `lookup` (install/upgrade against a cluster); without it lookup returns an empty map, as `helm template` does. */
  lookup?: (apiVersion: string, kind: string, namespace: string, name: string) => GoMap;
  /** Depth and output bounds; DEFAULT_LIMITS when absent. */
  limits?: RenderLimits;
}

export interface GoRenderOutput {
  files: RenderedFile[];
  /** Rendered NOTES.txt of the top chart ('' when it has none or is not a Go-template chart). */
  notes: string;
  problems: TemplateError[];
}

interface Renderable {
  text: string;
  ctx: GoMap;
  basePath: string;
}

/** Helm's recAllTpls: each chart's objects, and its templates under their full names. */
function collect(chart: Chart, values: GoMap, fullPath: string, isRoot: boolean, shared: { Release: GoMap; Capabilities: GoValue }, out: Map<string, Renderable>): GoMap {
  const subcharts: GoMap = {};
  const ctx: GoMap = {
    Chart: chartMap(chart.metadata, isRoot),
    Files: filesMap(chartFiles(chart.files), toYamlFn()),
    Release: shared.Release,
    Capabilities: shared.Capabilities,
    Values: values,
    Subcharts: subcharts,
  };
  for (const { key, chart: sub } of activeDependencies(chart, values as Record<string, unknown>)) {
    const v = values[key];
    subcharts[key] = collect(sub, isPlainObject(v) ? (v as GoMap) : {}, `${fullPath}/charts/${key}`, false, shared, out);
  }
  if (chartLanguage(chart).language !== 'gotemplate') return ctx;
  const library = chart.metadata.type?.toLowerCase() === 'library';
  for (const t of chart.templates) {
    if (library && !baseName(t.name).startsWith('_')) continue;
    out.set(`${fullPath}/${t.name}`, { text: t.data.toString('utf8'), ctx, basePath: `${fullPath}/templates` });
  }
  return ctx;
}

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const slashes = (p: string) => p.split('/').length - 1;

/** Helm's sortTemplates: deepest first, then reverse name order. */
function helmOrder(names: Iterable<string>): string[] {
  return [...names].sort((a, b) => slashes(b) - slashes(a) || (a < b ? 1 : a > b ? -1 : 0));
}

let yamlFn: ((v: GoValue) => string) | undefined;
function toYamlFn(): (v: GoValue) => string {
  if (!yamlFn) {
    const f = helmFuncs().toYaml;
    yamlFn = (v) => f.fn(v) as string;
  }
  return yamlFn;
}

/** Renders every Go-template chart of the tree; `values` are the coalesced values of the top chart. */
export function renderGoTemplates(top: Chart, values: Record<string, unknown>, release: ReleaseInfo, capabilities: GoCapabilities | undefined, opts: GoRenderOptions = {}): GoRenderOutput {
  const tpls = new Map<string, Renderable>();
  const shared = { Release: releaseMap(release), Capabilities: capabilitiesStruct(capabilities) as GoValue };
  collect(top, values as GoMap, top.metadata.name, true, shared, tpls);
  if (tpls.size === 0) return { files: [], notes: '', problems: [] };

  const limits = opts.limits ?? DEFAULT_LIMITS;
  const set = new TemplateSet({ ...sprigFuncs(), ...helmFuncs({ lintMode: opts.lintMode }) }, { missingKey: opts.strict ? 'error' : 'zero', maxDepth: limits.maxDepth, maxOutputBytes: limits.maxOutput });
  set.addFuncs(ownFuncs(set, opts));
  const order = helmOrder(tpls.keys());
  const problems: TemplateError[] = [];
  for (const name of order) {
    try {
      set.parse(name, tpls.get(name)!.text);
    } catch (e) {
      problems.push(parseError(name, e));
    }
  }
  // Helm stops at the first parse error; running the rest would only add errors caused by it.
  if (problems.length > 0) return { files: [], notes: '', problems };

  const rendered = new Map<string, string>();
  for (const name of order) {
    if (baseName(name).startsWith('_')) continue;
    const r = tpls.get(name)!;
    r.ctx.Template = { Name: name, BasePath: r.basePath };
    try {
      rendered.set(name, set.execute(name, r.ctx).replaceAll('<no value>', ''));
    } catch (e) {
      problems.push(execError(name, e));
    }
  }

  // NOTES.txt is rendered like any template (its errors count) but only the top chart's is kept.
  const topNotes = `${top.metadata.name}/templates/NOTES.txt`;
  const files: RenderedFile[] = [];
  for (const [name, content] of [...rendered].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!name.endsWith('NOTES.txt')) files.push({ name, content });
  }
  return { files, notes: rendered.get(topNotes) ?? '', problems };
}

/** Go's %q for the texts Helm quotes in tpl's errors. */
const goQuote = (s: string) => JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** include, tpl and lookup: the functions bound to the template set of this render (and to the cluster). */
function ownFuncs(set: TemplateSet, opts: GoRenderOptions): FuncMap {
  const included = new Map<string, number>();
  const bound = (t: TemplateSet): FuncMap => ({
    include: {
      params: ['string', 'interface {}'],
      fn: (name, data) => {
        const n = String(name);
        const depth = included.get(n) ?? 0;
        if (depth > 1000) throw new Error(`rendering template has a nested reference name: ${n}: unable to execute template`);
        included.set(n, depth + 1);
        try {
          return t.execute(n, data);
        } finally {
          included.set(n, (included.get(n) ?? 1) - 1);
        }
      },
    },
    tpl: {
      params: ['string', 'interface {}'],
      fn: (text, vals) => {
        const src = String(text);
        const clone = t.clone();
        clone.addFuncs(bound(clone));
        try {
          clone.parse('gotpl', src);
        } catch (e) {
          throw new Error(`cannot parse template ${goQuote(src)}: ${(e as Error).message}`, { cause: e });
        }
        try {
          return clone.execute('gotpl', vals).replaceAll('<no value>', '');
        } catch (e) {
          throw new Error(`error during tpl function execution for ${goQuote(src)}: ${(e as Error).message}`, { cause: e });
        }
      },
    },
  });
  return {
    ...bound(set),
    lookup: {
      params: ['string', 'string', 'string', 'string'],
      fn: (apiVersion, kind, namespace, name) => (opts.lookup && !opts.lintMode ? opts.lookup(String(apiVersion), String(kind), String(namespace), String(name)) : {}),
    },
  };
}
