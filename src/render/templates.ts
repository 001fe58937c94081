// Renders every Handlebars template of a chart and its active subcharts to text. Problems are collected, not
// thrown, so lint can list them all; renderChart turns them into one error.
import { activeDependencies } from '../chart/dependencies.ts';
import { chartLanguage } from '../chart/language.ts';
import type { Chart } from '../chart/types.ts';
import { isPlainObject } from '../chart/yaml.ts';
import type { RenderedFile } from '../manifest/split.ts';
import { unknownHelpers } from './check.ts';
import { capabilitiesObject, chartObject, filesObject, releaseObject, type Capabilities, type ReleaseInfo } from './context.ts';
import { Engine, type Program } from './engine.ts';
import { locate, TemplateError } from './errors.ts';
import { outputMessage, type RenderLimits } from './limits.ts';

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

/** The Handlebars charts among the chart and its active subcharts, children before parents (so parents' defines win). */
function units(chart: Chart, values: Values, prefix: string): Unit[] {
  const out: Unit[] = [];
  for (const { key, chart: sub } of activeDependencies(chart, values)) {
    out.push(...units(sub, isPlainObject(values[key]) ? (values[key] as Values) : {}, `${prefix}/charts/${key}`));
  }
  if (chartLanguage(chart).language === 'handlebars') out.push({ chart, values, prefix });
  return out;
}

const isHelperFile = (name: string) => name.slice(name.lastIndexOf('/') + 1).startsWith('_');
const isNotes = (name: string) => name === 'templates/NOTES.txt';

/** A template parsed only when it is rendered (see renderHandlebars). */
interface Deferred {
  data: Buffer;
  problems: TemplateError[];
}

/** Renders the Handlebars charts of the tree; `values` must be coalesced (coalesceValues); see render.ts. */
export function renderHandlebars(chart: Chart, values: Values, release: ReleaseInfo, capabilities?: Capabilities, limits?: RenderLimits): RenderOutput {
  const engine = new Engine(limits);
  // Parse errors and unknown functions, per template in chart order; render errors come after them.
  const early: TemplateError[][] = [];
  const problems: TemplateError[] = [];
  const all = units(chart, values, chart.metadata.name);
  const parsed = new Map<string, Program | Deferred>();

  // Every template that can hold a `define` is parsed first, so all named templates exist before
  // anything renders. A template that will be rendered and cannot hold one (no "define" in its
  // text) is parsed just before it renders instead: its tree then lives briefly, which keeps the
  // garbage collector's work and the memory of a large chart small. Problems come out the same.
  for (const u of all) {
    const renders = u.chart.metadata.type !== 'library';
    for (const t of u.chart.templates) {
      const file = `${u.prefix}/${t.name}`;
      const slot: TemplateError[] = [];
      early.push(slot);
      if (renders && !isHelperFile(t.name) && !(isNotes(t.name) && u.chart !== chart) && !t.data.includes('define')) {
        parsed.set(file, { data: t.data, problems: slot });
        continue;
      }
      try {
        const ast = engine.parse(t.data.toString('utf8'));
        const unknown = unknownHelpers(ast, engine.helpers, file);
        slot.push(...unknown);
        engine.collectDefines(ast, file);
        // A file calling unknown functions is not run: that would only repeat the same problem.
        if (unknown.length === 0) parsed.set(file, ast);
      } catch (e) {
        slot.push(locate(e, file));
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
  let total = 0;
  for (const j of jobs) {
    let ast = parsed.get(j.file)!;
    if ('problems' in ast) {
      const deferred = ast;
      try {
        ast = engine.parse(deferred.data.toString('utf8'));
        const unknown = unknownHelpers(ast, engine.helpers, j.file);
        deferred.problems.push(...unknown);
        if (unknown.length > 0) continue;
      } catch (e) {
        deferred.problems.push(locate(e, j.file));
        continue;
      }
    }
    try {
      const text = engine.render(ast, j.ctx, j.file);
      total += text.length;
      if (total > engine.limits.maxOutput) {
        problems.push(new TemplateError(outputMessage('all templates together', engine.limits.maxOutput), null, j.file));
        break;
      }
      if (isNotes(j.name)) notes = text;
      else files.push({ name: j.file, content: text });
    } catch (e) {
      problems.push(locate(e, j.file));
    }
  }
  return { files, notes, problems: [...early.flat(), ...problems] };
}
