// Go's path/filepath.Match on "/"-separated paths, as Helm's .helmignore rules use it: `*` is any
// run of characters but "/", `?` one character but "/", `[a-z]` / `[^a-z]` classes (which may
// match "/"), `\` escapes. A malformed pattern is an error, as Go's ErrBadPattern. Pure.

export class BadPattern extends Error {}

/** The pattern as an anchored RegExp; throws BadPattern where Go's Match returns ErrBadPattern. */
export function goPattern(pattern: string): RegExp {
  const cp = [...pattern];
  let re = '';
  const lit = (c: string) => `\\u{${c.codePointAt(0)!.toString(16)}}`;
  for (let i = 0; i < cp.length; i++) {
    const c = cp[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      if (i + 1 >= cp.length) throw new BadPattern('syntax error in pattern (a trailing \\)');
      re += lit(cp[++i]);
    } else if (c === '[') {
      let j = i + 1;
      let cls = '';
      if (cp[j] === '^') { cls = '^'; j++; }
      // One class character, escaped or not: Go refuses "-" and "]" where a range starts or ends.
      const esc = (): string => {
        let ch = cp[j];
        if (ch === undefined || ch === '-' || ch === ']') throw new BadPattern('syntax error in pattern (character class)');
        if (ch === '\\') {
          ch = cp[++j];
          if (ch === undefined) throw new BadPattern('syntax error in pattern (a trailing \\)');
        }
        j++;
        return ch;
      };
      let ranges = 0;
      for (;;) {
        if (cp[j] === ']' && ranges > 0) break;
        const lo = esc();
        let hi = lo;
        if (cp[j] === '-') { j++; hi = esc(); }
        if (lo.codePointAt(0)! > hi.codePointAt(0)!) throw new BadPattern('syntax error in pattern (range out of order)');
        cls += lo === hi ? lit(lo) : `${lit(lo)}-${lit(hi)}`;
        ranges++;
      }
      re += `[${cls}]`;
      i = j;
    } else re += lit(c);
  }
  return new RegExp(`^${re}$`, 'u');
}
