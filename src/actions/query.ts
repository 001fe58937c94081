// Read-only release actions: history, status, list, get.
import type { Configuration } from '../config.ts';
import { HullError } from '../errors.ts';
import { validateReleaseName } from '../release/name.ts';
import type { Status } from '../release/status.ts';
import type { Release } from '../release/types.ts';
import type { ListedRelease } from '../storage/driver.ts';
import { SecretsDriver } from '../storage/secrets.ts';
import { openReleases } from './context.ts';

export async function history(cfg: Configuration, name: string, max = 256): Promise<Release[]> {
  validateReleaseName(name);
  const { driver } = await openReleases(cfg);
  const all = await driver.listVersions(name);
  if (all.length === 0) throw new HullError('RELEASE_NOT_FOUND', `release: not found`);
  return all.slice(-max);
}

/** One revision (the latest when `revision` is not given). */
export async function getRelease(cfg: Configuration, name: string, revision?: number): Promise<Release> {
  validateReleaseName(name);
  const { driver } = await openReleases(cfg);
  if (revision) return driver.get(name, revision);
  const latest = await driver.latest(name);
  if (!latest) throw new HullError('RELEASE_NOT_FOUND', `release: not found`);
  return latest;
}

export interface ListOptions {
  allNamespaces?: boolean;
  /** Status filters; empty means Helm 4's default (every status). */
  statuses?: Status[];
  filter?: string;
  /** --superseded alone shows every revision, as Helm does. */
  allRevisions?: boolean;
}

/** Answers from the Secrets' labels; bodies are decoded only for the rows shown (one per release). */
export async function list(cfg: Configuration, opts: ListOptions): Promise<ListedRelease[]> {
  const kube = await cfg.kube();
  const namespace = opts.allNamespaces ? undefined : await cfg.namespace();
  let filter: RegExp | undefined;
  try {
    filter = opts.filter ? new RegExp(opts.filter) : undefined;
  } catch (e) {
    throw new HullError('USAGE', `invalid --filter regular expression: ${(e as Error).message}`);
  }
  const driver = new SecretsDriver(kube, namespace ?? 'default', { now: cfg.clock });
  return driver.listReleases(namespace, { name: filter, statuses: opts.statuses?.length ? opts.statuses : undefined, allRevisions: opts.allRevisions });
}
