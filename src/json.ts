// JSON text for values that may hold bigints: --set integers are int64 (bigint here, see
// src/render/gotemplate/value.ts) and Helm writes their exact digits wherever it writes JSON (the
// release record, `get values -o json`, toJson). JSON.stringify alone throws on a bigint.
const rawJSON = (JSON as unknown as { rawJSON: (text: string) => unknown }).rawJSON;

const bigintAsDigits = (_key: string, v: unknown) => (typeof v === 'bigint' ? rawJSON(v.toString()) : v);

/** JSON.stringify that writes bigints as plain integers. */
export function stringifyJson(v: unknown, space?: number): string {
  return JSON.stringify(v, bigintAsDigits, space);
}
