#!/usr/bin/env bash
# Re-records the expected results of cases.jsonl with the real Go text/template (needs Go):
# each line keeps its input (tpl, data, missing, name, note) and gets Go's "out" or "err".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$here/goref" && go build -o "$tmp/goref" .)
grep -v '^\s*$' "$here/cases.jsonl" | node -e '
const lines = require("fs").readFileSync(0, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const input = lines.map((c) => JSON.stringify({ tpl: c.tpl, data: c.data, missing: c.missing, name: c.name })).join("\n") + "\n";
const out = require("child_process").execFileSync(process.argv[1], { input }).toString().trim().split("\n");
const res = lines.map((c, i) => {
  const g = JSON.parse(out[i]);
  const { out: _o, err: _e, ...rest } = c;
  return JSON.stringify(g.err !== undefined ? { ...rest, err: g.err } : { ...rest, out: g.out });
});
require("fs").writeFileSync(process.argv[2], res.join("\n") + "\n");
' "$tmp/goref" "$here/cases.jsonl"
echo "recorded $(wc -l < "$here/cases.jsonl") cases"
