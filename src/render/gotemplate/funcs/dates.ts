// Sprig's date functions over Go's time.Time: now, date/dateInZone (Go layouts, Unix seconds or a
// time), toDate (parse), dateModify, ago, duration, durationRound, unixEpoch, htmlDate.
import type { FuncMap, GoValue } from '../value.ts';
import { formatTime, loadLocation, LOCAL, NS, nowTime, durationString, parseDuration, timeOf, timeValue, UTC, ZERO_NS, type GoTime } from './gotime.ts';
import { parseTime } from './timeparse.ts';
import { typeName } from './fmt.ts';

/** A time argument: a time.Time, or Unix seconds as an int; anything else (floats too) means now. */
function timeArg(v: GoValue): GoTime {
  const t = timeOf(v);
  if (t) return t;
  if (typeof v === 'bigint') return { ns: v * NS, zone: LOCAL };
  return nowTime();
}

/** A parameter declared as time.Time: Go's call would refuse anything else. */
function mustTime(v: GoValue): GoTime {
  const t = timeOf(v);
  if (!t) throw new Error(`wrong type for value; expected time.Time; got ${typeName(v)}`);
  return t;
}

function dateInZone(layout: GoValue, date: GoValue, zone: GoValue): string {
  const t = timeArg(date);
  const loc = loadLocation(zone as string) ?? UTC;
  return formatTime({ ns: t.ns, zone: loc }, layout as string);
}

/** Sprig's durationRound: the largest whole unit (y = 365d, mo = 30d) that fits, rounded down. */
function durationRound(v: GoValue): string {
  let d = 0n;
  const t = timeOf(v);
  if (typeof v === 'string') {
    try { d = parseDuration(v); } catch { d = 0n; }
  } else if (typeof v === 'bigint') d = v;
  else if (t) d = nowTime().ns - t.ns;
  const u = d < 0n ? -d : d;
  const hour = 3600n * NS;
  const units: [bigint, string][] = [[hour * 24n * 365n, 'y'], [hour * 24n * 30n, 'mo'], [hour * 24n, 'd'], [hour, 'h'], [60n * NS, 'm'], [NS, 's']];
  for (const [size, name] of units) if (u > size) return `${u / size}${name}`;
  return '0s';
}

const modify = (strict: boolean) => (spec: GoValue, date: GoValue): GoValue => {
  const t = mustTime(date);
  let d: bigint;
  try {
    d = parseDuration(spec as string);
  } catch (e) {
    if (strict) throw e;
    return date;
  }
  return timeValue({ ns: t.ns + d, zone: t.zone });
};

export function dateFuncs(): FuncMap {
  const out: FuncMap = {
    now: { params: [], fn: () => timeValue(nowTime()) },
    date: { params: ['string', 'interface {}'], fn: (l, d) => dateInZone(l, d, 'Local') },
    dateInZone: { params: ['string', 'interface {}', 'string'], fn: dateInZone },
    htmlDate: { params: ['interface {}'], fn: (d) => dateInZone('2006-01-02', d, 'Local') },
    htmlDateInZone: { params: ['interface {}', 'string'], fn: (d, z) => dateInZone('2006-01-02', d, z) },
    dateModify: { params: ['string', 'interface {}'], fn: modify(false) },
    mustDateModify: { params: ['string', 'interface {}'], fn: modify(true) },
    ago: {
      params: ['interface {}'],
      fn: (d) => {
        const since = nowTime().ns - timeArg(d).ns;
        // Duration.Round(time.Second): halves away from zero.
        const r = since >= 0n ? ((since + NS / 2n) / NS) * NS : -(((-since + NS / 2n) / NS) * NS);
        return durationString(r);
      },
    },
    duration: {
      params: ['interface {}'],
      fn: (v) => {
        let n = 0n;
        if (typeof v === 'string') n = /^[+-]?[0-9]+$/.test(v) && BigInt.asIntN(64, BigInt(v)) === BigInt(v) ? BigInt(v) : 0n;
        else if (typeof v === 'bigint') n = v;
        return durationString(BigInt.asIntN(64, n * NS));
      },
    },
    durationRound: { params: ['interface {}'], fn: durationRound },
    toDate: {
      params: ['string', 'string'],
      fn: (l, s) => {
        try {
          return timeValue(parseTime(l as string, s as string));
        } catch {
          return timeValue({ ns: ZERO_NS, zone: UTC });
        }
      },
    },
    mustToDate: { params: ['string', 'string'], fn: (l, s) => timeValue(parseTime(l as string, s as string)) },
    unixEpoch: { params: ['interface {}'], fn: (d) => { const t = mustTime(d); return String(t.ns >= 0n ? t.ns / NS : -((-t.ns + NS - 1n) / NS)); } },
  };
  out.date_in_zone = out.dateInZone;
  out.date_modify = out.dateModify;
  out.must_date_modify = out.mustDateModify;
  return out;
}
