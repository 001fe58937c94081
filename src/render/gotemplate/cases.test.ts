// Every case of testdata/cases.jsonl against what the real Go text/template printed for it
// (recorded by testdata/record.sh; a case marked `deviation` states what we do instead, and why).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TemplateSet } from './index.ts';
import { testData, testFuncs } from './testcases.ts';

interface Case {
  tpl: string;
  data?: unknown;
  missing?: 'default' | 'zero' | 'error';
  name?: string;
  out?: string;
  err?: string;
  deviation?: string;
  ours?: { out?: string; err?: string };
}

const cases: Case[] = readFileSync(new URL('./testdata/cases.jsonl', import.meta.url), 'utf8')
  .split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Case);

function run(c: Case): { out?: string; err?: string } {
  const name = c.name ?? 'x';
  try {
    const set = new TemplateSet(testFuncs, { missingKey: c.missing ?? 'default' });
    set.parse(name, c.tpl);
    return { out: set.execute(name, testData(c.data ?? null)) };
  } catch (e) {
    expect((e as Error).name).toBe('GoTemplateError');
    return { err: (e as Error).message };
  }
}

describe('Go text/template cases, as Go prints them', () => {
  for (const c of cases) {
    it(c.tpl.length > 70 ? c.tpl.slice(0, 70) + '…' : c.tpl, () => {
      const want = c.deviation ? c.ours! : c.err !== undefined ? { err: c.err } : { out: c.out };
      expect(run(c)).toEqual(want);
    });
  }
});
