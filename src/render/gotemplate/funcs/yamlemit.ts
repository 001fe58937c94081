// A YAML emitter that writes what go-yaml v2 (the encoder behind sigs.k8s.io/yaml, hence Helm's
// toYaml) writes, byte for byte: block style, sequences inside mappings not indented, scalars quoted
// only when they would read back as something else (yes, on, 1e3, 0x1, 2024-01-15, ""), multi-line
// strings as | block scalars, and long plain or quoted strings folded at spaces past column 80.

export type YNode = { t: 'null' } | { t: 'bool'; v: boolean } | { t: 'int'; v: string } | { t: 'float'; v: string } | { t: 'str'; v: string } | { t: 'seq'; v: YNode[] } | { t: 'map'; v: [string, YNode][] };

type Style = 'plain' | 'single' | 'double' | 'literal';

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

const isBreak = (c: string | undefined): boolean => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBlankz = (c: string | undefined): boolean => c === undefined || c === '\0' || isBlank(c) || isBreak(c);

/** go-yaml's is_printable (on code points): \n, printable ASCII, U+00A0–U+D7FF, U+E000–U+FFFD but not the BOM. */
function isPrintable(c: string): boolean {
  const p = c.codePointAt(0)!;
  if (p === 0x0a || (p >= 0x20 && p <= 0x7e)) return true;
  if (p >= 0xa0 && p <= 0xd7ff) return true;
  if (p >= 0xe000 && p <= 0xfffd && p !== 0xfeff) return true;
  return false;
}

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

/** yaml_emitter_analyze_scalar, for block context (flow context is only ever an empty [] or {}). */
function analyze(value: string): Analysis {
  const ch = [...value];
  if (ch.length === 0) return { multiline: false, blockPlain: true, single: true, block: false };
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false;
  let precededByWs = true;
  let followedByWs = isBlankz(ch[1]) && (ch[1] === undefined || isBlank(ch[1]));
  let prevSpace = false, prevBreak = false;
  for (let i = 0; i < ch.length; i++) {
    const c = ch[i];
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if (c === '?' || c === ':') { if (followedByWs) blockIndicators = true; }
      else if (c === '-') { if (followedByWs) blockIndicators = true; }
    } else {
      if (c === ':') { if (followedByWs) blockIndicators = true; }
      else if (c === '#') { if (precededByWs) blockIndicators = true; }
    }
    if (!isPrintable(c)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === ch.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true; prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === ch.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false; prevBreak = true;
    } else {
      prevSpace = false; prevBreak = false;
    }
    precededByWs = isBlankz(c);
    followedByWs = i + 2 >= ch.length || isBlank(ch[i + 2]);
  }
  let blockPlain = true, single = true, block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) { blockPlain = false; single = false; }
  if (spaceBreak || special) { blockPlain = false; single = false; block = false; }
  if (lineBreaks) blockPlain = false;
  if (blockIndicators) blockPlain = false;
  return { multiline: lineBreaks, blockPlain, single, block };
}

/** go-yaml v3 (toYamlPretty) differs from v2 in two ways: no folding, and lists indented under their key. */
export interface EmitOptions { width: number; indentSequencesInMaps: boolean }
const V2: EmitOptions = { width: BEST_WIDTH, indentSequencesInMaps: false };

class Emitter {
  readonly opts: EmitOptions;
  constructor(opts: EmitOptions) {
    this.opts = opts;
  }

  out = '';
  column = 0;
  indent = -1;
  indents: number[] = [];
  whitespace = true;
  indention = true;

  /** Writes ASCII text or a single code point: the column counts code points, as go-yaml's does. */
  private put(s: string): void {
    this.out += s;
    this.column += s.length === 2 && s.codePointAt(0)! > 0xffff ? 1 : s.length;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private indicator(s: string, needWs: boolean, isWs: boolean, isIndention: boolean): void {
    if (needWs && !this.whitespace) this.put(' ');
    this.put(s);
    this.whitespace = isWs;
    this.indention = this.indention && isIndention;
  }

  node(n: YNode, ctx: { mapping: boolean; simpleKey: boolean }): void {
    if (n.t === 'seq') {
      if (n.v.length === 0) return this.indicator('[]', true, false, false);
      this.increaseIndent(false, ctx.mapping && !this.indention && !this.opts.indentSequencesInMaps);
      for (const item of n.v) {
        this.writeIndent();
        this.indicator('-', true, false, true);
        this.node(item, { mapping: false, simpleKey: false });
      }
      return this.popIndent();
    }
    if (n.t === 'map') {
      if (n.v.length === 0) return this.indicator('{}', true, false, false);
      this.increaseIndent(false, false);
      for (const [k, v] of n.v) {
        this.writeIndent();
        const a = analyze(k);
        if (!a.multiline && Buffer.byteLength(k) <= 128) {
          this.scalar(k, stringStyle(k), { simpleKey: true });
          this.indicator(':', false, false, false);
        } else {
          this.indicator('?', true, false, true);
          this.scalar(k, stringStyle(k), { simpleKey: false });
          this.writeIndent();
          this.indicator(':', true, false, true);
        }
        this.node(v, { mapping: true, simpleKey: false });
      }
      return this.popIndent();
    }
    switch (n.t) {
      case 'null': return this.scalar('null', 'plain', ctx);
      case 'bool': return this.scalar(n.v ? 'true' : 'false', 'plain', ctx);
      case 'int':
      case 'float': return this.scalar(n.v, 'plain', ctx);
      case 'str': return this.scalar(n.v, stringStyle(n.v), ctx);
    }
  }

  private scalar(value: string, requested: Style, ctx: { simpleKey: boolean }): void {
    const a = analyze(value);
    let style = requested;
    if (ctx.simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if (!a.blockPlain) style = 'single';
      if (value.length === 0 && ctx.simpleKey) style = 'single';
    }
    if (style === 'single' && !a.single) style = 'double';
    if (style === 'literal' && (!a.block || ctx.simpleKey)) style = 'double';
    this.increaseIndent(true, false);
    const breaks = !ctx.simpleKey;
    if (style === 'plain') this.plain(value, breaks);
    else if (style === 'single') this.single(value, breaks);
    else if (style === 'double') this.double(value, breaks);
    else this.literal(value);
    this.popIndent();
  }

  private plain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const ch = [...value];
    let spaces = false;
    for (let i = 0; i < ch.length; i++) {
      if (ch[i] === ' ') {
        if (allowBreaks && !spaces && this.column > this.opts.width && ch[i + 1] !== ' ') this.writeIndent();
        else this.put(' ');
        spaces = true;
      } else {
        this.put(ch[i]);
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private single(value: string, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    const ch = [...value];
    let spaces = false;
    for (let i = 0; i < ch.length; i++) {
      if (ch[i] === ' ') {
        if (allowBreaks && !spaces && this.column > this.opts.width && i > 0 && i < ch.length - 1 && ch[i + 1] !== ' ') this.writeIndent();
        else this.put(' ');
        spaces = true;
      } else {
        if (ch[i] === "'") this.put("'");
        this.put(ch[i]);
        this.indention = false;
        spaces = false;
      }
    }
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private double(value: string, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const ch = [...value];
    let spaces = false;
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      if (!isPrintable(c) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\') {
        this.put('\\' + escapeChar(c));
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > this.opts.width && i > 0 && i < ch.length - 1) {
          this.writeIndent();
          if (ch[i + 1] === ' ') this.put('\\');
        } else this.put(' ');
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private literal(value: string): void {
    this.indicator('|', true, false, false);
    const ch = [...value];
    if (ch[0] === ' ' || isBreak(ch[0])) this.indicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    const last = ch.length - 1;
    if (ch.length === 0 || !isBreak(ch[last])) chomp = '-';
    else if (last === 0 || isBreak(ch[last - 1])) chomp = '+';
    if (chomp) this.indicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of ch) {
      if (isBreak(c)) {
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

function escapeChar(c: string): string {
  switch (c) {
    case '\0': return '0';
    case '\x07': return 'a';
    case '\b': return 'b';
    case '\t': return 't';
    case '\n': return 'n';
    case '\v': return 'v';
    case '\f': return 'f';
    case '\r': return 'r';
    case '\x1b': return 'e';
    case '"': return '"';
    case '\\': return '\\';
    case '\u0085': return 'N';
    case '\u00a0': return '_';
    case '\u2028': return 'L';
    case '\u2029': return 'P';
  }
  const p = c.codePointAt(0)!;
  const hex = p.toString(16).toUpperCase();
  if (p <= 0xff) return 'x' + hex.padStart(2, '0');
  if (p <= 0xffff) return 'u' + hex.padStart(4, '0');
  return 'U' + hex.padStart(8, '0');
}

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const RESOLVES = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);

/** Would go-yaml v2 read this plain scalar as something other than a string? (resolve.go) */
export function resolvesNonString(s: string): boolean {
  if (RESOLVES.has(s)) return true;
  const c = s[0];
  if (c === '.') return /^\.([0-9]+([eE][-+]?[0-9]+)?|[0-9]*[eE][-+]?[0-9]+)$/.test(s) && s.length > 1 && !Number.isNaN(Number(s));
  if (!/[-+0-9]/.test(c)) return false;
  if (isTimestamp(s)) return true;
  const plain = s.replaceAll('_', '');
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.test(plain)) return true;
  if (YAML_FLOAT.test(plain)) return true;
  return /^-?0b[01]+$/.test(plain);
}

/** time.Parse with one of go-yaml's timestamp layouts (2006-1-2, with optional time and zone). */
function isTimestamp(s: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(s);
  if (!m) return false;
  const [, y, mo, d, sep, h, mi, se, , zone] = m;
  if (sep === ' ' ? zone !== undefined : sep !== undefined && zone === undefined) return false;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (day > days) return false;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(se) > 59)) return false;
  return true;
}

function stringStyle(s: string): Style {
  if (s.includes('\n')) return 'literal';
  return !resolvesNonString(s) && !BASE60.test(s) ? 'plain' : 'double';
}

/** The document go-yaml v2 writes for a node, with its trailing newline. */
export function emitYaml(n: YNode, opts: EmitOptions = V2): string {
  const e = new Emitter(opts);
  e.node(n, { mapping: false, simpleKey: false });
  e.writeIndent();
  return e.out;
}
