// Go's time.Time for templates: an instant (ns since the Unix epoch) in a location, with Go's
// layout-based Format and Parse ("2006-01-02T15:04:05Z07:00"), Duration printing and parsing.
import { GO_TYPE, type GoStruct, type GoValue } from '../value.ts';

export interface Zone { name: string; tz: string | undefined; fixed?: number }
export interface GoTime { ns: bigint; zone: Zone }

export const UTC: Zone = { name: 'UTC', tz: 'UTC' };
export const LOCAL: Zone = { name: 'Local', tz: Intl.DateTimeFormat().resolvedOptions().timeZone };

const NS = 1_000_000_000n;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function dtf(tz: string): Intl.DateTimeFormat {
  let f = fmtCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short', timeZoneName: 'short' });
    fmtCache.set(tz, f);
  }
  return f;
}

/** The zone's UTC offset (seconds) and abbreviation at an instant. */
export function zoneAt(zone: Zone, ms: number): { offset: number; abbr: string } {
  if (zone.fixed !== undefined) return { offset: zone.fixed, abbr: zone.name || hhmm(zone.fixed) };
  const tz = zone.tz ?? 'UTC';
  if (tz === 'UTC' || tz === 'Etc/UTC') return { offset: 0, abbr: 'UTC' };
  const parts = Object.fromEntries(dtf(tz).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
  const d = new Date(0);
  d.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  d.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offset = Math.round((d.getTime() - Math.floor(ms / 1000) * 1000) / 1000);
  const name = parts.timeZoneName ?? '';
  // tzdata's abbreviation; Intl lacks most outside the US, and local mean time (offsets with seconds) is "LMT".
  const abbr = /^[A-Z]{3,5}$/.test(name) ? name : /^GMT[+-]\d+:\d+:\d+$/.test(name) ? 'LMT' : offsetName(offset);
  return { offset, abbr };
}

/** Go prints an unnamed fixed zone's abbreviation in -0700 form. */
function hhmm(offset: number): string {
  const a = Math.abs(offset);
  return (offset < 0 ? '-' : '+') + String(Math.floor(a / 3600)).padStart(2, '0') + String(Math.floor((a % 3600) / 60)).padStart(2, '0');
}

/** Go names zones without an abbreviation by their offset: +01, -0330. */
function offsetName(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const h = String(Math.floor(a / 3600)).padStart(2, '0');
  const m = Math.floor((a % 3600) / 60);
  return sign + h + (m ? String(m).padStart(2, '0') : '');
}

/** time.LoadLocation: "" and "UTC" are UTC, "Local" the process zone, else an IANA name (undefined if unknown). */
export function loadLocation(name: string): Zone | undefined {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return LOCAL;
  try {
    dtf(name);
    return { name, tz: name };
  } catch {
    return undefined;
  }
}

interface Fields { year: number; month: number; day: number; hour: number; min: number; sec: number; nsec: number; wday: number; yday: number; offset: number; abbr: string }

function fields(t: GoTime): Fields {
  const secs = t.ns >= 0n ? t.ns / NS : -((-t.ns + NS - 1n) / NS);
  const nsec = Number(t.ns - secs * NS);
  const ms = Number(secs) * 1000;
  const { offset, abbr } = zoneAt(t.zone, ms);
  const d = new Date(ms + offset * 1000);
  const year = d.getUTCFullYear();
  const start = new Date(0);
  start.setUTCFullYear(year, 0, 1);
  const yday = Math.floor((d.getTime() - start.getTime()) / 86400000) + 1;
  return { year, month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), min: d.getUTCMinutes(), sec: d.getUTCSeconds(), nsec, wday: d.getUTCDay(), yday, offset, abbr };
}

// Layout elements by first character, longest first (Go's nextStdChunk).
const CHUNKS: Record<string, string[]> = {
  J: ['January', 'Jan'], M: ['Monday', 'Mon', 'MST'], '0': ['002', '01', '02', '03', '04', '05', '06'], '1': ['15', '1'], '2': ['2006', '2'],
  _: ['__2', '_2'], '3': ['3'], '4': ['4'], '5': ['5'], P: ['PM'], p: ['pm'],
  '-': ['-070000', '-07:00:00', '-0700', '-07:00', '-07'], Z: ['Z070000', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07'],
};

type Chunk = { lit: string } | { std: string } | { frac: string };

/** Splits a layout into literals and elements, including .000/.999 fractional seconds. */
export function parseLayout(layout: string): Chunk[] {
  const out: Chunk[] = [];
  let lit = '';
  const push = (c: Chunk): void => {
    if (lit) out.push({ lit });
    lit = '';
    out.push(c);
  };
  let i = 0;
  while (i < layout.length) {
    const rest = layout.slice(i);
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(rest);
    if (frac) {
      push({ frac: frac[0] });
      i += frac[0].length;
      continue;
    }
    let found = (CHUNKS[rest[0]] ?? []).find((c) => rest.startsWith(c));
    // "Jan"/"Mon" followed by a lower-case letter are words ("Janet", "Month"), "_2006" is "_" and a year.
    if ((found === 'Jan' || found === 'Mon') && /^[a-z]/.test(rest.slice(3))) found = undefined;
    if (found === '_2' && rest.startsWith('_2006')) found = undefined;
    if (found) {
      push({ std: found });
      i += found.length;
    } else {
      lit += layout[i];
      i++;
    }
  }
  if (lit) out.push({ lit });
  return out;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

function zoneText(std: string, off: number): string {
  if (std.startsWith('Z') && off === 0) return 'Z';
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  const h = pad(Math.floor(a / 3600), 2);
  const m = pad(Math.floor((a % 3600) / 60), 2);
  const s = pad(a % 60, 2);
  const body = std.replace(/^[Z-]/, '');
  switch (body) {
    case '07': return sign + h;
    case '0700': return sign + h + m;
    case '07:00': return `${sign}${h}:${m}`;
    case '070000': return sign + h + m + s;
    case '07:00:00': return `${sign}${h}:${m}:${s}`;
  }
  return '';
}

/** time.Time.Format. */
export function formatTime(t: GoTime, layout: string): string {
  const f = fields(t);
  let out = '';
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  for (const c of parseLayout(layout)) {
    if ('lit' in c) { out += c.lit; continue; }
    if ('frac' in c) {
      const digits = c.frac.length - 1;
      let s = pad(f.nsec, 9).slice(0, digits);
      if (c.frac[1] === '9') {
        s = s.replace(/0+$/, '');
        out += s ? c.frac[0] + s : '';
      } else out += c.frac[0] + s;
      continue;
    }
    switch (c.std) {
      case 'January': out += MONTHS[f.month - 1]; break;
      case 'Jan': out += MONTHS[f.month - 1].slice(0, 3); break;
      case 'Monday': out += DAYS[f.wday]; break;
      case 'Mon': out += DAYS[f.wday].slice(0, 3); break;
      case 'MST': out += f.abbr; break;
      case '2006': out += f.year < 0 ? '-' + pad(-f.year, 4) : pad(f.year, 4); break;
      case '06': out += pad(((f.year % 100) + 100) % 100, 2); break;
      case '01': out += pad(f.month, 2); break;
      case '1': out += f.month; break;
      case '02': out += pad(f.day, 2); break;
      case '_2': out += String(f.day).padStart(2, ' '); break;
      case '2': out += f.day; break;
      case '__2': out += String(f.yday).padStart(3, ' '); break;
      case '002': out += pad(f.yday, 3); break;
      case '15': out += pad(f.hour, 2); break;
      case '03': out += pad(hour12, 2); break;
      case '3': out += hour12; break;
      case '04': out += pad(f.min, 2); break;
      case '4': out += f.min; break;
      case '05': out += pad(f.sec, 2); break;
      case '5': out += f.sec; break;
      case 'PM': out += f.hour >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += f.hour >= 12 ? 'pm' : 'am'; break;
      default: out += zoneText(c.std, f.offset);
    }
  }
  return out;
}

/** time.Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST". */
export const timeString = (t: GoTime): string => formatTime(t, '2006-01-02 15:04:05.999999999 -0700 MST');

// Durations.

const UNITS: Record<string, bigint> = { ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: NS, m: 60n * NS, h: 3600n * NS };

/** time.ParseDuration. */
export function parseDuration(s: string): bigint {
  const orig = s;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) { neg = s[0] === '-'; s = s.slice(1); }
  if (s === '0') return 0n;
  if (s === '') throw new Error(`time: invalid duration ${JSON.stringify(orig)}`);
  let total = 0;
  let totalNs = 0n;
  while (s !== '') {
    const num = /^([0-9]*)(\.([0-9]*))?/.exec(s)!;
    if (num[0] === '' || num[0] === '.' ) throw new Error(`time: invalid duration ${JSON.stringify(orig)}`);
    s = s.slice(num[0].length);
    const unit = /^[^0-9.]*/.exec(s)![0];
    if (unit === '') throw new Error(`time: missing unit in duration ${JSON.stringify(orig)}`);
    const scale = UNITS[unit];
    if (scale === undefined) throw new Error(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(orig)}`);
    s = s.slice(unit.length);
    const whole = BigInt(num[1] || '0') * scale;
    const frac = num[3] ? Number(`0.${num[3]}`) * Number(scale) : 0;
    totalNs += whole + BigInt(Math.floor(frac));
    total++;
  }
  void total;
  return neg ? -totalNs : totalNs;
}

/** time.Duration.String(): 1h2m3.5s, 1.5ms, 0s. */
export function durationString(d: bigint): string {
  if (d === 0n) return '0s';
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < NS) {
    const [unit, scale] = u < 1000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1000n] : ['ms', 1_000_000n];
    out = fracString(u, scale) + unit;
  } else {
    const h = u / (3600n * NS);
    u -= h * 3600n * NS;
    const m = u / (60n * NS);
    u -= m * 60n * NS;
    out = fracString(u, NS) + 's';
    if (h > 0n) out = `${h}h${m}m${out}`;
    else if (m > 0n) out = `${m}m${out}`;
  }
  return (neg ? '-' : '') + out;
}

function fracString(v: bigint, scale: bigint): string {
  const whole = v / scale;
  const frac = v % scale;
  if (frac === 0n) return whole.toString();
  const digits = scale.toString().length - 1;
  return `${whole}.${frac.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}

// time.Time as a template value.

const TIMES = new WeakMap<object, GoTime>();

export function timeOf(v: GoValue): GoTime | undefined {
  return typeof v === 'object' && v !== null ? TIMES.get(v) : undefined;
}

export function timeValue(t: GoTime): GoStruct {
  const s: GoStruct = {
    [GO_TYPE]: 'time.Time',
    String: () => timeString(t),
    Format: (layout: GoValue) => formatTime(t, String(layout)),
    Unix: () => floorDiv(t.ns, NS),
    UnixMilli: () => floorDiv(t.ns, 1_000_000n),
    UnixNano: () => t.ns,
    UTC: () => timeValue({ ns: t.ns, zone: UTC }),
    Local: () => timeValue({ ns: t.ns, zone: LOCAL }),
    Year: () => BigInt(fields(t).year),
    Day: () => BigInt(fields(t).day),
    Hour: () => BigInt(fields(t).hour),
    Minute: () => BigInt(fields(t).min),
    Second: () => BigInt(fields(t).sec),
    YearDay: () => BigInt(fields(t).yday),
    IsZero: () => t.ns === ZERO_NS,
    Add: (d: GoValue) => timeValue({ ns: t.ns + BigInt(d as bigint), zone: t.zone }),
    MarshalJSON: () => JSON.stringify(formatTime(t, '2006-01-02T15:04:05.999999999Z07:00')),
  };
  TIMES.set(s, t);
  return s;
}

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));

/** time.Time{} — January 1, year 1, 00:00:00 UTC. */
export const ZERO_NS = -62135596800n * NS;

export const nowTime = (): GoTime => ({ ns: BigInt(Date.now()) * 1_000_000n + process.hrtime.bigint() % 1_000_000n, zone: LOCAL });

export { MONTHS, DAYS, NS, fields };
