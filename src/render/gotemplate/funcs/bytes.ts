// Go strings are byte sequences: len, slicing and Sprig's trunc/substr/abbrev/wrap count UTF-8 bytes.
// A "binary string" holds one byte per JS char (latin1), so byte-based algorithms run on it directly.

const ASCII = /^[\x00-\x7f]*$/;

export const toBin = (s: string): string => (ASCII.test(s) ? s : Buffer.from(s, 'utf8').toString('latin1'));
export const fromBin = (b: string): string => (ASCII.test(b) ? b : Buffer.from(b, 'latin1').toString('utf8'));

/** Go's runtime panic for s[lo:hi] out of range, as text/template reports it. */
function boundsError(detail: string): Error {
  return new Error(`runtime error: slice bounds out of range ${detail}`);
}

/** s[lo:hi] on bytes with Go's bounds checks (hi undefined = len). */
export function sliceBytes(s: string, lo: number | undefined, hi: number | undefined): string {
  const b = toBin(s);
  const n = b.length;
  const h = hi ?? n;
  const l = lo ?? 0;
  if (hi !== undefined && (h < 0 || h > n)) throw boundsError(`[:${h}] with length ${n}`);
  if (l < 0 || l > h) throw boundsError(hi === undefined ? `[${l}:${n}]` : `[${l}:${h}]`);
  return fromBin(b.slice(l, h));
}

export const byteLength = (s: string): number => (ASCII.test(s) ? s.length : Buffer.byteLength(s, 'utf8'));
