// .helmignore exactly as Helm reads it (pkg/ignore): one rule per line, tried IN ORDER, the first
// that decides wins; Go's filepath.Match globs, no `**`; a trailing "/" makes a rule match
// directories only; a leading "/" anchors it at the chart root; a rule without "/" matches the
// base name at any depth. A "!" rule is Helm's, not gitignore's: a path it does NOT match is
// ignored there and then, one it matches goes on to the next rule. Helm adds `templates/.?*`
// after the file's rules. Pure; the loader walks the directory and asks.
import { HullError } from '../errors.ts';
import { BadPattern, goPattern } from './gomatch.ts';

export interface IgnoreRule {
  /** The line as written (trimmed). */
  raw: string;
  re: RegExp;
  negate: boolean;
  dirOnly: boolean;
  /** No "/" in the rule: matched against the base name. */
  baseOnly: boolean;
}

export const HELMIGNORE = '.helmignore';

/** Helm's AddDefaults: dot files directly in templates/ are never templates. */
const DEFAULT_RULES = ['templates/.?*'];

function parseRule(rule: string, where: string): IgnoreRule | undefined {
  const raw = rule.trim();
  if (raw === '' || raw.startsWith('#')) return undefined;
  const fail = (why: string) => new HullError('CHART_INVALID', `${where}: rule "${raw}": ${why}`);
  if (raw.includes('**')) throw fail('double-star (**) syntax is not supported by Helm\'s .helmignore');
  let body = raw;
  const negate = body.startsWith('!');
  if (negate) body = body.slice(1);
  const dirOnly = body.endsWith('/');
  if (dirOnly) body = body.slice(0, -1);
  const anchored = body.startsWith('/');
  if (anchored) body = body.slice(1);
  try {
    // Helm checks the rule as written (with its "!" and "/"): a pattern Go cannot compile fails.
    goPattern(raw);
    return { raw, re: goPattern(body), negate, dirOnly, baseOnly: !anchored && !body.includes('/') };
  } catch (e) {
    if (e instanceof BadPattern) throw fail(e.message);
    throw e;
  }
}

/** The rules of a .helmignore, then Helm's default. Errors name the line. */
export function parseHelmignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  text.replace(/^\uFEFF/, '').split('\n').forEach((line, i) => {
    const r = parseRule(line.replace(/\r$/, ''), `${HELMIGNORE}:${i + 1}`);
    if (r) rules.push(r);
  });
  return [...rules, ...defaultRules()];
}

export function defaultRules(): IgnoreRule[] {
  return DEFAULT_RULES.map((r) => parseRule(r, 'default rule')!);
}

/** Helm's Rules.Ignore for a chart-relative path ("templates/x.yaml"); directories are asked too. */
export function helmIgnores(rules: readonly IgnoreRule[], path: string, isDir: boolean): boolean {
  if (path === '' || path === '.' || path === './') return false;
  const base = path.slice(path.lastIndexOf('/') + 1);
  for (const r of rules) {
    const matches = () => r.re.test(r.baseOnly ? base : path);
    if (r.negate) {
      if (r.dirOnly && !isDir) return true;
      if (!matches()) return true;
      continue;
    }
    if (r.dirOnly && !isDir) continue;
    if (matches()) return true;
  }
  return false;
}
