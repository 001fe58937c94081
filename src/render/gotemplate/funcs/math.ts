// Sprig's arithmetic: the plain operators work on int64 (every operand through cast.ToInt64, so
// `add "3" 1.5` is 4), the f-suffixed ones on float64 through shopspring/decimal.
import type { FuncMap, GoValue } from '../value.ts';
import { toFloat64, toInt64, wrap64 } from './conv.ts';
import { untilStep } from './lists.ts';

const i = toInt64;

function divide(a: GoValue, b: GoValue, op: 'div' | 'mod'): bigint {
  const d = i(b);
  if (d === 0n) throw new Error('runtime error: integer divide by zero');
  return wrap64(op === 'div' ? i(a) / d : i(a) % d);
}

/**
 * decimal.NewFromFloat(x) is the shortest decimal that round-trips x, so decimal arithmetic on it is
 * arithmetic on the numbers as printed: 0.1 + 0.2 is exactly 0.3. BigInt-scaled decimals do the same.
 */
interface Dec { m: bigint; e: number }
function dec(f: number): Dec {
  if (!Number.isFinite(f)) return { m: 0n, e: 0 };
  const [mant, exp] = f.toExponential().split('e');
  const [ip, fp = ''] = mant.replace('-', '').split('.');
  const m = BigInt((f < 0 ? '-' : '') + ip + fp);
  return { m, e: Number(exp) - fp.length };
}
const align = (a: Dec, b: Dec): [bigint, bigint, number] => {
  const e = Math.min(a.e, b.e);
  return [a.m * 10n ** BigInt(a.e - e), b.m * 10n ** BigInt(b.e - e), e];
};
const toNum = (d: Dec): number => Number(`${d.m}e${d.e}`);

/** decimal.Div rounds to 16 fractional digits (DivisionPrecision) before Float64(). */
function decDiv(a: Dec, b: Dec): Dec {
  if (b.m === 0n) throw new Error('decimal division by 0');
  const scale = 16;
  // a/b = (a.m / b.m) * 10^(a.e - b.e); compute with `scale` digits after the point, half-up.
  const shift = scale + a.e - b.e;
  let num = a.m;
  let den = b.m;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  let q = num / den;
  const r = num % den;
  if (2n * (r < 0n ? -r : r) >= (den < 0n ? -den : den)) q += (num < 0n) !== (den < 0n) ? -1n : 1n;
  return { m: q, e: -scale };
}

function decimalOp(op: 'add' | 'sub' | 'mul' | 'div') {
  return (first: GoValue, ...rest: GoValue[]): number => {
    let acc = dec(toFloat64(first));
    for (const x of rest) {
      const d = dec(toFloat64(x));
      if (op === 'mul') acc = { m: acc.m * d.m, e: acc.e + d.e };
      else if (op === 'div') acc = decDiv(acc, d);
      else {
        const [am, bm, e] = align(acc, d);
        acc = { m: op === 'add' ? am + bm : am - bm, e };
      }
    }
    return toNum(acc);
  };
}

/** Sprig's round: half away from zero at `roundOn` (default .5) of the fractional part at `places`. */
function round(a: GoValue, p: GoValue, ...opt: GoValue[]): number {
  const roundOn = opt.length > 0 ? (opt[0] as number) : 0.5;
  const val = toFloat64(a);
  const pow = 10 ** Number(p);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

function seq(...params: GoValue[]): string {
  const p = params.map(Number);
  let list: bigint[];
  switch (p.length) {
    case 1: {
      const inc = p[0] < 1 ? -1 : 1;
      list = untilStep(1, p[0] + inc, inc);
      break;
    }
    case 2: {
      const step = p[1] < p[0] ? -1 : 1;
      list = untilStep(p[0], p[1] + step, step);
      break;
    }
    case 3: {
      const [start, step, end] = p;
      let inc = 1;
      if (end < start) {
        inc = -1;
        if (step > 0) return '';
      }
      list = untilStep(start, end + inc, step);
      break;
    }
    default:
      return '';
  }
  return list.join(' ');
}

export function mathFuncs(): FuncMap {
  return {
    add1: { params: ['interface {}'], fn: (a) => wrap64(i(a) + 1n) },
    add: { params: [], variadic: 'interface {}', fn: (...xs) => xs.reduce<bigint>((s, x) => wrap64(s + i(x)), 0n) },
    sub: { params: ['interface {}', 'interface {}'], fn: (a, b) => wrap64(i(a) - i(b)) },
    div: { params: ['interface {}', 'interface {}'], fn: (a, b) => divide(a, b, 'div') },
    mod: { params: ['interface {}', 'interface {}'], fn: (a, b) => divide(a, b, 'mod') },
    mul: { params: ['interface {}'], variadic: 'interface {}', fn: (a, ...xs) => xs.reduce<bigint>((s, x) => wrap64(s * i(x)), i(a)) },
    randInt: {
      params: ['int', 'int'],
      fn: (lo, hi) => {
        const span = Number(hi) - Number(lo);
        if (span <= 0) throw new Error('invalid argument to Intn');
        return BigInt(Math.floor(Math.random() * span) + Number(lo));
      },
    },
    add1f: { params: ['interface {}'], fn: (a) => decimalOp('add')(a, 1n) },
    addf: { params: [], variadic: 'interface {}', fn: (...xs) => decimalOp('add')(0, ...xs) },
    subf: { params: ['interface {}'], variadic: 'interface {}', fn: decimalOp('sub') },
    divf: { params: ['interface {}'], variadic: 'interface {}', fn: decimalOp('div') },
    mulf: { params: ['interface {}'], variadic: 'interface {}', fn: decimalOp('mul') },
    biggest: { params: ['interface {}'], variadic: 'interface {}', fn: (a, ...xs) => xs.reduce<bigint>((m, x) => (i(x) > m ? i(x) : m), i(a)) },
    max: { params: ['interface {}'], variadic: 'interface {}', fn: (a, ...xs) => xs.reduce<bigint>((m, x) => (i(x) > m ? i(x) : m), i(a)) },
    min: { params: ['interface {}'], variadic: 'interface {}', fn: (a, ...xs) => xs.reduce<bigint>((m, x) => (i(x) < m ? i(x) : m), i(a)) },
    maxf: { params: ['interface {}'], variadic: 'interface {}', fn: (a, ...xs) => xs.reduce<number>((m, x) => goMax(m, toFloat64(x)), toFloat64(a)) },
    minf: { params: ['interface {}'], variadic: 'interface {}', fn: (a, ...xs) => xs.reduce<number>((m, x) => goMin(m, toFloat64(x)), toFloat64(a)) },
    floor: { params: ['interface {}'], fn: (a) => Math.floor(toFloat64(a)) },
    ceil: { params: ['interface {}'], fn: (a) => Math.ceil(toFloat64(a)) },
    round: { params: ['interface {}', 'int'], variadic: 'float64', fn: round },
    seq: { params: [], variadic: 'int', fn: seq },
  };
}

/** math.Max/Min: NaN wins, and +0 > -0. */
const goMax = (a: number, b: number): number => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b));
const goMin = (a: number, b: number): number => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b));
