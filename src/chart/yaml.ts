// Safe YAML for charts and values: duplicate keys are errors, alias bombs are refused, and keys that
// could reach an object's prototype are rejected, so user input can never pollute `Object.prototype`.
import { CORE_SCHEMA, load as fastLoad } from 'js-yaml';
import { isScalar, parseAllDocuments, parseDocument, visit, type Document } from 'yaml';
import { HullError, type ErrorCode } from '../errors.ts';

/** Aliases are legitimate in values files; a few hundred is plenty, millions is an attack. */
const MAX_ALIASES = 200;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.has(key);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Throws when any key anywhere in `value` is unsafe; `where` names the file for the message. */
export function assertSafeKeys(value: unknown, where: string, code: ErrorCode, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertSafeKeys(v, where, code, `${path}[${i}]`));
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (isUnsafeKey(k)) throw new HullError(code, `${where}: key "${p}" is not allowed (it could alter object prototypes)`);
      assertSafeKeys(v, where, code, p);
    }
  }
}

function firstError(doc: Document, file: string, lineOffset: number, code: ErrorCode): HullError | undefined {
  const err = doc.errors[0];
  if (!err) return undefined;
  const line = (err.linePos?.[0].line ?? 1) + lineOffset;
  const msg = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return new HullError(code, `${file}:${line}: ${msg}`);
}

function toJS(doc: Document, file: string, lineOffset: number, code: ErrorCode): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw new HullError(code, `${file}:${1 + lineOffset}: ${(e as Error).message}`);
  }
}

// uniqueKeys is checked by duplicateKey() below: the library compares every key with every other
// (a 10 000-key map took 6 s, a 45 MB values file hours), we use a Set per map.
const OPTIONS = { uniqueKeys: false, merge: true, prettyErrors: true } as const;

/** The first duplicate key of any mapping, as the library would report it, in linear time. */
function duplicateKey(doc: Document, text: string, file: string, lineOffset: number, code: ErrorCode): HullError | undefined {
  let found: HullError | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (key === '<<' || (typeof key === 'object' && key !== null)) continue;
        if (seen.has(key)) {
          const at = (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? 0;
          found = new HullError(code, `${file}:${lineAt(text, at) + lineOffset}: Map keys must be unique`);
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Aliases and merge keys: text that may hold them goes to the careful parser. */
const NEEDS_CAREFUL = /(^|[\s[{,:-])\*[^\s,[\]{}]|<<\s*:/m;

/**
 * js-yaml is ~10x faster than `yaml` and matters when rendering hundreds of manifests. It is used
 * only where it is safe: core schema (no timestamps turning into Dates), no aliases (it would share
 * them without bound, so alias bombs go to the careful parser), and any error at all is re-parsed
 * by `yaml`, whose messages and positions are the ones we report.
 */
function tryFast(text: string): { ok: true; value: unknown } | { ok: false } {
  if (NEEDS_CAREFUL.test(text)) return { ok: false };
  try {
    return { ok: true, value: fastLoad(text, { schema: CORE_SCHEMA, json: false }) };
  } catch {
    return { ok: false };
  }
}

/** Parses one YAML document; `file` and `lineOffset` make error positions point into the source. */
export function parseYaml(text: string, file: string, code: ErrorCode, lineOffset = 0): unknown {
  const fast = tryFast(text);
  if (fast.ok) {
    assertSafeKeys(fast.value, file, code);
    return fast.value;
  }
  const doc = parseDocument(text, OPTIONS);
  const err = firstError(doc, file, lineOffset, code) ?? duplicateKey(doc, text, file, lineOffset, code);
  if (err) throw err;
  const value = toJS(doc, file, lineOffset, code);
  assertSafeKeys(value, file, code);
  return value;
}

/**
 * Helm reads values (values.yaml, -f files) with sigs.k8s.io/yaml, a YAML 1.1 parser: `yes`, `on`,
 * `y` (any case) are booleans, `0777` octal, `1_000` a thousand, and keys are stringified ("y:" is
 * the key "true"). Unlike the `yaml` package's 1.1 schema, Go keeps sexagesimal numbers ("1:30")
 * and timestamps as strings.
 */
const VALUES_OPTIONS = {
  ...OPTIONS,
  version: '1.1',
  customTags: (tags: Array<{ tag: string; format?: string }>) => tags.filter((t) => t.format !== 'TIME' && !t.tag.endsWith(':timestamp')),
} as const;

export function parseValuesYaml(text: string, file: string, code: ErrorCode): unknown {
  const doc = parseDocument(text, VALUES_OPTIONS as never) as Document;
  const err = firstError(doc, file, 0, code) ?? duplicateKey(doc, text, file, 0, code);
  if (err) throw err;
  const value = doc.toJS({ maxAliasCount: MAX_ALIASES, mapAsMap: false });
  assertSafeKeys(value, file, code);
  return value;
}

/** Parses a YAML document that must be a mapping (or empty, giving {}): values files, Chart.yaml. */
export function parseYamlMap(text: string, file: string, code: ErrorCode, opts: { values?: boolean } = {}): Record<string, unknown> {
  const value = opts.values ? parseValuesYaml(text, file, code) : parseYaml(text, file, code);
  if (value === null || value === undefined) return {};
  if (!isPlainObject(value)) throw new HullError(code, `${file}: expected a mapping at the top level, got ${Array.isArray(value) ? 'a list' : typeof value}`);
  return value;
}

/** All documents of a multi-document stream (crds/ files). */
export function parseYamlAll(text: string, file: string, code: ErrorCode): unknown[] {
  return parseAllDocuments(text, OPTIONS).flatMap((doc) => {
    if ('errors' in doc) {
      const err = firstError(doc, file, 0, code) ?? duplicateKey(doc, text, file, 0, code);
      if (err) throw err;
      const value = toJS(doc, file, 0, code);
      assertSafeKeys(value, file, code);
      return value === null || value === undefined ? [] : [value];
    }
    return [];
  });
}
