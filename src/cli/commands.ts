// Which module registers which command, so that a run loads only the module of its command:
// `hull version` then never evaluates the chart, schema and template libraries (yaml, ajv, semver,
// handlebars), and `hull status` only the release-reading code and the Kubernetes client. Anything
// else — no command, --help, `help`, a name not listed — loads every module, exactly as if all were
// imported. commands.test.ts checks this table against what the modules really register.
import type { Command } from 'commander';

export interface CommandModule {
  register(program: Command): void;
}

export interface CommandEntry {
  /** The top-level command names and aliases the module registers. */
  names: string[];
  load: () => Promise<CommandModule>;
}

// Listed in the order of `hull --help`. A dynamic import() per module: the bundler makes each a chunk.
export const COMMANDS: CommandEntry[] = [
  { names: ['version'], load: () => import('./version.ts') },
  { names: ['template'], load: () => import('./template.ts') },
  { names: ['lint'], load: () => import('./lint.ts') },
  { names: ['create'], load: () => import('./create.ts') },
  { names: ['show'], load: () => import('./show.ts') },
  { names: ['install', 'upgrade', 'rollback'], load: () => import('./deploy.ts') },
  { names: ['uninstall', 'delete', 'history', 'hist', 'status', 'list', 'ls', 'get'], load: () => import('./releases.ts') },
  { names: ['test'], load: () => import('./test.ts') },
  { names: ['diff'], load: () => import('./diff.ts') },
  { names: ['completion'], load: () => import('./completion.ts') },
];

/**
 * The command name in `args` (argv without node and the script), or undefined when there is none:
 * the first word that is not an option of `program` nor the value of one (`-n ns status`).
 */
export function commandName(program: Command, args: readonly string[]): string | undefined {
  const withValue = new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.short, o.long]));
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return undefined;
    if (withValue.has(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** Registers on `program` the modules `args` needs: the command's own, or all of them. */
export async function registerFor(program: Command, args: readonly string[]): Promise<void> {
  const name = commandName(program, args);
  const entry = name === undefined ? undefined : COMMANDS.find((c) => c.names.includes(name));
  const modules = await Promise.all((entry ? [entry] : COMMANDS).map((c) => c.load()));
  for (const m of modules) m.register(program);
}
