// Both template languages behind one call: each chart of the tree renders in its own language
// (src/chart/language.ts), Handlebars charts with the Handlebars engine and Go-template charts with
// Helm's engine semantics; named templates are shared among the charts of one language.
import { chartLanguage } from '../chart/language.ts';
import type { Chart } from '../chart/types.ts';
import type { RenderedFile } from '../manifest/split.ts';
import type { Capabilities, ReleaseInfo } from './context.ts';
import type { TemplateError } from './errors.ts';
import { renderGoTemplates, type GoRenderOptions } from './gochart/render.ts';
import { renderHandlebars } from './templates.ts';

export interface RenderOutput {
  files: RenderedFile[];
  notes: string;
  problems: TemplateError[];
}

export type TemplateOptions = GoRenderOptions;

/** True when the tree holds a chart of this language. */
function uses(chart: Chart, language: 'gotemplate' | 'handlebars'): boolean {
  return chartLanguage(chart).language === language || chart.dependencies.some((d) => uses(d, language));
}

/** `values` must be coalesced (coalesceValues). Problems are collected, not thrown (lint lists them all). */
export function renderTemplates(chart: Chart, values: Record<string, unknown>, release: ReleaseInfo, capabilities?: Capabilities, opts: TemplateOptions = {}): RenderOutput {
  const go = uses(chart, 'gotemplate')
    ? renderGoTemplates(chart, values, release, capabilities, opts)
    : undefined;
  const hb = uses(chart, 'handlebars') ? renderHandlebars(chart, values, release, capabilities, opts.limits) : undefined;
  if (!go) return hb!;
  if (!hb) return go;
  return { files: [...go.files, ...hb.files], notes: chartLanguage(chart).language === 'gotemplate' ? go.notes : hb.notes, problems: [...go.problems, ...hb.problems] };
}
