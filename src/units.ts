// Sizes given in the environment ("64Mi", "200M", "1000000"), for hull's documented limits.
import { HullError } from './errors.ts';

const UNITS: Record<string, number> = { '': 1, k: 1e3, K: 1e3, Ki: 1024, M: 1e6, Mi: 1024 ** 2, G: 1e9, Gi: 1024 ** 3 };

export function parseSize(text: string, what: string): number {
  const m = /^(\d+)(|k|K|Ki|M|Mi|G|Gi)B?$/.exec(text.trim());
  const n = m ? Number(m[1]) * UNITS[m[2]] : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new HullError('USAGE', `${what}: "${text}" is not a size (e.g. 64Mi, 200M, 1000000)`);
  return n;
}
