// Go's time layouts ("2006-01-02 15:04:05Z0700"), for `list --time-format` as Helm formats it.
// The time comes as stored (RFC 3339 with nanoseconds) and is printed in its own offset, as Go
// prints a time parsed from JSON; the fraction keeps the stored digits.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// Longest tokens first: Go matches "January" before "Jan", "2006" before "2", and so on.
const TOKENS = /January|Jan|Monday|Mon|MST|2006|200[0-9]|06|01|002|02|_2|__2|15|03|04|05|PM|pm|Z07:00:00|Z070000|Z07:00|Z0700|Z07|-07:00:00|-070000|-07:00|-0700|-07|[.,](?:0+|9+)(?!\d)|1|2|3|4|5/g;

const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c);

/** Formats a stored time (RFC 3339) with a Go layout; undefined when the time does not parse. */
export function formatGoTime(stored: string, layout: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/.exec(stored);
  if (!m) return undefined;
  const [year, month, day, hour, min, sec] = m.slice(1, 7).map(Number);
  const nanos = (m[7] ?? '').padEnd(9, '0').slice(0, 9);
  const offMin = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const yday = Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const zone = (colon: boolean, z: boolean, short = false) => {
    if (z && offMin === 0) return 'Z';
    const a = Math.abs(offMin);
    const hh = `${offMin < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}`;
    return short ? hh : `${hh}${colon ? ':' : ''}${pad(a % 60)}`;
  };
  return layout.replace(TOKENS, (t) => {
    switch (t) {
      case 'January': return MONTHS[month - 1];
      case 'Jan': return MONTHS[month - 1].slice(0, 3);
      case 'Monday': return DAYS[weekday];
      case 'Mon': return DAYS[weekday].slice(0, 3);
      case 'MST': return offMin === 0 ? 'UTC' : zone(false, false);
      case '2006': return pad(year, 4);
      case '06': return pad(year % 100);
      case '01': return pad(month);
      case '1': return String(month);
      case '002': return pad(yday, 3);
      case '02': return pad(day);
      case '_2': return pad(day, 2, ' ');
      case '__2': return pad(yday, 3, ' ');
      case '2': return String(day);
      case '15': return pad(hour);
      case '03': return pad(h12);
      case '3': return String(h12);
      case '04': return pad(min);
      case '4': return String(min);
      case '05': return pad(sec);
      case '5': return String(sec);
      case 'PM': return hour >= 12 ? 'PM' : 'AM';
      case 'pm': return hour >= 12 ? 'pm' : 'am';
      case 'Z07:00': return zone(true, true);
      case 'Z0700': return zone(false, true);
      case 'Z07': return zone(false, true, true);
      case '-07:00': return zone(true, false);
      case '-0700': return zone(false, false);
      case '-07': return zone(false, false, true);
      default:
        if (/^[.,]0+$/.test(t)) return t[0] + nanos.slice(0, t.length - 1);
        if (/^[.,]9+$/.test(t)) {
          const f = nanos.slice(0, t.length - 1).replace(/0+$/, '');
          return f ? t[0] + f : '';
        }
        return t; // 200x and the seconds-with-zone variants Go has but charts never use
    }
  });
}
