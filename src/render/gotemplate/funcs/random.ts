// Random values: goutils' crypto-random strings, randBytes, uuidv4, shuffle. Only their shape can be
// tested; the source is Node's CSPRNG, as Sprig's is Go's crypto/rand.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { FuncMap, GoValue } from '../value.ts';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/** goutils.CryptoRandom: count characters from the set; a negative count is an error Sprig drops (""). */
function pick(set: string) {
  return (count: GoValue): string => {
    const n = Number(count as bigint);
    let out = '';
    for (let i = 0; i < n; i++) out += set[randomInt(set.length)];
    return out;
  };
}

/** xstrings.Shuffle: a random permutation of the runes. */
function shuffle(s: string): string {
  const r = [...s];
  for (let i = r.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [r[i], r[j]] = [r[j], r[i]];
  }
  return r.join('');
}

export function randomFuncs(): FuncMap {
  return {
    randAlphaNum: { params: ['int'], fn: pick(LETTERS + DIGITS) },
    randAlpha: { params: ['int'], fn: pick(LETTERS) },
    randNumeric: { params: ['int'], fn: pick(DIGITS) },
    randAscii: { params: ['int'], fn: pick(ASCII) },
    randBytes: {
      params: ['int'],
      fn: (count) => {
        const n = Number(count as bigint);
        if (n < 0) throw new Error('runtime error: makeslice: len out of range');
        return randomBytes(n).toString('base64');
      },
    },
    uuidv4: { params: [], fn: () => randomUUID() },
    shuffle: { params: ['string'], fn: (s) => shuffle(s as string) },
  };
}
