import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerFor } from './commands.ts';
import { outputOption } from './common.ts';

/** The whole command tree, as `hull --help` registers it. */
async function buildProgram(): Promise<Command> {
  const program = new Command('hull').option('-n, --namespace <ns>').exitOverride();
  await registerFor(program, []);
  return program;
}

/** Every command path, e.g. "get manifest", with its command. */
function commands(c: Command, prefix = ''): Array<[string, Command]> {
  return c.commands.flatMap((sub) => {
    const path = `${prefix}${sub.name()}`;
    return [[path, sub] as [string, Command], ...commands(sub, `${path} `)];
  });
}

const REPORTING = ['install', 'upgrade', 'rollback', 'uninstall', 'test', 'history', 'status', 'list', 'get manifest', 'get values', 'get notes', 'get hooks', 'get all', 'template', 'diff upgrade', 'diff rollback'];

describe('the command tree', () => {
  it('gives every command that reports something the one -o/--output option', async () => {
    const all = new Map(commands(await buildProgram()));
    const one = outputOption();
    for (const path of REPORTING) {
      const opt = all.get(path)?.options.find((o) => o.long === '--output');
      expect(opt, path).toBeDefined();
      expect([opt!.flags, opt!.description, opt!.defaultValue], path).toEqual([one.flags, one.description, one.defaultValue]);
    }
  });

  it('refuses an unknown format before anything runs, with a usage error', async () => {
    await expect((await buildProgram()).parseAsync(['node', 'hull', 'status', 'x', '-o', 'xml'])).rejects.toMatchObject({ code: 'USAGE', exitCode: 2, message: 'invalid output format "xml": use table, json or yaml' });
  });
});
