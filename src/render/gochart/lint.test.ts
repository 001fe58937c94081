// `hull lint` of Go-template charts: Helm's lint mode (required and fail do not stop it), and
// --strict turning a missing value into an error (missingkey=error).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintChart } from '../../actions/lint.ts';

function chart(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'hull-golint-')), 'golint');
  for (const [path, text] of Object.entries({ 'Chart.yaml': 'apiVersion: v2\nname: golint\nversion: 0.1.0\nappVersion: "1"\ndescription: d\n', 'values.yaml': 'name: x\n', ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\ndata:\n${data}`;
const errors = (msgs: Array<{ severity: string; message: string }>) => msgs.filter((m) => m.severity === 'error').map((m) => m.message);

describe('lint of a Go-template chart', () => {
  it('renders missing values empty, and as errors with --strict', async () => {
    const dir = chart({ 'templates/cm.yaml': cm('  a: "{{ .Values.missing }}"\n') });
    expect(errors(await lintChart(dir))).toEqual([]);
    expect(errors(await lintChart(dir, {}, { strict: true }))).toEqual([
      'golint/templates/cm.yaml:6:16\n  executing "golint/templates/cm.yaml" at <.Values.missing>:\n    map has no entry for key "missing"',
    ]);
  });
  it('does not stop at required or fail, as Helm\'s lint', async () => {
    const dir = chart({ 'templates/cm.yaml': cm('  a: "{{ required "a is required" .Values.a }}"\n{{- if false }}{{ fail "no" }}{{ end }}\n') });
    expect(errors(await lintChart(dir))).toEqual([]);
  });
  it('reports parse errors with Helm\'s words, and a chart with no language warning', async () => {
    const msgs = await lintChart(chart({ 'templates/cm.yaml': cm('  a: {{ if .Values.name }}\n') }));
    expect(errors(msgs)).toEqual(['parse error at (golint/templates/cm.yaml:7): unexpected EOF']);
    expect(msgs.filter((m) => m.message.includes('template-language'))).toEqual([]);
  });
});
