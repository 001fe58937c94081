// A tree of charts in both languages: each chart renders in its own, and the output is one release.
import { describe, expect, it } from 'vitest';
import { chartOf } from '../../chart/values.test.ts';
import { renderChart } from '../render.ts';

const release = { name: 'rel', namespace: 'ns', revision: 1, isInstall: true, isUpgrade: false };
const tpl = (name: string, text: string) => ({ name: `templates/${name}`, data: Buffer.from(text) });
const cm = (name: string, data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${data}\n`;

describe('charts in both languages', () => {
  it('renders a Go-template parent with a Handlebars subchart, each with its own values and defines', () => {
    const sub = chartOf({
      name: 'hb',
      values: { greeting: 'hello' },
      templates: [tpl('_h.tpl', '{{#define "hb.name"}}{{Release.Name}}-hb{{/define}}'), tpl('cm.yaml', cm('{{include "hb.name" this}}', '  g: {{quote Values.greeting}}'))],
    });
    const top = chartOf({
      name: 'top',
      metadata: { apiVersion: 'v2', name: 'top', version: '1.0.0', dependencies: [{ name: 'hb' }], annotations: {} },
      values: { hb: { greeting: 'hi' }, n: 1000000 },
      templates: [tpl('_h.tpl', '{{- define "top.name" -}}{{ .Release.Name }}-top{{- end -}}'), tpl('cm.yaml', cm('{{ include "top.name" . }}', '  n: "{{ .Values.n }}"'))],
      dependencies: [sub],
    });
    const r = renderChart(top, {}, { release });
    expect(r.helm).toBe(true);
    expect(r.manifests.map((m) => [m.name, m.object.metadata.name, m.object.data])).toEqual([
      ['top/charts/hb/templates/cm.yaml', 'rel-hb', { g: 'hi' }],
      ['top/templates/cm.yaml', 'rel-top', { n: '1e+06' }],
    ]);
  });
});
