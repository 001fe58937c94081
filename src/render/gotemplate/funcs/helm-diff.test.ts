// Differential test: every case is rendered by the real Helm 4 binary and must print exactly what our
// function prints (%v of the result), so Sprig's and Helm's semantics are checked, not remembered.
import { beforeAll, describe, expect, it } from 'vitest';
import { allFuncs } from './index.ts';
import { sprint } from './fmt.ts';
import { ALL_CASES } from './testdata/cases.ts';
import { helmPrints, literal, type Call } from './testdata/oracle.ts';
import type { GoValue } from '../value.ts';

const funcs = allFuncs();

function ours(call: Call): string {
  const f = funcs[call.name];
  if (!f) return `<no function ${call.name}>`;
  try {
    // Values are fresh per call: a few functions (set, merge) change their map argument as in Go.
    return sprint(f.fn(...(structuredClone(call.args) as GoValue[])));
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
        if (mine !== helm[i]) diffs.push(`${call.name} ${call.args.map(literal).join(' ')}\n  helm: ${JSON.stringify(helm[i])}\n  hull: ${JSON.stringify(mine)}`);
      });
      expect(diffs.join('\n')).toBe('');
    });
  }
});
