// docs/from-helm.md says which flags each hull command has: every flag it names must exist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerFor } from './commands.ts';

const doc = readFileSync(join(import.meta.dirname, '../../docs/from-helm.md'), 'utf8');

/** The command and its subcommands' flags, long and short. */
function flagsOf(cmd: Command): Set<string> {
  const all = new Set<string>();
  for (const c of [cmd, ...cmd.commands]) for (const o of c.options) for (const f of [o.long, o.short]) if (f) all.add(f);
  return all;
}

describe('docs/from-helm.md', () => {
  // Loads every command module from source: slow on a busy machine, hence the timeout.
  it('names only flags the hull commands have', { timeout: 60_000 }, async () => {
    const program = new Command('hull');
    await registerFor(program, []);
    const rows = doc.split('\n').filter((l) => l.startsWith('| `helm '));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const [, , hullCell, flagsCell] = row.split(/(?<!\\)\|/).map((c) => c.trim());
      const name = /^`hull ([a-z]+)/.exec(hullCell)?.[1];
      if (!name) continue;
      const cmd = program.commands.find((c) => c.name() === name);
      expect(cmd, `hull ${name}`).toBeDefined();
      const have = flagsOf(cmd!);
      for (const [, short, long] of flagsCell.matchAll(/`(?:[a-z ]+ )?(?:(-[a-zA-Z])\/)?(--[a-z][a-z-]*)`/g)) {
        expect(have.has(long), `hull ${name} ${long}`).toBe(true);
        if (short) expect(have.has(short), `hull ${name} ${short}`).toBe(true);
      }
    }
  });
});
