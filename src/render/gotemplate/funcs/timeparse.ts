// time.ParseInLocation with Go's layouts and error texts ("parsing time "x" as "2006-01-02": cannot
// parse "x" as "2006"").
import { DAYS, LOCAL, MONTHS, NS, parseLayout, zoneAt, type GoTime, type Zone } from './gotime.ts';

class ParseError extends Error {}

const q = (s: string): string => JSON.stringify(s);

function lookup(names: string[], value: string): [number, string] | undefined {
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    if (value.length >= n.length && value.slice(0, n.length).toLowerCase() === n.toLowerCase()) return [i, value.slice(n.length)];
  }
  return undefined;
}

/** Go's getnum/getnum3: one or two (or three) digits, exactly that many when zero-padded. */
function getnum(value: string, fixed: boolean, max = 2): [number, string] | undefined {
  const m = new RegExp(`^[0-9]{${fixed ? max : 1},${max}}`).exec(value);
  if (!m) return undefined;
  return [Number(m[0]), value.slice(m[0].length)];
}

export function parseTime(layout: string, value: string, loc: Zone = LOCAL): GoTime {
  const orig = value;
  const fail = (elemValue: string, elemLayout: string): never => {
    throw new ParseError(`parsing time ${q(orig)} as ${q(layout)}: cannot parse ${q(elemValue)} as ${q(elemLayout)}`);
  };
  const range = (what: string): never => { throw new ParseError(`parsing time ${q(orig)}: ${what} out of range`); };
  let year = 0, month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
  let pm: boolean | undefined;
  let zoneOffset: number | undefined;
  let zoneName: string | undefined;
  const chunks = parseLayout(layout);
  for (let ci = 0; ci < chunks.length; ci++) {
    const c = chunks[ci];
    if ('lit' in c) {
      // Runs of spaces in the layout match runs of spaces in the value.
      let l = c.lit;
      let v = value;
      while (l.length > 0) {
        if (l[0] === ' ') {
          if (v.length > 0 && v[0] !== ' ') fail(value, c.lit);
          l = l.replace(/^ +/, '');
          v = v.replace(/^ +/, '');
          continue;
        }
        if (v.length === 0 || v[0] !== l[0]) fail(value, c.lit);
        l = l.slice(1);
        v = v.slice(1);
      }
      value = v;
      continue;
    }
    if ('frac' in c) {
      const digits = c.frac.length - 1;
      const re = c.frac[1] === '9' ? /^[.,]([0-9]+)/ : new RegExp(`^[.,]([0-9]{${digits}})`);
      const m = re.exec(value);
      if (!m) {
        if (c.frac[1] === '9' && !/^[.,]/.test(value)) continue;
        fail(value, c.frac);
      }
      nsec = Number(m![1].slice(0, 9).padEnd(9, '0'));
      value = value.slice(m![0].length);
      continue;
    }
    const std = c.std;
    const hold = value;
    let r: [number, string] | undefined;
    switch (std) {
      case '2006':
        if (!/^[0-9]{4}/.test(value)) fail(hold, std);
        year = Number(value.slice(0, 4));
        value = value.slice(4);
        break;
      case '06':
        if (!/^[0-9]{2}/.test(value)) fail(hold, std);
        year = Number(value.slice(0, 2));
        year += year >= 69 ? 1900 : 2000;
        value = value.slice(2);
        break;
      case 'January': case 'Jan':
        r = lookup(std === 'Jan' ? MONTHS.map((m) => m.slice(0, 3)) : MONTHS, value) ?? fail(hold, std);
        [month, value] = [r[0] + 1, r[1]];
        break;
      case 'Monday': case 'Mon':
        r = lookup(std === 'Mon' ? DAYS.map((d) => d.slice(0, 3)) : DAYS, value) ?? fail(hold, std);
        value = r[1];
        break;
      case '01': case '1':
        r = getnum(value, std === '01') ?? fail(hold, std);
        [month, value] = r;
        if (month <= 0 || month > 12) range('month');
        break;
      case '02': case '2': case '_2':
        if (std === '_2' && value[0] === ' ') value = value.slice(1);
        r = getnum(value, std === '02') ?? fail(hold, std);
        [day, value] = r;
        break;
      case '002': case '__2':
        if (std === '__2') value = value.replace(/^ {1,2}/, '');
        r = getnum(value, std === '002', 3) ?? fail(hold, std);
        [yday, value] = r;
        break;
      case '15':
        r = getnum(value, false) ?? fail(hold, std);
        [hour, value] = r;
        if (hour > 23) range('hour');
        break;
      case '03': case '3':
        r = getnum(value, std === '03') ?? fail(hold, std);
        [hour, value] = r;
        if (hour > 12) range('hour');
        break;
      case '04': case '4':
        r = getnum(value, std === '04') ?? fail(hold, std);
        [min, value] = r;
        if (min > 59) range('minute');
        break;
      case '05': case '5': {
        r = getnum(value, std === '05') ?? fail(hold, std);
        [sec, value] = r;
        if (sec > 59) range('second');
        // A fraction after the seconds is accepted even when the layout has none.
        const next = chunks[ci + 1];
        const m = /^[.,]([0-9]+)/.exec(value);
        if (m && !(next && 'frac' in next)) {
          nsec = Number(m[1].slice(0, 9).padEnd(9, '0'));
          value = value.slice(m[0].length);
        }
        break;
      }
      case 'PM': case 'pm': {
        const p = value.slice(0, 2);
        if (p.toUpperCase() === 'PM') pm = true;
        else if (p.toUpperCase() === 'AM') pm = false;
        else fail(hold, std);
        value = value.slice(2);
        break;
      }
      case 'MST': {
        const m = /^(UTC|GMT([+-][0-9]{1,2})?|[A-Z]{3,5}[T]?|[A-Z]{3,4})/.exec(value) ?? fail(hold, std);
        zoneName = m[0];
        value = value.slice(m[0].length);
        if (zoneName === 'UTC') zoneOffset = 0;
        break;
      }
      default: {
        if (std.startsWith('Z') && value[0] === 'Z') { value = value.slice(1); zoneOffset = 0; zoneName = 'UTC'; break; }
        const body = std.replace(/^[Z-]/, '');
        const pattern: Record<string, RegExp> = {
          '07': /^([+-])([0-9]{2})/, '0700': /^([+-])([0-9]{2})([0-9]{2})/, '07:00': /^([+-])([0-9]{2}):([0-9]{2})/,
          '070000': /^([+-])([0-9]{2})([0-9]{2})([0-9]{2})/, '07:00:00': /^([+-])([0-9]{2}):([0-9]{2}):([0-9]{2})/,
        };
        const m = pattern[body].exec(value) ?? fail(hold, std);
        const off = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
        zoneOffset = m[1] === '-' ? -off : off;
        value = value.slice(m[0].length);
      }
    }
  }
  if (value.length > 0) throw new ParseError(`parsing time ${q(orig)}: extra text: ${q(value)}`);
  if (pm === true && hour < 12) hour += 12;
  else if (pm === false && hour === 12) hour = 0;
  if (yday >= 0 && month < 0) {
    const d = new Date(Date.UTC(2000, 0, 1));
    d.setUTCFullYear(year, 0, yday);
    month = d.getUTCMonth() + 1;
    day = d.getUTCDate();
  }
  if (month < 0) month = 1;
  if (day < 0) day = 1;
  const dim = new Date(Date.UTC(2000, month, 0));
  dim.setUTCFullYear(year, month, 0);
  if (day < 1 || day > dim.getUTCDate()) range('day');
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, min, sec, 0);
  const wallMs = wall.getTime();
  if (zoneOffset !== undefined) {
    const ms = wallMs - zoneOffset * 1000;
    const local = zoneAt(loc, ms);
    const zone: Zone = local.offset === zoneOffset ? loc : zoneOffset === 0 && zoneName === 'UTC' ? { name: 'UTC', tz: 'UTC' } : { name: zoneName ?? '', tz: undefined, fixed: zoneOffset };
    return { ns: BigInt(ms) * 1_000_000n + BigInt(nsec), zone };
  }
  // A wall-clock time in loc: find the offset in effect then (twice, for times near a transition).
  let ms = wallMs - zoneAt(loc, wallMs).offset * 1000;
  ms = wallMs - zoneAt(loc, ms).offset * 1000;
  void NS;
  return { ns: BigInt(ms) * 1_000_000n + BigInt(nsec), zone: loc };
}
