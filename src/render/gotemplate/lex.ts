// The lexer of Go's text/template (text/template/parse/lex.go), over UTF-16 char codes. It keeps
// Go's structure (one item per call, the same states and line counting) because the parser's error
// messages quote the line of the last token read: a different tokenisation would shift them.
import { quoteGo, quoteGoPrec, runeDesc } from './quote.ts';

export const I_ERROR = 0, I_BOOL = 1, I_CHAR = 2, I_CHAR_CONSTANT = 3, I_COMMENT = 4, I_COMPLEX = 5,
  I_ASSIGN = 6, I_DECLARE = 7, I_EOF = 8, I_FIELD = 9, I_IDENTIFIER = 10, I_LEFT_DELIM = 11,
  I_LEFT_PAREN = 12, I_NUMBER = 13, I_PIPE = 14, I_RAW_STRING = 15, I_RIGHT_DELIM = 16,
  I_RIGHT_PAREN = 17, I_SPACE = 18, I_STRING = 19, I_TEXT = 20, I_VARIABLE = 21,
  I_KEYWORD = 22, I_BLOCK = 23, I_BREAK = 24, I_CONTINUE = 25, I_DOT = 26, I_DEFINE = 27,
  I_ELSE = 28, I_END = 29, I_IF = 30, I_NIL = 31, I_RANGE = 32, I_TEMPLATE = 33, I_WITH = 34;

const KEYWORDS = new Map<string, number>([
  ['.', I_DOT], ['block', I_BLOCK], ['break', I_BREAK], ['continue', I_CONTINUE], ['define', I_DEFINE],
  ['else', I_ELSE], ['end', I_END], ['if', I_IF], ['range', I_RANGE], ['nil', I_NIL], ['template', I_TEMPLATE],
  ['with', I_WITH],
]);

export interface Item {
  typ: number;
  /** UTF-16 offset in the template text. */
  pos: number;
  val: string;
  line: number;
}

/** Go's item.String(), used in "unexpected X in Y" parse errors. */
export function itemString(i: Item): string {
  if (i.typ === I_EOF) return 'EOF';
  if (i.typ === I_ERROR) return i.val;
  if (i.typ > I_KEYWORD) return `<${i.val}>`;
  if ([...i.val].length > 10) return quoteGoPrec(i.val, 10) + '...';
  return quoteGo(i.val);
}

const EOF = -1;
const C_SPACE = 32, C_TAB = 9, C_CR = 13, C_NL = 10, C_DASH = 45;
const isSpace = (c: number): boolean => c === C_SPACE || c === C_TAB || c === C_CR || c === C_NL;
const UNI_ALNUM = /^[\p{L}\p{Nd}]$/u;
export function isAlphaNumeric(c: number): boolean {
  if (c < 128) return c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return c !== EOF && UNI_ALNUM.test(String.fromCodePoint(c));
}

// States of the machine; each step returns the next state, or S_DONE once `item` is set.
const S_DONE = 0, S_TEXT = 1, S_LEFT_DELIM = 2, S_COMMENT = 3, S_RIGHT_DELIM = 4, S_INSIDE = 5,
  S_SPACE = 6, S_IDENT = 7, S_FIELD = 8, S_VARIABLE = 9, S_CHAR = 10, S_NUMBER = 11, S_QUOTE = 12,
  S_RAW_QUOTE = 13;

export interface LexOptions { breakOK: boolean; continueOK: boolean }

export class Lexer {
  input: string;
  private pos = 0;
  private start = 0;
  private atEOF = false;
  private parenDepth = 0;
  private line = 1;
  private startLine = 1;
  private item: Item = { typ: I_EOF, pos: 0, val: 'EOF', line: 1 };
  private insideAction = false;
  options: LexOptions = { breakOK: true, continueOK: true };
  private readonly left = '{{';
  private readonly right = '}}';

  constructor(input: string) { this.input = input; }

  private next(): number {
    if (this.pos >= this.input.length) { this.atEOF = true; return EOF; }
    let c = this.input.charCodeAt(this.pos);
    if (c >= 0xd800 && c <= 0xdbff) { // a surrogate pair: one rune, two units
      c = this.input.codePointAt(this.pos)!;
      if (c > 0xffff) this.pos++;
    }
    this.pos++;
    if (c === C_NL) this.line++;
    return c;
  }
  private peek(): number {
    if (this.pos >= this.input.length) return EOF;
    const c = this.input.charCodeAt(this.pos);
    return c >= 0xd800 && c <= 0xdbff ? this.input.codePointAt(this.pos)! : c;
  }
  private backup(): void {
    if (!this.atEOF && this.pos > 0) {
      const lo = this.input.charCodeAt(this.pos - 1);
      this.pos -= lo >= 0xdc00 && lo <= 0xdfff && this.pos >= 2 ? 2 : 1;
      if (lo === C_NL) this.line--;
    }
  }
  private thisItem(typ: number): Item {
    const i = { typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return i;
  }
  private emit(typ: number): number { this.item = this.thisItem(typ); return S_DONE; }
  private emitItem(i: Item): number { this.item = i; return S_DONE; }
  private countNL(from: number, to: number): number {
    let n = 0;
    for (let i = from; i < to; i++) if (this.input.charCodeAt(i) === C_NL) n++;
    return n;
  }
  private ignore(): void {
    this.line += this.countNL(this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }
  private errorf(msg: string): number {
    this.item = { typ: I_ERROR, pos: this.start, val: msg, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = '';
    return S_DONE;
  }
  private hasLeftTrim(at: number): boolean {
    return at + 1 < this.input.length && this.input.charCodeAt(at) === C_DASH && isSpace(this.input.charCodeAt(at + 1));
  }
  private hasRightTrim(at: number): boolean {
    return at + 1 < this.input.length && isSpace(this.input.charCodeAt(at)) && this.input.charCodeAt(at + 1) === C_DASH;
  }
  /** [atDelim, trimSpaces] */
  private atRightDelim(): number {
    if (this.hasRightTrim(this.pos) && this.input.startsWith(this.right, this.pos + 2)) return 2;
    if (this.input.startsWith(this.right, this.pos)) return 1;
    return 0;
  }
  private atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF: case 46: case 44: case 124: case 58: case 41: case 40: return true; // . , | : ) (
    }
    return this.input.startsWith(this.right, this.pos);
  }

  nextItem(): Item {
    let state = this.insideAction ? S_INSIDE : S_TEXT;
    while (state !== S_DONE) state = this.step(state);
    return this.item;
  }

  private step(state: number): number {
    switch (state) {
      case S_TEXT: return this.lexText();
      case S_LEFT_DELIM: return this.lexLeftDelim();
      case S_COMMENT: return this.lexComment();
      case S_RIGHT_DELIM: return this.lexRightDelim();
      case S_INSIDE: return this.lexInsideAction();
      case S_SPACE: return this.lexSpace();
      case S_IDENT: return this.lexIdentifier();
      case S_FIELD: return this.lexFieldOrVariable(I_FIELD);
      case S_VARIABLE: return this.atTerminator() ? this.emit(I_VARIABLE) : this.lexFieldOrVariable(I_VARIABLE);
      case S_CHAR: return this.lexQuoted(39, 'unterminated character constant', I_CHAR_CONSTANT);
      case S_NUMBER: return this.lexNumber();
      case S_QUOTE: return this.lexQuoted(34, 'unterminated quoted string', I_STRING);
      case S_RAW_QUOTE: return this.lexRawQuote();
    }
    throw new Error(`lexer: bad state ${state}`);
  }

  private lexText(): number {
    const x = this.input.indexOf(this.left, this.pos);
    if (x >= 0) {
      if (x > this.pos) {
        this.pos = x;
        let trim = 0;
        if (this.hasLeftTrim(x + this.left.length)) {
          let j = x;
          while (j > this.start && isSpace(this.input.charCodeAt(j - 1))) j--;
          trim = x - j;
        }
        this.pos -= trim;
        this.line += this.countNL(this.start, this.pos);
        const i = this.thisItem(I_TEXT);
        this.pos += trim;
        this.ignore();
        if (i.val.length > 0) return this.emitItem(i);
      }
      return S_LEFT_DELIM;
    }
    this.pos = this.input.length;
    if (this.pos > this.start) {
      this.line += this.countNL(this.start, this.pos);
      return this.emit(I_TEXT);
    }
    return this.emit(I_EOF);
  }

  private lexLeftDelim(): number {
    this.pos += this.left.length;
    const trim = this.hasLeftTrim(this.pos);
    const after = trim ? 2 : 0;
    if (this.input.startsWith('/*', this.pos + after)) {
      this.pos += after;
      this.ignore();
      return S_COMMENT;
    }
    const i = this.thisItem(I_LEFT_DELIM);
    this.insideAction = true;
    this.pos += after;
    this.ignore();
    this.parenDepth = 0;
    return this.emitItem(i);
  }

  private lexComment(): number {
    this.pos += 2;
    const x = this.input.indexOf('*/', this.pos);
    if (x < 0) return this.errorf('unclosed comment');
    this.pos = x + 2;
    const d = this.atRightDelim();
    if (d === 0) return this.errorf('comment ends before closing delimiter');
    this.line += this.countNL(this.start, this.pos);
    this.thisItem(I_COMMENT);
    if (d === 2) this.pos += 2;
    this.pos += this.right.length;
    if (d === 2) this.skipLeadingSpace();
    this.ignore();
    return S_TEXT;
  }

  private skipLeadingSpace(): void {
    while (this.pos < this.input.length && isSpace(this.input.charCodeAt(this.pos))) this.pos++;
  }

  private lexRightDelim(): number {
    const trim = this.atRightDelim() === 2;
    if (trim) { this.pos += 2; this.ignore(); }
    this.pos += this.right.length;
    const i = this.thisItem(I_RIGHT_DELIM);
    if (trim) { this.skipLeadingSpace(); this.ignore(); }
    this.insideAction = false;
    return this.emitItem(i);
  }

  private lexInsideAction(): number {
    if (this.atRightDelim() !== 0) {
      if (this.parenDepth === 0) return S_RIGHT_DELIM;
      return this.errorf('unclosed left paren');
    }
    const r = this.next();
    if (r === EOF) return this.errorf('unclosed action');
    if (isSpace(r)) { this.backup(); return S_SPACE; }
    switch (r) {
      case 61: return this.emit(I_ASSIGN); // =
      case 58: // :
        if (this.next() !== 61) return this.errorf('expected :=');
        return this.emit(I_DECLARE);
      case 124: return this.emit(I_PIPE);
      case 34: return S_QUOTE;
      case 96: return S_RAW_QUOTE;
      case 36: return S_VARIABLE;
      case 39: return S_CHAR;
      case 40: this.parenDepth++; return this.emit(I_LEFT_PAREN);
      case 41:
        this.parenDepth--;
        if (this.parenDepth < 0) return this.errorf('unexpected right paren');
        return this.emit(I_RIGHT_PAREN);
      case 46: { // .
        if (this.pos < this.input.length) {
          const c = this.input.charCodeAt(this.pos);
          if (c < 48 || c > 57) return S_FIELD;
        }
        this.backup();
        return S_NUMBER;
      }
    }
    if (r === 43 || r === 45 || (r >= 48 && r <= 57)) { this.backup(); return S_NUMBER; }
    if (isAlphaNumeric(r)) { this.backup(); return S_IDENT; }
    if (r < 128 && r >= 32 && r !== 127) return this.emit(I_CHAR);
    return this.errorf(`unrecognized character in action: ${runeDesc(r)}`);
  }

  private lexSpace(): number {
    let n = 0;
    while (isSpace(this.peek())) { this.next(); n++; }
    if (this.hasRightTrim(this.pos - 1) && this.input.startsWith(this.right, this.pos + 1)) {
      this.backup();
      if (n === 1) return S_RIGHT_DELIM;
    }
    return this.emit(I_SPACE);
  }

  private lexIdentifier(): number {
    for (;;) {
      const r = this.next();
      if (isAlphaNumeric(r)) continue;
      this.backup();
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.errorf(`bad character ${runeDesc(r)}`);
      const kw = KEYWORDS.get(word);
      if (kw !== undefined) {
        if ((kw === I_BREAK && !this.options.breakOK) || (kw === I_CONTINUE && !this.options.continueOK)) {
          return this.emit(I_IDENTIFIER);
        }
        return this.emit(kw);
      }
      if (word === 'true' || word === 'false') return this.emit(I_BOOL);
      return this.emit(I_IDENTIFIER);
    }
  }

  private lexFieldOrVariable(typ: number): number {
    if (this.atTerminator()) return this.emit(typ === I_VARIABLE ? I_VARIABLE : I_DOT);
    // ASCII names first, without the general rune machinery
    const input = this.input;
    let p = this.pos;
    for (let c = input.charCodeAt(p); c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122); c = input.charCodeAt(++p));
    this.pos = p;
    let r: number;
    for (;;) {
      r = this.next();
      if (!isAlphaNumeric(r)) { this.backup(); break; }
    }
    if (!this.atTerminator()) return this.errorf(`bad character ${runeDesc(r)}`);
    return this.emit(typ);
  }

  private lexQuoted(quote: number, unterminated: string, typ: number): number {
    for (;;) {
      let r = this.next();
      if (r === 92) { // backslash
        r = this.next();
        if (r !== EOF && r !== C_NL) continue;
      }
      if (r === EOF || r === C_NL) return this.errorf(unterminated);
      if (r === quote) break;
    }
    return this.emit(typ);
  }

  private lexRawQuote(): number {
    const x = this.input.indexOf('`', this.pos);
    if (x < 0) {
      // Go's next() counts the newlines it walks over before reporting the error.
      this.line += this.countNL(this.pos, this.input.length);
      this.pos = this.input.length;
      return this.errorf('unterminated raw quoted string');
    }
    this.line += this.countNL(this.pos, x + 1);
    this.pos = x + 1;
    return this.emit(I_RAW_STRING);
  }

  private accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCharCode(r))) return true;
    this.backup();
    return false;
  }
  private acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCharCode(r))) break;
    }
    this.backup();
  }

  private lexNumber(): number {
    if (!this.scanNumber()) return this.errorf(`bad number syntax: ${quoteGo(this.input.slice(this.start, this.pos))}`);
    const sign = this.peek();
    if (sign === 43 || sign === 45) {
      if (!this.scanNumber() || this.input.charCodeAt(this.pos - 1) !== 105) {
        return this.errorf(`bad number syntax: ${quoteGo(this.input.slice(this.start, this.pos))}`);
      }
      return this.emit(I_COMPLEX);
    }
    return this.emit(I_NUMBER);
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) { this.accept('+-'); this.acceptRun('0123456789_'); }
    if (digits.length === 23 && this.accept('pP')) { this.accept('+-'); this.acceptRun('0123456789_'); }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) { this.next(); return false; }
    return true;
  }
}
