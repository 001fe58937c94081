// The parser of Go's text/template (text/template/parse/parse.go): the same recursive descent with a
// three-token lookahead, so that errors name the same line and say the same words as Go's.
import { GoTemplateError } from './errors.ts';
import {
  I_ASSIGN, I_BLOCK, I_BOOL, I_BREAK, I_CHAR, I_CHAR_CONSTANT, I_COMMENT, I_COMPLEX, I_CONTINUE, I_DECLARE,
  I_DEFINE, I_DOT, I_ELSE, I_END, I_EOF, I_ERROR, I_FIELD, I_IDENTIFIER, I_IF, I_LEFT_DELIM, I_LEFT_PAREN,
  I_NIL, I_NUMBER, I_PIPE, I_RANGE, I_RAW_STRING, I_RIGHT_DELIM, I_RIGHT_PAREN, I_SPACE, I_STRING,
  I_TEMPLATE, I_TEXT, I_VARIABLE, I_WITH, type Item, itemString, Lexer,
} from './lex.ts';
import {
  type BranchNode, type ChainNode, type CommandNode, type ElseNode, type EndNode, isEmptyTree, type ListNode,
  type Node, nodeString, type NumberNode, type PipeNode, type Tree, type VariableNode,
} from './nodes.ts';
import { parseGoNumber } from './number.ts';
import { unquote, unquoteChar } from './quote.ts';

/** Parenthesised expressions nest at most this deep (Go allows 10000; a JS stack would not). */
export const MAX_PAREN_DEPTH = 1000;

class ParseError extends Error {
  readonly line: number;
  readonly bare: string;
  constructor(message: string, line: number, bare: string) {
    super(message);
    this.line = line;
    this.bare = bare;
  }
}

/** Parses `text` as template `name`: the top-level tree and its {{define}}s, by name. */
export function parseTemplates(name: string, text: string, hasFunction: (name: string) => boolean): Map<string, Tree> {
  const treeSet = new Map<string, Tree>();
  const lexer = new Lexer(text);
  const p = new TreeParser(name, name, text, lexer, treeSet, hasFunction);
  try {
    p.parseTop();
  } catch (e) {
    if (e instanceof ParseError) throw new GoTemplateError(e.message, { template: name, line: e.line, goMessage: e.bare });
    if (e instanceof RangeError) {
      const msg = `template: ${name}: template nested too deeply to parse`;
      throw new GoTemplateError(msg, { template: name, goMessage: msg });
    }
    throw e;
  }
  return treeSet;
}

class TreeParser {
  readonly tree: Tree;
  private readonly token: Item[] = [null!, null!, null!];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;
  private stackDepth = 0;

  readonly parseName: string;
  readonly text: string;
  readonly lex: Lexer;
  readonly treeSet: Map<string, Tree>;
  readonly hasFunction: (name: string) => boolean;

  constructor(
    name: string, parseName: string, text: string, lex: Lexer, treeSet: Map<string, Tree>,
    hasFunction: (name: string) => boolean,
  ) {
    this.parseName = parseName;
    this.text = text;
    this.lex = lex;
    this.treeSet = treeSet;
    this.hasFunction = hasFunction;
    this.tree = { name, parseName, text, root: null! };
    lex.options = { breakOK: !hasFunction('break'), continueOK: !hasFunction('continue') };
  }

  // --- the token buffer, as Go's Tree.next/backup/peek
  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount];
  }
  private backup(): void { this.peekCount++; }
  private backup2(t1: Item): void { this.token[1] = t1; this.peekCount = 2; }
  private backup3(t2: Item, t1: Item): void { this.token[1] = t1; this.token[2] = t2; this.peekCount = 3; }
  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }
  private nextNonSpace(): Item {
    let t: Item;
    do t = this.next(); while (t.typ === I_SPACE);
    return t;
  }
  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  // --- errors
  private errorf(msg: string): never {
    const line = this.token[0]?.line ?? 1;
    throw new ParseError(`template: ${this.parseName}:${line}: ${msg}`, line, msg);
  }
  private expect(expected: number, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== expected) this.unexpected(t, context);
    return t;
  }
  private expectOneOf(e1: number, e2: number, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== e1 && t.typ !== e2) this.unexpected(t, context);
    return t;
  }
  private unexpected(t: Item, context: string): never {
    if (t.typ === I_ERROR) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(t.val + extra);
    }
    this.errorf(`unexpected ${itemString(t)} in ${context}`);
  }

  private add(): void {
    const old = this.treeSet.get(this.tree.name);
    if (old === undefined || isEmptyTree(old.root)) {
      this.treeSet.set(this.tree.name, this.tree);
      return;
    }
    if (!isEmptyTree(this.tree.root)) this.errorf(`template: multiple definition of template ${JSON.stringify(this.tree.name)}`);
  }

  private list(pos: number): ListNode { return { k: 'list', pos, tree: this.tree, nodes: [] }; }

  // --- structure
  parseTop(): void {
    this.tree.root = this.list(this.peek().pos);
    while (this.peek().typ !== I_EOF) {
      if (this.peek().typ === I_LEFT_DELIM) {
        const delim = this.next();
        if (this.nextNonSpace().typ === I_DEFINE) {
          const d = new TreeParser('definition', this.parseName, this.text, this.lex, this.treeSet, this.hasFunction);
          d.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.k === 'end' || n.k === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      else this.tree.root.nodes.push(n);
    }
    this.add();
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf(I_STRING, I_RAW_STRING, context);
    this.tree.name = this.unquoteOrFail(name.val);
    this.expect(I_RIGHT_DELIM, context);
    const [list, end] = this.itemList();
    this.tree.root = list;
    if (end.k !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add();
  }

  private unquoteOrFail(lit: string): string {
    try {
      return unquote(lit);
    } catch {
      return this.errorf('invalid syntax');
    }
  }

  private itemList(): [ListNode, EndNode | ElseNode] {
    const list = this.list(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== I_EOF) {
      const n = this.textOrAction();
      if (n.k === 'end' || n.k === 'else') return [list, n];
      list.nodes.push(n);
    }
    return this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case I_TEXT: return { k: 'text', pos: t.pos, tree: this.tree, text: t.val };
      case I_LEFT_DELIM: {
        this.actionLine = t.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      case I_COMMENT: return { k: 'comment', pos: t.pos, tree: this.tree, text: t.val };
    }
    return this.unexpected(t, 'input');
  }

  private action(): Node {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case I_BLOCK: return this.blockControl();
      case I_BREAK: return this.loopControl('break', t);
      case I_CONTINUE: return this.loopControl('continue', t);
      case I_ELSE: return this.elseControl();
      case I_END: return { k: 'end', pos: this.expect(I_RIGHT_DELIM, 'end').pos, tree: this.tree };
      case I_IF: return this.branch('if');
      case I_RANGE: return this.branch('range');
      case I_TEMPLATE: return this.templateControl();
      case I_WITH: return this.branch('with');
    }
    this.backup();
    const tok = this.peek();
    return { k: 'action', pos: tok.pos, line: tok.line, tree: this.tree, pipe: this.pipeline('command', I_RIGHT_DELIM) };
  }

  private loopControl(k: 'break' | 'continue', t: Item): Node {
    const tok = this.nextNonSpace();
    if (tok.typ !== I_RIGHT_DELIM) this.unexpected(tok, `{{${k}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${k}}} outside {{range}}`);
    return { k, pos: t.pos, line: t.line, tree: this.tree };
  }

  private pipeline(context: string, end: number): PipeNode {
    const tok = this.peekNonSpace();
    const pipe: PipeNode = { k: 'pipe', pos: tok.pos, line: tok.line, tree: this.tree, isAssign: false, decl: [], cmds: [] };
    for (;;) { // the `decls:` label of Go's parser
      const v = this.peekNonSpace();
      if (v.typ !== I_VARIABLE) break;
      this.next();
      const after = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === I_ASSIGN || next.typ === I_DECLARE) {
        pipe.isAssign = next.typ === I_ASSIGN;
        this.nextNonSpace();
        pipe.decl.push(this.variable(v.pos, v.val));
        this.vars.push(v.val);
      } else if (next.typ === I_CHAR && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.variable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().typ;
          if (p === I_VARIABLE || p === I_RIGHT_DELIM || p === I_RIGHT_PAREN) continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (after.typ === I_SPACE) {
        this.backup3(v, after);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      switch (t.typ) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case I_BOOL: case I_CHAR_CONSTANT: case I_COMPLEX: case I_DOT: case I_FIELD: case I_IDENTIFIER:
        case I_NUMBER: case I_NIL: case I_RAW_STRING: case I_STRING: case I_VARIABLE: case I_LEFT_PAREN:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const k = pipe.cmds[i].args[0].k;
      if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  private branch(context: 'if' | 'with' | 'range'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, I_RIGHT_DELIM);
      if (context === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.k === 'else') {
        if (context === 'if' && this.peek().typ === I_IF) {
          this.next();
          elseList = this.list(next.pos);
          elseList.nodes.push(this.branch('if'));
        } else if (context === 'with' && this.peek().typ === I_WITH) {
          this.next();
          elseList = this.list(next.pos);
          elseList.nodes.push(this.branch('with'));
        } else {
          [elseList, next] = this.itemList();
          if (next.k !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return { k: context, pos: pipe.pos, line: pipe.line, tree: this.tree, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private elseControl(): ElseNode {
    const p = this.peekNonSpace();
    if (p.typ === I_IF || p.typ === I_WITH) return { k: 'else', pos: p.pos, line: p.line, tree: this.tree };
    const t = this.expect(I_RIGHT_DELIM, 'else');
    return { k: 'else', pos: t.pos, line: t.line, tree: this.tree };
  }

  private blockControl(): Node {
    const context = 'block clause';
    const tok = this.nextNonSpace();
    const name = this.templateName(tok, context);
    const pipe = this.pipeline(context, I_RIGHT_DELIM);
    const block = new TreeParser(name, this.parseName, this.text, this.lex, this.treeSet, this.hasFunction);
    const [list, end] = block.itemList();
    block.tree.root = list;
    if (end.k !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.add();
    return { k: 'template', pos: tok.pos, line: tok.line, tree: this.tree, name, pipe };
  }

  private templateControl(): Node {
    const context = 'template clause';
    const tok = this.nextNonSpace();
    const name = this.templateName(tok, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== I_RIGHT_DELIM) {
      this.backup();
      pipe = this.pipeline(context, I_RIGHT_DELIM);
    }
    return { k: 'template', pos: tok.pos, line: tok.line, tree: this.tree, name, pipe };
  }

  private templateName(tok: Item, context: string): string {
    if (tok.typ === I_STRING || tok.typ === I_RAW_STRING) return this.unquoteOrFail(tok.val);
    return this.unexpected(tok, context);
  }

  private command(): CommandNode {
    const cmd: CommandNode = { k: 'command', pos: this.peekNonSpace().pos, tree: this.tree, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== null) cmd.args.push(operand);
      const t = this.next();
      if (t.typ === I_SPACE) continue;
      if (t.typ === I_RIGHT_DELIM || t.typ === I_RIGHT_PAREN) this.backup();
      else if (t.typ !== I_PIPE) this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | null {
    let node = this.term();
    if (node === null) return null;
    if (this.peek().typ === I_FIELD) {
      const chain: ChainNode = { k: 'chain', pos: this.peek().pos, tree: this.tree, node, field: [] };
      while (this.peek().typ === I_FIELD) chain.field.push(this.next().val.slice(1));
      switch (node.k) {
        case 'field':
          node = { k: 'field', pos: chain.pos, tree: this.tree, ident: [...node.ident, ...chain.field] };
          break;
        case 'variable':
          node = { k: 'variable', pos: chain.pos, tree: this.tree, ident: [...node.ident, ...chain.field] };
          break;
        case 'bool': case 'string': case 'number': case 'nil': case 'dot':
          this.errorf(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
          break;
        default:
          node = chain;
      }
    }
    return node;
  }

  private term(): Node | null {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case I_IDENTIFIER:
        if (!this.hasFunction(t.val)) this.errorf(`function ${JSON.stringify(t.val)} not defined`);
        return { k: 'identifier', pos: t.pos, tree: this.tree, ident: t.val };
      case I_DOT: return { k: 'dot', pos: t.pos, tree: this.tree };
      case I_NIL: return { k: 'nil', pos: t.pos, tree: this.tree };
      case I_VARIABLE: return this.useVar(t.pos, t.val);
      case I_FIELD: return { k: 'field', pos: t.pos, tree: this.tree, ident: t.val.slice(1).split('.') };
      case I_BOOL: return { k: 'bool', pos: t.pos, tree: this.tree, val: t.val === 'true' };
      case I_CHAR_CONSTANT: case I_COMPLEX: case I_NUMBER: return this.number(t);
      case I_LEFT_PAREN: {
        if (this.stackDepth >= MAX_PAREN_DEPTH) this.errorf('max expression depth exceeded');
        this.stackDepth++;
        try {
          return this.pipeline('parenthesized pipeline', I_RIGHT_PAREN);
        } finally {
          this.stackDepth--;
        }
      }
      case I_STRING: case I_RAW_STRING:
        return { k: 'string', pos: t.pos, tree: this.tree, quoted: t.val, text: this.unquoteOrFail(t.val) };
    }
    this.backup();
    return null;
  }

  private number(t: Item): NumberNode {
    const base = { k: 'number' as const, pos: t.pos, tree: this.tree, text: t.val, isComplex: false };
    if (t.typ === I_CHAR_CONSTANT) {
      let r: number, next: number;
      try {
        [r, , next] = unquoteChar(t.val, 1, 39);
      } catch {
        return this.errorf('invalid syntax');
      }
      if (t.val.slice(next) !== "'") this.errorf(`malformed character constant: ${t.val}`);
      return { ...base, isInt: true, isUint: true, isFloat: true, int: BigInt(r), float: r };
    }
    let n;
    try {
      n = parseGoNumber(t.val);
    } catch (e) {
      return this.errorf((e as Error).message);
    }
    return { ...base, isInt: n.isInt, isUint: n.isUint, isFloat: n.isFloat, int: n.int, float: n.float };
  }

  private variable(pos: number, ident: string): VariableNode {
    return { k: 'variable', pos, tree: this.tree, ident: ident.split('.') };
  }

  private useVar(pos: number, name: string): VariableNode {
    const v = this.variable(pos, name);
    if (!this.vars.includes(v.ident[0])) this.errorf(`undefined variable ${JSON.stringify(v.ident[0])}`);
    return v;
  }
}

