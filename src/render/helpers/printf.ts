// Go's fmt verbs that chart authors actually use: %s %d %v %q %f %x %t %%, with width and
// precision ("%-10s", "%05d", "%.2f"). Enough for names like (printf "%s-%s" a b).
import { MAX_WIDTH } from '../limits.ts';

function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') return `map[${Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => `${k}:${goValue(x)}`).join(' ')}]`;
  return String(v);
}

function pad(s: string, width: string | undefined, flags: string): string {
  const w = width ? Number(width) : 0;
  if (s.length >= w) return s;
  if (flags.includes('-')) return s.padEnd(w);
  return flags.includes('0') ? s.padStart(w, '0') : s.padStart(w);
}

export function printf(format: string, ...args: unknown[]): string {
  if (typeof format !== 'string') throw new Error(`the format must be a string, got ${typeof format}`);
  let i = 0;
  return format.replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (m, flags: string, width: string | undefined, prec: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    for (const n of [width, prec]) if (n !== undefined && Number(n) > MAX_WIDTH) throw new Error(`width ${n} too large in "${m}" (at most ${MAX_WIDTH})`);
    if (i >= args.length) return `%!${verb}(MISSING)`;
    const a = args[i++];
    let s: string;
    switch (verb) {
      case 's': case 'v': s = goValue(a); break;
      case 'd': s = typeof a === 'bigint' ? String(a) : typeof a === 'number' ? String(Math.trunc(a)) : `%!d(${typeof a}=${goValue(a)})`; break;
      case 'f': s = typeof a === 'number' || typeof a === 'bigint' ? Number(a).toFixed(prec ? Number(prec) : 6) : `%!f(${typeof a}=${goValue(a)})`; break;
      case 'q': s = JSON.stringify(goValue(a)); break;
      case 'x': s = typeof a === 'number' ? a.toString(16) : Buffer.from(goValue(a)).toString('hex'); break;
      case 't': s = String(Boolean(a)); break;
      default: return m;
    }
    if (prec && verb === 's') s = s.slice(0, Number(prec));
    return pad(s, width, flags);
  });
}
