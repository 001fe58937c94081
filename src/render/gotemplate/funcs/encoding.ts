// Encodings, checksums and paths: b64/b32 (Go's strict StdEncoding, errors returned as the text),
// sha*/adler32 sums, and the path package's Base/Dir/Clean/Ext/IsAbs.
import { createHash } from 'node:crypto';
import type { FuncMap, GoValue } from '../value.ts';

const s = (v: GoValue): string => v as string;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * encoding/base64 and base32 StdEncoding.DecodeString: padding required, newlines ignored, and the
 * first bad byte reported as Go does ("illegal base64 data at input byte 4"). Returns bytes or the error text.
 */
function decodeStrict(input: string, alphabet: string, bits: 6 | 5, name: string): Buffer | string {
  const raw = Buffer.from(input, 'utf8');
  const quantum = bits === 6 ? 4 : 8;
  const values: number[] = [];
  let padAt = -1;
  let count = 0; // significant (non-newline) bytes seen
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === 0x0a || c === 0x0d) continue;
    const ch = String.fromCharCode(c);
    if (ch === '=') {
      if (padAt < 0) {
        padAt = count;
        // Padding may only complete a partial quantum (2 or 3 data chars for base64).
        const inQuantum = count % quantum;
        const okPad = bits === 6 ? inQuantum >= 2 : [2, 4, 5, 7].includes(inQuantum);
        if (!okPad) return `illegal ${name} data at input byte ${i}`;
      }
      count++;
      continue;
    }
    if (padAt >= 0) return `illegal ${name} data at input byte ${i}`;
    const v = c < 128 ? alphabet.indexOf(ch) : -1;
    if (v < 0) return `illegal ${name} data at input byte ${i}`;
    values.push(v);
    count++;
  }
  if (count % quantum !== 0) {
    return `illegal ${name} data at input byte ${count - (count % quantum)}`;
  }
  if (padAt >= 0 && count - padAt !== quantum - (padAt % quantum)) return `illegal ${name} data at input byte ${padAt}`;
  let acc = 0n;
  let nbits = 0;
  const out: number[] = [];
  for (const v of values) {
    acc = (acc << BigInt(bits)) | BigInt(v);
    nbits += bits;
    if (nbits >= 8) {
      nbits -= 8;
      out.push(Number((acc >> BigInt(nbits)) & 0xffn));
      acc &= (1n << BigInt(nbits)) - 1n;
    }
  }
  return Buffer.from(out);
}

function base32encode(b: Buffer): string {
  let out = '';
  let acc = 0;
  let nbits = 0;
  for (const byte of b) {
    acc = (acc << 8) | byte;
    nbits += 8;
    while (nbits >= 5) {
      nbits -= 5;
      out += B32[(acc >> nbits) & 31];
    }
    acc &= (1 << nbits) - 1;
  }
  if (nbits > 0) out += B32[(acc << (5 - nbits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

function adler32(b: Buffer): number {
  let a = 1;
  let c = 0;
  for (const byte of b) {
    a = (a + byte) % 65521;
    c = (c + a) % 65521;
  }
  return (c * 65536 + a) >>> 0;
}

const hash = (alg: string) => (v: GoValue): string => createHash(alg).update(s(v), 'utf8').digest('hex');
const text = (r: Buffer | string): string => (typeof r === 'string' ? r : r.toString('utf8'));

/** path.Clean: the shortest equivalent slash path ("" is "."). */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  return rooted ? '/' + joined : joined || '.';
}

function basePath(p: string): string {
  if (p === '') return '.';
  const t = p.replace(/\/+$/, '');
  if (t === '') return '/';
  return t.slice(t.lastIndexOf('/') + 1);
}

function dirPath(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
}

function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

export function encodingFuncs(): FuncMap {
  return {
    b64enc: { params: ['string'], fn: (v) => Buffer.from(s(v), 'utf8').toString('base64') },
    b64dec: { params: ['string'], fn: (v) => text(decodeStrict(s(v), B64, 6, 'base64')) },
    b32enc: { params: ['string'], fn: (v) => base32encode(Buffer.from(s(v), 'utf8')) },
    b32dec: { params: ['string'], fn: (v) => text(decodeStrict(s(v), B32, 5, 'base32')) },
    sha1sum: { params: ['string'], fn: hash('sha1') },
    sha256sum: { params: ['string'], fn: hash('sha256') },
    sha512sum: { params: ['string'], fn: hash('sha512') },
    adler32sum: { params: ['string'], fn: (v) => String(adler32(Buffer.from(s(v), 'utf8'))) },
    base: { params: ['string'], fn: (v) => basePath(s(v)) },
    dir: { params: ['string'], fn: (v) => dirPath(s(v)) },
    clean: { params: ['string'], fn: (v) => cleanPath(s(v)) },
    ext: { params: ['string'], fn: (v) => extPath(s(v)) },
    isAbs: { params: ['string'], fn: (v) => s(v).startsWith('/') },
    osBase: { params: ['string'], fn: (v) => basePath(s(v)) },
    osDir: { params: ['string'], fn: (v) => dirPath(s(v)) },
    osClean: { params: ['string'], fn: (v) => cleanPath(s(v)) },
    osExt: { params: ['string'], fn: (v) => extPath(s(v)) },
    osIsAbs: { params: ['string'], fn: (v) => s(v).startsWith('/') },
  };
}
