import { readdirSync } from 'node:fs';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandName, registerFor } from './commands.ts';

const program = () => new Command('hull').option('-n, --namespace <ns>').option('--kubeconfig <path>').option('--debug');
const names = (p: Command) => p.commands.flatMap((c) => [c.name(), ...c.aliases()]).sort();

// These load every command module from source: slow on a busy machine, hence the timeout.
describe('the command table', { timeout: 60_000 }, () => {
  it('names exactly the commands and aliases each module registers', async () => {
    for (const entry of COMMANDS) {
      const p = program();
      (await entry.load()).register(p);
      expect(names(p), entry.names.join(' ')).toEqual([...entry.names].sort());
    }
  });

  it('lists every command module in src/cli', async () => {
    const listed = new Set(await Promise.all(COMMANDS.map((c) => c.load())));
    for (const file of readdirSync(import.meta.dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const m = await import(`./${file}`);
      if (typeof m.register === 'function') expect(listed.has(m), `${file} registers commands but is not in COMMANDS`).toBe(true);
    }
  });

  it('loads only the module of the command being run, and all of them otherwise', async () => {
    const only = program();
    await registerFor(only, ['-n', 'prod', 'status', 'web']);
    expect(names(only)).toEqual(['delete', 'get', 'hist', 'history', 'list', 'ls', 'status', 'uninstall']);
    for (const args of [[], ['--help'], ['help', 'status'], ['statsu'], ['--', 'status']]) {
      const all = program();
      await registerFor(all, args);
      expect(names(all), args.join(' ')).toEqual(COMMANDS.flatMap((c) => c.names).sort());
    }
  });

  it('finds the command name after the global options and their values', () => {
    const p = program();
    expect(commandName(p, ['version'])).toBe('version');
    expect(commandName(p, ['--debug', '-n', 'status', 'get', 'x'])).toBe('get');
    expect(commandName(p, ['--kubeconfig', '/k', 'list'])).toBe('list');
    expect(commandName(p, ['--namespace=prod', 'list'])).toBe('list');
    expect(commandName(p, ['--debug'])).toBeUndefined();
  });
});
