// The storage contract actions code against. A driver is bound to one namespace (the release's),
// as Helm's is; only listReleases may look across namespaces.
//
// Reading is label-first: listEntries/listReleases answer from the Secret labels, and a body is
// decoded only when asked for (ListedRelease.load, get, latest). `list` therefore decodes one
// body per release shown, never one per revision, and finding the latest or last deployed
// revision decodes exactly one body however long the history is.
import type { Release } from '../release/types.ts';
import type { Status } from '../release/status.ts';
import type { ReleaseEntry } from './labels.ts';

export type { ReleaseEntry } from './labels.ts';

/** A listed revision whose body is decoded on first load() and then remembered. */
export interface ListedRelease extends ReleaseEntry {
  load(): Promise<Release>;
}

export interface ListFilter {
  /** Keep releases whose name matches (Helm's `list --filter` is a regular expression). */
  name?: RegExp;
  /** Keep these statuses, judged on the latest revision; all when omitted. */
  statuses?: readonly Status[];
  /** Every revision rather than the latest per release (Helm does this for `--superseded` alone). */
  allRevisions?: boolean;
  /** Custom labels that must all match (Helm's `list --selector` on release labels, equality only). */
  labels?: Record<string, string>;
}

export interface Driver {
  readonly namespace: string;
  /** Throws HullError RELEASE_NOT_FOUND. */
  get(name: string, version: number): Promise<Release>;
  /** Every revision, decoded, oldest first; [] when the release does not exist. */
  listVersions(name: string): Promise<Release[]>;
  /** Every revision from labels only, oldest first; [] when the release does not exist. */
  listEntries(name: string): Promise<ReleaseEntry[]>;
  /** The highest revision, or undefined when the release does not exist. */
  latest(name: string): Promise<Release | undefined>;
  /** The highest revision whose status is deployed, or undefined. */
  lastDeployed(name: string): Promise<Release | undefined>;
  /** Throws HullError RELEASE_EXISTS when the revision is already stored, RELEASE_TOO_LARGE when it cannot fit. */
  create(rel: Release): Promise<void>;
  /**
   * Rewrites a stored revision. Throws RELEASE_NOT_FOUND when it is gone, and RELEASE_LOCKED when
   * another process changed it since this driver last read or wrote it.
   */
  update(rel: Release): Promise<void>;
  /** False when the revision was already gone. */
  delete(name: string, version: number): Promise<boolean>;
  /** Deletes every revision; returns how many were deleted. */
  deleteAll(name: string): Promise<number>;
  /** Releases in `namespace`, or in every namespace when it is undefined; sorted by namespace, name, revision. */
  listReleases(namespace: string | undefined, filter?: ListFilter): Promise<ListedRelease[]>;
}

const key = (e: ReleaseEntry) => `${e.namespace}/${e.name}`;

/**
 * Helm's list semantics on entries: latest revision per release (unless allRevisions), then the
 * status, name and label filters. Shared by every driver so they cannot disagree.
 */
export function selectListed<T extends ReleaseEntry>(entries: readonly T[], filter: ListFilter = {}): T[] {
  // search() ignores lastIndex, so a /g regex cannot skip every other name.
  let rows: T[] = filter.name ? entries.filter((e) => e.name.search(filter.name!) >= 0) : [...entries];
  if (!filter.allRevisions) {
    const latest = new Map<string, T>();
    for (const e of rows) {
      const seen = latest.get(key(e));
      if (!seen || e.version > seen.version) latest.set(key(e), e);
    }
    rows = [...latest.values()];
  }
  if (filter.statuses) rows = rows.filter((e) => filter.statuses!.includes(e.status));
  const wanted = Object.entries(filter.labels ?? {});
  if (wanted.length > 0) rows = rows.filter((e) => wanted.every(([k, v]) => e.labels[k] === v));
  return rows.sort((a, b) => (a.namespace === b.namespace ? (a.name === b.name ? a.version - b.version : a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1));
}

/** Memoises a body decoder (which may have to fetch the body first) so a listed release is decoded once. */
export function lazyLoad(decode: () => Release | Promise<Release>): () => Promise<Release> {
  let cached: Release | undefined;
  return async () => (cached ??= await decode());
}
