// Strict lookups unless guarded. Handlebars' own `strict` option throws on any missing value,
// even `{{#if a.b.c}}`, and crashes with a TypeError when an intermediate part is missing. We keep
// strict off and replace path resolution instead: every path goes through one runtime function
// that is null-safe and only reads own properties (no prototype access), and throws with the
// line only where Handlebars marks the path strict, i.e. a value printed as is: `{{Values.x}}`.
// Paths given to helpers (`if`, `with`, `default`, ...) resolve to undefined when missing; the
// helpers that are not guards then refuse undefined arguments (see engine.ts).
import Handlebars from 'handlebars';
import { TemplateError, type Loc } from './errors.ts';

export const PATH_HELPER = '__hullPath';

type Fragment = unknown;
interface CompilerThis {
  popStack(): Fragment;
  push(expr: Fragment): Fragment;
  aliasable(name: string): Fragment;
  source: { currentLocation?: Loc };
}

const Base = (Handlebars as unknown as { JavaScriptCompiler: new () => object }).JavaScriptCompiler;

export function HullCompiler(this: unknown): void {
  (Base as unknown as (this: unknown) => void).call(this);
}
HullCompiler.prototype = Object.create(Base.prototype);
// Child programs (block bodies) are compiled by `new this.compiler()`: they must be ours too.
HullCompiler.prototype.compiler = HullCompiler;
HullCompiler.prototype.resolvePath = function (this: CompilerThis, type: string, parts: string[], start: number, _falsy: boolean, strict: boolean) {
  const base = this.popStack();
  const rest = parts.slice(start);
  const loc = strict && this.source.currentLocation ? { start: this.source.currentLocation.start } : null;
  const shown = (type === 'data' ? '@' : '') + parts.join('.');
  // One object argument: Handlebars wraps every helper and writes `lookupProperty` onto its last one.
  const meta = JSON.stringify({ parts: rest, loc, shown });
  this.push([this.aliasable(`helpers.${PATH_HELPER}`), '(', base, ', ', meta, ')']);
};

/** The runtime half: walk `parts` from `base` over own properties only. */
export function resolvePath(base: unknown, meta: { parts: string[]; loc: Loc | null; shown: string }): unknown {
  const { parts, loc, shown } = meta;
  let node = base;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (node === null || node === undefined || !Object.hasOwn(Object(node), p)) {
      if (!loc) return undefined;
      const last = i === parts.length - 1;
      const missing = last ? '' : ` ("${parts.slice(0, i + 1).join('.')}" is not set)`;
      throw new TemplateError(`missing value ${shown}${missing}; guard it with "if", "with" or "default"`, loc);
    }
    node = (node as Record<string, unknown>)[p];
  }
  return node;
}
