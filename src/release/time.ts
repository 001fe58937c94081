// Go's time.Time as Helm 4 writes it into release JSON: RFC 3339 with nanoseconds, trailing zeros
// of the fraction dropped (RFC3339Nano). A JavaScript Date holds milliseconds only, so times taken
// by hull carry their sub-millisecond part alongside (preciseNow), and file times come from the
// file system's nanosecond mtimes.

/** Go's zero time, which Helm 4 writes for a chart without values.schema.json (schemamodtime). */
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

/** A Date that may know the nanoseconds below its millisecond (0..999999). */
export type PreciseDate = Date & { nanos?: number };

/** RFC3339Nano in UTC for a Date (and its extra nanoseconds when it has them). */
export function rfc3339Nano(d: PreciseDate): string {
  const iso = d.toISOString(); // 2026-11-30T04:58:00.258Z
  const ns = String(d.getUTCMilliseconds() * 1_000_000 + (d.nanos ?? 0)).padStart(9, '0').replace(/0+$/, '');
  return `${iso.slice(0, 19)}${ns ? `.${ns}` : ''}Z`;
}

/** A time from nanoseconds since the epoch (file mtimes). */
export function fromNanos(ns: bigint): PreciseDate {
  const d: PreciseDate = new Date(Number(ns / 1_000_000n));
  d.nanos = Number(ns % 1_000_000n);
  return d;
}

// The wall clock at start-up plus the monotonic clock since: nanosecond steps, millisecond-true.
const anchor = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

/** Now, with nanoseconds, as Go's time.Now() gives Helm. */
export function preciseNow(): PreciseDate {
  return fromNanos(anchor + process.hrtime.bigint());
}
