// One template engine per render: Handlebars syntax, HTML escaping off, prototype access off,
// Helm-like helpers, and the named templates (`define`) shared by every chart of the render.
// Templates are parsed by parse.ts and run by interpret.ts; Handlebars itself is only loaded for
// constructs the fast parser leaves to it (and for syntax errors).
import { createFrame, Interpreter, type Data, type Helper, type HelperOptions } from './interpret.ts';
import { controlWhitespace, parse, type BlockStatement, type Literal, type Program } from './parse.ts';
import { engineWords, locate, TemplateError } from './errors.ts';
import { dataHelpers, toYaml } from './helpers/data.ts';
import { compareHelpers, guardHelpers, truthy } from './helpers/logic.ts';
import { stringHelpers } from './helpers/strings.ts';
import { DEFAULT_LIMITS, depthMessage, outputMessage, type RenderLimits } from './limits.ts';

export type { Program } from './parse.ts';

/** A named template from `{{#define "name"}}...{{/define}}`, with the file it came from. */
interface Define {
  program: Program;
  file: string;
  /** Handlebars' compile step runs whitespace control again on the body, as a root: done on first use. */
  prepared: boolean;
}


export class Engine {
  readonly helpers: Record<string, Helper>;
  readonly defines = new Map<string, Define>();
  private readonly tplCache = new Map<string, { program: Program; prepared: boolean }>();
  private readonly interpreter: Interpreter;
  readonly limits: RenderLimits;
  /** The include/tpl calls being run, outermost first: the call chain of a depth error. */
  private readonly chain: string[] = [];
  /** The top-level template being rendered, where every call chain starts. */
  private top = '?';
  private firstCall: HelperOptions['loc'];

  constructor(limits: RenderLimits = DEFAULT_LIMITS) {
    this.limits = limits;
    this.helpers = this.makeHelpers();
    this.interpreter = new Interpreter(this.helpers);
  }

  /** Parses a template (what Handlebars.parse returns); syntax errors are Handlebars' own. */
  parse(source: string): Program {
    return parse(source);
  }

  /** Renders a parsed top-level template for `file`; whatever goes wrong comes out as a TemplateError naming it. */
  render(ast: Program, ctx: unknown, file: string): string {
    try {
      // Compiling a parsed template, Handlebars ran its whitespace pass once more.
      controlWhitespace(ast);
    } catch (e) {
      throw locate(e, file);
    }
    this.top = file;
    const text = this.run(ast, ctx, file);
    if (text.length > this.limits.maxOutput) throw new TemplateError(outputMessage(file, this.limits.maxOutput), null, file);
    return text;
  }

  /** Enters an include or tpl call; the depth limit is checked here, the chain popped by leave(). */
  private enter(call: string, loc: HelperOptions['loc']): void {
    if (this.chain.length === 0) {
      this.chain.push(this.top);
      this.firstCall = loc;
    }
    this.chain.push(call);
    if (this.chain.length - 1 > this.limits.maxDepth) {
      // Reported where the chain starts: the line in the template that made the first call.
      const err = new TemplateError(depthMessage(call.startsWith('tpl') ? 'tpl' : `include "${call}"`, this.limits.maxDepth, this.chain), this.firstCall, this.top);
      err.limit = true;
      throw err;
    }
  }

  private leave(): void {
    this.chain.pop();
    if (this.chain.length === 1) this.chain.pop();
  }

  private run(program: Program, ctx: unknown, file: string, data?: Data): string {
    try {
      return this.interpreter.run(program, ctx, data);
    } catch (e) {
      throw locate(e, file);
    }
  }

  /** Registers the top-level `define` blocks of a parsed file; later registrations win. */
  collectDefines(ast: Program, file: string): void {
    for (const node of ast.body) {
      if (node.type !== 'BlockStatement') continue;
      const block = node as BlockStatement;
      if ((block.path as { original?: unknown }).original !== 'define') continue;
      const name = block.params[0];
      if (!name || name.type !== 'StringLiteral') {
        throw new TemplateError('define needs a name: {{#define "chart.name"}}', block.loc, file);
      }
      this.defines.set((name as Literal).value as string, { program: block.program, file, prepared: false });
    }
  }

  private include(name: string, ctx: unknown, options: HelperOptions): string {
    const def = this.defines.get(name);
    if (!def) throw new TemplateError(`include: no template named "${name}"`, options.loc);
    try {
      this.enter(name, options.loc);
      prepareOnce(def, def.file);
      // The named template's last newline goes, so `nindent 4 (include "x" this)` stays tidy.
      return this.run(def.program, ctx, def.file, options.data).replace(/\n$/, '');
    } catch (e) {
      const err = e as TemplateError;
      // A limit error carries its own call chain; others say where they were included from.
      if (options.loc && !err.limit) err.via.push(`line ${options.loc.start.line}`);
      throw err;
    } finally {
      this.leave();
    }
  }

  private tpl(source: string, ctx: unknown, options: HelperOptions): string {
    // A syntax error comes out of the helper as is (the helper wrapper adds "tpl: ").
    let entry = this.tplCache.get(source);
    if (!entry) {
      entry = { program: this.parse(source), prepared: false };
      this.tplCache.set(source, entry);
    }
    try {
      this.enter(`tpl "${source.length > 30 ? `${source.slice(0, 27)}...` : source}"`, options.loc);
      prepareOnce(entry, 'tpl');
      return this.run(entry.program, ctx, 'tpl', options.data);
    } catch (e) {
      if ((e as TemplateError).limit) throw e;
      throw new TemplateError(`tpl: ${(e as TemplateError).where}: ${(e as Error).message}`, options.loc);
    } finally {
      this.leave();
    }
  }

  private makeHelpers(): Record<string, Helper> {
    const helpers: Record<string, Helper> = Object.create(null);
    // Handlebars' built-ins that we keep as they are: each, lookup, log, blockHelperMissing.
    helpers.blockHelperMissing = blockHelperMissing(helpers);
    helpers.each = each(this.limits.maxOutput);
    helpers.log = log;
    helpers.lookup = function (obj: any, field: string, options: HelperOptions) {
      if (!obj) return obj;
      return options.lookupProperty!(obj, field);
    };

    // `withOptions` helpers get the options object last (for the location and @data).
    const strict = (name: string, fn: (...a: any[]) => unknown, withOptions = false): Helper =>
      function (this: unknown) {
        const n = Math.max(arguments.length - 1, 0);
        const options = arguments[arguments.length - 1] as HelperOptions;
        const args = new Array<unknown>(withOptions ? n + 1 : n);
        for (let i = 0; i < n; i++) {
          if (arguments[i] === undefined) throw new TemplateError(`${name}: argument ${i + 1} is a missing value (guard it with "if", "with" or "default")`, options.loc);
          args[i] = arguments[i];
        }
        if (withOptions) args[n] = options;
        return located(name, fn, this, args, options);
      };
    const lenient = (name: string, fn: (...a: any[]) => unknown): Helper =>
      function (this: unknown, ...args: unknown[]) {
        return located(name, fn, this, args.slice(0, -1), args[args.length - 1] as HelperOptions);
      };
    // toYaml of the same object gives the same text, and nothing changes a value during a render
    // (no helper mutates its arguments): each object is turned into YAML once per render.
    const yamlOf = new WeakMap<object, string>();
    const toYamlOnce = (v: unknown) => {
      if (v === null || typeof v !== 'object') return toYaml(v);
      let text = yamlOf.get(v);
      if (text === undefined) {
        text = toYaml(v);
        yamlOf.set(v, text);
      }
      return text;
    };
    for (const [k, f] of Object.entries({ ...stringHelpers, ...dataHelpers, toYaml: toYamlOnce, ...compareHelpers })) helpers[k] = strict(k, f);
    for (const [k, f] of Object.entries(guardHelpers)) helpers[k] = lenient(k, f);

    helpers.if = function (this: unknown, cond: unknown, o: HelperOptions) {
      return truthy(cond) ? o.fn!(this) : o.inverse!(this);
    };
    helpers.unless = function (this: unknown, cond: unknown, o: HelperOptions) {
      return truthy(cond) ? o.inverse!(this) : o.fn!(this);
    };
    helpers.with = function (this: unknown, v: unknown, o: HelperOptions) {
      return truthy(v) ? o.fn!(v, { data: o.data, blockParams: [v] }) : o.inverse!(this);
    };
    const engine = this;
    helpers.include = strict('include', function (this: unknown, name: string, ...rest: unknown[]) {
      const o = rest.pop() as HelperOptions;
      return engine.include(name, rest.length > 0 ? rest[0] : this, o);
    }, true);
    helpers.tpl = strict('tpl', function (this: unknown, s: string, ...rest: unknown[]) {
      const o = rest.pop() as HelperOptions;
      return engine.tpl(String(s), rest.length > 0 ? rest[0] : this, o);
    }, true);
    // Rendering a define block in place prints nothing: its body is collected beforehand.
    helpers.define = () => '';
    helpers.required = (message: string, v: unknown, o: HelperOptions) => {
      if (v === undefined || v === null || v === '') throw new TemplateError(`required: ${message}`, o.loc);
      return v;
    };
    helpers.fail = (message: string, o: HelperOptions) => {
      throw new TemplateError(`fail: ${message}`, o.loc);
    };
    helpers.helperMissing = function (...args: unknown[]) {
      const o = args[args.length - 1] as HelperOptions;
      throw new TemplateError(`unknown function "${o.name}"`, o.loc);
    };
    // A plain object, as Handlebars' helper table was (check.ts asks it with Object.hasOwn).
    return { ...helpers };
  }
}

/** Helper errors that are not TemplateErrors get the helper's name and the call's line. */
function located(name: string, fn: (...a: any[]) => unknown, self: unknown, args: unknown[], options: HelperOptions): unknown {
  try {
    return fn.apply(self, args);
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    const msg = engineWords((e as Error).message ?? String(e));
    throw new TemplateError(msg.startsWith(`${name}:`) ? msg : `${name}: ${msg}`, options.loc);
  }
}

// Handlebars 4.7's built-in helpers, as it defines them.

/** Handlebars' each, with the output limit checked as the result grows (nested loops multiply). */
const each = (maxOutput: number) => function (this: unknown, context: any, options: HelperOptions): unknown {
  if (!options) throw new Error('Must pass iterator to #each');
  const fn = options.fn!;
  const inverse = options.inverse!;
  let i = 0;
  let ret: any = '';
  let data: Data | undefined;
  if (typeof context === 'function') context = context.call(this);
  if (options.data) data = createFrame(options.data);
  const execIteration = (field: string | number, index: number, last: boolean | undefined, value: unknown) => {
    if (data) {
      data.key = field;
      data.index = index;
      data.first = index === 0;
      data.last = !!last;
    }
    ret = ret + (fn(value, { data, blockParams: [value, field] }) as string);
    if (typeof ret === 'string' && ret.length > maxOutput) {
      const err = new TemplateError(outputMessage('each', maxOutput), options.loc);
      err.limit = true;
      throw err;
    }
  };
  if (context && typeof context === 'object') {
    if (Array.isArray(context)) {
      for (let j = context.length; i < j; i++) {
        if (i in context) execIteration(i, i, i === context.length - 1, context[i]);
      }
    } else if (context[Symbol.iterator]) {
      const iterator = context[Symbol.iterator]();
      let current = iterator.next();
      while (!current.done) {
        const next = iterator.next();
        try {
          execIteration(i, i, next.done, current.value);
        } catch (e) {
          if (!next.done) {
            try {
              if (typeof iterator.return === 'function') iterator.return();
            } catch { /* the block's error is the one to report */ }
          }
          throw e;
        }
        current = next;
        i++;
      }
    } else {
      let priorKey: string | undefined;
      for (const key of Object.keys(context)) {
        if (priorKey !== undefined) execIteration(priorKey, i - 1, false, context[priorKey]);
        priorKey = key;
        i++;
      }
      if (priorKey !== undefined) execIteration(priorKey, i - 1, true, context[priorKey]);
    }
  }
  if (i === 0) ret = inverse(this);
  return ret;
};

function blockHelperMissing(helpers: Record<string, Helper>): Helper {
  return function (this: unknown, context: unknown, options: HelperOptions) {
    if (context === true) return options.fn!(this);
    if (context === false || context == null) return options.inverse!(this);
    if (Array.isArray(context)) return context.length > 0 ? helpers.each(context, options) : options.inverse!(this);
    return options.fn!(context, options);
  };
}

const LOG_METHODS = ['debug', 'info', 'warn', 'error'] as const;
function logLevel(level: unknown): unknown {
  if (typeof level !== 'string') return level;
  const i = LOG_METHODS.indexOf(level.toLowerCase() as (typeof LOG_METHODS)[number]);
  return i >= 0 ? i : parseInt(level, 10);
}
function log(...args: unknown[]): void {
  const options = args[args.length - 1] as HelperOptions;
  const message = args.slice(0, -1);
  let level: unknown = 1;
  if (options.hash.level != null) level = options.hash.level;
  else if (options.data && options.data.level != null) level = options.data.level;
  level = logLevel(level);
  if ((logLevel('info') as number) <= (level as number)) {
    let method: string = LOG_METHODS[level as number];
    if (!(console as unknown as Record<string, unknown>)[method]) method = 'log';
    (console as unknown as Record<string, (...a: unknown[]) => void>)[method](...message);
  }
}

/** Whitespace control is applied to a parsed program once, however often it is rendered. */
function prepareOnce(entry: { program: Parameters<typeof controlWhitespace>[0]; prepared: boolean }, file: string): void {
  if (entry.prepared) return;
  entry.prepared = true;
  try {
    controlWhitespace(entry.program);
  } catch (e) {
    throw locate(e, file);
  }
}
