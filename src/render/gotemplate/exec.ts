// The executor of Go's text/template (text/template/exec.go): an interpreter over the parse tree.
//
// Inside the engine two kinds of "nothing" are kept apart, as Go's reflect does, because Go's
// behaviour differs between them:
//   undefined  an invalid reflect.Value: a missing map key (missingkey=default), a pipeline that
//              produced nil. `.a.b` on it yields no value; printing it gives `<no value>`.
//   null       a nil interface{}: a key present with a null value, a missing key under
//              missingkey=zero, a nil element. `.a.b` on it fails with "nil pointer evaluating
//              interface {}.b"; passing it to a string parameter fails with "got interface {}".
// A pipeline's result turns null into undefined (Go takes the interface's element). Functions never
// see undefined: interface{} parameters receive null.
//
// `w` tracks whether the last value came out of an interface{} slot (a map value or slice element),
// which only changes the type Go names in errors ("can't evaluate field x in type interface {}").
import { BUILTINS, type Builtin, type ParamType, sliceOf } from './builtins.ts';
import { GoTemplateError } from './errors.ts';
import { formatFloatV } from './floatfmt.ts';
import { formatV } from './fmt.ts';
import {
  type BranchNode, type ChainNode, type CommandNode, errorPosition, type FieldNode, type IdentifierNode,
  type Node, nodeString, type NumberNode, type PipeNode, type TemplateNode, type Tree,
  type VariableNode,
} from './nodes.ts';
import { quoteGo } from './quote.ts';
import { isTrue, mapGet, NO_KEY, sortedKeys, structGet, typeName } from './types.ts';
import { GO_SIG, type GoCallable, type GoFunc, type GoSignature, type GoValue, isGoMap, isGoStruct, methodOf } from './value.ts';

export const MISSING_DEFAULT = 0, MISSING_ZERO = 1, MISSING_ERROR = 2;

/** What one execution needs from its template set; `chain` is shared by nested executions (include). */
export interface ExecContext {
  funcs: ReadonlyMap<string, GoFunc>;
  templates: ReadonlyMap<string, Tree>;
  missingKey: number;
  maxDepth: number;
  maxOutputBytes: number;
  chain: string[];
}

const NOFINAL: unique symbol = Symbol('no final argument');
type Final = GoValue | typeof NOFINAL;
interface Var { name: string; value: GoValue; w: boolean }

const CONTROL_NONE = 0, CONTROL_BREAK = 1, CONTROL_CONTINUE = 2;
const ANY_ARGS: GoSignature = { params: [], variadic: 'interface {}' };
const MIB = 1024 * 1024;

export class ExecState {
  private out: string[] = [];
  private outLen = 0;
  private vars: Var[];
  private node: Node | null = null;
  private w = false;
  private dotW = false;

  private readonly ctx: ExecContext;
  private tmpl: Tree;

  constructor(ctx: ExecContext, tmpl: Tree, dot: GoValue) {
    this.ctx = ctx;
    this.tmpl = tmpl;
    this.vars = [{ name: '$', value: dot, w: false }];
  }

  run(dot: GoValue): string {
    this.walk(dot, this.tmpl.root);
    try {
      return this.out.length === 1 ? this.out[0] : this.out.join('');
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      // only with a maxOutputBytes above what a JS string holds (~512 MiB)
      const m = `template ${this.tmpl.name}: output larger than a string can hold (lower maxOutputBytes)`;
      throw new GoTemplateError(m, { template: this.tmpl.name, goMessage: m, limit: true });
    }
  }

  // --- errors
  errorf(msg: string, limit = false): never {
    const name = this.tmpl.name;
    if (this.node === null) {
      const m = `template: ${name}: ${msg}`;
      throw new GoTemplateError(m, { template: name, goMessage: msg, limit });
    }
    const file = this.node.tree.parseName;
    const { line, col } = errorPosition(this.node);
    const m = `template: ${file}:${line}:${col}: executing ${quoteGo(name)} at <${nodeString(this.node)}>: ${msg}`;
    throw new GoTemplateError(m, { template: file, line, col, goMessage: msg, limit });
  }

  private emit(s: string): void {
    this.out.push(s);
    this.outLen += s.length;
    if (this.outLen > this.ctx.maxOutputBytes) {
      const max = this.ctx.maxOutputBytes;
      const size = max % MIB === 0 ? `${max / MIB} MiB` : `${max} bytes`;
      const top = this.ctx.chain[0] ?? this.tmpl.name;
      const where = top === this.tmpl.name ? '' : ` (in ${quoteGo(this.tmpl.name)})`;
      const m = `template ${top}: output larger than ${size} (maxOutputBytes)${where}`;
      throw new GoTemplateError(m, { template: top, goMessage: m, limit: true });
    }
  }

  // --- variables
  private setVar(name: string, value: GoValue, w: boolean): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) { this.vars[i].value = value; this.vars[i].w = w; return; }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  private varLookup(name: string): Var {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i];
    return this.errorf(`undefined variable: ${name}`);
  }

  // --- statements
  private walk(dot: GoValue, node: Node): number {
    this.node = node;
    switch (node.k) {
      case 'text': this.emit(node.text); return CONTROL_NONE;
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return CONTROL_NONE;
      }
      case 'list': {
        const nodes = node.nodes;
        for (let i = 0; i < nodes.length; i++) {
          const c = this.walk(dot, nodes[i]);
          if (c !== CONTROL_NONE) return c;
        }
        return CONTROL_NONE;
      }
      case 'if': case 'with': return this.walkIfOrWith(dot, node);
      case 'range': return this.walkRange(dot, node);
      case 'template': this.walkTemplate(dot, node); return CONTROL_NONE;
      case 'break': return CONTROL_BREAK;
      case 'continue': return CONTROL_CONTINUE;
      case 'comment': return CONTROL_NONE;
    }
    return this.errorf(`unknown node: ${nodeString(node)}`);
  }

  private walkIfOrWith(dot: GoValue, node: BranchNode): number {
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, node.pipe);
    let c = CONTROL_NONE;
    if (isTrue(val)) {
      if (node.k === 'with') {
        const saved = this.dotW;
        this.dotW = false;
        c = this.walk(val, node.list);
        this.dotW = saved;
      } else {
        c = this.walk(dot, node.list);
      }
    } else if (node.elseList !== null) {
      c = this.walk(dot, node.elseList);
    }
    this.vars.length = mark;
    return c;
  }

  private walkRange(dot: GoValue, r: BranchNode): number {
    this.node = r;
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, r.pipe);
    const mark2 = this.vars.length;
    const decl = r.pipe.decl;
    const savedDotW = this.dotW;
    let ran = false;
    let stop = false;
    const one = (index: GoValue, elem: GoValue, elemW: boolean): void => {
      ran = true;
      if (decl.length > 0) {
        if (r.pipe.isAssign) {
          if (decl.length > 1) this.setVar(decl[0].ident[0], index, false);
          else this.setVar(decl[0].ident[0], elem, elemW);
        } else {
          const v = this.vars[this.vars.length - 1];
          v.value = elem;
          v.w = elemW;
        }
      }
      if (decl.length > 1) {
        if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem, elemW);
        else {
          const v = this.vars[this.vars.length - 2];
          v.value = index;
          v.w = false;
        }
      }
      this.dotW = elemW;
      const c = this.walk(elem, r.list);
      this.vars.length = mark2;
      if (c === CONTROL_BREAK) stop = true;
    };
    if (typeof val === 'bigint') {
      if (decl.length > 1) this.errorf(`can't use ${formatV(val)} to iterate over more than one variable`);
      for (let i = 0n; i < val && !stop; i++) one(undefined, i, false);
    } else if (Array.isArray(val)) {
      for (let i = 0; i < val.length && !stop; i++) one(BigInt(i), val[i] ?? null, true);
    } else if (val instanceof Uint8Array) {
      for (let i = 0; i < val.length && !stop; i++) one(BigInt(i), BigInt(val[i]), false);
    } else if (val !== undefined && val !== null && typeof val === 'object' && isGoMap(val)) {
      const keys = sortedKeys(val);
      for (let i = 0; i < keys.length && !stop; i++) one(keys[i], val[keys[i]] ?? null, true);
    } else if (val !== undefined) {
      this.errorf(`range can't iterate over ${formatV(val)}`);
    }
    this.dotW = savedDotW;
    // The else branch still sees the range's variables (holding the ranged value), and a {{break}}
    // there (one meant for an outer range) ends only this range: both as in Go.
    const c = !ran && r.elseList !== null ? this.walk(dot, r.elseList) : CONTROL_NONE;
    this.vars.length = mark;
    return c === CONTROL_BREAK ? CONTROL_NONE : c;
  }

  private walkTemplate(dot: GoValue, t: TemplateNode): void {
    this.node = t;
    const tmpl = this.ctx.templates.get(t.name);
    if (tmpl === undefined) this.errorf(`template ${quoteGo(t.name)} not defined`);
    const chain = this.ctx.chain;
    if (chain.length >= this.ctx.maxDepth) throw depthError(this.ctx, t.name);
    const newDot = this.evalPipeline(dot, t.pipe);
    const savedTmpl = this.tmpl, savedVars = this.vars, savedDotW = this.dotW;
    this.tmpl = tmpl;
    this.vars = [{ name: '$', value: newDot, w: false }];
    this.dotW = false;
    chain.push(t.name);
    this.walk(newDot, tmpl.root);
    chain.pop();
    this.tmpl = savedTmpl;
    this.vars = savedVars;
    this.dotW = savedDotW;
  }

  // --- pipelines and commands
  private evalPipeline(dot: GoValue, pipe: PipeNode | null): GoValue {
    if (pipe === null) return undefined;
    this.node = pipe;
    let value: Final = NOFINAL;
    const cmds = pipe.cmds;
    for (let i = 0; i < cmds.length; i++) {
      value = this.evalCommand(dot, cmds[i], value);
      if (value === null) value = undefined; // the element of a nil interface
    }
    const v = value as GoValue;
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.ident[0], v, false);
      else this.vars.push({ name: d.ident[0], value: v, w: false });
    }
    this.w = false;
    return v;
  }

  private notAFunction(args: Node[] | null, final: Final): void {
    if ((args !== null && args.length > 1) || final !== NOFINAL) {
      this.errorf(`can't give argument to non-function ${nodeString(args![0])}`);
    }
  }

  private evalCommand(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    const first = cmd.args[0];
    switch (first.k) {
      case 'field': return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain': return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier': return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable': return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    this.w = false;
    switch (first.k) {
      case 'bool': return first.val;
      case 'dot': this.w = this.dotW; return dot;
      case 'nil': return this.errorf('nil is not a command');
      case 'number': return this.idealConstant(first);
      case 'string': return first.text;
    }
    return this.errorf(`can't evaluate command ${quoteGo(nodeString(first))}`);
  }

  private idealConstant(n: NumberNode): GoValue {
    this.node = n;
    const t = n.text;
    const hexInt = t.length > 2 && t[0] === '0' && (t[1] === 'x' || t[1] === 'X') && !/[pP]/.test(t);
    if (n.isFloat && !hexInt && t[0] !== "'" && /[.eEpP]/.test(t)) return n.float;
    if (n.isInt) return n.int;
    if (n.isUint) this.errorf(`${t} overflows int`);
    return undefined;
  }

  private evalFieldNode(dot: GoValue, field: FieldNode, args: Node[] | null, final: Final): GoValue {
    this.node = field;
    return this.evalFieldChain(dot, dot, this.dotW, field, field.ident, 0, args, final);
  }

  private evalChainNode(dot: GoValue, chain: ChainNode, args: Node[] | null, final: Final): GoValue {
    this.node = chain;
    if (chain.node.k === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const recv = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, recv, this.w, chain, chain.field, 0, args, final);
  }

  private evalVariableNode(dot: GoValue, v: VariableNode, args: Node[] | null, final: Final): GoValue {
    this.node = v;
    const variable = this.varLookup(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      this.w = variable.w;
      return variable.value;
    }
    return this.evalFieldChain(dot, variable.value, variable.w, v, v.ident, 1, args, final);
  }

  private evalFieldChain(
    dot: GoValue, recv: GoValue, recvW: boolean, node: Node, ident: string[], from: number, args: Node[] | null, final: Final,
  ): GoValue {
    const n = ident.length;
    for (let i = from; i < n - 1; i++) {
      recv = this.evalField(dot, ident[i], node, null, NOFINAL, recv, recvW);
      recvW = this.w;
    }
    return this.evalField(dot, ident[n - 1], node, args, final, recv, recvW);
  }

  private evalField(
    dot: GoValue, name: string, node: Node, args: Node[] | null, final: Final, recv: GoValue, recvW: boolean,
  ): GoValue {
    if (recv === undefined) {
      if (this.ctx.missingKey === MISSING_ERROR) this.errorf(`nil data; no entry for key ${quoteGo(name)}`);
      this.w = false;
      return undefined;
    }
    if (recv === null) this.errorf(`nil pointer evaluating interface {}.${name}`);
    const hasArgs = (args !== null && args.length > 1) || final !== NOFINAL;
    // A slice or map of a named type with methods: Go looks for a method before a map key.
    const method = typeof recv === 'object' ? methodOf(recv, name) : undefined;
    if (method !== undefined) return this.evalCall(dot, methodFunc(recv as object, method), false, node, name, args, final);
    if (typeof recv === 'object' && !Array.isArray(recv) && !(recv instanceof Uint8Array)) {
      if (isGoStruct(recv)) {
        const v = structGet(recv, name);
        if (v !== NO_KEY) {
          if (typeof v === 'function') return this.evalCall(dot, methodFunc(recv, v), false, node, name, args, final);
          if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
          this.w = false;
          return v;
        }
      } else {
        if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
        const v = mapGet(recv as Record<string, GoValue>, name);
        this.w = true;
        if (v !== NO_KEY) return v;
        switch (this.ctx.missingKey) {
          case MISSING_ZERO: return null;
          case MISSING_ERROR: return this.errorf(`map has no entry for key ${quoteGo(name)}`);
        }
        return undefined;
      }
    }
    return this.errorf(`can't evaluate field ${name} in type ${recvW ? 'interface {}' : typeName(recv)}`);
  }

  private evalFunction(dot: GoValue, node: IdentifierNode, cmd: Node, args: Node[] | null, final: Final): GoValue {
    this.node = node;
    const name = node.ident;
    const user = this.ctx.funcs.get(name);
    if (user !== undefined) return this.evalCall(dot, user, false, cmd, name, args, final);
    const builtin = BUILTINS.get(name);
    if (builtin === undefined) this.errorf(`${quoteGo(name)} is not a defined function`);
    return this.evalCall(dot, builtin, true, cmd, name, args, final);
  }

  private evalCall(
    dot: GoValue, fun: Builtin, isBuiltin: boolean, node: Node, name: string, args: Node[] | null, final: Final,
  ): GoValue {
    const nArgs = args === null ? 0 : args.length - 1; // args[0] is the function's own node
    const params = fun.params;
    const variadic = fun.variadic;
    const numIn = nArgs + (final !== NOFINAL ? 1 : 0);
    let numFixed = nArgs;
    if (variadic !== undefined) {
      numFixed = params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${params.length} got ${nArgs}`);
    } else if (numIn !== params.length) {
      this.errorf(`wrong number of args for ${name}: want ${params.length} got ${numIn}`);
    }
    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: GoValue = undefined;
      for (let i = 1; i <= nArgs; i++) {
        v = this.evalArg(dot, 'reflect.Value', args![i]);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== NOFINAL) v = final;
      this.w = false;
      return v;
    }
    const argv: GoValue[] = new Array(numIn);
    const wrapped: boolean[] | null = isBuiltin && name === 'slice' ? [] : null;
    let i = 0;
    for (; i < numFixed && i < nArgs; i++) argv[i] = this.evalArg(dot, params[i], args![i + 1]);
    if (variadic !== undefined) {
      for (; i < nArgs; i++) {
        argv[i] = this.evalArg(dot, variadic, args![i + 1]);
        wrapped?.push(this.w);
      }
    }
    if (final !== NOFINAL) {
      let t: ParamType;
      if (variadic === undefined) t = params[params.length - 1];
      else t = numIn - 1 < numFixed ? params[numIn - 1] : variadic;
      argv[i] = this.validateType(final, t);
    }
    if (isBuiltin && name === 'call') {
      const callee = nArgs === 0 ? formatV(final as GoValue) : nodeString(args![1]);
      return this.callValue(node, callee, argv[0], argv.slice(1));
    }
    let result: GoValue;
    try {
      result = wrapped !== null ? sliceOf(argv[0], argv.slice(1), wrapped) : fun.fn.apply(undefined, argv);
    } catch (e) {
      if (e instanceof GoTemplateError && e.limit) throw e;
      if (e instanceof RangeError && /call stack/i.test(e.message)) throw e;
      this.node = node;
      // JS's own limit ("Invalid string length") is not a message for a chart's author
      const msg = e instanceof RangeError && /Invalid (string|array) length/.test(e.message) ? 'result too large'
        : e instanceof Error ? e.message : String(e);
      this.errorf(`error calling ${name}: ${msg}`);
    }
    this.w = result === null;
    return result === undefined ? null : result;
  }

  /** The builtin `call`: a function value with its arguments. */
  private callValue(node: Node, callee: string, fnv: GoValue, args: GoValue[]): GoValue {
    const fail = (msg: string): never => {
      this.node = node;
      return this.errorf(`error calling call: ${msg}`);
    };
    if (fnv === undefined || fnv === null) fail('call of nil');
    if (typeof fnv !== 'function') return fail(`non-function ${callee} of type ${typeName(fnv)}`);
    const sig = (fnv as GoCallable & { [GO_SIG]?: GoSignature })[GO_SIG];
    if (sig !== undefined) {
      const numIn = sig.params.length;
      if (sig.variadic !== undefined) {
        if (args.length < numIn) fail(`wrong number of args for ${callee}: got ${args.length} want at least ${numIn}`);
      } else if (args.length !== numIn) {
        fail(`wrong number of args for ${callee}: got ${args.length} want ${numIn}`);
      }
      for (let i = 0; i < args.length; i++) {
        const t = i < numIn ? sig.params[i] : sig.variadic!;
        const a = args[i] === null ? undefined : args[i];
        if (a === undefined) {
          if (!canBeNil(t)) fail(`arg ${i}: value is nil; should be of type ${t}`);
          args[i] = null;
        } else if (!assignable(a, t)) {
          fail(`arg ${i}: value has type ${typeName(a)}; should be ${t}`);
        }
      }
    }
    try {
      const r = fnv(...args.map((a) => (a === undefined ? null : a)));
      this.w = r === null;
      return r === undefined ? null : r;
    } catch (e) {
      if (e instanceof GoTemplateError && e.limit) throw e;
      return fail(e instanceof Error ? e.message : String(e));
    }
  }

  // --- arguments
  private evalArg(dot: GoValue, typ: ParamType | null, n: Node): GoValue {
    this.node = n;
    switch (n.k) {
      case 'dot':
        this.w = this.dotW;
        return this.validateType(dot, typ);
      case 'nil':
        this.w = false;
        if (typ === null || canBeNil(typ)) return typ === 'reflect.Value' ? undefined : null;
        return this.errorf(`cannot assign nil to ${typ}`);
      case 'field': return this.validateType(this.evalFieldNode(dot, n, null, NOFINAL), typ);
      case 'variable': return this.validateType(this.evalVariableNode(dot, n, null, NOFINAL), typ);
      case 'pipe': return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier': return this.validateType(this.evalFunction(dot, n, n, null, NOFINAL), typ);
      case 'chain': return this.validateType(this.evalChainNode(dot, n, null, NOFINAL), typ);
    }
    this.w = false;
    switch (typ) {
      case 'bool':
        if (n.k === 'bool') return n.val;
        return this.errorf(`expected bool; found ${nodeString(n)}`);
      case 'float64':
        if (n.k === 'number' && n.isFloat) return n.float;
        return this.errorf(`expected float; found ${nodeString(n)}`);
      case 'int': case 'int64':
        if (n.k === 'number' && n.isInt) return n.int;
        return this.errorf(`expected integer; found ${nodeString(n)}`);
      case 'string':
        if (n.k === 'string') return n.text;
        return this.errorf(`expected string; found ${nodeString(n)}`);
      case 'interface {}': case 'reflect.Value': case null:
        switch (n.k) {
          case 'bool': return n.val;
          case 'number': return this.idealConstant(n);
          case 'string': return n.text;
        }
    }
    return this.errorf(`can't handle ${nodeString(n)} for arg of type ${typ}`);
  }

  /** Go's validateType: may `value` be passed where `typ` is expected? */
  private validateType(value: GoValue, typ: ParamType | null): GoValue {
    if (typ === null || typ === 'reflect.Value') return value;
    if (value === undefined) {
      if (canBeNil(typ)) return null;
      return this.errorf(`invalid value; expected ${typ}`);
    }
    if (typ === 'interface {}') return value;
    if (value === null) return this.errorf(`wrong type for value; expected ${typ}; got interface {}`);
    if (!assignable(value, typ)) this.errorf(`wrong type for value; expected ${typ}; got ${typeName(value)}`);
    return value;
  }

  private printValue(node: Node, v: GoValue): void {
    this.node = node;
    switch (typeof v) {
      case 'string': this.emit(v); return;
      case 'undefined': this.emit('<no value>'); return;
      case 'bigint': this.emit(v.toString()); return;
      case 'number': this.emit(formatFloatV(v)); return;
      case 'boolean': this.emit(v ? 'true' : 'false'); return;
      case 'function': this.errorf(`can't print ${nodeString(node)} of type ${typeName(v)}`);
    }
    // Go prints an addressable struct through its pointer, so a pointer-receiver String applies here.
    const str = isGoStruct(v) ? methodOf(v, 'String') : undefined;
    if (str !== undefined) { this.emit(String(str.call(v))); return; }
    this.emit(formatV(v, 1));
  }
}

function canBeNil(typ: ParamType): boolean {
  return typ === 'interface {}' || typ === 'reflect.Value' || typ.startsWith('[]') || typ.startsWith('map[');
}

/** Go's AssignableTo for the JS forms of value.ts. An array is a []interface {}; it is accepted for a
 * []string parameter when every element is a string (JS cannot tell Sprig's []string from values'). */
function assignable(v: GoValue, typ: ParamType): boolean {
  switch (typ) {
    case 'interface {}': case 'reflect.Value': return true;
    case 'string': return typeof v === 'string';
    case 'bool': return typeof v === 'boolean';
    case 'int': case 'int64': return typeof v === 'bigint';
    case 'float64': return typeof v === 'number';
    case '[]interface {}': return Array.isArray(v);
    case '[]string': return Array.isArray(v) && v.every((e) => typeof e === 'string');
    case 'map[string]interface {}': return isGoMap(v);
    case '[]byte': return v instanceof Uint8Array;
  }
  return false;
}

/** A method: the struct's function field, bound, with its signature if it declares one. */
function methodFunc(recv: object, f: GoCallable): Builtin {
  const sig = (f as GoCallable & { [GO_SIG]?: GoSignature })[GO_SIG] ?? ANY_ARGS;
  return { params: sig.params, variadic: sig.variadic, fn: (...a) => f.apply(recv, a) };
}

export function depthError(ctx: ExecContext, next: string): GoTemplateError {
  const chain = [...ctx.chain, next];
  const shown = chain.length > 6 ? chain.slice(0, 6).join(' → ') + ' …' : chain.join(' → ');
  const top = ctx.chain[0] ?? next;
  const m = `template ${top}: nested deeper than ${ctx.maxDepth} levels: ${shown}`;
  return new GoTemplateError(m, { template: top, goMessage: m, limit: true });
}
