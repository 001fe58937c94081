// The entry point: parse argv, run the command, map errors to exit codes. The only file that exits.
import { Command, CommanderError } from 'commander';
import { fromSystemError, isHullError } from './errors.ts';
import { VERSION } from './version.ts';
import { registerFor } from './cli/commands.ts';
import { handlesInterruption, interruption } from './cli/interrupt.ts';

const program = new Command('hull')
  .description('A release orchestrator for Kubernetes: Helm-compatible releases, safe upgrades and rollbacks')
  .option('-n, --namespace <ns>', 'namespace scope for this request')
  .option('--kube-context <name>', 'name of the kubeconfig context to use')
  .option('--kubeconfig <path>', 'path to the kubeconfig file')
  .option('--debug', 'enable verbose output')
  .version(VERSION, '--hull-version', 'print the version')
  .showHelpAfterError()
  .exitOverride();


async function exitCodeOf(e: unknown): Promise<number> {
  if (isHullError(e)) return e.exitCode;
  if (e instanceof CommanderError) {
    if (e.exitCode === 0) return 0;
    // With --detailed-exitcode, 2 means "changes": a mistyped flag must not read as one. (Imported
    // here, on the error path, so that other commands do not load diff's module.)
    const { DETAILED_EXITCODE } = await import('./cli/diff.ts');
    return process.argv.includes(DETAILED_EXITCODE) ? 1 : 2;
  }
  return 1;
}

// Ctrl-C / SIGTERM: the first one asks the running operation to stop cleanly (record the failure,
// or roll back with --atomic); a second one exits at once.
function onSignal(signal: NodeJS.Signals): void {
  if (interruption.signal.aborted || !handlesInterruption()) process.exit(130);
  process.stderr.write(`\n${signal} received: stopping the operation (again to exit immediately)\n`);
  interruption.abort(new Error(signal));
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

/** The stack of an error and of its causes, for --debug. */
function stackOf(e: unknown): string {
  const parts: string[] = [];
  for (let c: unknown = e; c !== undefined && parts.length < 5; c = (c as { cause?: unknown }).cause) {
    parts.push(c instanceof Error ? (c.stack ?? c.message) : String(c));
    if (!(c instanceof Error)) break;
  }
  return parts.join('\nCaused by: ');
}

async function main(): Promise<void> {
  try {
    // Only the module of the command being run is loaded (all of them for help): see cli/commands.ts.
    await registerFor(program, process.argv.slice(2));
    await program.parseAsync(process.argv);
  } catch (e) {
    const code = await exitCodeOf(e);
    if (e instanceof CommanderError) {
      process.exitCode = code; // commander already printed the message (or help)
      return;
    }
    const debug = Boolean(process.env.HULL_DEBUG) || process.argv.includes('--debug');
    const known = isHullError(e) ? e : fromSystemError(e);
    if (known) {
      process.stderr.write(`Error: ${known.message}\n`);
      if (debug) process.stderr.write(`${stackOf(e)}\n`);
      process.exitCode = known.exitCode;
      return;
    }
    // A bug or an engine failure hull has no words for: the message, and the stack on request.
    process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.stderr.write(debug ? `${stackOf(e)}\n` : 'This is unexpected: run again with --debug for the stack trace, and please report it.\n');
    process.exitCode = code;
  }
}

// Not a top-level await: the single executable's bundle is CommonJS (scripts/build-exe.mjs).
void main();
