// Runs template cases through the real Go text/template and through ours and prints every
// difference: the quickest way to check a construct against Go (needs Go). One JSON case per line:
// {"tpl": "...", "data": {...}, "missing": "zero"} (numbers are float64; {"$int": "5"} is an int).
//   node src/render/gotemplate/testdata/compare.ts cases.jsonl
//   node src/render/gotemplate/testdata/fuzz.mjs 1 2000 > /tmp/f.jsonl && node …/compare.ts /tmp/f.jsonl
// (Maps printed with a struct or function inside always differ: Go prints their addresses.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateSet } from '../index.ts';
import { testData, testFuncs } from '../testcases.ts';

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
const dir = mkdtempSync(join(tmpdir(), 'goref-'));
let goOut: { out?: string; err?: string }[];
try {
  execFileSync('go', ['build', '-o', join(dir, 'goref'), '.'], { cwd: new URL('./goref/', import.meta.url).pathname });
  goOut = execFileSync(join(dir, 'goref'), { input: lines.join('\n') + '\n', maxBuffer: 1 << 28 })
    .toString().trim().split('\n').map((l) => JSON.parse(l));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
let bad = 0;
lines.forEach((l, i) => {
  const c = JSON.parse(l);
  const name = c.name ?? 'x';
  const ours: { out?: string; err?: string } = {};
  try {
    const s = new TemplateSet(testFuncs, { missingKey: c.missing || 'default' });
    s.parse(name, c.tpl);
    ours.out = s.execute(name, testData(c.data ?? null));
  } catch (e) {
    ours.err = (e as Error).name === 'GoTemplateError' ? (e as Error).message : `JS ${(e as Error).stack}`;
  }
  const go = goOut[i];
  if ((go.err ?? null) !== (ours.err ?? null) || (!go.err && go.out !== ours.out)) {
    bad++;
    console.log(`DIFF ${c.tpl}\n  go:   ${JSON.stringify(go)}\n  ours: ${JSON.stringify(ours)}`);
  }
});
console.log(`${lines.length - bad}/${lines.length} the same as Go`);
