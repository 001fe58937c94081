// Seeded random values for the YAML/JSON differential test: nested maps and lists of the strings
// and numbers that trip emitters (YAML 1.1 look-alikes, indicators, long text around column 80,
// multi-line text, unicode), so toYaml/toJson are compared with Helm beyond the hand-picked cases.
import type { GoMap, GoValue } from '../../value.ts';

const WORDS = ['a', 'bb', 'ccc', 'dddd', 'eeeeeeee', 'x:', 'y', 'on', '#z', '-', 'é', '"q"', "it's", '1e3', '0x1F', 'null', '~', ' ', '', 'ñandú', '12', '3.5', 'a: b', 'key=value', '*star', '&amp', '!bang', '%pct', '@at', '`tick`', '[x]', '{y}', '|', '>'];
const NUMBERS = [0, 1, -1, 1.5, 1000000, 123456789, 0.000001, 1e21, 3.0, -0.25, 2 ** 53];

export function randomValues(count: number, seed = 42): GoValue[] {
  let s = seed;
  const rnd = (n: number): number => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % n;
  };
  const text = (): string => {
    const kind = rnd(6);
    const n = kind === 0 ? 1 : kind < 3 ? 2 + rnd(4) : 10 + rnd(30);
    const sep = rnd(8) === 0 ? '  ' : ' ';
    let t = Array.from({ length: n }, () => WORDS[rnd(WORDS.length)]).join(sep);
    if (rnd(6) === 0) t = t.replace(/ /g, (m) => (rnd(5) === 0 ? '\n' : m));
    if (rnd(10) === 0) t += '\n';
    return t;
  };
  const value = (depth: number): GoValue => {
    const k = rnd(depth > 2 ? 4 : 7);
    if (k === 0) return NUMBERS[rnd(NUMBERS.length)];
    if (k === 1) return rnd(3) === 0 ? null : rnd(2) === 0;
    if (k === 2 || k === 3) return text();
    if (k === 4 || k === 5) {
      const m: GoMap = {};
      for (let i = rnd(5); i > 0; i--) m[WORDS[rnd(WORDS.length)] + (rnd(3) === 0 ? String(rnd(20)) : '')] = value(depth + 1);
      return m;
    }
    return Array.from({ length: rnd(4) }, () => value(depth + 1));
  };
  return Array.from({ length: count }, () => {
    const m: GoMap = {};
    for (let i = 1 + rnd(4); i > 0; i--) m[`k${rnd(30)}`] = value(0);
    return m;
  });
}
