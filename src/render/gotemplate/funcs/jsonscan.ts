// The syntax errors of Go's encoding/json scanner, so that fromJson's {Error: …} reads as Helm's.
// Only the first error matters; valid text returns undefined and is then parsed by JSON.parse.

/** Go's quoteChar: 'x', '\'' , '"' or the strconv.Quote escape of a control character. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1).replace(/\\u00([0-9a-f]{2})/, '\\x$1')}'`;
}

class Fail extends Error {}

// At the end of input Go's scanner is fed a space: an unfinished literal or number reports ' '.

export function jsonSyntaxError(text: string): string | undefined {
  let i = 0;
  const fail = (c: string | undefined, ctx: string): never => {
    throw new Fail(c === undefined ? 'unexpected end of JSON input' : `invalid character ${quoteChar(c)} ${ctx}`);
  };
  const ws = (): void => { while (i < text.length && ' \t\r\n'.includes(text[i])) i++; };
  const literal = (word: string): void => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (text[i] !== word[k]) fail(text[i] ?? ' ', `in literal ${word} (expecting ${quoteChar(word[k])})`);
    }
    i++;
  };
  const string = (): void => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) fail(c, '');
      if (c === '"') { i++; return; }
      if (c < ' ') fail(c, 'in string literal');
      if (c === '\\') {
        i++;
        const e = text[i];
        if (e === undefined) fail(e, '');
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail(text[i], 'in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(e)) fail(e, 'in string escape code');
      }
      i++;
    }
  };
  const digits = (): number => { const s = i; while (/[0-9]/.test(text[i] ?? '')) i++; return i - s; };
  const number = (): void => {
    if (text[i] === '-') { i++; if (!/[0-9]/.test(text[i] ?? '')) fail(text[i] ?? ' ', 'in numeric literal'); }
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') { i++; if (digits() === 0) fail(text[i] ?? ' ', 'after decimal point in numeric literal'); }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (digits() === 0) fail(text[i] ?? ' ', 'in exponent of numeric literal');
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(text[i], 'looking for beginning of object key string');
        string(); ws();
        if (text[i] !== ':') fail(text[i], 'after object key');
        i++;
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail(text[i], 'after object key:value pair');
      }
    }
    if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail(text[i], 'after array element');
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    fail(c, 'looking for beginning of value');
  };
  try {
    value();
    ws();
    // After a complete number Go reports the next character as part of the literal.
    if (i < text.length) fail(text[i], 'after top-level value');
    return undefined;
  } catch (e) {
    if (e instanceof Fail) return e.message;
    throw e;
  }
}
