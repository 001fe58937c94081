// go-yaml v2's map key order (sorter.go's keyList.Less), which toYaml output follows: not byte order
// but a "natural" one — runs of digits compare as numbers ("a2" < "a10"), and a letter sorts after
// a non-letter at the first difference. The order is not transitive for some keys ("a1" < "a01" <
// "a0b" < "a1"); Go sorts the map's keys from a random start, so Helm itself varies on such sets.
import { isDigit, isLetter } from './unicode.ts';

const ASCII = /^[\x00-\x7f]*$/;
const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The same order for ASCII keys (nearly all of them), without splitting strings into arrays. */
function asciiLess(a: string, b: string): boolean {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const al = isAsciiLetter(x);
    const bl = isAsciiLetter(y);
    if (al && bl) return x < y;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (x === 48 || y === 48) {
      for (let j = i - 1; j >= 0 && isAsciiDigit(a.charCodeAt(j)); j--) {
        if (a.charCodeAt(j) !== 48) { an = 1; bn = 1; break; }
      }
    }
    let ai = i;
    for (; ai < a.length && isAsciiDigit(a.charCodeAt(ai)); ai++) an = an * 10 + a.charCodeAt(ai) - 48;
    let bi = i;
    for (; bi < b.length && isAsciiDigit(b.charCodeAt(bi)); bi++) bn = bn * 10 + b.charCodeAt(bi) - 48;
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x < y;
  }
  return a.length < b.length;
}

export function yamlKeyLess(a: string, b: string): boolean {
  // Digit runs longer than 15 digits would lose precision as numbers: the general path uses bigints.
  if (ASCII.test(a) && ASCII.test(b) && !/[0-9]{16}/.test(a + ' ' + b)) return asciiLess(a, b);
  return runeLess(a, b);
}

/** keyList.Less on code points, for any key. */
export function runeLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    // Digits: compare the whole runs as numbers. A run that continues earlier non-zero digits
    // (e.g. "10" vs "1a" at the 0) compares from there, as Go's code does.
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') { an = 1n; bn = 1n; break; }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai].codePointAt(0)! - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi].codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

export const yamlKeyCompare = (a: string, b: string): number => (a === b ? 0 : yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0);
