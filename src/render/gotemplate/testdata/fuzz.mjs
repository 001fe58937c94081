// Random templates (text, actions, if/with/range, variables, builtins) as cases for compare.ts:
//   node fuzz.mjs SEED COUNT > cases.jsonl

let seed = Number(process.argv[2] ?? 1);
const rnd = () => { seed |= 0; seed = (seed + 0x6D2B79F5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const pick = (a) => a[Math.floor(rnd() * a.length)];
const operands = ['.a', '.b', '.l', '.m', '.m.k', '.m.n', '.m.n.x', '.z', '.z.y', '$', '$.a', '1', '2.5', '-3', '"s"', 'nil', 'true', '0', '""', "'c'", '.', '(index .l 0)', '(index .m "k")', '(len .l)', '$v', '$i'];
const fns = ['print', 'printf "%v-%d"', 'printf "%s|%q"', 'len', 'index .l', 'index .m', 'eq .b', 'eq .a', 'ne 1', 'lt 1', 'and', 'or', 'not', 'upper', 'list', 'html', 'js', 'urlquery', 'println', 'slice .a'];
function pipe(d) {
  let p = rnd() < 0.5 ? pick(operands) : pick(fns) + ' ' + pick(operands) + (rnd() < 0.3 ? ' ' + pick(operands) : '');
  if (rnd() < 0.3) p += ' | ' + pick(fns);
  if (d > 0 && rnd() < 0.2) p = pick(fns) + ' (' + pipe(d - 1) + ')';
  return p;
}
function block(d) {
  let s = '';
  const n = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.3) s += pick(['x', ' ', '\n', 'a: ', '  - ']);
    else if (r < 0.6 || d === 0) s += `{{${pick(['', '- '])}${pipe(2)}${pick(['', ' -'])}}}`;
    else if (r < 0.7) s += `{{ if ${pipe(1)} }}${block(d - 1)}{{ else }}${block(d - 1)}{{ end }}`;
    else if (r < 0.8) s += `{{ with ${pipe(1)} }}${block(d - 1)}{{ end }}`;
    else if (r < 0.9) s += `{{ range $i, $v := ${pick(['.l', '.m', '.a', '2', '.z'])} }}${block(d - 1)}{{ end }}`;
    else s += `{{ $v := ${pipe(1)} }}{{ $i := 0 }}${block(d - 1)}`;
  }
  return s;
}
const out = [];
for (let i = 0; i < Number(process.argv[3] ?? 2000); i++) {
  out.push(JSON.stringify({ tpl: '{{ $v := 1 }}{{ $i := 2 }}' + block(3), data: { a: 'A', b: 2, l: [1, 'x', null], m: { k: 'v', n: null } }, missing: rnd() < 0.5 ? 'zero' : 'default' }));
}
console.log(out.join('\n'));
