// .helmignore: gitignore-style patterns, the subset Helm supports (globs, trailing "/" for
// directories, "!" negation, "#" comments). Paths are relative to the chart root.

interface Rule {
  re: RegExp;
  negate: boolean;
  dirOnly: boolean;
  /** Patterns without a slash match the base name at any depth. */
  baseOnly: boolean;
}

/** A glob as an anchored RegExp: `*` stays within a path segment, `**` crosses them. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') { re += '.*'; i++; } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end === -1) re += '\\[';
      else { re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`; i = end; }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function parseIgnore(text: string): Rule[] {
  const rules: Rule[] = [];
  for (let line of text.split(/\r?\n/)) {
    line = line.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    line = line.replace(/^\//, '');
    rules.push({ re: globToRegExp(line), negate, dirOnly, baseOnly: !line.includes('/') });
  }
  return rules;
}

/** True when `path` (a file or, with isDir, a directory) is ignored; the last matching rule wins. */
export function isIgnored(rules: Rule[], path: string, isDir: boolean): boolean {
  let ignored = false;
  const base = path.slice(path.lastIndexOf('/') + 1);
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    if (r.re.test(r.baseOnly ? base : path)) ignored = !r.negate;
  }
  return ignored;
}
