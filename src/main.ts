// The entry point: parse argv, run the command, map errors to exit codes. The only file that exits.
import { Command, CommanderError } from 'commander';
import { fromSystemError, isHullError } from './errors.ts';
import { VERSION } from './version.ts';
import * as versionCmd from './cli/version.ts';
import * as templateCmd from './cli/template.ts';
import * as lintCmd from './cli/lint.ts';
import * as createCmd from './cli/create.ts';
import * as showCmd from './cli/show.ts';
import * as deployCmd from './cli/deploy.ts';
import * as releasesCmd from './cli/releases.ts';
import * as testCmd from './cli/test.ts';
import * as diffCmd from './cli/diff.ts';
import { handlesInterruption, interruption } from './cli/common.ts';

const program = new Command('hull')
  .description('A release orchestrator for Kubernetes: Helm-compatible releases, safe upgrades and rollbacks')
  .option('-n, --namespace <ns>', 'namespace scope for this request')
  .option('--kube-context <name>', 'name of the kubeconfig context to use')
  .option('--kubeconfig <path>', 'path to the kubeconfig file')
  .option('--debug', 'enable verbose output')
  .version(VERSION, '--hull-version', 'print the version')
  .showHelpAfterError()
  .exitOverride();

for (const cmd of [versionCmd, templateCmd, lintCmd, createCmd, showCmd, deployCmd, releasesCmd, testCmd, diffCmd]) cmd.register(program);

function exitCodeOf(e: unknown): number {
  if (isHullError(e)) return e.exitCode;
  // With --detailed-exitcode, 2 means "changes": a mistyped flag must not read as one.
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : process.argv.includes(diffCmd.DETAILED_EXITCODE) ? 1 : 2;
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
    await program.parseAsync(process.argv);
  } catch (e) {
    const code = exitCodeOf(e);
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

await main();
