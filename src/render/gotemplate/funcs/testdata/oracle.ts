// Asks the real Helm binary what a function call prints: each case becomes one template of a
// generated chart, `helm template` renders them all in one run, and each output comes back by name.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { helmBinary } from '../../../../../bench/helm.ts';
import { isGoMap, isNil, type GoValue } from '../../value.ts';
import { quoteGo } from '../fmt.ts';

const run = promisify(execFile);

/** A Go template literal (or constructor call) for a JS test value. */
export function literal(v: GoValue): string {
  if (isNil(v)) return 'nil';
  switch (typeof v) {
    case 'string': return quoteGo(v);
    case 'boolean': return String(v);
    case 'bigint': return v.toString();
    case 'number': return Number.isInteger(v) && Math.abs(v) < 1e21 ? `${v}.0` : String(v);
  }
  if (Array.isArray(v)) return `(list ${v.map(literal).join(' ')})`;
  if (isGoMap(v)) return `(dict ${Object.entries(v).map(([k, x]) => `${quoteGo(k)} ${literal(x)}`).join(' ')})`;
  throw new Error(`no literal for ${String(v)}`);
}

export interface Call { name: string; args: Arg[] }

/** A call's result as another call's argument: `(toDate "2006" "2024")`. */
export class Nested {
  readonly call: Call;
  constructor(call: Call) {
    this.call = call;
  }
}
export type Arg = GoValue | Nested;

const argText = (a: Arg): string => (a instanceof Nested ? `(${a.call.name} ${a.call.args.map(argText).join(' ')})` : literal(a));

/** The template action for a call: the result printed with %v, base64'd so any text survives as a YAML comment. */
export const callText = (c: Call): string => `${c.name} ${c.args.map(argText).join(' ')}`.trim();
export const action = (c: Call): string => `# {{ printf "%v" (${callText(c)}) | b64enc }}`;

async function chart(templates: Map<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hull-funcs-'));
  await mkdir(join(dir, 'templates'));
  await writeFile(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: t\nversion: 0.1.0\n');
  for (const [name, text] of templates) await writeFile(join(dir, 'templates', name), text);
  return dir;
}

/** What Helm prints for each call (by index), in one `helm template` run. */
export function helmPrints(calls: Call[]): Promise<string[]> {
  return helmRenders(calls.map((c) => action(c) + '\n'));
}

/** What Helm renders for each template text (any output: it is defined, included and base64'd). */
export function helmOutputs(texts: string[]): Promise<string[]> {
  return helmRenders(texts.map((t, i) => `{{- define "ex${i}" }}${t}{{ end -}}\n# {{ include "ex${i}" . | b64enc }}\n`));
}

async function helmRenders(templates: string[]): Promise<string[]> {
  const names = templates.map((_, i) => `c${String(i).padStart(4, '0')}.yaml`);
  const dir = await chart(new Map(names.map((n, i) => [n, templates[i]])));
  try {
    const { stdout } = await run(await helmBinary(), ['template', 'x', dir], { maxBuffer: 1 << 28 });
    const byName = new Map<string, string>();
    for (const doc of stdout.split(/^---\n/m)) {
      const m = /^# Source: t\/templates\/(c\d+\.yaml)\n#[ ]?(.*)$/m.exec(doc);
      if (m) byName.set(m[1], Buffer.from(m[2], 'base64').toString('utf8'));
    }
    return names.map((n) => byName.get(n) ?? '<missing>');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The error Helm reports for one call (or "" when it renders). */
export async function helmError(call: Call): Promise<string> {
  const dir = await chart(new Map([['c.yaml', action(call) + '\n']]));
  try {
    await run(await helmBinary(), ['template', 'x', dir]);
    return '';
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? e).trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
