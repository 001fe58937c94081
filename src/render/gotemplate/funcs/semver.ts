// semver and semverCompare with Masterminds/semver v3's rules (what Helm 4 links), which differ from
// npm's semver: versions are coerced ("1.2" is 1.2.0, a "v" prefix is fine), a constraint with a
// prerelease ("~1.19-0", ">=1.20.0-0") lets prerelease versions match, x/*/missing parts make a
// range ("1.2" = "1.2.x"), ranges are "a - b", and comma or space is AND, "||" is OR.
import { GO_TYPE, type FuncMap, type GoStruct, type GoValue } from '../value.ts';

interface Version { major: bigint; minor: bigint; patch: bigint; pre: string; metadata: string; original: string }

const LOOSE = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const NUM = /^[0-9]+$/;
const ALLOWED = /^[0-9A-Za-z-]+$/;
const UINT64_MAX = 2n ** 64n - 1n;

function segment(s: string): bigint {
  const n = BigInt(s);
  if (n > UINT64_MAX) throw new Error(`error parsing version segment: strconv.ParseUint: parsing "${s}": value out of range`);
  return n;
}

function validatePrerelease(p: string): void {
  for (const part of p.split('.')) {
    if (part === '') throw new Error('invalid prerelease string');
    if (NUM.test(part)) {
      if (part.length > 1 && part[0] === '0') throw new Error('version segment starts with 0');
    } else if (!ALLOWED.test(part)) throw new Error('invalid prerelease string');
  }
}

/** semver.NewVersion (coercing): throws "invalid semantic version" and friends. */
export function parseVersion(v: string): Version {
  const m = LOOSE.exec(v);
  if (!m) throw new Error('invalid semantic version');
  const ver: Version = {
    major: segment(m[1]),
    minor: m[2] ? segment(m[2].slice(1)) : 0n,
    patch: m[3] ? segment(m[3].slice(1)) : 0n,
    pre: m[5] ?? '',
    metadata: m[8] ?? '',
    original: v,
  };
  if (ver.pre) validatePrerelease(ver.pre);
  if (ver.metadata && ver.metadata.split('.').some((p) => !ALLOWED.test(p))) throw new Error('invalid metadata string');
  return ver;
}

const versionString = (v: Version): string => `${v.major}.${v.minor}.${v.patch}${v.pre ? '-' + v.pre : ''}${v.metadata ? '+' + v.metadata : ''}`;

function comparePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return o !== '' ? -1 : 1;
  if (o === '') return 1;
  const sn = NUM.test(s) && BigInt(s) <= UINT64_MAX;
  const on = NUM.test(o) && BigInt(o) <= UINT64_MAX;
  if (!sn && !on) return s > o ? 1 : -1;
  if (!on) return -1;
  if (!sn) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePre(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const d = comparePart(as[i] ?? '', bs[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  if (a.pre === b.pre) return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return comparePre(a.pre, b.pre);
}

// Constraint grammar (the library's regular expressions, written out).
const CV = String.raw`v?([0-9|xX*]+)(\.[0-9|xX*]+)?(\.[0-9|xX*]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const CONSTRAINT = new RegExp(String.raw`^\s*(${OPS})\s*(${CV})\s*$`);
const RANGE = new RegExp(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`, 'g');
const FIND = new RegExp(String.raw`(${OPS})\s*(${CV})`, 'g');
const VALID = new RegExp(String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`);

interface Constraint { op: string; con: Version; orig: string; dirty: boolean; minorDirty: boolean; patchDirty: boolean }

const isX = (s: string | undefined): boolean => s === 'x' || s === 'X' || s === '*';

function parseConstraint(c: string): Constraint {
  const m = CONSTRAINT.exec(c);
  if (!m) throw new Error(`improper constraint: ${c}`);
  const [, op, full, major, minor = '', patch = '', pre = ''] = m;
  let ver = full;
  let dirty = false, minorDirty = false, patchDirty = false;
  if (isX(major) || major === '') { ver = `0.0.0${pre}`; dirty = true; }
  else if (isX(minor.slice(1)) || minor === '') { ver = `${major}.0.0${pre}`; dirty = true; minorDirty = true; }
  else if (isX(patch.slice(1)) || patch === '') { ver = `${major}${minor}.0${pre}`; dirty = true; patchDirty = true; }
  let con: Version;
  try {
    con = parseVersion(ver);
  } catch {
    throw new Error('constraint parser error');
  }
  return { op, con, orig: full, dirty, minorDirty, patchDirty };
}

/** One constraint against a version (the library's per-operator rules). */
function check(v: Version, c: Constraint, includePre: boolean): boolean {
  if (v.pre !== '' && !includePre) return false;
  const cmp = compareVersions(v, c.con);
  const tilde = (): boolean => {
    if (cmp < 0) return false;
    if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
    if (v.major !== c.con.major) return false;
    return !(v.minor !== c.con.minor && !c.minorDirty);
  };
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde() : cmp === 0;
    case '!=':
      if (c.dirty) {
        if (c.con.major !== v.major) return true;
        if (c.con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (c.con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) return (v.pre !== '' || c.con.pre !== '') && comparePre(v.pre, c.con.pre) !== 0;
      }
      return cmp !== 0;
    case '>':
      if (!c.dirty) return cmp === 1;
      if (v.major !== c.con.major) return v.major > c.con.major;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return cmp === 1;
    case '<':
      return cmp < 0;
    case '>=':
    case '=>':
      return cmp >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return cmp <= 0;
      if (v.major > c.con.major) return false;
      return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty);
    case '~':
    case '~>':
      return tilde();
    case '^':
      if (cmp < 0) return false;
      if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
      if (v.major > 0n) return false;
      if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
      if (v.minor > 0n) return false;
      return c.con.patch === v.patch;
  }
  return false;
}

/** semver.NewConstraint(c).Check(v): a list of OR groups of AND-ed constraints. */
export function newConstraint(raw: string): (v: Version) => boolean {
  const rewritten = raw.replace(RANGE, (_all, lo: string, ...rest: string[]) => `>= ${lo}, <= ${rest[9]} `);
  const groups = rewritten.split('||').map((part) => {
    if (!VALID.test(part)) throw new Error(`improper constraint: ${part}`);
    const found = [...part.matchAll(FIND)].map((m) => m[0]);
    const cs = (found.length > 0 ? found : [part]).map(parseConstraint);
    return { cs, pre: cs.some((c) => c.con.pre !== '') };
  });
  return (v) => groups.some((g) => g.cs.every((c) => check(v, c, g.pre)));
}

/** A *semver.Version as templates see it: its methods, and printed as its String(). */
function versionStruct(v: Version): GoStruct {
  const s: GoStruct = {
    [GO_TYPE]: '*semver.Version',
    Major: () => v.major,
    Minor: () => v.minor,
    Patch: () => v.patch,
    Prerelease: () => v.pre,
    Metadata: () => v.metadata,
    Original: () => v.original,
    String: () => versionString(v),
    MarshalJSON: () => JSON.stringify(versionString(v)),
    Compare: (o: GoValue) => BigInt(compareVersions(v, versionOf(o))),
    LessThan: (o: GoValue) => compareVersions(v, versionOf(o)) < 0,
    GreaterThan: (o: GoValue) => compareVersions(v, versionOf(o)) > 0,
    Equal: (o: GoValue) => compareVersions(v, versionOf(o)) === 0,
  };
  VERSIONS.set(s, v);
  return s;
}

const VERSIONS = new WeakMap<object, Version>();
function versionOf(o: GoValue): Version {
  const v = typeof o === 'object' && o !== null ? VERSIONS.get(o) : undefined;
  if (!v) throw new Error('wrong type for value; expected *semver.Version');
  return v;
}

export function semverFuncs(): FuncMap {
  return {
    semver: { params: ['string'], fn: (v) => versionStruct(parseVersion(v as string)) },
    semverCompare: {
      params: ['string', 'string'],
      fn: (c, v) => {
        const matches = newConstraint(c as string);
        return matches(parseVersion(v as string));
      },
    },
  };
}
