// Go's text/template in TypeScript: parse once, execute many times, with Go's semantics and error
// texts (see exec.ts for how Go's values map to JS values, value.ts for the function contract).
// testdata/cases.jsonl holds what the real Go printed for each construct (cases.test.ts), and
// helm.test.ts replays them through the real Helm binary.
//
// Where we differ from Go, knowingly (each is a `deviation` case in testdata/cases.jsonl):
// - int and int64 are both bigint: %T and error texts say int.
// - A JS array is a []interface {}; it is accepted for a []string parameter when all its elements
//   are strings (Sprig returns []string; JS cannot tell them apart).
// - Pointers and functions nested in printed maps or slices print as {…} and 0xc000010000, not as
//   addresses; a function value's type prints as func(...interface {}) interface {}.
// - Complex constants are refused. Parentheses nest at most 1000 deep (Go: 10000), and `template`
//   or include calls at most maxDepth (Go: 100000); outputs are capped at maxOutputBytes (UTF-16
//   units); neither limit exists in Go or Helm.
import { BUILTINS } from './builtins.ts';
import { GoTemplateError } from './errors.ts';
import { depthError, type ExecContext, ExecState, MISSING_DEFAULT, MISSING_ERROR, MISSING_ZERO } from './exec.ts';
import { isEmptyTree, type Tree } from './nodes.ts';
import { parseTemplates } from './parse.ts';
import { quoteGo } from './quote.ts';
import type { FuncMap, GoFunc, GoValue } from './value.ts';

export { GoTemplateError } from './errors.ts';
export * from './value.ts';

export interface TemplateSetOptions {
  /** Go's missingkey option: Helm runs with 'zero'. */
  missingKey?: 'default' | 'zero' | 'error';
  /** Nesting of `template`/include calls allowed (Helm has no limit; Go's is 100000). */
  maxDepth?: number;
  /** Output of one execute allowed, in UTF-16 units (= bytes for ASCII text). */
  maxOutputBytes?: number;
}

const DEFAULT_MAX_DEPTH = 100;
const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;

/** State shared by a set and its clones: the chain of executing templates (for the depth limit). */
interface Shared { chain: string[] }

/** A set of templates sharing one namespace of {{define}}s, as Go's *template.Template. */
export class TemplateSet {
  private readonly funcs: Map<string, GoFunc>;
  private readonly templates: Map<string, Tree>;
  private readonly missingKey: number;
  private readonly maxDepth: number;
  private readonly maxOutputBytes: number;
  private readonly shared: Shared;

  constructor(funcs: FuncMap, options: TemplateSetOptions = {}) {
    this.funcs = new Map(Object.entries(funcs));
    this.templates = new Map();
    const mk = options.missingKey ?? 'default';
    this.missingKey = mk === 'zero' ? MISSING_ZERO : mk === 'error' ? MISSING_ERROR : MISSING_DEFAULT;
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
    this.shared = { chain: [] };
  }

  /** Go's t.New(name).Parse(text). Later definitions replace earlier ones, except that an empty
   * (whitespace-only) body never replaces a template (Go's associate). */
  parse(name: string, text: string): void {
    const trees = parseTemplates(name, text, (f) => this.funcs.has(f) || BUILTINS.has(f));
    for (const [n, tree] of trees) {
      const old = this.templates.get(n);
      if (old !== undefined && isEmptyTree(tree.root)) continue;
      this.templates.set(n, tree);
    }
  }

  has(name: string): boolean {
    return this.templates.has(name);
  }

  names(): string[] {
    return [...this.templates.keys()];
  }

  addFuncs(funcs: FuncMap): void {
    for (const [k, v] of Object.entries(funcs)) this.funcs.set(k, v);
  }

  clone(): TemplateSet {
    const c = Object.create(TemplateSet.prototype) as TemplateSet;
    Object.assign(c, this, { funcs: new Map(this.funcs), templates: new Map(this.templates) });
    return c;
  }

  /** Executes template `name` with dot = data. */
  execute(name: string, data: GoValue): string {
    const tree = this.templates.get(name);
    if (tree === undefined) {
      const m = `template: no template ${quoteGo(name)} associated with template "gotpl"`;
      throw new GoTemplateError(m, { template: name, goMessage: m });
    }
    const chain = this.shared.chain;
    const ctx: ExecContext = {
      funcs: this.funcs,
      templates: this.templates,
      missingKey: this.missingKey,
      maxDepth: this.maxDepth,
      maxOutputBytes: this.maxOutputBytes,
      chain,
    };
    if (chain.length >= this.maxDepth) throw depthError(ctx, name);
    const dot = data === null ? undefined : data;
    const depth = chain.length;
    chain.push(name);
    try {
      return new ExecState(ctx, tree, dot).run(dot);
    } catch (e) {
      if (e instanceof RangeError && /call stack/i.test(e.message)) {
        const m = `template ${chain[0] ?? name}: nested too deeply (${chain.slice(0, 6).join(' → ')} …)`;
        throw new GoTemplateError(m, { template: chain[0] ?? name, goMessage: m, limit: true });
      }
      throw e;
    } finally {
      chain.length = depth;
    }
  }
}
