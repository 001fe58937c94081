// snakecase, kebabcase and camelcase as Sprig 3.3 has them (huandu/xstrings 1.5: ToSnakeCase,
// ToKebabCase, and ToPascalCase under the name camelcase), quirks included: "foo123bar" is
// foo_123bar but "foo123Bar" is foo123_bar, and "HTTPServer" camel-cases to Httpserver.
import { isLetter, isUpper, isSpace } from './unicode.ts';
import { mapRunes } from './strings.ts';

type Kind = 'none' | 'connector' | 'punct' | 'upper' | 'alpha' | 'number' | 'other';
interface Word { kind: Kind; text: string }

const isConnector = (c: string): boolean => c === '-' || c === '_' || isSpace(c);
const isPunct = (c: string): boolean => /^\p{P}$/u.test(c);
const isNumber = (c: string): boolean => /^\p{N}$/u.test(c);
// xstrings' isAlphabet: letters, and any non-ASCII rune it cannot classify otherwise counts too.
const isAlpha = (c: string): boolean => isLetter(c);
const lower = (c: string): string => mapRunes(c, (x) => x.toLowerCase());
const upper = (c: string): string => mapRunes(c, (x) => x.toUpperCase());

/** Splits into xstrings' words: runs of connectors, punctuation, digits, lower-case letters, and
 * upper-case words ("Foo", or "HTTP" when followed by "Server"). */
function words(s: string): Word[] {
  const r = [...s];
  const out: Word[] = [];
  let i = 0;
  const run = (kind: Kind, test: (c: string) => boolean): void => {
    const start = i;
    i++;
    while (i < r.length && test(r[i])) i++;
    out.push({ kind, text: r.slice(start, i).join('') });
  };
  while (i < r.length) {
    const c = r[i];
    if (isConnector(c)) run('connector', isConnector);
    else if (isPunct(c)) run('punct', isPunct);
    else if (isUpper(c)) {
      const start = i;
      i++;
      if (i < r.length && isUpper(r[i])) {
        while (i < r.length && isUpper(r[i])) i++;
        // "HTTPServer": the last capital starts the next word.
        if (i < r.length && isAlpha(r[i])) i--;
      } else {
        while (i < r.length && isAlpha(r[i]) && !isUpper(r[i])) i++;
      }
      out.push({ kind: 'upper', text: r.slice(start, i).join('') });
    } else if (isAlpha(c)) run('alpha', (x) => isAlpha(x) && !isUpper(x));
    else if (isNumber(c)) run('number', isNumber);
    else run('other', (x) => !(isConnector(x) || isAlpha(x) || isNumber(x) || isPunct(x)));
  }
  return out;
}

/** ToSnakeCase / ToKebabCase: words lower-cased and joined by `sep`, with xstrings' rules for
 * where a separator goes around numbers. */
export function toLowerWords(s: string, sep: string): string {
  const ws = words(s);
  if (ws.length === 0) return '';
  let out = '';
  const emit = (w: Word): void => {
    if (w.kind !== 'upper' && w.kind !== 'connector') { out += w.text; return; }
    for (const c of w.text) out += isConnector(c) ? sep : isUpper(c) ? lower(c) : c;
  };
  const noSepAfter = (k: Kind): boolean => k === 'none' || k === 'punct' || k === 'connector';
  let i = 0;
  const next = (): Word => ws[++i] ?? { kind: 'none', text: '' };
  let cur = ws[0];
  while (i < ws.length - 1) {
    if (cur.kind !== 'connector') emit(cur);
    const prev = cur;
    cur = next();
    if (prev.kind === 'number') {
      while (cur.kind === 'alpha' || cur.kind === 'number') { emit(cur); cur = next(); }
      if (!noSepAfter(cur.kind)) out += sep;
    } else if (prev.kind === 'connector') {
      emit(prev);
    } else if (prev.kind !== 'punct') {
      if (cur.kind !== 'number') {
        if (cur.kind !== 'connector' && cur.kind !== 'punct') out += sep;
      } else if (i < ws.length - 1) {
        const num = cur;
        cur = next();
        if (cur.kind !== 'alpha') {
          emit(num);
          if (cur.kind !== 'connector' && cur.kind !== 'punct') out += sep;
        } else {
          out += sep;
          emit(num);
          while (cur.kind === 'alpha' || cur.kind === 'number') { emit(cur); cur = next(); }
          if (!noSepAfter(cur.kind)) out += sep;
        }
      }
    }
  }
  emit(cur);
  return out;
}

/** xstrings.ToPascalCase: connectors dropped (one of a run), the letter after them upper-cased, and
 * a run of capitals after a word start lower-cased. */
export function toPascal(s: string): string {
  const r = [...s];
  let out = '';
  let i = 0;
  while (i < r.length && isConnector(r[i])) out += r[i++];
  if (i === r.length) return out;
  let firstUpper = isUpper(r[i]);
  let cur = upper(r[i++]);
  for (; i < r.length; i++) {
    const prev = cur;
    cur = r[i];
    if (isConnector(cur) && isConnector(prev)) { out += prev; continue; }
    if (isConnector(prev)) {
      firstUpper = isUpper(cur);
      cur = upper(cur);
    } else {
      if (firstUpper) {
        if (isUpper(cur)) cur = lower(cur);
        else firstUpper = false;
      }
      out += prev;
    }
  }
  return out + cur;
}
