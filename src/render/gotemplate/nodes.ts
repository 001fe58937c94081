// The parse tree of a Go template (text/template/parse/node.go). Nodes are plain objects with a
// string kind; `pos` is a UTF-16 offset into the tree's text (turned into Go's byte column only when
// an error is reported). nodeString() renders a node as Go's Node.String() does, which is what error
// messages quote (`executing "x" at <.Values.a.b>`).
import { quoteGo } from './quote.ts';

export interface Tree {
  /** The template's name (a file, or a define's name). */
  name: string;
  /** The name of the file whose text holds this tree, for error locations. */
  parseName: string;
  text: string;
  root: ListNode;
}

interface Base { pos: number; tree: Tree }
export interface ListNode extends Base { k: 'list'; nodes: Node[] }
export interface TextNode extends Base { k: 'text'; text: string }
export interface CommentNode extends Base { k: 'comment'; text: string }
export interface ActionNode extends Base { k: 'action'; line: number; pipe: PipeNode }
export interface BranchNode extends Base {
  k: 'if' | 'with' | 'range';
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
export interface TemplateNode extends Base { k: 'template'; line: number; name: string; pipe: PipeNode | null }
export interface BreakNode extends Base { k: 'break'; line: number }
export interface ContinueNode extends Base { k: 'continue'; line: number }
export interface PipeNode extends Base {
  k: 'pipe';
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode extends Base { k: 'command'; args: Node[] }
export interface FieldNode extends Base { k: 'field'; ident: string[] }
export interface VariableNode extends Base { k: 'variable'; ident: string[] }
export interface ChainNode extends Base { k: 'chain'; node: Node; field: string[] }
export interface IdentifierNode extends Base { k: 'identifier'; ident: string }
export interface DotNode extends Base { k: 'dot' }
export interface NilNode extends Base { k: 'nil' }
export interface BoolNode extends Base { k: 'bool'; val: boolean }
export interface NumberNode extends Base {
  k: 'number';
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: bigint;
  float: number;
}
export interface StringNode extends Base { k: 'string'; quoted: string; text: string }
export interface EndNode extends Base { k: 'end' }
export interface ElseNode extends Base { k: 'else'; line: number }

export type Node =
  | ListNode | TextNode | CommentNode | ActionNode | BranchNode | TemplateNode | BreakNode | ContinueNode
  | PipeNode | CommandNode | FieldNode | VariableNode | ChainNode | IdentifierNode | DotNode | NilNode
  | BoolNode | NumberNode | StringNode | EndNode | ElseNode;

/** Go's Node.String(). */
export function nodeString(n: Node): string {
  switch (n.k) {
    case 'list': return n.nodes.map(nodeString).join('');
    case 'text': return n.text;
    case 'comment': return '{{' + n.text + '}}';
    case 'action': return '{{' + nodeString(n.pipe) + '}}';
    case 'if': case 'with': case 'range': {
      let s = `{{${n.k} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
      if (n.elseList) s += '{{else}}' + nodeString(n.elseList);
      return s + '{{end}}';
    }
    case 'template': return `{{template ${quoteGo(n.name)}${n.pipe ? ' ' + nodeString(n.pipe) : ''}}}`;
    case 'break': return '{{break}}';
    case 'continue': return '{{continue}}';
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) s = n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.k === 'pipe' ? '(' + nodeString(a) + ')' : nodeString(a))).join(' ');
    case 'field': return n.ident.map((i) => '.' + i).join('');
    case 'variable': return n.ident.join('.');
    case 'chain': {
      const base = n.node.k === 'pipe' ? '(' + nodeString(n.node) + ')' : nodeString(n.node);
      return base + n.field.map((f) => '.' + f).join('');
    }
    case 'identifier': return n.ident;
    case 'dot': return '.';
    case 'nil': return 'nil';
    case 'bool': return n.val ? 'true' : 'false';
    case 'number': return n.text;
    case 'string': return n.quoted;
    case 'end': return '{{end}}';
    case 'else': return '{{else}}';
  }
}


/** Go's parse.IsEmptyTree: a tree of only whitespace and comments (it does not replace a definition). */
export function isEmptyTree(n: Node | null): boolean {
  if (n === null) return true;
  switch (n.k) {
    case 'comment': return true;
    case 'list': return n.nodes.every(isEmptyTree);
    case 'text': return n.text.trim().length === 0;
    default: return false;
  }
}

/** Go's Tree.ErrorContext location: FILE:LINE:COL with COL a 0-based byte offset in its line. */
export function errorPosition(n: Node): { line: number; col: number } {
  const t = n.tree;
  const before = t.text.slice(0, n.pos);
  const nl = before.lastIndexOf('\n');
  let line = 1;
  for (let i = 0; i < before.length; i++) if (before.charCodeAt(i) === 10) line++;
  const col = nl < 0 ? Buffer.byteLength(before) : Buffer.byteLength(before.slice(nl + 1));
  return { line, col };
}
