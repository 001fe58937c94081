// Sprig's list functions. They accept any slice (reflect), return new []interface{} lists and never
// change their input; the non-must variants panic, which text/template reports as the same error.
import type { FuncMap, GoValue } from '../value.ts';
import { isNil } from '../value.ts';
import { deepEqual, isEmpty, listItems, listKind, strslice, strval, toInt64 } from './conv.ts';
import { stringSlice } from './fmt.ts';

/** reflect.TypeOf(nil).Kind() dereferences a nil Type: Go panics with this. */
const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';

/** The list argument's items, or Sprig's error naming the operation and the argument's kind. */
function items(v: GoValue, what: (kind: string) => string): GoValue[] {
  const kind = listKind(v);
  if (kind === 'invalid') throw new Error(NIL_DEREF);
  if (kind !== undefined) throw new Error(what(kind));
  return listItems(v);
}

type ListOp = (list: GoValue[], ...rest: GoValue[]) => GoValue;

/** Registers `name` and `mustName` over the same operation (panic vs error reads the same to a user). */
function both(out: FuncMap, name: string, params: FuncMap[string]['params'], variadic: FuncMap[string]['variadic'], listAt: number, message: (kind: string) => string, op: ListOp): void {
  const fn = (...args: GoValue[]): GoValue => {
    const list = items(args[listAt], message);
    const rest = args.filter((_, i) => i !== listAt);
    return op(list, ...rest);
  };
  out[name] = { params, variadic, fn };
  out['must' + name[0].toUpperCase() + name.slice(1)] = { params, variadic, fn };
}

const inList = (hay: GoValue[], needle: GoValue): boolean => hay.some((h) => deepEqual(needle, h));

function chunk(list: GoValue[], size: number): GoValue[][] {
  // Go computes the chunk count as a float: size 0 makes it infinite, and make() refuses it.
  if (size <= 0) throw new Error('runtime error: makeslice: len out of range');
  const out: GoValue[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function sliceList(list: GoValue[], indices: GoValue[]): GoValue {
  if (list.length === 0) return null;
  const start = indices.length > 0 ? Number(toInt64(indices[0])) : 0;
  const end = indices.length >= 2 ? Number(toInt64(indices[1])) : list.length;
  if (end < 0 || end > list.length) throw new Error(`reflect: slice index out of range`);
  if (start < 0 || start > end) throw new Error(`reflect: slice index out of range`);
  return list.slice(start, end);
}

/** Sprig's untilStep: counts from start towards stop (exclusive) by step; a step away from stop is empty. */
export function untilStep(start: number, stop: number, step: number): bigint[] {
  const out: bigint[] = [];
  if (stop < start) {
    if (step >= 0) return out;
    for (let i = start; i > stop; i += step) out.push(BigInt(i));
    return out;
  }
  if (step <= 0) return out;
  for (let i = start; i < stop; i += step) out.push(BigInt(i));
  return out;
}

export function listFuncs(): FuncMap {
  const out: FuncMap = {
    list: { params: [], variadic: 'interface {}', fn: (...xs) => xs },
    tuple: { params: [], variadic: 'interface {}', fn: (...xs) => xs },
    until: { params: ['int'], fn: (c) => untilStep(0, Number(c), Number(c) < 0 ? -1 : 1) },
    untilStep: { params: ['int', 'int', 'int'], fn: (a, b, c) => untilStep(Number(a), Number(b), Number(c)) },
    sortAlpha: {
      params: ['interface {}'],
      fn: (v) => (Array.isArray(v) || v instanceof Uint8Array
        ? stringSlice(strslice(v).sort(byteOrder))
        : stringSlice([strval(v)])),
    },
    concat: {
      params: [],
      variadic: 'interface {}',
      fn: (...lists) => {
        const res: GoValue[] = [];
        for (const l of lists) res.push(...items(l, (k) => `Cannot concat type ${k} as list`));
        return res; // a nil []interface{} prints as [] too
      },
    },
  };
  both(out, 'append', ['interface {}', 'interface {}'], undefined, 0, (k) => `Cannot push on type ${k}`, (l, v) => [...l, v]);
  both(out, 'push', ['interface {}', 'interface {}'], undefined, 0, (k) => `Cannot push on type ${k}`, (l, v) => [...l, v]);
  both(out, 'prepend', ['interface {}', 'interface {}'], undefined, 0, (k) => `Cannot prepend on type ${k}`, (l, v) => [v, ...l]);
  both(out, 'first', ['interface {}'], undefined, 0, (k) => `Cannot find first on type ${k}`, (l) => (l.length === 0 ? null : l[0]));
  both(out, 'last', ['interface {}'], undefined, 0, (k) => `Cannot find last on type ${k}`, (l) => (l.length === 0 ? null : l[l.length - 1]));
  both(out, 'rest', ['interface {}'], undefined, 0, (k) => `Cannot find rest on type ${k}`, (l) => l.slice(1));
  both(out, 'initial', ['interface {}'], undefined, 0, (k) => `Cannot find initial on type ${k}`, (l) => l.slice(0, -1));
  both(out, 'reverse', ['interface {}'], undefined, 0, (k) => `Cannot find reverse on type ${k}`, (l) => [...l].reverse());
  both(out, 'compact', ['interface {}'], undefined, 0, (k) => `Cannot compact on type ${k}`, (l) => l.filter((x) => !isEmpty(x)));
  both(out, 'uniq', ['interface {}'], undefined, 0, (k) => `Cannot find uniq on type ${k}`, (l) => {
    const dest: GoValue[] = [];
    for (const x of l) if (!inList(dest, x)) dest.push(x);
    return dest;
  });
  both(out, 'without', ['interface {}'], 'interface {}', 0, (k) => `Cannot find without on type ${k}`, (l, ...omit) => l.filter((x) => !inList(omit, x)));
  both(out, 'chunk', ['int', 'interface {}'], undefined, 1, (k) => `Cannot chunk type ${k}`, (l, size) => chunk(l, Number(size)));
  both(out, 'slice', ['interface {}'], 'interface {}', 0, (k) => `list should be type of slice or array but ${k}`, (l, ...ix) => sliceList(l, ix));
  const has = (needle: GoValue, hay: GoValue): GoValue => {
    if (isNil(hay)) return false;
    return inList(items(hay, (k) => `Cannot find has on type ${k}`), needle);
  };
  out.has = { params: ['interface {}', 'interface {}'], fn: has };
  out.mustHas = { params: ['interface {}', 'interface {}'], fn: has };
  return out;
}

/** sort.Strings: byte-wise order of UTF-8, which for JS strings is code point order, not UTF-16 order. */
export function byteOrder(a: string, b: string): number {
  if (a === b) return 0;
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return Buffer.compare(ab, bb);
}
