// Differential test: every case is rendered by the real Helm 4 binary and must print exactly what our
// function prints (%v of the result), so Sprig's and Helm's semantics are checked, not remembered.
import { beforeAll, describe, expect, it } from 'vitest';
import { allFuncs } from './index.ts';
import { sprint } from './fmt.ts';
import { ALL_CASES } from './testdata/cases.ts';
import { action, callText, helmPrints, Nested, type Arg, type Call } from './testdata/oracle.ts';
import type { GoValue } from '../value.ts';
import { TemplateSet } from '../index.ts';

const funcs = allFuncs();

function evaluate(call: Call): GoValue {
  const f = funcs[call.name];
  if (!f) throw new Error(`no function ${call.name}`);
  // Values are fresh per call: a few functions (set, merge) change their map argument as in Go.
  const args = call.args.map((a: Arg) => (a instanceof Nested ? evaluate(a.call) : structuredClone(a)));
  return f.fn(...args);
}

function ours(call: Call): string {
  try {
    return sprint(evaluate(call));
  } catch (e) {
    return `<error ${(e as Error).message}>`;
  }
}

/** The same action text Helm ran, through our engine: argument conversion and printing included. */
function throughEngine(call: Call): string {
  const set = new TemplateSet(funcs, { missingKey: 'zero' });
  try {
    set.parse('c', action(call));
    const out = set.execute('c', {});
    return Buffer.from(out.replace(/^# ?/, ''), 'base64').toString('utf8');
  } catch (e) {
    return `<error ${(e as Error).message}>`;
  }
}

const flat = Object.entries(ALL_CASES).flatMap(([family, calls]) => calls.map((call) => ({ family, call })));
let helm: string[] = [];

beforeAll(async () => {
  helm = await helmPrints(flat.map((f) => f.call));
}, 120_000);

describe('functions print what Helm 4 prints', () => {
  for (const family of Object.keys(ALL_CASES)) {
    it(family, () => {
      const diffs: string[] = [];
      flat.forEach(({ family: fam, call }, i) => {
        if (fam !== family) return;
        const mine = ours(call);
        if (mine !== helm[i]) diffs.push(`${callText(call)}\n  helm: ${JSON.stringify(helm[i])}\n  hull: ${JSON.stringify(mine)}`);
        const rendered = throughEngine(call);
        if (rendered !== helm[i]) diffs.push(`${callText(call)} (rendered)\n  helm: ${JSON.stringify(helm[i])}\n  hull: ${JSON.stringify(rendered)}`);
      });
      expect(diffs.join('\n')).toBe('');
    });
  }
});
