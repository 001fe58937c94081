// Runs a parsed template directly, instead of compiling it to JavaScript with Handlebars (which cost
// a `new Function` per template and most of a render). It reproduces what the code Handlebars 4.7
// generates would do with our options (noEscape, data, known helpers, strict off), including its
// quirks, so output stays byte for byte the same:
// - how a mustache is classified: a helper call, a lookup, or "ambiguous" (a single name that is
//   not a helper: a helper-less lookup, or a function in the data, called);
// - strict lookups: a path printed as is, or called as a function, must exist (own properties
//   only), else an error with its line; paths given to helpers resolve to undefined when missing;
// - `../` (depths, which only count blocks that change the context), block params, @data frames;
// - how the generated code joins output: a block body with one statement returns its value as is,
//   and adjacent values are joined with `+`, so `{{a}}{{b}}` with numbers adds them, as before.
import type { BlockStatement, Expression, Hash, Literal, Loc, MustacheStatement, PathExpression, Program, Statement, SubExpression } from './parse.ts';
import { TemplateError } from './errors.ts';

export type Helper = (this: unknown, ...args: any[]) => unknown;
export interface HelperOptions {
  lookupProperty?: (parent: any, name: string) => unknown;
  name: string;
  hash: Record<string, unknown>;
  fn?: ProgramFn;
  inverse?: ProgramFn;
  data?: Data;
  loc?: Loc;
}
export type ProgramFn = (context?: unknown, options?: { data?: Data; blockParams?: unknown[] }) => unknown;
export type Data = Record<string, any>;

interface Partial {
  type: 'PartialStatement' | 'PartialBlockStatement';
  name: PathExpression | SubExpression;
  params: Expression[];
  program?: Program;
  loc?: Loc;
}

interface BlockParams {
  names: string[] | undefined;
  values: unknown[] | undefined;
  parent: BlockParams | null;
}
interface Depths {
  value: unknown;
  parent: Depths | null;
}
/** Where a program runs: its context (depth0), @data frame, block params and `../` chain. */
interface Scope {
  ctx: unknown;
  data: Data;
  bp: BlockParams | null;
  depths: Depths;
}

const hasOwn = Object.prototype.hasOwnProperty;
/** Handlebars' container.nullContext: `this` of a helper called where the context is null. */
const nullContext = Object.seal({});
const noop: ProgramFn = () => '';

/** Handlebars' lookupProperty with prototype access off: own properties only. */
export function lookupProperty(parent: any, name: string): unknown {
  const result = parent[name];
  if (result == null) return result;
  if (hasOwn.call(parent, name)) return result;
  return undefined;
}

export function createFrame(object: Data): Data {
  const frame: Data = {};
  for (const key in object) if (hasOwn.call(object, key)) frame[key] = object[key];
  frame._parent = object;
  return frame;
}

const isScoped = (p: PathExpression) => /^\.|this\b/.test(p.original);
const isSimpleId = (p: PathExpression) => p.parts.length === 1 && !isScoped(p) && !p.depth;

/** Literal helper names (`{{"x"}}`) are looked up as paths, as Handlebars' transformLiteralToPath does. */
function asPath(node: { path: PathExpression | Literal }): PathExpression {
  const path = node.path;
  if (path.type === 'PathExpression') return path;
  const name = String(path.original);
  const p: PathExpression = { type: 'PathExpression', data: false, depth: 0, parts: [name], original: name, loc: path.loc };
  node.path = p;
  return p;
}

export class Interpreter {
  /** Helpers callable at run time (Handlebars moves helperMissing and blockHelperMissing out). */
  private readonly helpers: Record<string, Helper>;
  /** Names compiled as helper calls: every helper registered when the engine was made. */
  private readonly known: Record<string, boolean>;
  private readonly helperMissing: Helper;
  private readonly blockHelperMissing: Helper;

  constructor(helpers: Record<string, Helper>) {
    this.known = Object.fromEntries(Object.keys(helpers).map((k) => [k, true]));
    this.helpers = { ...helpers };
    this.helperMissing = helpers.helperMissing;
    this.blockHelperMissing = helpers.blockHelperMissing;
    delete this.helpers.helperMissing;
    delete this.helpers.blockHelperMissing;
  }

  /** A template run from the top, as Handlebars' template function: the result as a string. */
  run(program: Program, context: unknown, data?: Data): string {
    if (!data || !('root' in data)) {
      data = data ? createFrame(data) : {};
      data.root = context;
    }
    const scope: Scope = { ctx: context, data, bp: { names: program.blockParams, values: undefined, parent: null }, depths: { value: context, parent: null } };
    return '' + (this.program(program, scope) as string);
  }

  /** A block's body as the function helpers get as options.fn / options.inverse. */
  private wrap(program: Program, outer: Scope): ProgramFn {
    return (context?: unknown, options: { data?: Data; blockParams?: unknown[] } = {}) => {
      const d = outer.depths;
      const depths = context != d.value && !(context === nullContext && d.value === null) ? { value: context, parent: d } : d;
      return this.program(program, { ctx: context, data: options.data || outer.data, bp: { names: program.blockParams, values: options.blockParams, parent: outer.bp }, depths });
    };
  }

  /**
   * A program's output as its generated function returns it: the lone statement's value as is, else
   * the values joined with `+` in the groups Handlebars' buffer code forms: `return a + b` when every
   * statement appends; otherwise `buffer = a + b` (or ""), `buffer += (c + d)` between ambiguous
   * blocks (the only statements that are not appends), and `return buffer + e + f` at the end.
   */
  private program(program: Program, s: Scope): unknown {
    const body = program.body;
    if (body.length === 1) {
      const v = this.statement(body[0], s);
      return v == null ? '' : v;
    }
    let run: any = '';
    let inRun = false;
    let buffer: any;
    let tail: unknown[] | null = null; // the runs after the first ambiguous block
    for (let i = 0; i < body.length; i++) {
      const node = body[i];
      if (node.type === 'CommentStatement' || (node.type === 'ContentStatement' && !node.value)) continue;
      if (node.type === 'BlockStatement' && this.classify(node, asPath(node), s) === 'ambiguous') {
        const v = this.block(node, s);
        if (tail === null) buffer = inRun ? run : '';
        else if (tail.length > 0) buffer += fold(tail);
        tail = [];
        if (v != null) buffer += v;
        continue;
      }
      let v = this.statement(node, s);
      if (v == null) v = '';
      // An int64 from --set prints its digits; `+` would throw mixing it with a number.
      else if (typeof v === 'bigint') v = String(v);
      if (tail !== null) tail.push(v);
      else if (inRun) run += v;
      else {
        run = v;
        inRun = true;
      }
    }
    if (tail === null) return inRun ? run : '';
    for (const v of tail) buffer += v;
    return buffer;
  }

  private statement(node: Statement, s: Scope): unknown {
    switch (node.type) {
      case 'ContentStatement':
        return node.value;
      case 'CommentStatement':
        return '';
      case 'MustacheStatement':
        return this.call(node, s);
      case 'BlockStatement':
        return this.block(node, s);
      case 'PartialStatement':
      case 'PartialBlockStatement':
        return this.partial(node as unknown as Partial, s);
      default:
        throw new TemplateError(`decorators are not supported`, (node as { loc?: Loc }).loc);
    }
  }

  /**
   * `{{> name}}` (only Handlebars' parser makes these). No partials are ever registered: a partial
   * is not found, as before, and a partial block `{{#> name}}...{{/name}}` renders its own body.
   */
  private partial(node: Partial, s: Scope): unknown {
    if (node.params.length > 1) throw new TemplateError(`Unsupported number of partial arguments: ${node.params.length}`, node.loc);
    const name = node.name.type === 'SubExpression' ? this.call(node.name as SubExpression, s) : (node.name as PathExpression).original;
    const context = node.params.length === 1 ? this.expr(node.params[0], s) : s.ctx;
    if (node.type === 'PartialStatement' || !node.program) throw new Error(`The partial ${String(name)} could not be found`);
    const data = createFrame(s.data);
    data['partial-block'] = undefined;
    return this.wrap(node.program, s)(context, { data });
  }

  private blockParamIndex(s: Scope, name: string): [number, number] | undefined {
    let depth = 0;
    for (let bp = s.bp; bp; bp = bp.parent, depth++) {
      if (bp.names) {
        const i = bp.names.indexOf(name);
        if (i >= 0) return [depth, i];
      }
    }
    return undefined;
  }

  /** Handlebars' classifySexpr. */
  private classify(node: MustacheStatement | SubExpression | BlockStatement, path: PathExpression, s: Scope): 'helper' | 'ambiguous' | 'simple' {
    const simple = isSimpleId(path);
    const isBlockParam = simple && this.blockParamIndex(s, path.parts[0]) !== undefined;
    let isHelper = !isBlockParam && (node.type === 'SubExpression' || node.params.length > 0 || !!node.hash);
    const eligible = !isBlockParam && (isHelper || simple);
    if (eligible && !isHelper && this.known[path.parts[0]]) isHelper = true;
    return isHelper ? 'helper' : eligible ? 'ambiguous' : 'simple';
  }

  /** A mustache or sub-expression. */
  private call(node: MustacheStatement | SubExpression, s: Scope): unknown {
    const path = asPath(node);
    switch (this.classify(node, path, s)) {
      case 'helper':
        return this.helperCall(node, path, s, undefined, undefined);
      case 'ambiguous':
        return this.ambiguous(node, path, s, undefined, undefined);
      default: {
        const v = this.path(path, s, true);
        return typeof v === 'function' ? v.call(s.ctx) : v;
      }
    }
  }

  private block(node: BlockStatement, s: Scope): unknown {
    const path = asPath(node);
    const fn = this.wrap(node.program, s);
    const inverse = node.inverse ? this.wrap(node.inverse, s) : noop;
    switch (this.classify(node, path, s)) {
      case 'helper':
        return this.helperCall(node, path, s, fn, inverse);
      case 'simple': {
        let v = this.path(path, s, true);
        if (typeof v === 'function') v = v.call(s.ctx);
        return this.blockHelperMissing.call(s.ctx, v, { name: path.original, hash: {}, fn, inverse, data: s.data, loc: node.loc });
      }
      default: {
        // Not a helper (else it would be known): the value goes through blockHelperMissing.
        const v = this.ambiguous(node, path, s, fn, inverse);
        return this.blockHelperMissing.call(s.ctx, v, { name: '', hash: {}, fn, inverse, data: s.data, loc: node.loc });
      }
    }
  }

  private options(name: string, hash: Record<string, unknown>, s: Scope, loc: Loc | undefined, fn: ProgramFn | undefined, inverse: ProgramFn | undefined, wrapped: boolean): HelperOptions {
    const o: HelperOptions = wrapped ? { lookupProperty, name, hash } : { name, hash };
    if (fn) {
      o.fn = fn;
      o.inverse = inverse;
    }
    o.data = s.data;
    o.loc = loc;
    return o;
  }

  private helperCall(node: MustacheStatement | SubExpression | BlockStatement, path: PathExpression, s: Scope, fn: ProgramFn | undefined, inverse: ProgramFn | undefined): unknown {
    const name = path.parts[0];
    const self = s.ctx != null ? s.ctx : nullContext;
    if (this.known[name]) {
      const helper = lookupProperty(this.helpers, name) as Helper | undefined;
      if (helper == null) throw new TypeError("Cannot read properties of undefined (reading 'call')");
      const args = this.params(node.params, s);
      args.push(this.options(name, this.hash(node.hash, s), s, node.loc, fn, inverse, true));
      return helper.apply(self, args);
    }
    // A function from the data (`Files.get "x"`): the path must exist.
    const value = this.path(path, s, true);
    const own = isSimpleId(path) ? (lookupProperty(this.helpers, name) as Helper | undefined) : undefined;
    const target = (own || value || this.helperMissing) as Helper;
    const args = this.params(node.params, s);
    args.push(this.options(path.original, this.hash(node.hash, s), s, node.loc, fn, inverse, false));
    if (typeof target !== 'function') throw new TypeError(`${path.original} is not a function`);
    return target.apply(self, args);
  }

  /** A single name that is not a helper: its value, or its result when it is a function. */
  private ambiguous(node: MustacheStatement | SubExpression | BlockStatement, path: PathExpression, s: Scope, fn: ProgramFn | undefined, inverse: ProgramFn | undefined): unknown {
    const value = this.path(path, s, true);
    let helper = (lookupProperty(this.helpers, path.parts[0]) || value) as unknown;
    if (helper == null) helper = this.helperMissing;
    if (typeof helper !== 'function') return helper;
    const self = s.ctx != null ? s.ctx : nullContext;
    return (helper as Helper).call(self, this.options(path.parts[0], {}, s, node.loc, fn, inverse, false));
  }

  private params(params: Expression[], s: Scope): unknown[] {
    const out = new Array<unknown>(params.length);
    for (let i = 0; i < params.length; i++) out[i] = this.expr(params[i], s);
    return out;
  }

  /** Values in order; assigned last to first, as Handlebars' code does (so the first of a duplicate key wins). */
  private hash(hash: Hash | undefined, s: Scope): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (!hash) return out;
    const values = hash.pairs.map((p) => this.expr(p.value, s));
    for (let i = hash.pairs.length - 1; i >= 0; i--) out[hash.pairs[i].key] = values[i];
    return out;
  }

  private expr(e: Expression, s: Scope): unknown {
    switch (e.type) {
      case 'PathExpression':
        return this.path(e, s, false);
      case 'SubExpression':
        return this.call(e, s);
      default:
        return e.value;
    }
  }

  /** A path's value; `strict` ones (printed or called) must exist, with the line when they do not. */
  private path(p: PathExpression, s: Scope, strict: boolean): unknown {
    const name = p.parts[0];
    if (!p.depth && !isScoped(p)) {
      const bp = this.blockParamIndex(s, name);
      if (bp) {
        let frame = s.bp!;
        for (let i = 0; i < bp[0]; i++) frame = frame.parent!;
        return resolve((frame.values as unknown[])[bp[1]], p.parts, 1, false, p);
      }
    }
    let base: unknown;
    if (!p.depth) base = s.ctx;
    else {
      let d: Depths | null = s.depths;
      for (let i = 0; i < p.depth && d; i++) d = d.parent;
      base = d ? d.value : undefined;
    }
    if (!name) return base; // `this`, `.`, `..` (and an empty name: `{{""}}`, `{{[]}}`)
    if (p.data) {
      let data: any = s.data;
      let depth = p.depth;
      while (data && depth--) data = data._parent;
      return resolve(data, p.parts, 0, strict, p);
    }
    return resolve(base, p.parts, 0, strict, p);
  }
}

/** `a + b + c`, left to right. */
function fold(values: unknown[]): unknown {
  let out: any = values[0];
  for (let i = 1; i < values.length; i++) out += values[i];
  return out;
}

/** Walks `parts` from `start` over own properties only; a missing strict path is an error. */
function resolve(base: unknown, parts: string[], start: number, strict: boolean, p: PathExpression): unknown {
  let node = base;
  for (let i = start; i < parts.length; i++) {
    const key = parts[i];
    if (node === null || node === undefined || !Object.hasOwn(Object(node), key)) {
      if (!strict || !p.loc) return undefined;
      const last = i === parts.length - 1;
      const missing = last ? '' : ` ("${parts.slice(start, i + 1).join('.')}" is not set)`;
      const shown = (p.data ? '@' : '') + parts.join('.');
      throw new TemplateError(`missing value ${shown}${missing}; guard it with "if", "with" or "default"`, { start: p.loc.start });
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
