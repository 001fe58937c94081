// Read-only release actions: history, status, list, get.
import type { Configuration } from '../config.ts';
import { HullError } from '../errors.ts';
import { validateReleaseName } from '../release/name.ts';
import type { Status } from '../release/status.ts';
import type { Release } from '../release/types.ts';
import type { ListedRelease } from '../storage/driver.ts';
import { SecretsDriver } from '../storage/secrets.ts';
import { matchesSelector, parseSelector } from '../release/selector.ts';
import { parseHelmTime } from '../release/transitions.ts';
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
  /** Helm's -l: a label selector on the latest revision's storage labels (system and custom). */
  selector?: string;
  /** Helm's order: by name (default), -r reverses; -d by last deployed time, oldest first (-d -r newest first). */
  byDate?: boolean;
  reverse?: boolean;
  /** --offset and -m/--max (0 or less: no limit). */
  offset?: number;
  max?: number;
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
  const reqs = opts.selector ? parseSelector(opts.selector) : undefined;
  const driver = new SecretsDriver(kube, namespace ?? 'default', { now: cfg.clock });
  let rows = await driver.listReleases(namespace, { name: filter, statuses: opts.statuses?.length ? opts.statuses : undefined, allRevisions: opts.allRevisions });
  if (reqs) rows = rows.filter((r) => matchesSelector(reqs, { ...r.labels, name: r.name, owner: 'helm', status: r.status, version: String(r.version) }));
  rows = await sortListed(rows, opts);
  const offset = Math.max(0, opts.offset ?? 0);
  return rows.slice(offset, opts.max && opts.max > 0 ? offset + opts.max : undefined);
}

async function sortListed(rows: ListedRelease[], opts: ListOptions): Promise<ListedRelease[]> {
  const byName = (a: ListedRelease, b: ListedRelease) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  if (!opts.byDate) return rows.sort(opts.reverse ? (a, b) => byName(b, a) : byName);
  // Helm compares whole seconds of the last deployment, the name breaking ties.
  const seconds = new Map(await Promise.all(rows.map(async (r) => [r, Math.floor((parseHelmTime((await r.load()).info.last_deployed)?.getTime() ?? 0) / 1000)] as const)));
  const byDate = (a: ListedRelease, b: ListedRelease) => seconds.get(a)! - seconds.get(b)! || byName(a, b);
  rows.sort(byDate);
  return opts.reverse ? rows.reverse() : rows;
}
