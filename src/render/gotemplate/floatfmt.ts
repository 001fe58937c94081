// Go's strconv float formatting ('e', 'f', 'g' with shortest or fixed precision) from JS's shortest
// round-trip digits, which are the same digits Go's Ryu-based shortest formatting picks.

/** Decimal digits (no leading/trailing zeros, at least "0") and the decimal point position: value = 0.DIGITS × 10^dp. */
interface Digits { d: string; dp: number }

const F64 = new DataView(new ArrayBuffer(8));
const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** round-half-even(abs × 10^scale), exactly (JS's toFixed/toExponential round exact ties up). */
function exactRound(abs: number, scale: number): bigint {
  F64.setFloat64(0, abs);
  const hi = F64.getUint32(0), lo = F64.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (bexp === 0) e2 = -1074;
  else { mant |= 1n << 52n; e2 = bexp - 1075; }
  let num = mant * (scale >= 0 ? pow10(scale) : 1n);
  let den = scale < 0 ? pow10(-scale) : 1n;
  if (e2 >= 0) num <<= BigInt(e2);
  else den <<= BigInt(-e2);
  const q = num / den, r2 = (num % den) * 2n;
  return r2 > den || (r2 === den && (q & 1n) === 1n) ? q + 1n : q;
}

function trimZeros(d: string): string {
  let end = d.length;
  while (end > 1 && d.charCodeAt(end - 1) === 48) end--;
  return d.slice(0, end);
}

function digitsOf(abs: number, prec: number): Digits {
  if (abs === 0) return { d: '0', dp: 1 };
  const s = abs.toExponential(); // shortest round-trip digits, as Go's shortest formatting
  const e = s.indexOf('e');
  let exp = Number(s.slice(e + 1));
  if (prec < 0) return { d: trimZeros(s.slice(0, e).replace('.', '')), dp: exp + 1 };
  // prec+1 significant digits, rounded half to even on the exact binary value.
  let q = exactRound(abs, prec - exp);
  if (q >= pow10(prec + 1)) { exp++; q = exactRound(abs, prec - exp); }
  return { d: trimZeros(q.toString()), dp: exp + 1 };
}

function fmtE(neg: boolean, dg: Digits, prec: number, upper: boolean): string {
  let s = neg ? '-' : '';
  s += dg.d[0];
  if (prec > 0) {
    s += '.';
    const frac = dg.d.slice(1, 1 + prec);
    s += frac + '0'.repeat(prec - frac.length);
  }
  const exp = dg.d === '0' ? 0 : dg.dp - 1;
  const ae = Math.abs(exp);
  s += (upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + (ae < 10 ? '0' + ae : String(ae));
  return s;
}

function fmtF(neg: boolean, dg: Digits, prec: number): string {
  let s = neg ? '-' : '';
  if (dg.dp > 0) {
    const int = dg.d.slice(0, dg.dp);
    s += int + '0'.repeat(Math.max(0, dg.dp - dg.d.length));
  } else {
    s += '0';
  }
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      const j = dg.dp + i;
      s += j < 0 || j >= dg.d.length ? '0' : dg.d[j];
    }
  }
  return s;
}

/** strconv.FormatFloat(v, fmt, prec, 64) for fmt in e, E, f, g, G (prec -1 = shortest). */
export function formatFloat(v: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const abs = Math.abs(v);
  switch (fmt) {
    case 'e': case 'E':
      return fmtE(neg, digitsOf(abs, prec), prec < 0 ? digitsOf(abs, -1).d.length - 1 : prec, fmt === 'E');
    case 'f': {
      if (prec < 0) {
        const dg = digitsOf(abs, -1);
        return fmtF(neg, dg, Math.max(dg.d.length - dg.dp, 0));
      }
      let q = exactRound(abs, prec).toString();
      if (q.length <= prec) q = '0'.repeat(prec + 1 - q.length) + q;
      const int = q.slice(0, q.length - prec);
      return (neg ? '-' : '') + int + (prec > 0 ? '.' + q.slice(q.length - prec) : '');
    }
    case 'g': case 'G': {
      let p = prec;
      if (p === 0) p = 1;
      const shortest = p < 0;
      const dg = digitsOf(abs, shortest ? -1 : p - 1);
      if (shortest) p = dg.d.length;
      let eprec = p;
      if (eprec > dg.d.length && dg.d.length >= dg.dp) eprec = dg.d.length;
      if (shortest) eprec = 6;
      const exp = dg.dp - 1;
      if (abs !== 0 && (exp < -4 || exp >= eprec)) {
        if (p > dg.d.length) p = dg.d.length;
        return fmtE(neg, dg, p - 1, fmt === 'G');
      }
      if (abs === 0) return (neg ? '-' : '') + '0';
      if (p > dg.dp) p = dg.d.length;
      return fmtF(neg, dg, Math.max(p - dg.dp, 0));
    }
  }
}

/** Go's %v of a float64: 1e+06, 1.5, 3e-05, 100000. */
export function formatFloatV(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e6 && !Object.is(v, -0)) return String(v);
  return formatFloat(v, 'g', -1);
}
