// The few unicode package predicates Sprig's string functions use.

/** unicode.IsSpace: '\t', '\n', '\v', '\f', '\r', ' ', U+0085, U+00A0 and the Z category's spaces. */
export const isSpace = (ch: string): boolean => /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u.test(ch);
export const isLetter = (ch: string): boolean => /^\p{L}$/u.test(ch);
export const isDigit = (ch: string): boolean => /^\p{Nd}$/u.test(ch);
export const isUpper = (ch: string): boolean => /^\p{Lu}$/u.test(ch);
export const isLower = (ch: string): boolean => /^\p{Ll}$/u.test(ch);

/** strings.Title's word boundary: ASCII alphanumerics and '_' continue a word; other ASCII separates. */
function isSeparator(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if (c <= 0x7f) {
    if (/[0-9a-zA-Z_]/.test(ch)) return false;
    return true;
  }
  if (isLetter(ch) || isDigit(ch)) return false;
  return isSpace(ch);
}

/** strings.Title (deprecated in Go, still what Sprig's `title` calls). */
export function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isSeparator(prev) ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}
