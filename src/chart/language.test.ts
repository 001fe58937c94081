import { describe, expect, it } from 'vitest';
import { chartLanguage, languageWarnings } from './language.ts';
import { parseMetadata } from './metadata.ts';
import { scaffold } from './scaffold.ts';
import type { Chart } from './types.ts';

const chart = (templates: Record<string, string>, annotations?: Record<string, string>): Chart => ({
  metadata: { apiVersion: 'v2', name: 'c', version: '1.0.0', ...(annotations ? { annotations } : {}) },
  values: {},
  templates: Object.entries(templates).map(([name, text]) => ({ name: `templates/${name}`, data: Buffer.from(text) })),
  files: [],
  crds: [],
  dependencies: [],
  path: '/c',
});

describe('a chart\'s template language', () => {
  it('is what Chart.yaml declares, whatever the templates look like', () => {
    expect(chartLanguage(chart({ 'a.yaml': '{{#if Values.x}}{{/if}}' }, { 'hull.sh/template-language': 'gotemplate' }))).toEqual({ language: 'gotemplate', declared: true });
    expect(chartLanguage(chart({ 'a.yaml': '{{ .Values.x }}' }, { 'hull.sh/template-language': 'handlebars' }))).toEqual({ language: 'handlebars', declared: true });
  });
  it('is Go templates without a declaration (Helm\'s charts), even with no action at all', () => {
    expect(chartLanguage(chart({ 'a.yaml': 'name: {{ .Release.Name }}\n{{- if .Values.x }}\n{{ end }}', '_h.tpl': '{{/* c */}}{{ define "x" }}{{ end }}' })).language).toBe('gotemplate');
    expect(chartLanguage(chart({ 'a.yaml': 'kind: ConfigMap' })).language).toBe('gotemplate');
    expect(chartLanguage(chart({ 'a.yaml': '{{- /* a comment */ -}}' })).language).toBe('gotemplate');
  });
  it('is Handlebars when undeclared templates use syntax only Handlebars has', () => {
    for (const text of ['{{#if x}}y{{/if}}', '{{~#each l}}{{/each}}', '{{!-- note --}}', 'name: {{Release.Name}}', 'm: {{quote Values.message}}', '{{nindent 4 (toYaml Values.x)}}', '{{> partial}}', '{{include "x" this}}', '{{lookup Values "k"}}', '{{#each l}}{{@index}}{{/each}}']) {
      const v = chartLanguage(chart({ 'a.yaml': text }));
      expect(v, text).toMatchObject({ language: 'handlebars', declared: false, ambiguous: false });
    }
  });
  it('lint warns when the language was recognised rather than declared, and says when it is ambiguous', () => {
    expect(languageWarnings(chart({ 'a.yaml': '{{#if Values.x}}x{{/if}}' }))).toEqual([
      'Chart.yaml: no hull.sh/template-language annotation; rendering as Handlebars (Handlebars syntax at templates/a.yaml line 1: "{{#") — declare it with the annotation hull.sh/template-language: handlebars (or gotemplate)',
    ]);
    const [w] = languageWarnings(chart({ 'a.yaml': '{{#if Values.x}}x{{/if}}', 'b.yaml': 'a\n{{- .Values.y }}' }));
    expect(w).toMatch(/^Chart\.yaml: the template language is ambiguous \(Handlebars syntax at templates\/a\.yaml line 1: "\{\{#", Go-template syntax at templates\/b\.yaml line 2: "\{\{- "\); rendering as Handlebars/);
    expect(languageWarnings(chart({ 'a.yaml': '{{ .Values.x }}' }))).toEqual([]);
    expect(languageWarnings(chart({ 'a.yaml': '{{#if x}}{{/if}}' }, { 'hull.sh/template-language': 'handlebars' }))).toEqual([]);
  });
  it('rejects an unknown declared language in Chart.yaml', () => {
    expect(() => parseMetadata('apiVersion: v2\nname: c\nversion: 1.0.0\nannotations:\n  hull.sh/template-language: jinja\n', 'Chart.yaml')).toThrow(/Chart\.yaml: annotation hull\.sh\/template-language is "jinja": it must be one of gotemplate, handlebars/);
  });
  it('hull create declares Handlebars', () => {
    const files = scaffold('demo');
    const m = parseMetadata(files['Chart.yaml'], 'Chart.yaml');
    expect(m.annotations).toEqual({ 'hull.sh/template-language': 'handlebars' });
  });
});

describe('recognising helm create\'s scaffold', () => {
  it('reads words in Go comments as prose, not as Handlebars', () => {
    const helpers = '{{/*\nWe truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).\n*/}}\n{{- define "x.fullname" -}}\n{{- .Release.Name }}\n{{- end }}\n';
    expect(chartLanguage(chart({ '_helpers.tpl': helpers })).language).toBe('gotemplate');
  });
});
