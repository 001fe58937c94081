// Shared by the unit tests and the Go-reference check: the functions and data the cases run with.
import { GO_TYPE, type FuncMap, type GoValue, withSignature } from './value.ts';

export const testFuncs: FuncMap = {
  upper: { params: ['string'], fn: (s) => (s as string).toUpperCase() },
  fail: { params: ['string'], fn: (s) => { throw new Error(s as string); } },
  f64: { params: ['float64'], fn: (f) => f },
  i: { params: ['int'], fn: (i) => i },
  list: { params: [], variadic: 'interface {}', fn: (...a) => a },
  strs: { params: ['[]string'], fn: (a) => ((a ?? []) as string[]).join(',') }, // nil slices arrive as null
  def: { params: ['interface {}'], variadic: 'interface {}', fn: (d, ...a) => (a.length === 0 || a[0] === null ? d : a[0]) },
  dict: {
    params: [], variadic: 'interface {}', fn: (...a) => {
      const m: Record<string, GoValue> = {};
      for (let i = 0; i + 1 < a.length; i += 2) m[a[i] as string] = a[i + 1];
      return m;
    },
  },
  nilf: { params: [], fn: () => null },
  bytes: { params: ['string'], fn: (s) => new Uint8Array(Buffer.from(s as string)) },
};

/** JSON data as the Go reference reads it: {"$int": "5"} is an int64, other numbers float64; a Meta struct
 * with a Greet method and a function value Fn are added to a map. */
export function testData(json: unknown, extras = true): GoValue {
  const conv = (v: unknown): GoValue => {
    if (Array.isArray(v)) return v.map(conv);
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && keys[0] === '$int') return BigInt(o.$int as string);
      const m: Record<string, GoValue> = {};
      for (const k of keys) m[k] = conv(o[k]);
      return m;
    }
    return v as GoValue;
  };
  const d = conv(json);
  if (extras && d !== null && typeof d === 'object' && !Array.isArray(d) && !(d instanceof Uint8Array)) {
    const m = d as Record<string, GoValue>;
    m.Meta = { [GO_TYPE]: '*main.Meta', Name: 'm', Version: '1', Greet: withSignature((s: GoValue) => 'hi ' + String(s), { params: ['string'] }) };
    m.Fn = withSignature((s: GoValue) => 'fn:' + String(s), { params: ['string'] });
  }
  return d;
}
