// Go's fmt for template values: Sprint, Sprintln, Sprintf with the verbs charts use, and %v printing
// of maps (sorted `map[a:1 b:2]`), slices (`[a b]`), []byte (`[1 2 3]`), nil (`<nil>`), including
// Go's error forms (`%!d(string=x)`, `%!s(MISSING)`, `%!(EXTRA int=1)`, `%!(NOVERB)`).
import { formatFloat, formatFloatV } from './floatfmt.ts';
import { isPrint, quoteGo, quoteRune } from './quote.ts';
import { sortedKeys, typeName } from './types.ts';
import { GO_TYPE, type GoValue, isGoStruct } from './value.ts';

interface Flags {
  plus: boolean;
  /** %+v: struct field names (the + then no longer means a sign) */
  plusV?: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  wid: number; // -1: none
  prec: number; // -1: none
}
const NO_FLAGS: Flags = { plus: false, minus: false, sharp: false, space: false, zero: false, wid: -1, prec: -1 };

const runeCount = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
};

/** Pads to the width in runes: spaces, zeros (left only) or on the right with `-`. */
function pad(s: string, f: Flags): string {
  if (f.wid < 0) return s;
  const n = f.wid - runeCount(s);
  if (n <= 0) return s;
  if (f.minus) return s + ' '.repeat(n);
  return (f.zero ? '0' : ' ').repeat(n) + s;
}

/** %v of any value, as fmt.Sprint prints one operand (depth 1: a struct pointer's target, as a
 * template action prints it). */
export function formatV(v: GoValue, depth = 0): string {
  return printArg(v, 'v', NO_FLAGS, depth);
}

/** One value with one verb and no flags (`%s` of a value in Go's own error messages). */
export function formatVerb(v: GoValue, verb: string): string {
  return printArg(v, verb, NO_FLAGS, 0);
}

function printArg(v: GoValue, verb: string, f: Flags, depth: number): string {
  if (v === null || v === undefined) {
    if (verb === 'T' || verb === 'v') return pad('<nil>', f);
    return badVerb(verb, v, f);
  }
  if (verb === 'T') return pad(typeName(v), f);
  switch (typeof v) {
    case 'string': return fmtString(v, verb, f);
    case 'bigint': return fmtInteger(v, verb, f, v);
    case 'number': return fmtFloatVerb(v, verb, f);
    case 'boolean':
      if (verb === 't' || verb === 'v') return pad(v ? 'true' : 'false', f);
      return badVerb(verb, v, f);
    case 'function':
      if (verb === 'v' || verb === 'p') return pad('0xc000010000', f);
      return badVerb(verb, v, f);
  }
  if (v instanceof Uint8Array) return fmtBytes(v, verb, f, depth);
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) s += ' ';
      s += printElem(v[i], verb, f, depth + 1);
    }
    return s + ']';
  }
  if (isGoStruct(v)) {
    // A fmt.Stringer (a String method with a value receiver: a function field) prints itself. One with
    // a pointer receiver (under GO_METHODS) does not once the value is copied into a function's
    // argument; only the template's own printing reaches it (exec.ts printValue).
    const str = typeof v.String === 'function' ? v.String : undefined;
    if (str !== undefined && (verb === 'v' || verb === 's')) return fmtString(String(str.call(v)), verb, f);
    const fields = Object.keys(v).filter((k) => typeof v[k] !== 'function');
    // A pointer to a struct prints as &{…} at the top, a struct value as {…}.
    let s = depth === 0 && v[GO_TYPE].startsWith('*') ? '&{' : '{';
    fields.forEach((k, i) => {
      if (i > 0) s += ' ';
      if (f.plusV) s += k + ':';
      s += printElem(v[k], verb, f, depth + 1);
    });
    return s + '}';
  }
  const m = v as Record<string, GoValue>;
  let s = 'map[';
  let first = true;
  for (const k of sortedKeys(m)) {
    if (!first) s += ' ';
    first = false;
    s += printElem(k, verb, f, depth + 1) + ':' + printElem(m[k], verb, f, depth + 1);
  }
  return s + ']';
}

/** An element inside a slice or map: a nil interface prints <nil> whatever the verb. */
function printElem(v: GoValue, verb: string, f: Flags, depth: number): string {
  if (v === null || v === undefined) return '<nil>';
  return printArg(v, verb, f, depth);
}

function badVerb(verb: string, v: GoValue, f: Flags): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${printArg(v, 'v', f, 0)})`;
}

function fmtString(s: string, verb: string, f: Flags): string {
  switch (verb) {
    case 'v':
      if (f.sharp) return pad(quoteGo(s), f);
      return fmtS(s, f);
    case 's': return fmtS(s, f);
    case 'x': case 'X': return fmtHex(Buffer.from(s, 'utf8'), verb === 'X', f);
    case 'q': return fmtQ(s, f);
  }
  return badVerb(verb, s, f);
}

function fmtS(s: string, f: Flags): string {
  if (f.prec >= 0 && runeCount(s) > f.prec) s = [...s].slice(0, f.prec).join('');
  return pad(s, f);
}

function fmtQ(s: string, f: Flags): string {
  if (f.prec >= 0 && runeCount(s) > f.prec) s = [...s].slice(0, f.prec).join('');
  if (f.sharp && !/[`\x00-\x08\x0a-\x1f\x7f\ufeff]/.test(s)) return pad('`' + s + '`', f);
  return pad(quoteGo(s, f.plus), f);
}

function fmtHex(b: Uint8Array, upper: boolean, f: Flags): string {
  let n = b.length;
  if (f.prec >= 0 && f.prec < n) n = f.prec;
  let s = '';
  for (let i = 0; i < n; i++) {
    if (f.space && i > 0) s += ' ';
    if (f.sharp && (f.space || i === 0)) s += upper ? '0X' : '0x';
    const h = b[i].toString(16).padStart(2, '0');
    s += upper ? h.toUpperCase() : h;
  }
  return pad(s, f);
}

function fmtBytes(b: Uint8Array, verb: string, f: Flags, depth: number): string {
  switch (verb) {
    case 'v': case 'd': {
      let s = '[';
      for (let i = 0; i < b.length; i++) {
        if (i > 0) s += ' ';
        s += fmtInteger(BigInt(b[i]), verb, f, BigInt(b[i]));
      }
      return s + ']';
    }
    case 's': return fmtS(Buffer.from(b).toString('utf8'), f);
    case 'x': case 'X': return fmtHex(b, verb === 'X', f);
    case 'q': return fmtQ(Buffer.from(b).toString('utf8'), f);
  }
  let s = '[';
  for (let i = 0; i < b.length; i++) {
    if (i > 0) s += ' ';
    s += printArg(BigInt(b[i]), verb, f, depth + 1);
  }
  return s + ']';
}

function fmtInteger(n: bigint, verb: string, f: Flags, orig: GoValue): string {
  switch (verb) {
    case 'v': case 'd': return fmtInt(n, 10, false, f, '');
    case 'b': return fmtInt(n, 2, false, f, '');
    case 'o': return fmtInt(n, 8, false, f, '');
    case 'O': return fmtInt(n, 8, false, f, '0o');
    case 'x': return fmtInt(n, 16, false, f, '');
    case 'X': return fmtInt(n, 16, true, f, '');
    case 'c': return pad(String.fromCodePoint(validRune(n)), f);
    case 'q': return pad(quoteRune(validRune(n)), f);
    case 'U': {
      let s = 'U+' + BigInt.asUintN(64, n).toString(16).toUpperCase().padStart(4, '0');
      if (f.sharp && n >= 0n && n <= 0x10ffffn && isPrint(Number(n))) s += ` '${String.fromCodePoint(Number(n))}'`;
      return pad(s, f);
    }
  }
  return badVerb(verb, orig, f);
}

const validRune = (n: bigint): number => (n < 0n || n > 0x10ffffn || (n >= 0xd800n && n <= 0xdfffn) ? 0xfffd : Number(n));

function fmtInt(n: bigint, base: number, upper: boolean, f: Flags, forcedPrefix: string): string {
  const neg = n < 0n;
  const u = neg ? -n : n;
  let prec = 0;
  if (f.prec >= 0) {
    prec = f.prec;
    if (prec === 0 && u === 0n) return pad('', { ...f, zero: false });
  } else if (f.zero && !f.minus && f.wid >= 0) {
    prec = f.wid;
    if (neg || f.plus || f.space) prec--;
  }
  let digits = u.toString(base);
  if (upper) digits = digits.toUpperCase();
  if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
  if (f.sharp) {
    if (base === 2) digits = '0b' + digits;
    else if (base === 8 && digits[0] !== '0') digits = '0' + digits;
    else if (base === 16) digits = (upper ? '0X' : '0x') + digits;
  }
  digits = forcedPrefix + digits;
  if (neg) digits = '-' + digits;
  else if (f.plus) digits = '+' + digits;
  else if (f.space) digits = ' ' + digits;
  return pad(digits, { ...f, zero: false });
}

function fmtFloatVerb(v: number, verb: string, f: Flags): string {
  let fmt: 'e' | 'E' | 'f' | 'g' | 'G';
  let prec = -1;
  switch (verb) {
    case 'v': fmt = 'g'; break;
    case 'g': case 'G': fmt = verb; break;
    case 'x': case 'X': return pad(hexFloat(v, f.prec, verb === 'X', f), { ...f, zero: false });
    case 'e': case 'E': fmt = verb; prec = 6; break;
    case 'f': case 'F': fmt = 'f'; prec = 6; break;
    default: return badVerb(verb, v, f);
  }
  if (f.prec >= 0) prec = f.prec;
  let num = verb === 'v' && f.prec < 0 ? formatFloatV(v) : formatFloat(v, fmt, prec);
  if (num === 'NaN' || num.endsWith('Inf')) {
    if (num === 'NaN') num = f.plus ? '+NaN' : f.space ? ' NaN' : 'NaN';
    else if (num === '+Inf' && !f.plus) num = f.space ? ' Inf' : '+Inf';
    return pad(num, { ...f, zero: false });
  }
  let sign = '';
  if (num[0] === '-') { sign = '-'; num = num.slice(1); }
  else if (f.plus) sign = '+';
  else if (f.space) sign = ' ';
  if (f.sharp) num = sharpFloat(num, fmt, prec);
  if (f.zero && !f.minus && f.wid > num.length + sign.length) {
    return sign + '0'.repeat(f.wid - num.length - sign.length) + num;
  }
  return pad(sign + num, { ...f, zero: false });
}

/** strconv's 'x' format: -0x1.8p+00 (shortest hex mantissa, or `prec` hex digits, rounded half to even). */
function hexFloat(v: number, prec: number, upper: boolean, f: Flags): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const a = Math.abs(v);
  let exp = 0;
  let mant = 0n; // 1.xxxx as a 53-bit integer (lead bit 52)
  if (a !== 0) {
    exp = Math.floor(Math.log2(a));
    if (2 ** exp > a) exp--;
    if (2 ** (exp + 1) <= a) exp++;
    // scaling by powers of two is exact (subnormals included); two steps keep each factor finite
    const k = 52 - exp;
    mant = BigInt(a * 2 ** Math.min(k, 1000) * 2 ** Math.max(0, k - 1000));
  }
  if (prec >= 0 && prec < 13) {
    const shift = BigInt(4 * (13 - prec));
    let q = mant >> shift;
    const rem = mant & ((1n << shift) - 1n), half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
    if (q >> BigInt(4 * prec + 1) !== 0n) { q >>= 1n; exp++; } // carried into 2.0
    mant = q << shift;
  }
  const lead = mant >> 52n;
  let digits = (mant & ((1n << 52n) - 1n)).toString(16).padStart(13, '0');
  if (prec < 0) digits = digits.replace(/0+$/, '');
  else digits = prec <= 13 ? digits.slice(0, prec) : digits + '0'.repeat(prec - 13);
  const e = Math.abs(exp);
  let num = '0x' + lead.toString() + (digits ? '.' + digits : '') + 'p' + (exp < 0 ? '-' : '+') + (e < 10 ? '0' + e : String(e));
  if (f.sharp) num = sharpFloat(num, upper ? 'X' : 'x', prec);
  if (upper) num = num.toUpperCase();
  return (neg ? '-' : f.plus ? '+' : f.space ? ' ' : '') + num;
}

/** The # flag (fmt's fmtFloat): always a decimal point; %g and %x keep trailing zeros. `num` is unsigned. */
function sharpFloat(num: string, verb: string, prec: number): string {
  let digits = verb === 'g' || verb === 'G' || verb === 'x' ? (prec === -1 ? 6 : prec) : 0;
  let tail = '';
  let hasPoint = false;
  let sawNonzero = false;
  for (let i = 0; i < num.length; i++) {
    const c = num[i];
    if (c === '.') { hasPoint = true; continue; }
    if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
      tail = num.slice(i);
      num = num.slice(0, i);
      break;
    }
    if (c !== '0') sawNonzero = true;
    if (sawNonzero) digits--;
  }
  if (!hasPoint) {
    if (num === '0') digits--;
    num += '.';
  }
  if (digits > 0) num += '0'.repeat(digits);
  return num + tail;
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: readonly GoValue[]): string {
  let s = '';
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const isString = typeof args[i] === 'string';
    if (i > 0 && !isString && !prevString) s += ' ';
    s += formatV(args[i]);
    prevString = isString;
  }
  return s;
}

/** fmt.Sprintln: always spaces, and a newline. */
export function sprintln(args: readonly GoValue[]): string {
  return args.map(formatV).join(' ') + '\n';
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  const end = format.length;
  let i = 0;
  // argument index [n]
  let badIndex = false;
  const readIndex = (): void => {
    if (format[i] !== '[') return;
    reordered = true;
    const close = format.indexOf(']', i);
    const n = close < 0 ? NaN : Number(format.slice(i + 1, close));
    if (close < 0 || !/^[0-9]+$/.test(format.slice(i + 1, close)) || n < 1 || n > args.length) {
      badIndex = true;
      i = close < 0 ? end : close + 1;
      return;
    }
    argNum = n - 1;
    i = close + 1;
  };
  while (i < end) {
    const pct = format.indexOf('%', i);
    if (pct < 0) { out += format.slice(i); break; }
    out += format.slice(i, pct);
    i = pct + 1;
    const f: Flags = { plus: false, minus: false, sharp: false, space: false, zero: false, wid: -1, prec: -1 };
    flags: for (; i < end; i++) {
      switch (format[i]) {
        case '#': f.sharp = true; break;
        case '0': f.zero = true; break;
        case '+': f.plus = true; break;
        case '-': f.minus = true; break;
        case ' ': f.space = true; break;
        default: break flags;
      }
    }
    badIndex = false;
    readIndex();
    if (format[i] === '*') {
      i++;
      const w = args[argNum++];
      if (typeof w === 'bigint' && w >= -1000000n && w <= 1000000n) {
        f.wid = Number(w);
        if (f.wid < 0) { f.minus = true; f.wid = -f.wid; }
      } else {
        out += '%!(BADWIDTH)';
      }
    } else {
      const st = i;
      while (i < end && format[i] >= '0' && format[i] <= '9') i++;
      if (i > st) f.wid = Number(format.slice(st, i));
    }
    if (format[i] === '.') {
      i++;
      readIndex();
      if (format[i] === '*') {
        i++;
        const p = args[argNum++];
        if (typeof p === 'bigint' && p >= 0n && p <= 1000000n) f.prec = Number(p);
        else out += '%!(BADPREC)';
      } else {
        const st = i;
        while (i < end && format[i] >= '0' && format[i] <= '9') i++;
        f.prec = Number(format.slice(st, i) || '0');
      }
    }
    readIndex();
    if (f.minus) f.zero = false;
    if (i >= end) { out += '%!(NOVERB)'; break; }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') { out += '%'; continue; }
    if (badIndex) { out += `%!${verb}(BADINDEX)`; continue; }
    if (argNum >= args.length) { out += `%!${verb}(MISSING)`; continue; }
    if (verb === 'v' && f.plus) { f.plus = false; f.plusV = true; }
    out += printArg(args[argNum++], verb, f, 0);
  }
  if (!reordered && argNum < args.length) {
    out += '%!(EXTRA ';
    for (let k = argNum; k < args.length; k++) {
      if (k > argNum) out += ', ';
      const a = args[k];
      out += a === null || a === undefined ? '<nil>' : typeName(a) + '=' + formatV(a);
    }
    out += ')';
  }
  return out;
}
