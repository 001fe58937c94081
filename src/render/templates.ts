// Renders every template of a chart and its active subcharts to text. Problems are collected, not
// thrown, so lint can list them all; renderChart turns them into one error.
import { activeDependencies } from '../chart/dependencies.ts';
import type { Chart } from '../chart/types.ts';
import { isPlainObject } from '../chart/yaml.ts';
import type { RenderedFile } from '../manifest/split.ts';
import { unknownHelpers } from './check.ts';
import { capabilitiesObject, chartObject, filesObject, releaseObject, type Capabilities, type ReleaseInfo } from './context.ts';
import { Engine, type Program } from './engine.ts';
import { locate, type TemplateError } from './errors.ts';

type Values = Record<string, unknown>;

interface Unit {
  chart: Chart;
  values: Values;
  /** "todo-list" for the top chart, "todo-list/charts/db" for a subchart. */
  prefix: string;
}

export interface RenderOutput {
  files: RenderedFile[];
  notes: string;
  problems: TemplateError[];
}

/** The chart and its active subcharts, children before parents (so parents' defines win). */
function units(chart: Chart, values: Values, prefix: string): Unit[] {
  const out: Unit[] = [];
  for (const { key, chart: sub } of activeDependencies(chart, values)) {
    out.push(...units(sub, isPlainObject(values[key]) ? (values[key] as Values) : {}, `${prefix}/charts/${key}`));
  }
  out.push({ chart, values, prefix });
  return out;
}

const isHelperFile = (name: string) => name.slice(name.lastIndexOf('/') + 1).startsWith('_');
const isNotes = (name: string) => name === 'templates/NOTES.txt';

/** `values` must be coalesced (coalesceValues); see render.ts. */
export function renderTemplates(chart: Chart, values: Values, release: ReleaseInfo, capabilities?: Capabilities): RenderOutput {
  const engine = new Engine();
  const problems: TemplateError[] = [];
  const all = units(chart, values, chart.metadata.name);
  const parsed = new Map<string, Program>();

  for (const u of all) {
    for (const t of u.chart.templates) {
      const file = `${u.prefix}/${t.name}`;
      try {
        const ast = engine.parse(t.data.toString('utf8'));
        const unknown = unknownHelpers(ast, engine.env.helpers, file);
        problems.push(...unknown);
        engine.collectDefines(ast, file);
        // A file calling unknown functions is not run: that would only repeat the same problem.
        if (unknown.length === 0) parsed.set(file, ast);
      } catch (e) {
        problems.push(locate(e, file));
      }
    }
  }

  const Release = releaseObject(release);
  const Capabilities = capabilitiesObject(capabilities);
  const files: RenderedFile[] = [];
  let notes = '';
  const jobs: Array<{ file: string; ctx: Values; top: boolean; name: string }> = [];
  for (const u of all) {
    // Library charts only lend their named templates.
    if (u.chart.metadata.type === 'library') continue;
    const base = { Values: u.values, Release, Chart: chartObject(u.chart.metadata), Capabilities, Files: filesObject(u.chart) };
    for (const t of u.chart.templates) {
      const file = `${u.prefix}/${t.name}`;
      if (isHelperFile(t.name) || !parsed.has(file)) continue;
      if (isNotes(t.name) && u.chart !== chart) continue;
      jobs.push({ file, name: t.name, top: u.chart === chart, ctx: { ...base, Template: { Name: file, BasePath: `${u.prefix}/templates` } } });
    }
  }
  jobs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const j of jobs) {
    try {
      const text = engine.run(engine.compile(parsed.get(j.file)!), j.ctx, j.file);
      if (isNotes(j.name)) notes = text;
      else files.push({ name: j.file, content: text });
    } catch (e) {
      problems.push(locate(e, j.file));
    }
  }
  return { files, notes, problems };
}
