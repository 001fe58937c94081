import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerFor } from './commands.ts';
import { bashScript, fishScript, zshScript } from './completion-scripts.ts';
import { specsOf } from './completion.ts';

async function specs() {
  const tree = new Command('hull').option('-n, --namespace <ns>', 'namespace scope').option('--kubeconfig <path>', 'kubeconfig file');
  await registerFor(tree, []);
  return specsOf(tree);
}

/** What bash offers for `words` (the last one being completed), with the script sourced. */
function complete(script: string, words: string[]): string[] {
  const harness = `${script}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; COMPREPLY=()
_hull; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', harness], { encoding: 'utf8', cwd: import.meta.dirname }).split('\n').filter(Boolean);
}

describe('hull completion', () => {
  it('bash completes commands, subcommands, flags and flag values from the command tree', async () => {
    const script = bashScript(await specs());
    expect(complete(script, ['hull', ''])).toEqual(expect.arrayContaining(['install', 'upgrade', 'diff', 'get', 'completion', 'ls']));
    expect(complete(script, ['hull', 'up'])).toEqual(['upgrade']);
    expect(complete(script, ['hull', '-n', 'prod', 'get', ''])).toEqual(['manifest', 'values', 'notes', 'hooks', 'all']);
    expect(complete(script, ['hull', 'diff', 'upgrade', 'web', 'chart', '--det'])).toEqual(['--detailed-exitcode']);
    expect(complete(script, ['hull', 'status', 'web', '-o', ''])).toEqual(['table', 'json', 'yaml']);
    expect(complete(script, ['hull', 'install', 'web', 'chart', '--dry-run', ''])).toEqual(['client', 'server', 'none']);
    // Global flags everywhere; a command's own flags only under it.
    expect(complete(script, ['hull', 'history', '--kubec'])).toEqual(['--kubeconfig']);
    expect(complete(script, ['hull', 'history', '--atom'])).toEqual([]);
    // Where a command takes a chart or a file: file names.
    expect(complete(script, ['hull', 'template', 'web', 'completion.t'])).toEqual(['completion.test.ts', 'completion.ts']);
  });

  it('zsh loads the bash script through bashcompinit; fish gets its own complete lines', async () => {
    const s = await specs();
    expect(zshScript(s)).toMatch(/^#compdef hull\n[\s\S]*bashcompinit[\s\S]*complete -o default -o bashdefault -F _hull hull\n$/);
    const fish = fishScript(s);
    expect(fish).toContain("complete -c hull -n '__fish_use_subcommand' -a install -d 'install a chart as a new release'");
    expect(fish).toMatch(/^complete -c hull -n '__fish_seen_subcommand_from diff; and __fish_seen_subcommand_from upgrade; and not __fish_seen_subcommand_from rollback' -l detailed-exitcode -d .*$/m);
    expect(fish).toContain("-s o -l output -x -a 'table json yaml'");
  });

  it('prints the script from the CLI, and refuses an unknown shell', () => {
    const main = resolve(import.meta.dirname, '../main.ts');
    const ok = spawnSync(process.execPath, [main, 'completion', 'bash'], { encoding: 'utf8', timeout: 30_000 });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^# bash completion for hull/);
    const bad = spawnSync(process.execPath, [main, 'completion', 'tcsh'], { encoding: 'utf8', timeout: 30_000 });
    expect([bad.status, bad.stderr]).toEqual([2, 'Error: unknown shell "tcsh": use bash, zsh or fish\n']);
  }, 60_000);
});
