// Static checks on a parsed template, before anything runs: calling a function that does not exist
// is a typo we can point at by line without rendering (and lint reports all of them at once).
import { TemplateError, type Loc } from './errors.ts';

interface Node {
  type: string;
  loc?: Loc;
  path?: { type: string; parts?: string[]; data?: boolean; depth?: number; original?: unknown };
  params?: Node[];
  hash?: { pairs: Array<{ value: Node }> };
  [k: string]: unknown;
}

function isCall(n: Node): boolean {
  if (n.type === 'SubExpression') return true;
  if (n.type !== 'MustacheStatement' && n.type !== 'BlockStatement') return false;
  return (n.params?.length ?? 0) > 0 || (n.hash?.pairs.length ?? 0) > 0;
}

/** Unknown helper names used as functions, each with its line. */
export function unknownHelpers(ast: unknown, known: Record<string, unknown>, file: string): TemplateError[] {
  const out: TemplateError[] = [];
  const blockParams: string[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) {
      for (let i = 0; i < n.length; i++) visit(n[i]);
      return;
    }
    if (!n || typeof n !== 'object') return;
    const node = n as Node;
    switch (node.type) {
      case 'Program':
        visit(node.body);
        return;
      case 'Hash':
        visit(node.pairs);
        return;
      case 'HashPair':
        visit(node.value);
        return;
      case 'MustacheStatement':
      case 'SubExpression':
      case 'BlockStatement':
        break;
      case 'PartialStatement':
      case 'PartialBlockStatement':
      case 'Decorator':
      case 'DecoratorBlock':
        break;
      default:
        return; // content, comments, paths and literals call nothing
    }
    const p = node.path;
    if (isCall(node) && p?.type === 'PathExpression' && p.parts?.length === 1 && !p.data && !p.depth) {
      const name = p.parts[0];
      if (!Object.hasOwn(known, name) && !blockParams.includes(name)) out.push(new TemplateError(`unknown function "${name}"`, node.loc ?? null, file));
    }
    const bp = (node.program as { blockParams?: string[] } | undefined)?.blockParams;
    if (bp) blockParams.push(...bp);
    if (node.type === 'MustacheStatement' || node.type === 'SubExpression' || node.type === 'BlockStatement') {
      visit(node.params);
      visit(node.hash);
      visit(node.program);
      visit(node.inverse);
    } else {
      // Partials and decorators (from Handlebars' parser): every property but the location.
      for (const k of Object.keys(node)) if (k !== 'loc' && k !== 'path') visit(node[k]);
    }
    if (bp) blockParams.splice(blockParams.length - bp.length, bp.length);
  };
  visit(ast);
  return out;
}
