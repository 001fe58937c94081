// `hull version`: what `helm version` prints, with the Node version in place of Go's.
import type { Command } from 'commander';
import { BUILD, VERSION } from '../version.ts';

export interface BuildInfo {
  version: string;
  git_commit: string;
  git_tree_state: string;
  node_version: string;
}

export function buildInfo(): BuildInfo {
  return { version: VERSION, git_commit: BUILD.gitCommit, git_tree_state: BUILD.gitTreeState, node_version: process.version };
}

/** `helm version --short`: the version, then "+g" and the short commit when the build knows it. */
export function shortVersion(info: BuildInfo): string {
  return info.git_commit ? `${info.version}+g${info.git_commit.slice(0, 7)}` : info.version;
}

/** Helm's Go-syntax line: version.BuildInfo{Version:"v4.1.4", GitCommit:"…", …}. */
export function buildInfoLine(info: BuildInfo): string {
  return `version.BuildInfo{Version:"${info.version}", GitCommit:"${info.git_commit}", GitTreeState:"${info.git_tree_state}", NodeVersion:"${info.node_version}"}`;
}

export function register(program: Command): void {
  program
    .command('version')
    .description('print the hull version, the git commit it was built from and the Node version it runs on')
    .option('--short', 'print only the version number (and the short commit)')
    .option('-o, --output <format>', 'table (Helm\'s one line), json or yaml')
    .action(async (opts: { short?: boolean; output?: string }) => {
      const info = buildInfo();
      if (opts.output === undefined || opts.output === 'table') {
        process.stdout.write(`${opts.short ? shortVersion(info) : buildInfoLine(info)}\n`);
        return;
      }
      // Only -o loads the output formats (and the YAML library): `hull version` starts as fast as it can.
      const { outputFormat, printData } = await import('./common.ts');
      printData(outputFormat(opts.output) as 'json' | 'yaml', opts.short ? { version: shortVersion(info) } : info);
    });
}
