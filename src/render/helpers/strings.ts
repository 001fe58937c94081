// String helpers. Argument order follows Helm's (Sprig's) so a pipeline `x | f a` becomes `f a x`.
import { createHash } from 'node:crypto';
import { MAX_WIDTH } from '../limits.ts';
import { printf } from './printf.ts';
import { stringifyJson } from '../../json.ts';

const str = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? stringifyJson(v) : String(v));

/**
 * A width argument: a whole number, as Go's int parameter demands (Helm fails on `indent "four"`
 * too; Number("four") would silently be no indentation), and not absurdly large.
 */
export function width(name: string, n: unknown, min = 0): number {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`${name}: the width must be a whole number, got ${typeof n === 'string' ? JSON.stringify(n) : String(n)} (${typeof n})`);
  if (n < min) throw new Error(`${name}: width ${n} is negative`);
  if (Math.abs(n) > MAX_WIDTH) throw new Error(`${name}: width ${n} too large (at most ${MAX_WIDTH})`);
  return n;
}

/** Every line gets the prefix, empty ones too, as in Helm, so YAML block scalars stay aligned. */
function indent(n: number, s: unknown): string {
  const pad = ' '.repeat(width('indent', n));
  return str(s).split('\n').map((l) => pad + l).join('\n');
}

export const stringHelpers: Record<string, (...args: any[]) => unknown> = {
  indent,
  nindent: (n: number, s: unknown) => `\n${indent(width('nindent', n), s)}`,
  quote: (...xs: unknown[]) => xs.map((x) => JSON.stringify(str(x))).join(' '),
  squote: (...xs: unknown[]) => xs.map((x) => `'${str(x)}'`).join(' '),
  b64enc: (s: unknown) => Buffer.from(str(s), 'utf8').toString('base64'),
  b64dec: (s: unknown) => Buffer.from(str(s), 'base64').toString('utf8'),
  sha256sum: (s: unknown) => createHash('sha256').update(str(s)).digest('hex'),
  trunc: (n: number, s: unknown) => {
    width('trunc', n, -MAX_WIDTH);
    const v = str(s);
    if (n < 0) return v.length + n > 0 ? v.slice(v.length + n) : v;
    return v.slice(0, n);
  },
  trimSuffix: (suffix: string, s: unknown) => { const v = str(s); return suffix && v.endsWith(suffix) ? v.slice(0, -suffix.length) : v; },
  trimPrefix: (prefix: string, s: unknown) => { const v = str(s); return prefix && v.startsWith(prefix) ? v.slice(prefix.length) : v; },
  trim: (s: unknown) => str(s).trim(),
  lower: (s: unknown) => str(s).toLowerCase(),
  upper: (s: unknown) => str(s).toUpperCase(),
  replace: (from: string, to: string, s: unknown) => str(s).split(str(from)).join(str(to)),
  contains: (sub: string, s: unknown) => str(s).includes(str(sub)),
  hasPrefix: (prefix: string, s: unknown) => str(s).startsWith(str(prefix)),
  hasSuffix: (suffix: string, s: unknown) => str(s).endsWith(str(suffix)),
  join: (sep: string, list: unknown) => (Array.isArray(list) ? list.map(str).join(str(sep)) : str(list)),
  toString: (v: unknown) => str(v),
  printf: (format: string, ...args: unknown[]) => printf(format, ...args),
};
