// Calls whose printed result must match Helm's, family by family. Integers are bigints (Go int
// constants), other numbers float64 — as a template would pass them.
import { Nested, type Arg, type Call } from './oracle.ts';
import { randomValues } from './random-values.ts';

const c = (name: string, ...args: Arg[]): Call => ({ name, args });
const n = (name: string, ...args: Arg[]): Nested => new Nested({ name, args });
const long = 'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss';

export const STRING_CASES: Call[] = [
  c('abbrev', 5n, 'hello world'), c('abbrev', 3n, 'hello world'), c('abbrev', 20n, 'hello'), c('abbrev', 7n, 'héllo wörld'),
  c('abbrevboth', 5n, 10n, '1234 5678 9123'), c('abbrevboth', 0n, 4n, 'abcdefgh'), c('abbrevboth', 10n, 8n, 'abcdefghijklmnopqrstuvwxyz'),
  c('trunc', 5n, 'hello world'), c('trunc', -5n, 'hello world'), c('trunc', 50n, 'hi'), c('trunc', 0n, 'hi'), c('trunc', 2n, 'héllo'),
  c('trim', '  \t hi \n '), c('trimAll', '$', '$$5.00$'), c('trimall', 'ab', 'abxba'), c('trimSuffix', '-', 'hello-'), c('trimPrefix', '-', '-hello'),
  c('trimSuffix', '', 'x'), c('upper', 'héllo ß'), c('lower', 'HÉLLO'), c('title', 'hello wORLD-foo_bar baz.qux'), c('untitle', 'Hello World FOO'),
  c('substr', 1n, 4n, 'hello'), c('substr', -1n, 3n, 'hello'), c('substr', 2n, -1n, 'hello'), c('substr', 2n, 99n, 'hello'),
  c('repeat', 3n, 'ab'), c('nospace', ' h e\tl\nlo '), c('initials', 'first  last\tthird'), c('swapcase', 'Hello World ß'),
  c('wrap', 10n, long), c('wrap', 3n, 'abcdefgh ij'), c('wrapWith', 5n, '\t', 'Hello World abcdefghij'), c('wrapWith', 10n, '<br>', long),
  c('contains', 'cat', 'catch'), c('hasPrefix', 'ca', 'catch'), c('hasSuffix', 'ch', 'catch'), c('hasPrefix', 'x', 'catch'),
  c('quote', 'a"b\\c\n\t\u0001é😀'), c('quote', 'a', 1n, 1.5, null, true), c('quote'), c('squote', 'a', 1n, 2.5, null, 'it\'s'),
  c('cat', 'a', null, 1n, 1000000, [1n, 'x'], { k: 'v' }), c('indent', 4n, 'a\nb\n'), c('nindent', 2n, 'a\nb'), c('indent', 0n, 'x'),
  c('replace', 'a', 'b', 'banana'), c('replace', '', '-', 'abc'), c('plural', 'one', 'many', 1n), c('plural', 'one', 'many', 2n),
  c('toString', 1000000), c('toString', 1.5), c('toString', 12n), c('toString', null), c('toString', [1n, 'a', null]), c('toString', { b: 1, a: [2] }),
  c('toString', true), c('toString', 1e21), c('toString', 0.0001), c('toString', 0.00001), c('toString', 123456.0), c('toString', -0.5), c('toString', 1234567.8),
  c('toStrings', [1n, null, 'a', 2.5]), c('toStrings', 'x'), c('join', ',', ['a', 1n, null, 2.5]), c('join', '-', 'single'),
  c('split', '$', 'foo$bar$baz'), c('splitList', ',', 'a,b,,c'), c('splitList', '', 'héllo'), c('splitn', '$', 2n, 'foo$bar$baz'), c('splitn', '$', 0n, 'a$b'),
  c('sortAlpha', ['b', 'a', 'C', 'é', '10', '9']), c('sortAlpha', 'x'), c('atoi', '42'), c('atoi', '4x'), c('atoi', '-0012'),
];

export const CONV_CASES: Call[] = [
  c('int', '12'), c('int', '0x1F'), c('int', '010'), c('int', '1.0'), c('int', '1.5'), c('int', 3.99), c('int', -3.99), c('int', true), c('int', null), c('int', '1_000'),
  c('int64', '9223372036854775807'), c('int64', '9223372036854775808'), c('int64', 1e20), c('int64', ' 5'),
  c('float64', '1.5'), c('float64', 'x'), c('float64', 3n), c('float64', '1e3'), c('float64', 'inf'), c('float64', '0x1p-2'), c('float64', true),
  c('toDecimal', '0777'), c('toDecimal', '777'), c('toDecimal', 8n), c('toDecimal', 'x'),
  c('typeOf', 'x'), c('typeOf', 1.5), c('typeOf', [1n]), c('typeOf', { a: 1 }), c('typeOf', null), c('typeOf', true),
  c('kindOf', 'x'), c('kindOf', 1.5), c('kindOf', [1n]), c('kindOf', { a: 1 }), c('kindOf', null),
  c('kindIs', 'map', { a: 1 }), c('typeIs', 'string', 'x'), c('typeIsLike', 'float64', 1.5),
  c('deepEqual', [1n, { a: 'b' }], [1n, { a: 'b' }]), c('deepEqual', 1n, 1.0), c('deepEqual', { a: 1 }, { a: 2 }),
];

export const DEFAULT_CASES: Call[] = [
  c('default', 'd', ''), c('default', 'd', 'x'), c('default', 'd'), c('default', 'd', 0n), c('default', 'd', 0.0), c('default', 'd', false),
  c('default', 'd', []), c('default', 'd', {}), c('default', 'd', null), c('default', 'd', [null]),
  c('empty', ''), c('empty', 'x'), c('empty', 0.0), c('empty', {}), c('empty', { a: null }), c('empty', null),
  c('coalesce', null, '', 0n, 'x', 'y'), c('coalesce', null, ''), c('all', 1n, 'x', true), c('all', 1n, ''), c('any', '', 0n), c('any', '', 'x'),
  c('ternary', 'yes', 'no', true), c('ternary', 'yes', 'no', false),
];

export const LIST_CASES: Call[] = [
  c('list', 1n, 'a', 2.5), c('tuple'), c('append', [1n, 2n], 3n), c('push', [], 'x'), c('prepend', [1n, 2n], 0n),
  c('first', [1n, 2n]), c('first', []), c('last', ['a', 'b']), c('rest', [1n, 2n, 3n]), c('rest', []), c('initial', [1n, 2n, 3n]),
  c('reverse', [1n, 2n, 3n]), c('uniq', [1n, 1n, 2.0, 2.0, 'a', 'a', [1n], [1n]]), c('without', [1n, 2n, 3n, 2n], 2n), c('without', [1n, 2n, 3n], 1n, 3n),
  c('has', 2n, [1n, 2n]), c('has', 2.0, [1n, 2n]), c('has', 'x', null), c('compact', [1n, '', null, 0n, 'a', false, [], {}]),
  c('slice', [1n, 2n, 3n, 4n], 1n, 3n), c('slice', [1n, 2n, 3n], 1n), c('slice', [1n, 2n, 3n]), c('concat', [1n], [2n, 3n], []),
  c('until', 5n), c('until', -3n), c('until', 0n), c('untilStep', 0n, 10n, 3n), c('untilStep', 10n, 0n, -4n), c('untilStep', 0n, 10n, -1n),
  c('seq', 5n), c('seq', -2n), c('seq', 2n, 5n), c('seq', 5n, 2n), c('seq', 0n, 3n, 10n), c('seq', 10n, -3n, 1n), c('seq', 1n, 3n, 0n), c('seq'),
  c('chunk', 2n, [1n, 2n, 3n, 4n, 5n]), c('chunk', 3n, [1n, 2n, 3n]), c('chunk', 2n, []),
  c('mustFirst', ['x']), c('mustUniq', ['a', 'a']), c('sortAlpha', [3n, 1n, 2n]),
];

export const DICT_CASES: Call[] = [
  c('dict', 'a', 1n, 'b'), c('dict', 1n, 'x', 1.5, 'y'), c('get', { a: 'x' }, 'a'), c('get', { a: 'x' }, 'b'), c('set', { a: 1n }, 'b', 2n), c('unset', { a: 1n, b: 2n }, 'a'),
  c('hasKey', { a: null }, 'a'), c('hasKey', {}, 'a'), c('pluck', 'a', { a: 1n }, { b: 2n }, { a: 3n }), c('keys', { only: 1n }), c('keys', { a: 1n }, { b: 2n }), c('values', { only: [1n] }),
  c('pick', { a: 1n, b: 2n, c: 3n }, 'a', 'c', 'z'), c('omit', { a: 1n, b: 2n, c: 3n }, 'a'),
  c('merge', { a: 1n, b: { x: 1n, z: '' }, l: [1n], e: '', f: false }, { a: 2n, b: { x: 2n, y: 3n, z: 'zz' }, l: [2n, 3n], e: 'filled', f: true, n: 'new' }),
  c('mergeOverwrite', { a: 1n, b: { x: 1n }, l: [1n], keep: 'k' }, { a: 2n, b: { y: 3n }, l: [2n], keep: null }),
  c('merge', { a: {} }, { a: { b: 1n } }), c('merge', { a: 'str' }, { a: { b: 1n } }), c('mergeOverwrite', { a: 'str' }, { a: { b: 1n } }),
  c('merge', { a: [] }, { a: [1n] }), c('merge', { a: 0n }, { a: 5n }, { a: 7n }), c('mergeOverwrite', { a: { b: { c: 1n } } }, { a: { b: { d: 2n } } }),
  c('deepCopy', { a: [1n, { b: 2n }] }), c('dig', 'a', 'b', 'def', { a: { b: 'found' } }), c('dig', 'a', 'x', 'def', { a: { b: 'found' } }),
];

export const MATH_CASES: Call[] = [
  c('add', 1n, 2n, 3n), c('add', '3', 1.5), c('add'), c('add1', 1.9), c('sub', 10n, 3.7), c('mul', 2n, 3n, '4'), c('div', 7n, 2n), c('div', -7n, 2n),
  c('mod', 7n, 3n), c('mod', -7n, 3n), c('max', 1n, 5n, '3'), c('min', 4n, -2.5, 3n), c('biggest', 1n, 9n), c('maxf', 1n, 2.5, 2n), c('minf', 1.5, 0.5),
  c('floor', 1.7), c('floor', '-1.2'), c('ceil', 1.2), c('round', 3.14159, 2n), c('round', 2.5, 0n), c('round', -2.5, 0n), c('round', 1.2345, 3n, 0.4),
  c('addf', 0.1, 0.2), c('addf', 1n, '2.5'), c('add1f', 1.5), c('subf', 1.0, 0.9), c('mulf', 0.1, 3n), c('divf', 1n, 3n), c('divf', 10n, 4n), c('divf', 2n, 3n, 7n),
  c('add', 9223372036854775807n, 1n), c('mul', 4294967296n, 4294967296n),
];

export const ENCODING_CASES: Call[] = [
  c('b64enc', 'hello wörld'), c('b64dec', 'aGVsbG8='), c('b64dec', 'aGVsbG8'), c('b64dec', 'a$b='), c('b64dec', 'aGVs\nbG8='),
  c('b32enc', 'hello'), c('b32dec', 'NBSWY3DP'), c('b32dec', 'NBSWY3D'), c('b32enc', ''),
  c('sha1sum', 'abc'), c('sha256sum', 'abc'), c('sha512sum', 'abc'), c('adler32sum', 'Wikipedia'), c('adler32sum', ''),
  c('base', '/a/b/c.txt'), c('base', '/a/b/'), c('base', ''), c('base', '///'), c('dir', '/a/b/c'), c('dir', 'c'), c('dir', '/'), c('clean', 'a//b/../c/.'), c('clean', '/../x'),
  c('clean', '../../a'), c('ext', 'a/b.tar.gz'), c('ext', 'a.b/c'), c('isAbs', '/x'), c('isAbs', 'x'), c('osBase', '/a/b'),
];

export const JSON_YAML_CASES: Call[] = [
  c('toJson', { b: [1n, 1.5, 1000000, 1e21, 1e-7, null, true], a: '<&>\u2028é', c: {} }), c('toJson', 'x'), c('toJson', null), c('toJson', []),
  c('toPrettyJson', { b: [1n, { x: [] }], a: 'x' }), c('toPrettyJson', {}), c('toRawJson', { a: '<&>' }), c('mustToJson', [1n]),
  c('fromJson', '{"a":[1,2.5,"x"],"b":{"c":null}}'), c('fromJson', 'nope'), c('fromJson', '[1]'), c('fromJson', '{"a":1'), c('fromJsonArray', '[1,"a",{}]'), c('fromJsonArray', '{}'),
  c('toYaml', { name: 'x', list: ['a', { k: 'v' }], empty: {}, none: [], num: 1000000, f: 1.5, big: 1e21, small: 0.000001, t: 'yes', n: null, ml: 'a\nb\n', s: '' }),
  c('toYaml', { key: long + ' ' + long }), c('toYaml', ['a', ['b', 'c'], [], {}]), c('toYaml', 'plain'), c('toYaml', '0x1F'), c('toYaml', null), c('toYaml', 12n),
  c('toYaml', { 'a10': 1n, 'a2': 2n, 'a-b': 3n, ab: 4n, B: 5n, '_x': 6n, '1': 7n, '10': 8n, '9': 9n }),
  c('toYaml', Object.fromEntries(['a01', 'a1', 'x-1', 'x_1', 'X1', '1a', '01', 'v1beta1', 'v1', 'v10alpha', 'é', 'e', 'z9', 'z09', 'k8s.io/x', 'k8s-io', ''].map((k, i) => [k, BigInt(i)]))),
  c('mustToYaml', { a: [1n] }), c('toYamlPretty', { a: [1n, { b: [2n, 3.5] }], c: {}, s: long + ' ' + long, y: 'yes', f: 1000000, ml: 'a\nb\n', l: [[1n], []] }), c('toYamlPretty', 'x'), c('fromYaml', 'a: 1\nb: [x, 2.5]\nc: {d: null}\n'), c('fromYaml', '- 1'), c('fromYaml', ''), c('fromYaml', 'a: yes\nb: on\nc: 0777\nd: 1_000\ne: 2024-01-15\nf: ~\ng: 0x1F\nh: 1e3\ni: 1.0\n'),
  c('fromYamlArray', '- a\n- 1\n'), c('fromYamlArray', 'a: 1'),
];


export const JSON_ERROR_CASES: Call[] = [
  '', ' ', 'nope', '{"a":1', '{"a" 1}', '{"a":1 "b"}', '[1 2]', '{a:1}', '"abc', '"a\\qb"', '"\\u12x4"', '-x', '1.x', '1ex', '01', '{"a":1}x', 'tru', '-', '1.', '1e', 'nul', '[1,]', '{"a":1,}', '"\t"',
].map((s) => ({ name: 'fromJson', args: [s] }));

const sc = (constraint: string, ...versions: string[]): Call[] => versions.map((v) => c('semverCompare', constraint, v));
const K8S = ['1.18.0', '1.19.0', 'v1.19.3', '1.20.0-0', 'v1.28.3-eks-4f4795d', '1.21.2+k3s1', 'v1.30.0-gke.1', '2.0.0', '0.9.1'];

export const SEMVER_CASES: Call[] = [
  ...sc('>=1.19-0', ...K8S), ...sc('>=1.19.0', ...K8S), ...sc('<1.20', ...K8S), ...sc('^1.19', ...K8S), ...sc('~1.19.0', ...K8S), ...sc('1.19.x', ...K8S),
  ...sc('>= 1.18, < 1.21', ...K8S), ...sc('1.18 - 1.20', ...K8S), ...sc('<1.19 || >=2', ...K8S), ...sc('!=1.19.0', ...K8S), ...sc('>1.19', ...K8S), ...sc('<=1.19', ...K8S),
  ...sc('^0.9', '0.9.5', '0.10.0'), ...sc('^0.0.3', '0.0.3', '0.0.4'), ...sc('~1', '1.5.0', '2.0.0'), ...sc('*', '1.0.0', '1.0.0-alpha'), ...sc('=1.2.3', '1.2.3', 'v1.2.3+build'),
  ...sc('>=1.2.3-alpha.2', '1.2.3-alpha.10', '1.2.3-alpha.beta', '1.2.3-alpha.1'), ...sc('~1.2.3-beta', '1.2.4', '1.2.3-beta.2'),
  c('semver', '1.2.3-beta.1+build.5'), c('semver', 'v2'), c('semver', '1.2'),
];

export const REGEX_CASES: Call[] = [
  c('regexMatch', '^[a-z]+\\d$', 'abc1'), c('regexMatch', '(', 'x'), c('regexMatch', '\\bfoo\\b', 'a foo b'), c('regexFind', '[a-z]+', '12ab34cd'), c('regexFind', 'z', 'abc'),
  c('regexFindAll', 'a*', 'baaab', -1n), c('regexFindAll', '[0-9]+', 'a1b22c333', 2n), c('regexFindAll', '', 'héllo', -1n), c('regexFindAll', 'x', 'abc', -1n),
  c('regexReplaceAll', 'a(x*)b', '-ab-axxb-', '${1}W'), c('regexReplaceAll', 'a(x*)b', '-ab-axxb-', '$1W'), c('regexReplaceAll', '(?P<w>\\w+)', 'hi you', '<$w>'),
  c('regexReplaceAll', 'a*', 'baaab', '-'), c('regexReplaceAll', 'x', 'axb', '$$ $ ${x'), c('regexReplaceAllLiteral', 'a(x*)b', '-ab-axxb-', '$1'),
  c('regexSplit', 'z+', 'pizza', -1n), c('regexSplit', 'z+', 'pizza', 0n), c('regexSplit', 'z+', 'pizza', 1n), c('regexSplit', '', 'abc', -1n), c('regexSplit', 'a', '', -1n), c('regexSplit', ',', 'a,b,c', 2n),
  c('regexQuoteMeta', '1.5-2.0?[x]{y}^$|\\'), c('regexMatch', '(?i)HELLO', 'hello'), c('regexMatch', '\\pL+', 'é'), c('regexFindAll', '(?s).', 'a\nb', -1n),
];

const LAYOUT = '2006-01-02T15:04:05Z07:00 MST Mon Monday Jan January _2 2 02 __2 002 3:4:5 03 15 PM pm .000 .999 06';
const T = 1700000123n;
const parsed = (layout: string, value: string): Nested => n('toDate', layout, value);

export const DATE_CASES: Call[] = [
  c('dateInZone', LAYOUT, T, 'UTC'), c('dateInZone', LAYOUT, T, 'America/New_York'), c('dateInZone', '2006-01-02 15:04 -07:00', T, 'Asia/Kolkata'),
  c('dateInZone', '2006-01-02 15:04 MST', T, 'Nowhere/Bad'), c('dateInZone', 'Jan 2', 0n, ''), c('date', '2006', 1.5), c('date', '2006-01-02', T),
  c('htmlDate', T), c('htmlDateInZone', T, 'Australia/Sydney'), c('date_in_zone', '15:04', T, 'Europe/Paris'),
  c('date', 'Jan 2, 2006', parsed('2006-01-02', '2024-03-05')), c('toDate', '2006-01-02', '2024-03-05'), c('toDate', '2006-01-02T15:04:05Z07:00', '2024-03-05T10:11:12+02:00'),
  c('toDate', '2006-01-02T15:04:05Z07:00', '2024-03-05T10:11:12Z'), c('toDate', '2006-01-02 15:04:05.000', '2024-03-05 10:11:12.345'), c('toDate', '2006-01-02', 'bad'),
  c('toDate', 'Jan _2 3:04PM 2006', 'Mar  5 1:02PM 2024'), c('toDate', '02/01/06', '29/02/24'), c('toDate', '2006-01-02', '2023-02-29'), c('toDate', '15:04:05', '10:11:12.5'),
  c('unixEpoch', parsed('2006-01-02T15:04:05Z07:00', '2024-03-05T10:11:12+02:00')), c('dateModify', '1.5h', parsed('2006-01-02', '2024-03-05')),
  c('dateModify', 'bad', parsed('2006-01-02', '2024-03-05')), c('dateModify', '-90m30s', parsed('2006-01-02', '2024-03-05')),
  c('duration', '95'), c('duration', n('int64', 3661n)), c('duration', 1.5), c('duration', 'x'), c('duration', '100000'), c('duration', '-5'),
  c('durationRound', '2h10m'), c('durationRound', '400h'), c('durationRound', '9000h'), c('durationRound', '1500ms'), c('durationRound', n('int64', 2000000000n)), c('durationRound', 'x'),
  c('ago', n('now')), c('date', '2006', n('now')),
];

const CASE_INPUTS = ['fooBar', 'HTTPServer', 'getHTTPResponse', 'foo_bar-baz qux', 'foo123bar', 'foo123Bar', 'v1beta1', 'Foo__Bar', '  foo  bar ', 'k8sAPIVersion', 'über-cool', 'a-1-b'];
export const CASING_CASES: Call[] = CASE_INPUTS.flatMap((s) => [c('snakecase', s), c('kebabcase', s), c('camelcase', s)]);

export const URL_CASES: Call[] = [
  c('urlParse', 'https://user:p%40ss@example.com:8443/a/b%20c?x=1&y=2#frag'), c('urlParse', 'mailto:joe@example.com'), c('urlParse', '/relative/path?q'),
  c('urlParse', 'http://[::1]:80/'), c('urlParse', 'postgres://db/name'), c('urlParse', ''),
  c('urlJoin', { scheme: 'https', host: 'example.com:8080', path: '/a b', query: 'x=1', fragment: 'f g' }), c('urlJoin', { scheme: 'mailto', opaque: 'joe@example.com' }),
  c('urlJoin', { host: 'h', path: 'p', userinfo: 'u:pw' }), c('urlJoin', { path: 'a:b' }), c('urlJoin', {}),
];

export const TOML_CASES: Call[] = [
  c('toToml', { b: 1n, a: 'x"y\n', f: 1.5, g: 3.0, big: 1000000.0, l: [1n, 2n], e: [], m: { z: true, inner: { deep: 'd' }, 'key with space': 1n }, t: [{ n: 1n }, { n: 2n, sub: { x: 1n } }], z: null }),
  c('toToml', 'scalar'), c('toToml', [{ a: 1n }]), c('toToml', { mixed: [1n, { a: 1n }] }), c('toToml', { bad: [null] }), c('toToml', {}),
  c('fromToml', 'a = 1\nb = "x"\n[t]\nc = 1.5\nd = [1, 2]\n'), c('fromToml', ''),
];

export const RANDOM_VALUE_CASES: Call[] = randomValues(120).flatMap((v) => [c('toYaml', v), c('toJson', v), c('toYamlPretty', v)]);

export const ALL_CASES: Record<string, Call[]> = {
  strings: STRING_CASES, conv: CONV_CASES, defaults: DEFAULT_CASES, lists: LIST_CASES, dicts: DICT_CASES, math: MATH_CASES, encoding: ENCODING_CASES, json_yaml: JSON_YAML_CASES, json_errors: JSON_ERROR_CASES, semver: SEMVER_CASES, regex: REGEX_CASES, dates: DATE_CASES, casing: CASING_CASES, url: URL_CASES, toml: TOML_CASES, random_values: RANDOM_VALUE_CASES,
};
