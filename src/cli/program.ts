// The command tree, built in one place so main.ts runs it and tests (and completion) can read it.
import { Command } from 'commander';
import { VERSION } from '../version.ts';
import * as versionCmd from './version.ts';
import * as templateCmd from './template.ts';
import * as lintCmd from './lint.ts';
import * as createCmd from './create.ts';
import * as showCmd from './show.ts';
import * as deployCmd from './deploy.ts';
import * as releasesCmd from './releases.ts';
import * as testCmd from './test.ts';
import * as diffCmd from './diff.ts';

export function buildProgram(): Command {
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
  return program;
}
