// The values flags shared by template, install, upgrade and lint: -f/--values and the --set family.
import type { Command } from 'commander';
import type { ValueOptions } from '../chart/values.ts';

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function addValueFlags(cmd: Command): Command {
  return cmd
    .option('-f, --values <file>', 'values file (YAML); repeat to layer several, later ones win', collect)
    .option('--set <key=value>', 'set values (a.b=c, list[0]=x, names={a,b}); repeatable', collect)
    .option('--set-string <key=value>', 'set values, always as strings; repeatable', collect)
    .option('--set-json <key=json>', 'set values given as JSON; repeatable', collect)
    .option('--set-file <key=path>', "set values to a file's content; repeatable", collect)
    .option('--set-literal <key=value>', 'set one value as a literal string (commas and backslashes included); repeatable', collect);
}

export function valueOptions(opts: { values?: string[]; set?: string[]; setString?: string[]; setJson?: string[]; setFile?: string[]; setLiteral?: string[] }): ValueOptions {
  return { valueFiles: opts.values, set: opts.set, setString: opts.setString, setJson: opts.setJson, setFile: opts.setFile, setLiteral: opts.setLiteral };
}
