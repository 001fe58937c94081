// One Handlebars environment per render: our compiler, HTML escaping off, prototype access off,
// Helm-like helpers, and the named templates (`define`) shared by every chart of the render.
import Handlebars from 'handlebars';
import { HullCompiler, PATH_HELPER, resolvePath } from './compiler.ts';
import { locate, TemplateError, type Loc } from './errors.ts';
import { dataHelpers } from './helpers/data.ts';
import { compareHelpers, guardHelpers, truthy } from './helpers/logic.ts';
import { stringHelpers } from './helpers/strings.ts';

type HelperOptions = Handlebars.HelperOptions & { loc?: Loc; data?: Record<string, unknown> };
type TemplateFn = (ctx: unknown, opts?: { data?: unknown }) => string;
export type Program = hbs.AST.Program;

/** A named template from `{{#define "name"}}...{{/define}}`, with the file it came from. */
interface Define {
  fn: TemplateFn;
  file: string;
}

/** Includes nested deeper than this are a loop, not a chart. */
const MAX_INCLUDE_DEPTH = 100;

export class Engine {
  readonly env = Handlebars.create();
  readonly defines = new Map<string, Define>();
  private readonly tplCache = new Map<string, TemplateFn>();
  private depth = 0;
  private readonly options: CompileOptions;

  constructor() {
    (this.env as unknown as { JavaScriptCompiler: unknown }).JavaScriptCompiler = HullCompiler;
    this.registerHelpers();
    const knownHelpers = Object.fromEntries(Object.keys(this.env.helpers).map((k) => [k, true]));
    this.options = { noEscape: true, strict: false, knownHelpers, data: true };
  }

  parse(source: string): Program {
    return Handlebars.parse(source);
  }

  compile(ast: Program): TemplateFn {
    return this.env.compile(ast, this.options) as TemplateFn;
  }

  /** Runs a compiled template for `file`; whatever goes wrong comes out as a TemplateError naming it. */
  run(fn: TemplateFn, ctx: unknown, file: string, data?: unknown): string {
    try {
      return fn(ctx, {
        data,
        // Prototype access stays off: these are Handlebars' defaults, spelled out on purpose.
        allowProtoPropertiesByDefault: false,
        allowProtoMethodsByDefault: false,
      } as RuntimeOptions);
    } catch (e) {
      throw locate(e, file);
    }
  }

  /** Registers the top-level `define` blocks of a parsed file; later registrations win. */
  collectDefines(ast: Program, file: string): void {
    for (const node of ast.body) {
      if (node.type !== 'BlockStatement') continue;
      const block = node as hbs.AST.BlockStatement;
      if ((block.path as hbs.AST.PathExpression).original !== 'define') continue;
      const name = block.params[0];
      if (!name || name.type !== 'StringLiteral') {
        throw new TemplateError('define needs a name: {{#define "chart.name"}}', block.loc as Loc, file);
      }
      this.defines.set((name as hbs.AST.StringLiteral).value, { fn: this.compile(block.program), file });
    }
  }

  private include(name: string, ctx: unknown, options: HelperOptions): string {
    const def = this.defines.get(name);
    if (!def) throw new TemplateError(`include: no template named "${name}"`, options.loc);
    if (++this.depth > MAX_INCLUDE_DEPTH) {
      this.depth = 0;
      throw new TemplateError(`include "${name}": nested more than ${MAX_INCLUDE_DEPTH} levels (a template including itself?)`, options.loc);
    }
    try {
      // The named template's last newline goes, so `nindent 4 (include "x" this)` stays tidy.
      return this.run(def.fn, ctx, def.file, options.data).replace(/\n$/, '');
    } catch (e) {
      const err = e as TemplateError;
      if (options.loc) err.via.push(`line ${options.loc.start.line}`);
      throw err;
    } finally {
      this.depth--;
    }
  }

  private tpl(source: string, ctx: unknown, options: HelperOptions): string {
    let fn = this.tplCache.get(source);
    if (!fn) {
      fn = this.compile(this.parse(source));
      this.tplCache.set(source, fn);
    }
    try {
      return this.run(fn, ctx, 'tpl', options.data);
    } catch (e) {
      throw new TemplateError(`tpl: ${(e as TemplateError).where}: ${(e as Error).message}`, options.loc);
    }
  }

  private registerHelpers(): void {
    const env = this.env;
    // `withOptions` helpers get Handlebars' options object last (for the location and @data).
    const strict = (name: string, fn: (...a: any[]) => unknown, withOptions = false) =>
      function (this: unknown, ...args: unknown[]) {
        const options = args[args.length - 1] as HelperOptions;
        for (let i = 0; i < args.length - 1; i++) {
          if (args[i] === undefined) throw new TemplateError(`${name}: argument ${i + 1} is a missing value (guard it with "if", "with" or "default")`, options.loc);
        }
        return located(name, fn, this, withOptions ? args : args.slice(0, -1), options);
      };
    const lenient = (name: string, fn: (...a: any[]) => unknown) =>
      function (this: unknown, ...args: unknown[]) {
        return located(name, fn, this, args.slice(0, -1), args[args.length - 1] as HelperOptions);
      };
    for (const [k, f] of Object.entries({ ...stringHelpers, ...dataHelpers, ...compareHelpers })) env.registerHelper(k, strict(k, f));
    for (const [k, f] of Object.entries(guardHelpers)) env.registerHelper(k, lenient(k, f));

    env.registerHelper(PATH_HELPER, resolvePath);
    env.registerHelper('if', function (this: unknown, cond: unknown, o: HelperOptions) {
      return truthy(cond) ? o.fn(this) : o.inverse(this);
    });
    env.registerHelper('unless', function (this: unknown, cond: unknown, o: HelperOptions) {
      return truthy(cond) ? o.inverse(this) : o.fn(this);
    });
    env.registerHelper('with', function (this: unknown, v: unknown, o: HelperOptions) {
      return truthy(v) ? o.fn(v, { data: o.data, blockParams: [v] }) : o.inverse(this);
    });
    const engine = this;
    env.registerHelper('include', strict('include', function (this: unknown, name: string, ...rest: unknown[]) {
      const o = rest.pop() as HelperOptions;
      return engine.include(name, rest.length > 0 ? rest[0] : this, o);
    }, true));
    env.registerHelper('tpl', strict('tpl', function (this: unknown, s: string, ...rest: unknown[]) {
      const o = rest.pop() as HelperOptions;
      return engine.tpl(String(s), rest.length > 0 ? rest[0] : this, o);
    }, true));
    // Rendering a define block in place prints nothing: its body is collected beforehand.
    env.registerHelper('define', () => '');
    env.registerHelper('required', (message: string, v: unknown, o: HelperOptions) => {
      if (v === undefined || v === null || v === '') throw new TemplateError(`required: ${message}`, o.loc);
      return v;
    });
    env.registerHelper('fail', (message: string, o: HelperOptions) => {
      throw new TemplateError(`fail: ${message}`, o.loc);
    });
    env.registerHelper('helperMissing', function (...args: unknown[]) {
      const o = args[args.length - 1] as HelperOptions & { name: string };
      throw new TemplateError(`unknown function "${o.name}"`, o.loc);
    });
  }
}

/** Helper errors that are not TemplateErrors get the helper's name and the call's line. */
function located(name: string, fn: (...a: any[]) => unknown, self: unknown, args: unknown[], options: HelperOptions): unknown {
  try {
    return fn.apply(self, args);
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    const msg = (e as Error).message ?? String(e);
    throw new TemplateError(msg.startsWith(`${name}:`) ? msg : `${name}: ${msg}`, options.loc);
  }
}

type CompileOptions = Parameters<typeof Handlebars.compile>[1];
type RuntimeOptions = Handlebars.RuntimeOptions;
