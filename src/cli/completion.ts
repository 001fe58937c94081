// hull completion bash|zsh|fish: prints a completion script generated from the full command tree.
import { Command } from 'commander';
import { HullError } from '../errors.ts';
import { bashScript, fishScript, zshScript, type CommandSpec } from './completion-scripts.ts';

const SHELLS = { bash: bashScript, zsh: zshScript, fish: fishScript };

/** Every command of `root` (and root itself), as the script generators read them. */
export function specsOf(root: Command): CommandSpec[] {
  const out: CommandSpec[] = [];
  const walk = (c: Command, path: string) => {
    const subs = c.commands.filter((s) => s.name() !== 'help');
    out.push({
      path,
      description: c.description(),
      subcommands: subs.flatMap((s) => [s.name(), ...s.aliases()]),
      flags: c.options.filter((o) => !o.hidden).map((o) => ({
        names: [o.short, o.long].filter((n): n is string => Boolean(n)),
        description: o.description,
        takesValue: o.required || o.optional,
        ...(o.argChoices ? { choices: o.argChoices } : {}),
      })),
    });
    for (const s of subs) walk(s, path ? `${path} ${s.name()}` : s.name());
  };
  walk(root, '');
  return out;
}

export function register(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script: source <(hull completion bash), or see --help')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText('after', '\nbash: source <(hull completion bash)   zsh: source <(hull completion zsh)   fish: hull completion fish | source')
    .action(async (shell: string) => {
      const generate = SHELLS[shell as keyof typeof SHELLS];
      if (!generate) throw new HullError('USAGE', `unknown shell "${shell}": use bash, zsh or fish`);
      // Only this command's module is loaded for this run: build the whole tree to describe it.
      const { registerFor } = await import('./commands.ts');
      const tree = new Command('hull');
      for (const o of program.options) tree.addOption(o);
      await registerFor(tree, []);
      process.stdout.write(generate(specsOf(tree)));
    });
}
