// docs/gotemplate-functions.md stays true: every example in its tables renders, through the engine
// with these functions and through the real Helm binary, to the output written next to it (⏎ is a
// newline, ⇥ a tab).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TemplateSet } from '../index.ts';
import { allFuncs } from './index.ts';
import { helmOutputs } from './testdata/oracle.ts';

const DOC = new URL('../../../../docs/gotemplate-functions.md', import.meta.url);
const unescape = (cell: string): string => cell.replace(/^`|`$/g, '').replaceAll('\\|', '|').replaceAll('⏎', '\n').replaceAll('⇥', '\t');

interface Row { name: string; example: string; output: string }

function rows(): Row[] {
  const out: Row[] = [];
  for (const line of readFileSync(DOC, 'utf8').split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| function')) continue;
    const body = line.slice(2, -2);
    const nameEnd = body.indexOf(' | ');
    const rest = body.slice(nameEnd + 3);
    const exampleEnd = rest.indexOf('` | ') + 1;
    out.push({ name: body.slice(0, nameEnd), example: unescape(rest.slice(0, exampleEnd)), output: rest.slice(exampleEnd + 3) });
  }
  return out;
}

describe('docs/gotemplate-functions.md', () => {
  const all = rows();
  const funcs = allFuncs();

  const rendered = all.filter((r) => !r.output.startsWith('error: '));
  let helm: string[] = [];
  beforeAll(async () => {
    helm = await helmOutputs(rendered.map((r) => r.example));
  }, 120_000);

  it('shows what Helm renders', () => {
    const diffs = rendered.flatMap((r, i) => (helm[i] === unescape(r.output) ? [] : [`${r.name}: helm ${JSON.stringify(helm[i])}, documented ${r.output}`]));
    expect(diffs).toEqual([]);
  });

  it('has an example for every function', () => {
    const documented = new Set(all.map((r) => r.name));
    expect(Object.keys(funcs).filter((f) => !documented.has(f))).toEqual([]);
  });

  it.each(all.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const set = new TemplateSet(funcs, { missingKey: 'zero' });
    set.parse('doc', row.example);
    if (row.output.startsWith('error: ')) {
      expect(() => set.execute('doc', {})).toThrow(row.output.slice('error: '.length));
    } else {
      expect(set.execute('doc', {})).toBe(unescape(row.output));
    }
  }, 60_000); // genPrivateKey "rsa" makes a 4096-bit key, as Sprig does: seconds on a busy machine
});
