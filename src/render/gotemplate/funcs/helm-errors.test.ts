// The errors functions report, against Helm's: each failing call is its own chart (Helm stops at the
// first error) and the text after "error calling NAME: " must be ours, word for word.
import { describe, expect, it } from 'vitest';
import { allFuncs } from './index.ts';
import { callText, helmError, Nested, type Arg, type Call } from './testdata/oracle.ts';
import type { GoValue } from '../value.ts';

const c = (name: string, ...args: Arg[]): Call => ({ name, args });
const n = (name: string, ...args: Arg[]): Nested => new Nested({ name, args });

const CASES: Call[] = [
  c('mustFirst', 'x'), c('first', null), c('last', 5n), c('mustRegexMatch', '(', 'x'), c('regexFind', 'a{2,1}', 'x'), c('mustRegexSplit', '[z-a]', 'x', -1n),
  c('mustFromJson', 'nope'), c('semverCompare', 'bad constraint', '1.0.0'), c('semverCompare', '>1', 'notaversion'), c('semver', '1.2.3-01'),
  c('mustToDate', '2006-01-02', 'x'), c('mustToDate', '2006-01-02', '2024-13-01'), c('mustDateModify', 'bad', n('toDate', '2006', '2020')),
  c('substr', 5n, 3n, 'hello'), c('substr', -1n, 9n, 'hello'), c('div', 1n, 0n), c('mod', 1n, '0'), c('concat', [1n], 'x'),
  c('dig', 'a', 'b', 'd', { a: 'str' }), c('dig', 1n, 'd', {}), c('repeat', -1n, 'x'), c('genSelfSignedCert', 'x', ['bad'], null, 1n),
  c('randInt', 5n, 5n), c('set', null, 'a', 1n), c('mustChunk', 0n, [1n, 2n]), c('mustToJson', n('float64', 'NaN')), c('mustToYaml', n('float64', 'NaN')),
];

const funcs = allFuncs();

function ourError(call: Call): string {
  const evaluate = (k: Call): GoValue => funcs[k.name].fn(...k.args.map((a) => (a instanceof Nested ? evaluate(a.call) : a)));
  try {
    evaluate(call);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('function errors read as Helm\'s', () => {
  it('for each failing call', async () => {
    const helm = await Promise.all(CASES.map(helmError));
    const diffs: string[] = [];
    CASES.forEach((call, i) => {
      const m = /error calling [A-Za-z0-9_]+: (.*)$/s.exec(helm[i]);
      const theirs = m ? m[1].replace(/\n\nUse --debug flag.*$/s, '').trim() : `<no function error: ${helm[i]}>`;
      const ours = ourError(call);
      if (ours !== theirs) diffs.push(`${callText(call)}\n  helm: ${JSON.stringify(theirs)}\n  hull: ${JSON.stringify(ours)}`);
    });
    expect(diffs.join('\n')).toBe('');
  }, 120_000);
});
