// Extended by the engine (compatibly): GO_SIG, an optional Go signature on a method or function value.
//
// The contract between the Go text/template engine (this folder) and the functions it calls
// (funcs/: Sprig and Helm's own). Go values are modelled with plain JS values so that chart values
// parsed from YAML need no conversion:
//
//   Go                          JS
//   nil (also a missing key)    null or undefined (equivalent everywhere)
//   bool / string               boolean / string
//   int, int64 (and uint…)      bigint   — template integer constants, len, --set integers, Sprig int math
//   float64                     number   — every number read from YAML/JSON (Helm decodes values through
//                                           JSON, so values.yaml numbers are float64 and 1000000 prints 1e+06)
//   []byte                      Uint8Array (.Files.GetBytes, b64dec of binary…)
//   []interface{}               Array
//   map[string]interface{}      a plain object (prototype Object.prototype or null); ranged in sorted key order;
//                               own keys only (never the prototype chain)
//   struct / pointer to struct  an object carrying GO_TYPE (e.g. '*chart.Metadata'): fields by exact name,
//                               an unknown field is an error ("can't evaluate field X in type *chart.Metadata")
//   method                      a function-valued field of a struct (`.Files.Get "x"`, `.Capabilities.APIVersions.Has`)
//
// A function is registered with its Go signature so that the engine converts and checks arguments as
// Go's reflect-based call does (`wrong type for value; expected string; got float64`), and untyped
// constants convert to the parameter's type (`1` is an int for `int`, a float64 for `float64`, an int for
// `interface{}`).
export const GO_TYPE: unique symbol = Symbol.for('hull.goType');

export type GoNil = null | undefined;
export type GoValue = GoNil | boolean | string | number | bigint | Uint8Array | GoValue[] | GoMap | GoStruct | GoCallable;
export interface GoMap { [key: string]: GoValue }
export interface GoStruct { readonly [GO_TYPE]: string; [field: string]: GoValue }
export type GoCallable = (...args: GoValue[]) => GoValue;

/** Go parameter types a template function can declare; the engine converts/checks arguments to them. */
export type GoType =
  | 'interface {}'
  | 'string'
  | 'bool'
  | 'int'
  | 'int64'
  | 'float64'
  | '[]interface {}'
  | '[]string'
  | 'map[string]interface {}'
  | '[]byte';

export interface GoFunc {
  /** Fixed parameters, in order. */
  params: readonly GoType[];
  /** The element type of a trailing variadic parameter (`...interface {}`), if any. */
  variadic?: GoType;
  /** Called with converted arguments; throw an Error whose message is what Go's function returns as its
   * error (the engine reports `error calling NAME: MESSAGE`). */
  fn: (...args: GoValue[]) => GoValue;
}

export type FuncMap = Record<string, GoFunc>;

/** Optional on a GoCallable (a method, or a function value for `call`): its Go parameters, so that the
 * engine checks and converts arguments as for a FuncMap function (`wrong number of args for Get: want 1
 * got 0`). Without it a method takes any arguments as `...interface {}`. */
export const GO_SIG: unique symbol = Symbol.for('hull.goSig');
export interface GoSignature { params: readonly GoType[]; variadic?: GoType }
export const withSignature = <F extends GoCallable>(fn: F, sig: GoSignature): F =>
  Object.assign(fn, { [GO_SIG]: sig });

/** The methods of a slice or map of a named Go type (Helm's common.VersionSet with Has, engine.files
 * with Get/Glob/…): kept under this symbol, so the value stays a slice or map for printing, range, len
 * and index, while `.Has "x"` calls the method (Go looks for a method before a map key). */
export const GO_METHODS: unique symbol = Symbol.for('hull.goMethods');
export const withMethods = <T extends GoValue[] | GoMap>(v: T, methods: Record<string, GoCallable>): T =>
  Object.defineProperty(v, GO_METHODS, { value: methods, enumerable: false });
export const methodOf = (v: object, name: string): GoCallable | undefined => {
  const m = (v as { [GO_METHODS]?: Record<string, GoCallable> })[GO_METHODS];
  return m !== undefined && Object.hasOwn(m, name) ? m[name] : undefined;
};

export const isNil = (v: unknown): v is GoNil => v === null || v === undefined;
export const isGoStruct = (v: unknown): v is GoStruct => typeof v === 'object' && v !== null && GO_TYPE in v;
export const isGoMap = (v: unknown): v is GoMap =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(GO_TYPE in v);
