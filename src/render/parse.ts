// Template parsing without Handlebars' generated (jison) parser, which costs about 0.5 ms per
// template: a hand-written lexer and recursive-descent parser for the Handlebars 4.7 grammar we use,
// producing the very AST Handlebars.parse produces (same node shapes, locations and whitespace
// control, checked against Handlebars in parse.test.ts).
//
// Anything outside that subset (partials, decorators, raw blocks, `{{^`, escaped `\{{`) and every
// syntax error goes to Handlebars' own parser instead, so rare constructs still parse exactly as
// before and syntax errors keep Handlebars' messages. Handlebars is loaded only then.
import { createRequire } from 'node:module';
import type HandlebarsNs from 'handlebars';

export interface Pos {
  line: number;
  column: number;
}
export interface Loc {
  start: Pos;
}
export interface Strip {
  open?: boolean;
  close?: boolean;
}

export interface PathExpression {
  type: 'PathExpression';
  data: boolean;
  depth: number;
  parts: string[];
  original: string;
  loc?: Loc;
}
export interface Literal {
  type: 'StringLiteral' | 'NumberLiteral' | 'BooleanLiteral' | 'UndefinedLiteral' | 'NullLiteral';
  value: unknown;
  original: unknown;
  loc?: Loc;
}
export interface HashPair {
  type: 'HashPair';
  key: string;
  value: Expression;
  loc?: Loc;
}
export interface Hash {
  type: 'Hash';
  pairs: HashPair[];
  loc?: Loc;
}
export interface SubExpression {
  type: 'SubExpression';
  path: PathExpression | Literal;
  params: Expression[];
  hash?: Hash;
  loc?: Loc;
}
export type Expression = PathExpression | Literal | SubExpression;

export interface MustacheStatement {
  type: 'MustacheStatement';
  path: PathExpression | Literal;
  params: Expression[];
  hash?: Hash;
  escaped: boolean;
  strip: Strip;
  loc?: Loc;
}
export interface BlockStatement {
  type: 'BlockStatement';
  path: PathExpression | Literal;
  params: Expression[];
  hash?: Hash;
  program: Program;
  inverse?: Program;
  openStrip: Strip;
  inverseStrip?: Strip;
  closeStrip?: Strip;
  loc?: Loc;
}
export interface ContentStatement {
  type: 'ContentStatement';
  original: string;
  value: string;
  loc?: Loc;
  rightStripped?: boolean;
  leftStripped?: boolean;
}
export interface CommentStatement {
  type: 'CommentStatement';
  value: string;
  strip: Strip;
  loc?: Loc;
}
/** Partials and decorators only come from Handlebars' parser; the interpreter refuses them. */
export interface OtherStatement {
  type: 'PartialStatement' | 'PartialBlockStatement' | 'Decorator' | 'DecoratorBlock';
  [k: string]: unknown;
}
export type Statement = MustacheStatement | BlockStatement | ContentStatement | CommentStatement | OtherStatement;

export interface Program {
  type: 'Program';
  body: Statement[];
  strip: Strip;
  blockParams?: string[];
  chained?: boolean;
  loc?: Loc;
}

// ---------------------------------------------------------------------------------------------
// Lexer: the rules of Handlebars' handlebars.l, tried in the same order, dispatched on the first
// character instead of trying every regular expression at every position.

type TokenType =
  | 'CONTENT' | 'COMMENT' | 'OPEN' | 'OPEN_UNESCAPED' | 'OPEN_BLOCK' | 'OPEN_ENDBLOCK' | 'INVERSE'
  | 'OPEN_INVERSE_CHAIN' | 'CLOSE' | 'CLOSE_UNESCAPED' | 'OPEN_SEXPR' | 'CLOSE_SEXPR' | 'EQUALS'
  | 'ID' | 'SEP' | 'STRING' | 'NUMBER' | 'BOOLEAN' | 'UNDEFINED' | 'NULL' | 'DATA'
  | 'OPEN_BLOCK_PARAMS' | 'CLOSE_BLOCK_PARAMS' | 'EOF';

interface Token {
  type: TokenType;
  /** The matched text (for ID and STRING: after Handlebars' unescaping). */
  text: string;
  line: number;
  column: number;
}

/** Thrown when the fast parser does not handle the input: Handlebars' parser decides instead. */
class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported('unsupported');

const ELSE_INVERSE = /\s*else\s*~?\}\}/y;
const ELSE_CHAIN = /\s*else/y;
const LONG_COMMENT = /[\s\S]*?--~?\}\}/y;
const SHORT_COMMENT = /[\s\S]*?\}\}/y;
const CLOSE_UNESCAPED = /\}~?\}\}/y;
const WHITESPACE = /\s+/y;
const DQ_STRING = /"(\\["]|[^"])*"/y;
const SQ_STRING = /'(\\[']|[^'])*'/y;
const NUMBER = /-?[0-9]+(?:\.[0-9]+)?(?=[~}\s)])/y;
const KEYWORD = /(true|false|undefined|null)(?=[~}\s)])/y;
const BLOCK_PARAMS = /as\s+\|/y;
const ID = /[^\s!"#%-,\.\/;->@\[-\^`\{-~]+(?=[=~}\s\/.)|])/y;
const BRACKET_ID = /\[(\\\]|[^\]])*\]/y;
const DOT_LOOKAHEAD = /[=~}\s\/.)|]/;
const WS_CHAR = /\s/;
/** Line breaks as jison counts them (it also stops a line at \u2028 and \u2029). */
const LINE_BREAKS = /(?:\r\n?|\n).*/g;
const ODD_BREAKS = /[\r\u2028\u2029]/;

function sticky(re: RegExp, src: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(src);
  return m ? m[0] : null;
}

function lex(src: string): Token[] {
  if (src.includes('\x00')) throw UNSUPPORTED;
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  let column = 0;
  const n = src.length;

  // jison's yylloc arithmetic: a token ends where the previous one did plus its text.
  const odd = ODD_BREAKS.test(src);
  const advance = (text: string): void => {
    const nl = text.indexOf('\n');
    if (nl === -1 && !odd) {
      column += text.length;
      return;
    }
    if (!odd) {
      let count = 0;
      for (let i = nl; i !== -1; i = text.indexOf('\n', i + 1)) count++;
      line += count;
      column = text.length - text.lastIndexOf('\n') - 1;
      return;
    }
    const lines = text.match(LINE_BREAKS);
    if (!lines) {
      column += text.length;
      return;
    }
    line += lines.length;
    const last = lines[lines.length - 1];
    column = last.length - (/\r?\n?/.exec(last) as RegExpExecArray)[0].length;
  };
  const push = (type: TokenType, raw: string, text = raw): void => {
    tokens.push({ type, text, line, column });
    advance(raw);
    pos += raw.length;
  };

  while (pos < n) {
    // INITIAL: content up to the next "{{".
    const open = src.indexOf('{{', pos);
    if (open === -1) {
      push('CONTENT', src.slice(pos));
      break;
    }
    if (open > pos) {
      const content = src.slice(pos, open);
      // `\{{` (an escaped mustache) and `\\{{`: Handlebars' parser handles those.
      if (content.charCodeAt(content.length - 1) === 92) throw UNSUPPORTED;
      push('CONTENT', content);
    }
    // mu: the tokens of one mustache, up to the one that closes it.
    for (;;) {
      if (pos >= n) throw UNSUPPORTED; // EOF inside a mustache: a syntax error
      const c = src[pos];
      if (c === '{') {
        if (src[pos + 1] !== '{') throw UNSUPPORTED;
        if (src[pos + 2] === '{' && src[pos + 3] === '{') throw UNSUPPORTED; // raw block
        let q = pos + 2;
        if (src[q] === '~') q++;
        const d = src[q];
        if (d === '>' || d === '^' || d === '*') throw UNSUPPORTED; // partials, inverse sections, decorators
        if (d === '#') {
          if (src[q + 1] === '>' || src[q + 1] === '*') throw UNSUPPORTED;
          push('OPEN_BLOCK', src.slice(pos, q + 1));
          continue;
        }
        if (d === '/') {
          push('OPEN_ENDBLOCK', src.slice(pos, q + 1));
          continue;
        }
        if (d === 'e' || WS_CHAR.test(d)) {
          const inverse = sticky(ELSE_INVERSE, src, q);
          if (inverse !== null) {
            push('INVERSE', src.slice(pos, q) + inverse);
            break;
          }
          const chain = sticky(ELSE_CHAIN, src, q);
          if (chain !== null) {
            push('OPEN_INVERSE_CHAIN', src.slice(pos, q) + chain);
            continue;
          }
        }
        if (d === '{') {
          push('OPEN_UNESCAPED', src.slice(pos, q + 1));
          continue;
        }
        if (d === '&') {
          push('OPEN', src.slice(pos, q + 1));
          continue;
        }
        if (d === '!') {
          const long = src[q + 1] === '-' && src[q + 2] === '-';
          const rest = long ? sticky(LONG_COMMENT, src, pos) : sticky(SHORT_COMMENT, src, q + 1);
          if (rest === null) throw UNSUPPORTED;
          push('COMMENT', long ? rest : src.slice(pos, q + 1) + rest);
          break;
        }
        push('OPEN', src.slice(pos, q));
        continue;
      }
      if (c === '}') {
        if (src.startsWith('}}}}', pos)) throw UNSUPPORTED;
        const unescaped = sticky(CLOSE_UNESCAPED, src, pos);
        if (unescaped !== null) {
          push('CLOSE_UNESCAPED', unescaped);
          break;
        }
        if (src[pos + 1] === '}') {
          push('CLOSE', '}}');
          break;
        }
        throw UNSUPPORTED;
      }
      if (c === '~') {
        if (src[pos + 1] === '}' && src[pos + 2] === '}') {
          push('CLOSE', '~}}');
          break;
        }
        throw UNSUPPORTED;
      }
      if (c === '(') { push('OPEN_SEXPR', c); continue; }
      if (c === ')') { push('CLOSE_SEXPR', c); continue; }
      if (c === '=') { push('EQUALS', c); continue; }
      if (c === '@') { push('DATA', c); continue; }
      if (c === '|') { push('CLOSE_BLOCK_PARAMS', c); continue; }
      if (c === '/') { push('SEP', c); continue; }
      if (c === '.') {
        if (src[pos + 1] === '.') push('ID', '..');
        else if (pos + 1 < n && DOT_LOOKAHEAD.test(src[pos + 1])) push('ID', '.');
        else push('SEP', '.');
        continue;
      }
      if (WS_CHAR.test(c)) {
        const ws = sticky(WHITESPACE, src, pos) as string;
        advance(ws);
        pos += ws.length;
        continue;
      }
      if (c === '"' || c === "'") {
        const s = sticky(c === '"' ? DQ_STRING : SQ_STRING, src, pos);
        if (s === null) throw UNSUPPORTED;
        push('STRING', s, s.slice(1, -1).replace(c === '"' ? /\\"/g : /\\'/g, c));
        continue;
      }
      if (c === 't' || c === 'f' || c === 'u' || c === 'n') {
        const k = sticky(KEYWORD, src, pos);
        if (k !== null) {
          push(k === 'true' || k === 'false' ? 'BOOLEAN' : k === 'null' ? 'NULL' : 'UNDEFINED', k);
          continue;
        }
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        const num = sticky(NUMBER, src, pos);
        if (num !== null) {
          push('NUMBER', num);
          continue;
        }
      } else if (c === 'a') {
        const bp = sticky(BLOCK_PARAMS, src, pos);
        if (bp !== null) {
          push('OPEN_BLOCK_PARAMS', bp);
          continue;
        }
      }
      const id = sticky(ID, src, pos);
      if (id !== null) {
        push('ID', id);
        continue;
      }
      if (c === '[') {
        const b = sticky(BRACKET_ID, src, pos);
        if (b === null) throw UNSUPPORTED;
        push('ID', b, b.replace(/\\([\\\]])/g, '$1'));
        continue;
      }
      throw UNSUPPORTED; // Handlebars' INVALID token
    }
  }
  tokens.push({ type: 'EOF', text: '', line, column });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser: handlebars.yy's productions, building nodes with the helpers of Handlebars'
// compiler/helpers.js (prepareBlock, preparePath, stripFlags, ...).

/**
 * A node's location, Handlebars' `loc.start`; one object that is its own `start` (half the
 * allocations of `{ start: { line, column } }` for a shape everything reads as `loc.start.line`).
 */
function loc(t: Token): Loc {
  const l = { line: t.line, column: t.column } as Pos & { start: Pos };
  l.start = l;
  return l;
}
const id = (token: string): string => (/^\[.*\]$/.test(token) ? token.substring(1, token.length - 1) : token);
// Strip flags are never changed once made: four shared objects.
const STRIPS: readonly Strip[] = [{ open: false, close: false }, { open: true, close: false }, { open: false, close: true }, { open: true, close: true }];
const stripFlags = (open: string, close: string): Strip => STRIPS[(open.charAt(2) === '~' ? 1 : 0) + (close.charAt(close.length - 3) === '~' ? 2 : 0)];
const stripComment = (comment: string): string => comment.replace(/^\{\{~?!-?-?/, '').replace(/-?-?~?\}\}$/, '');

interface OpenBlock {
  open?: string;
  path: PathExpression | Literal;
  params: Expression[];
  hash?: Hash;
  blockParams?: string[];
  strip: Strip;
}
interface InverseChain {
  strip: Strip;
  program: Program;
  chain?: boolean;
}

class Parser {
  private i = 0;
  private readonly tokens: Token[];

  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private take(type: TokenType): Token {
    const t = this.tokens[this.i];
    if (t.type !== type) throw UNSUPPORTED;
    this.i++;
    return t;
  }

  root(): Program {
    const program = this.program();
    this.take('EOF');
    return program;
  }

  private program(): Program {
    const body: Statement[] = [];
    for (;;) {
      const t = this.peek();
      switch (t.type) {
        case 'CONTENT':
          this.i++;
          body.push({ type: 'ContentStatement', original: t.text, value: t.text, loc: loc(t) });
          break;
        case 'COMMENT':
          this.i++;
          body.push({ type: 'CommentStatement', value: stripComment(t.text), strip: stripFlags(t.text, t.text), loc: loc(t) });
          break;
        case 'OPEN':
        case 'OPEN_UNESCAPED':
          body.push(this.mustache());
          break;
        case 'OPEN_BLOCK':
          body.push(this.block());
          break;
        default:
          return { type: 'Program', body, strip: {} };
      }
    }
  }

  private mustache(): MustacheStatement {
    const open = this.tokens[this.i++];
    const path = this.helperName();
    const params = this.params();
    const hash = this.hash();
    const close = this.take(open.type === 'OPEN' ? 'CLOSE' : 'CLOSE_UNESCAPED');
    const flag = open.text.charAt(3) || open.text.charAt(2);
    return { type: 'MustacheStatement', path, params, hash, escaped: flag !== '{' && flag !== '&', strip: stripFlags(open.text, close.text), loc: loc(open) };
  }

  private openBlock(type: 'OPEN_BLOCK' | 'OPEN_INVERSE_CHAIN'): OpenBlock & { token: Token } {
    const open = this.take(type);
    const path = this.helperName();
    const params = this.params();
    const hash = this.hash();
    let blockParams: string[] | undefined;
    if (this.peek().type === 'OPEN_BLOCK_PARAMS') {
      this.i++;
      blockParams = [this.take('ID').text];
      while (this.peek().type === 'ID') blockParams.push(this.tokens[this.i++].text);
      this.take('CLOSE_BLOCK_PARAMS');
      // yy.id() of that list: Handlebars fails on "[x]" there in its own way.
      if (/^\[.*\]$/.test(String(blockParams))) throw UNSUPPORTED;
    }
    const close = this.take('CLOSE');
    const node: OpenBlock & { token: Token } = { path, params, hash, blockParams, strip: stripFlags(open.text, close.text), token: open };
    if (type === 'OPEN_BLOCK') node.open = open.text;
    return node;
  }

  private block(): BlockStatement {
    const open = this.openBlock('OPEN_BLOCK');
    const program = this.program();
    const inverse = this.inverse();
    const end = this.take('OPEN_ENDBLOCK');
    const closePath = this.helperName();
    const close = { path: closePath, strip: stripFlags(end.text, this.take('CLOSE').text) };
    return prepareBlock(open, program, inverse, close, loc(open.token));
  }

  /** `inverseChain?`: `{{else}}...` or `{{else if ...}}...`, or nothing. */
  private inverse(): InverseChain | undefined {
    const t = this.peek().type;
    if (t === 'INVERSE') return this.inverseAndProgram();
    if (t === 'OPEN_INVERSE_CHAIN') return this.inverseChain();
    return undefined;
  }

  private inverseAndProgram(): InverseChain {
    const t = this.take('INVERSE');
    return { strip: stripFlags(t.text, t.text), program: this.program() };
  }

  private inverseChain(): InverseChain {
    const open = this.openBlock('OPEN_INVERSE_CHAIN');
    const program = this.program();
    const next = this.inverse();
    const inverse = prepareBlock(open, program, next, next, loc(open.token));
    const chained: Program = { type: 'Program', body: [inverse], strip: {}, chained: true };
    return { strip: open.strip, program: chained, chain: true };
  }

  private helperName(): PathExpression | Literal {
    const t = this.peek();
    switch (t.type) {
      case 'ID':
        return this.path(false, t);
      case 'DATA':
        this.i++;
        return this.path(true, t);
      case 'STRING':
        this.i++;
        return { type: 'StringLiteral', value: t.text, original: t.text, loc: loc(t) };
      case 'NUMBER':
        this.i++;
        return { type: 'NumberLiteral', value: Number(t.text), original: Number(t.text), loc: loc(t) };
      case 'BOOLEAN':
        this.i++;
        return { type: 'BooleanLiteral', value: t.text === 'true', original: t.text === 'true', loc: loc(t) };
      case 'UNDEFINED':
        this.i++;
        return { type: 'UndefinedLiteral', original: undefined, value: undefined, loc: loc(t) };
      case 'NULL':
        this.i++;
        return { type: 'NullLiteral', original: null, value: null, loc: loc(t) };
      default:
        throw UNSUPPORTED;
    }
  }

  /** pathSegments and preparePath; `first` is where the rule starts (the ID, or `@`). */
  private path(data: boolean, first: Token): PathExpression {
    let original = data ? '@' : '';
    const parts: string[] = [];
    let depth = 0;
    let separator = '';
    for (;;) {
      const raw = this.take('ID').text;
      const part = id(raw);
      original += separator + part;
      if (raw === part && (part === '..' || part === '.' || part === 'this')) {
        if (parts.length > 0) throw UNSUPPORTED; // "Invalid path: ..."
        if (part === '..') depth++;
      } else {
        parts.push(part);
      }
      if (this.peek().type !== 'SEP') break;
      separator = this.tokens[this.i++].text;
    }
    return { type: 'PathExpression', data, depth, parts, original, loc: loc(first) };
  }

  private isParamStart(t: Token): boolean {
    switch (t.type) {
      case 'ID':
        return this.tokens[this.i + 1].type !== 'EQUALS';
      case 'DATA': case 'STRING': case 'NUMBER': case 'BOOLEAN': case 'UNDEFINED': case 'NULL': case 'OPEN_SEXPR':
        return true;
      default:
        return false;
    }
  }

  private params(): Expression[] {
    const params: Expression[] = [];
    while (this.isParamStart(this.peek())) params.push(this.param());
    return params;
  }

  private param(): Expression {
    const t = this.peek();
    if (t.type !== 'OPEN_SEXPR') return this.helperName();
    this.i++;
    const path = this.helperName();
    const params = this.params();
    const hash = this.hash();
    this.take('CLOSE_SEXPR');
    return { type: 'SubExpression', path, params, hash, loc: loc(t) };
  }

  private hash(): Hash | undefined {
    const t = this.peek();
    if (t.type !== 'ID' || this.tokens[this.i + 1].type !== 'EQUALS') return undefined;
    const pairs: HashPair[] = [];
    while (this.peek().type === 'ID' && this.tokens[this.i + 1].type === 'EQUALS') {
      const key = this.tokens[this.i];
      this.i += 2;
      pairs.push({ type: 'HashPair', key: id(key.text), value: this.param(), loc: loc(key) });
    }
    return { type: 'Hash', pairs, loc: loc(t) };
  }
}

function prepareBlock(openBlock: OpenBlock, program: Program, inverseAndProgram: InverseChain | undefined, close: { path?: PathExpression | Literal; strip: Strip } | undefined, where: Loc): BlockStatement {
  if (close && close.path && openBlock.path.original !== close.path.original) throw UNSUPPORTED; // "x doesn't match y"
  program.blockParams = openBlock.blockParams;
  let inverse: Program | undefined;
  let inverseStrip: Strip | undefined;
  if (inverseAndProgram) {
    if (inverseAndProgram.chain) (inverseAndProgram.program.body[0] as BlockStatement).closeStrip = close!.strip;
    inverseStrip = inverseAndProgram.strip;
    inverse = inverseAndProgram.program;
  }
  return {
    type: 'BlockStatement',
    path: openBlock.path,
    params: openBlock.params,
    hash: openBlock.hash,
    program,
    inverse,
    openStrip: openBlock.strip,
    inverseStrip,
    closeStrip: close && close.strip,
    loc: where,
  };
}

// ---------------------------------------------------------------------------------------------
// Whitespace control: Handlebars' compiler/whitespace-control.js, line for line (standalone lines
// and `~`). Handlebars runs it once when parsing and again when compiling; so do we.

interface StripInfo {
  open?: boolean;
  close?: boolean;
  openStandalone?: boolean;
  closeStandalone?: boolean;
  inlineStandalone?: boolean;
}

type Node = Statement;

const PREV_WS = /(?:^|\S)[^\S\n]*\n\s*$/;
const PREV_WS_ROOT = /^\s*$|(?:^|\S)[^\S\n]*\n\s*$/;
const NEXT_WS = /^\s*?\r?\n/;
const NEXT_WS_ROOT = /^\s*?(\r?\n|$)/;
const TRIM_START_ALL = /^\s+/;
const TRIM_START_LINE = /^[ \t]*\r?\n?/;
const TRIM_END_ALL = /(^|\S)\s+$/;
const TRIM_END_LINE = /(^|[^ \t])[ \t]+$/;

function isPrevWhitespace(body: Node[], i: number | undefined, isRoot?: boolean): boolean | undefined {
  if (i === undefined) i = body.length;
  const prev = body[i - 1];
  const sibling = body[i - 2];
  if (!prev) return isRoot;
  if (prev.type === 'ContentStatement') {
    return (sibling || !isRoot ? PREV_WS : PREV_WS_ROOT).test((prev as ContentStatement).original);
  }
  return undefined;
}

function isNextWhitespace(body: Node[], i: number | undefined, isRoot?: boolean): boolean | undefined {
  if (i === undefined) i = -1;
  const next = body[i + 1];
  const sibling = body[i + 2];
  if (!next) return isRoot;
  if (next.type === 'ContentStatement') {
    return (sibling || !isRoot ? NEXT_WS : NEXT_WS_ROOT).test((next as ContentStatement).original);
  }
  return undefined;
}

function omitRight(body: Node[], i?: number | null, multiple?: boolean): void {
  const current = body[i == null ? 0 : i + 1] as ContentStatement | undefined;
  if (!current || current.type !== 'ContentStatement' || (!multiple && current.rightStripped)) return;
  const original = current.value;
  current.value = current.value.replace(multiple ? TRIM_START_ALL : TRIM_START_LINE, '');
  current.rightStripped = current.value !== original;
}

function omitLeft(body: Node[], i?: number | null, multiple?: boolean): boolean | undefined {
  const current = body[i == null ? body.length - 1 : i - 1] as ContentStatement | undefined;
  if (!current || current.type !== 'ContentStatement' || (!multiple && current.leftStripped)) return undefined;
  const original = current.value;
  current.value = current.value.replace(multiple ? TRIM_END_ALL : TRIM_END_LINE, '$1');
  current.leftStripped = current.value !== original;
  return current.leftStripped;
}

class WhitespaceControl {
  private isRootSeen = false;

  accept(node: Node | Program | undefined): StripInfo | undefined {
    if (!node) return undefined;
    switch (node.type) {
      case 'Program':
        this.program(node as Program);
        return undefined;
      case 'BlockStatement':
      case 'DecoratorBlock':
      case 'PartialBlockStatement':
        return this.block(node as BlockStatement);
      case 'MustacheStatement':
      case 'Decorator':
        return (node as MustacheStatement).strip;
      case 'PartialStatement':
      case 'CommentStatement': {
        const strip = ((node as CommentStatement).strip || {}) as Strip;
        return { inlineStandalone: true, open: strip.open, close: strip.close };
      }
      default:
        return undefined;
    }
  }

  private program(program: Program): void {
    const isRoot = !this.isRootSeen;
    this.isRootSeen = true;
    const body = program.body;
    for (let i = 0, l = body.length; i < l; i++) {
      const current = body[i];
      const strip = this.accept(current);
      if (!strip) continue;
      // (Both checks are pure: skipped for mustaches, which are never standalone.)
      const maybe = strip.openStandalone || strip.closeStandalone || strip.inlineStandalone;
      const prevWs = maybe ? isPrevWhitespace(body, i, isRoot) : undefined;
      const nextWs = maybe ? isNextWhitespace(body, i, isRoot) : undefined;
      const openStandalone = strip.openStandalone && prevWs;
      const closeStandalone = strip.closeStandalone && nextWs;
      const inlineStandalone = strip.inlineStandalone && prevWs && nextWs;
      if (strip.close) omitRight(body, i, true);
      if (strip.open) omitLeft(body, i, true);
      if (inlineStandalone) {
        omitRight(body, i);
        if (omitLeft(body, i) && current.type === 'PartialStatement') {
          (current as OtherStatement).indent = /(?:^|[^ \t])([ \t]+)$/.exec((body[i - 1] as ContentStatement).original)![1];
        }
      }
      if (openStandalone) {
        const b = current as BlockStatement;
        omitRight((b.program || b.inverse).body);
        omitLeft(body, i);
      }
      if (closeStandalone) {
        const b = current as BlockStatement;
        omitRight(body, i);
        omitLeft((b.inverse || b.program).body);
      }
    }
  }

  private block(block: BlockStatement): StripInfo {
    this.accept(block.program);
    this.accept(block.inverse);
    const program = (block.program || block.inverse)!;
    const inverse = block.program && block.inverse;
    let firstInverse = inverse;
    let lastInverse = inverse;
    if (inverse && inverse.chained) {
      firstInverse = (inverse.body[0] as BlockStatement).program;
      while (lastInverse!.chained) lastInverse = (lastInverse!.body[lastInverse!.body.length - 1] as BlockStatement).program;
    }
    const strip: StripInfo = {
      open: block.openStrip.open,
      close: block.closeStrip!.close,
      openStandalone: isNextWhitespace(program.body, undefined),
      closeStandalone: isPrevWhitespace((firstInverse || program).body, undefined),
    };
    if (block.openStrip.close) omitRight(program.body, null, true);
    if (inverse) {
      const inverseStrip = block.inverseStrip!;
      if (inverseStrip.open) omitLeft(program.body, null, true);
      if (inverseStrip.close) omitRight(firstInverse!.body, null, true);
      if (block.closeStrip!.open) omitLeft(lastInverse!.body, null, true);
      if (isPrevWhitespace(program.body, undefined) && isNextWhitespace(firstInverse!.body, undefined)) {
        omitLeft(program.body);
        omitRight(firstInverse!.body);
      }
    } else if (block.closeStrip!.open) {
      omitLeft(program.body, null, true);
    }
    return strip;
  }
}

/** Handlebars' whitespace pass over `program` as a root, in place (what its compile step does). */
export function controlWhitespace(program: Program): Program {
  new WhitespaceControl().accept(program);
  return program;
}

// ---------------------------------------------------------------------------------------------

let handlebarsModule: typeof HandlebarsNs | undefined;
/** Handlebars itself, loaded on first need only: parsing rare constructs and reporting syntax errors. */
export function handlebars(): typeof HandlebarsNs {
  handlebarsModule ??= createRequire(import.meta.url)('handlebars') as typeof HandlebarsNs;
  return handlebarsModule;
}

/** Handlebars.parseWithoutProcessing's AST, or undefined where Handlebars' parser must decide. */
export function parseFast(source: string): Program | undefined {
  try {
    return new Parser(lex(source)).root();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** Handlebars.parse(source): the AST after the parse-time whitespace pass; throws its syntax errors. */
export function parse(source: string): Program {
  const fast = parseFast(source);
  if (fast) return controlWhitespace(fast);
  return handlebars().parse(source) as unknown as Program;
}
