// The differential harness's two tools: hull (the built CLI) and the real Helm 4 binary, run with
// the same arguments, and their twin charts. Results are compared as data by the tests.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { helmBinary } from '../../bench/helm.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
const CHARTS = join(import.meta.dirname, 'charts');

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export type Tool = 'helm' | 'hull';

function exec(file: string, args: string[], env: Record<string, string>, cwd: string): Promise<Outcome> {
  return new Promise((res) => {
    execFile(file, args, { env: { ...process.env, ...env }, cwd, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      res({ code, stdout, stderr });
    });
  });
}

/** Runs one tool. Helm gets a private HOME so no user config or repository cache leaks in. */
export async function runTool(tool: Tool, args: string[], opts: { kubeconfig?: string; cwd?: string } = {}): Promise<Outcome> {
  const env: Record<string, string> = opts.kubeconfig ? { KUBECONFIG: opts.kubeconfig } : {};
  const cwd = opts.cwd ?? ROOT;
  if (tool === 'hull') return exec(process.execPath, [join(ROOT, 'bin/hull.js'), ...args], env, cwd);
  return exec(await helmBinary(), args, { ...env, HELM_CACHE_HOME: helmHome('cache'), HELM_CONFIG_HOME: helmHome('config'), HELM_DATA_HOME: helmHome('data') }, cwd);
}

let home: string | undefined;
function helmHome(sub: string): string {
  home ??= mkdtempSync(join(tmpdir(), 'hull-diff-helm-'));
  return join(home, sub);
}

/**
 * Twin charts: one chart directory (Chart.yaml, values, subcharts, files) with its templates twice,
 * `templates.helm/` (Go templates) and `templates.hull/` (Handlebars). Returns the chart as each tool
 * gets it, built in a temp dir, recursively for subcharts.
 */
export function twinCharts(name: string): Record<Tool, string> {
  const out = {} as Record<Tool, string>;
  for (const tool of ['helm', 'hull'] as const) {
    const dir = join(mkdtempSync(join(tmpdir(), `hull-diff-${tool}-`)), name);
    cpSync(join(CHARTS, name), dir, { recursive: true });
    pickTemplates(dir, tool);
    out[tool] = dir;
  }
  return out;
}

function pickTemplates(dir: string, tool: Tool): void {
  const other = tool === 'helm' ? 'hull' : 'helm';
  rmSync(join(dir, `templates.${other}`), { recursive: true, force: true });
  try {
    renameSync(join(dir, `templates.${tool}`), join(dir, 'templates'));
  } catch { /* a chart without templates of its own */ }
  let subs: string[] = [];
  try {
    subs = readdirSync(join(dir, 'charts'));
  } catch { /* no subcharts */ }
  for (const s of subs) pickTemplates(join(dir, 'charts', s), tool);
}

/** The differences kept on purpose, by id, from docs/helm-differences.md (its table's first column). */
export function knownDifferences(): Map<string, string> {
  const text = readFileSync(join(ROOT, 'docs/helm-differences.md'), 'utf8');
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^\| `([a-z0-9-]+)` \| ([^|]+)\|/gm)) out.set(m[1], m[2].trim());
  return out;
}

/** JSON.parse keeping integers beyond 2^53 exact (as bigint), so lost digits show as a difference. */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(text, (_k, v, ctx?: { source?: string }) =>
    typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v) && ctx?.source && /^-?\d+$/.test(ctx.source) ? BigInt(ctx.source) : v,
  );
}
