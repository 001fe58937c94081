// The ASCII fast path of the key order agrees with the general one (which follows go-yaml's code).
import { describe, expect, it } from 'vitest';
import { runeLess, yamlKeyLess } from './yamlsort.ts';

describe('yaml key order', () => {
  it('orders like go-yaml: digit runs as numbers, letters after other characters', () => {
    expect(['a10', 'a2', 'b', 'A', '_x', '1', '10', '9'].sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0))).toEqual(['_x', '1', '9', '10', 'A', 'a2', 'a10', 'b']);
  });

  it('takes the same decisions on ASCII keys as on code points', () => {
    const alphabet = 'a0b1-_.9Z';
    let seed = 7;
    const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const key = (): string => Array.from({ length: 1 + rnd(5) }, () => alphabet[rnd(alphabet.length)]).join('');
    for (let i = 0; i < 5000; i++) {
      const a = key();
      const b = key();
      expect([a, b, yamlKeyLess(a, b)]).toEqual([a, b, runeLess(a, b)]);
    }
  });
});
