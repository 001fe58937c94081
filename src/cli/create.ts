// `hull create NAME`: scaffold a working chart in directory NAME (refusing to overwrite one).
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { scaffold } from '../chart/scaffold.ts';
import { fromSystemError, HullError } from '../errors.ts';

export async function createChart(dir: string): Promise<void> {
  const name = basename(dir);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
    throw new HullError('USAGE', `chart name "${name}" is invalid: lower-case letters, digits and "-" (it ends up in resource names)`);
  }
  const existing = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOTDIR') throw new HullError('USAGE', `create chart ${dir}: a file is in the way (${dir} or one of its parent directories is a file)`);
    return [] as string[];
  });
  if (existing.length > 0) throw new HullError('USAGE', `${dir} already exists and is not empty`);
  try {
    for (const [file, text] of Object.entries(scaffold(name))) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), text);
    }
  } catch (e) {
    throw fromSystemError(e, `create chart ${dir}`) ?? e;
  }
}

export function register(program: Command): void {
  program
    .command('create')
    .description('create a new chart with the given name')
    .argument('<name>', 'chart name (the directory to create)')
    .action(async (name: string) => {
      await createChart(name);
      process.stdout.write(`Creating ${name}\n`);
    });
}
