// Go's string quoting and unquoting (strconv.Quote/Unquote), used by the parser (string and char
// constants, error messages) and by fmt's %q.
const PRINT = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(r: number): boolean {
  if (r < 128) return r >= 32 && r < 127;
  return PRINT.test(String.fromCodePoint(r));
}

const hex = (n: number, w: number): string => n.toString(16).padStart(w, '0');

function escapeRune(r: number, quote: number, asciiOnly: boolean): string {
  if (r === quote || r === 92) return '\\' + String.fromCharCode(r);
  if (asciiOnly ? r >= 32 && r < 127 : isPrint(r)) return String.fromCodePoint(r);
  switch (r) {
    case 7: return '\\a';
    case 8: return '\\b';
    case 12: return '\\f';
    case 10: return '\\n';
    case 13: return '\\r';
    case 9: return '\\t';
    case 11: return '\\v';
  }
  if (r < 32 || r === 127) return '\\x' + hex(r, 2);
  if (r >= 0xd800 && r <= 0xdfff) return '\\ufffd'; // a lone surrogate: Go sees invalid UTF-8
  if (r < 0x10000) return '\\u' + hex(r, 4);
  return '\\U' + hex(r, 8);
}

/** strconv.Quote (asciiOnly: QuoteToASCII, fmt's %+q). */
export function quoteGo(s: string, asciiOnly = false): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 && c < 127 && c !== 34 && c !== 92) { out += s[i]; continue; }
    const r = s.codePointAt(i)!;
    if (r > 0xffff) i++;
    out += escapeRune(r, 34, asciiOnly);
  }
  return out + '"';
}

/** fmt's %.Nq: the first N runes, quoted. */
export function quoteGoPrec(s: string, n: number): string {
  return quoteGo([...s].slice(0, n).join(''));
}

/** strconv.QuoteRune. */
export function quoteRune(r: number): string {
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  return "'" + escapeRune(r, 39, false) + "'";
}

/** fmt's %#U of a rune: U+0024 '$' (the character only when printable). */
export function runeDesc(r: number): string {
  const u = 'U+' + r.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(r) ? `${u} '${String.fromCodePoint(r)}'` : u;
}

export class SyntaxError_ extends Error {}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** strconv.UnquoteChar on s at i: [value, isByte (\x or octal escape), next index]; throws "invalid syntax". */
export function unquoteChar(s: string, i: number, quote: number): [number, boolean, number] {
  const c = s.codePointAt(i)!;
  if (c === quote && (quote === 39 || quote === 34)) throw new SyntaxError_('invalid syntax');
  if (c !== 92) return [c, false, i + (c > 0xffff ? 2 : 1)];
  const e = s.charCodeAt(i + 1);
  i += 2;
  switch (e) {
    case 97: return [7, false, i];
    case 98: return [8, false, i];
    case 102: return [12, false, i];
    case 110: return [10, false, i];
    case 114: return [13, false, i];
    case 116: return [9, false, i];
    case 118: return [11, false, i];
    case 92: return [92, false, i];
    case 120: case 117: case 85: { // \x \u \U
      const n = e === 120 ? 2 : e === 117 ? 4 : 8;
      let v = 0;
      for (let k = 0; k < n; k++) {
        const h = hexVal(s.charCodeAt(i + k));
        if (h < 0) throw new SyntaxError_('invalid syntax');
        v = v * 16 + h;
      }
      if (e === 120) return [v, true, i + n];
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError_('invalid syntax');
      return [v, false, i + n];
    }
    case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55: {
      let v = e - 48;
      for (let k = 0; k < 2; k++) {
        const d = s.charCodeAt(i + k) - 48;
        if (d < 0 || d > 7) throw new SyntaxError_('invalid syntax');
        v = v * 8 + d;
      }
      if (v > 255) throw new SyntaxError_('invalid syntax');
      return [v, true, i + 2];
    }
    case 39: case 34:
      if (e !== quote) throw new SyntaxError_('invalid syntax');
      return [e, false, i];
  }
  throw new SyntaxError_('invalid syntax');
}

/** strconv.Unquote of a "..." or `...` literal as the lexer delimited it. */
export function unquote(lit: string): string {
  const q = lit.charCodeAt(0);
  if (q === 96) return lit.slice(1, -1).replaceAll('\r', '');
  if (lit.indexOf('\\') < 0) return lit.slice(1, -1);
  const body = lit.slice(1, -1);
  let out = '';
  let bytes: number[] | null = null; // pending \x / octal bytes, decoded together as UTF-8
  const flush = (): void => {
    if (bytes) { out += Buffer.from(bytes).toString('utf8'); bytes = null; }
  };
  for (let i = 0; i < body.length;) {
    const [v, isByte, next] = unquoteChar(body, i, 34);
    i = next;
    if (isByte) { (bytes ??= []).push(v); continue; }
    flush();
    out += String.fromCodePoint(v);
  }
  flush();
  return out;
}
