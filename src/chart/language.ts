// Which template language a chart is written in. A chart says so in Chart.yaml with the annotation
// `hull.sh/template-language: gotemplate | handlebars`; `hull create` writes it. A chart without it
// is a Go-template chart (Helm's only language, so every chart from Helm's world renders as Helm
// renders it) unless its templates use Handlebars' own syntax, which Go templates cannot contain:
// blocks (`{{#if}}`…`{{/if}}`), `{{!` comments, `{{>` partials, or a built-in object named without
// Go's leading dot (`{{Values.x}}`, `{{quote Release.Name}}`). That keeps hull's Handlebars charts
// written before the annotation existed working unchanged. Each subchart is judged on its own.
import { HullError } from '../errors.ts';
import type { Chart, ChartMetadata } from './types.ts';

export const LANGUAGE_ANNOTATION = 'hull.sh/template-language';
export const LANGUAGES = ['gotemplate', 'handlebars'] as const;
export type TemplateLanguage = (typeof LANGUAGES)[number];

export interface LanguageVerdict {
  language: TemplateLanguage;
  /** True when Chart.yaml carries the annotation. */
  declared: boolean;
  /** For an undeclared chart: why it was taken as Handlebars, or that it mixes both syntaxes. */
  evidence?: string;
  /** Undeclared, and its templates show both languages' syntax: lint warns. */
  ambiguous?: boolean;
}

// Inside an action: the opening of a Handlebars block/comment/partial, or a closing `{{/name}}`
// (Go's comments are `{{/*`), or a built-in object, `this`, `@index`… or `../` without Go's leading dot.
const HANDLEBARS = /\{\{~?\s*(?:[#!>^]|\/(?!\*))|\{\{~?(?:[^}\n]*?[\s(])?(?:(?:Values|Release|Chart|Capabilities|Files|Template)(?:\.\w|[\s)}])|this\b|@\w|\.\.\/)/;
const GO_COMMENT = /\{\{-?\s*\/\*[\s\S]*?\*\/\s*-?\}\}/g;
// Syntax only Go templates have: trim markers, comments, dotted fields and variables.
const GO = /\{\{-\s|\s-\}\}|\{\{-?\s*\/\*|\{\{-?\s*(?:\.[A-Za-z$]|\$[\w.]*\s*:?=|end\s*-?\}\})/;

/** Problems with the annotation's value, for metadata validation. */
export function languageProblems(m: Pick<ChartMetadata, 'annotations'>, file: string): string[] {
  const v = m.annotations?.[LANGUAGE_ANNOTATION];
  if (v === undefined || (LANGUAGES as readonly string[]).includes(v)) return [];
  return [`${file}: annotation ${LANGUAGE_ANNOTATION} is "${String(v)}": it must be one of ${LANGUAGES.join(', ')}`];
}

// Keyed by the templates list: a chart processed for a render (chartValues) is a copy sharing it.
const verdicts = new WeakMap<object, LanguageVerdict>();

function judge(chart: Chart): LanguageVerdict {
  const declared = chart.metadata.annotations?.[LANGUAGE_ANNOTATION];
  if (declared !== undefined) {
    if (!(LANGUAGES as readonly string[]).includes(declared)) throw new HullError('CHART_INVALID', languageProblems(chart.metadata, `${chart.metadata.name}/Chart.yaml`)[0]);
    return { language: declared as TemplateLanguage, declared: true };
  }
  let handlebars: string | undefined;
  let go: string | undefined;
  for (const t of chart.templates) {
    const raw = t.data.toString('utf8');
    // Go comments and string literals are prose ("limited to this"): blank them out, keeping the
    // lines for the evidence (only in files where the quick test fires).
    const text = !HANDLEBARS.test(raw) ? raw : raw
      .replace(GO_COMMENT, (c) => c.replace(/[^\n]/g, ' '))
      .replace(/\{\{[\s\S]*?\}\}/g, (action) => action.replace(/"(?:[^"\\\n]|\\.)*"|`[^`]*`/g, (q) => q.replace(/[^\n]/g, ' ')));
    if (!handlebars) {
      const m = HANDLEBARS.exec(text);
      if (m) handlebars = `${t.name} line ${lineOf(text, m.index)}: ${JSON.stringify(m[0].slice(0, 30))}`;
    }
    if (!go) {
      const m = GO.exec(raw);
      if (m) go = `${t.name} line ${lineOf(text, m.index)}: ${JSON.stringify(m[0].slice(0, 30))}`;
    }
    if (handlebars && go) break;
  }
  if (!handlebars) return { language: 'gotemplate', declared: false };
  return { language: 'handlebars', declared: false, evidence: go ? `Handlebars syntax at ${handlebars}, Go-template syntax at ${go}` : `Handlebars syntax at ${handlebars}`, ambiguous: Boolean(go) };
}

function lineOf(text: string, index: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The chart's template language (not its subcharts': ask for each). */
export function chartLanguage(chart: Chart): LanguageVerdict {
  if (chart.metadata.annotations?.[LANGUAGE_ANNOTATION] !== undefined) return judge(chart);
  let v = verdicts.get(chart.templates);
  if (!v) {
    v = judge(chart);
    verdicts.set(chart.templates, v);
  }
  return v;
}

/** Lint's word on the declaration: a warning when the language was guessed from Handlebars syntax. */
export function languageWarnings(chart: Chart, where = 'Chart.yaml'): string[] {
  const v = chartLanguage(chart);
  if (v.declared || v.language === 'gotemplate') return [];
  const fix = `declare it with the annotation ${LANGUAGE_ANNOTATION}: handlebars (or gotemplate)`;
  if (v.ambiguous) return [`${where}: the template language is ambiguous (${v.evidence}); rendering as Handlebars — ${fix}`];
  return [`${where}: no ${LANGUAGE_ANNOTATION} annotation; rendering as Handlebars (${v.evidence}) — ${fix}`];
}
