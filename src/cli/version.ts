import type { Command } from 'commander';
import { VERSION } from '../version.ts';

export function register(program: Command): void {
  program
    .command('version')
    .description('print the hull version')
    .option('--short', 'print only the version number')
    .action((opts: { short?: boolean }) => {
      if (opts.short) console.log(VERSION);
      else console.log(`version.BuildInfo{Version:"${VERSION}", NodeVersion:"${process.version}"}`);
    });
}
