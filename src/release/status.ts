// Release statuses exactly as Helm writes them into the release JSON and the Secret's `status`
// label (Helm release/common/status.go). A string-literal union so a typo is a type error and a
// Secret written by Helm needs no mapping.

export const STATUSES = [
  'unknown',
  'deployed',
  'uninstalled',
  'superseded',
  'failed',
  'uninstalling',
  'pending-install',
  'pending-upgrade',
  'pending-rollback',
] as const;

export type Status = (typeof STATUSES)[number];

export type PendingStatus = 'pending-install' | 'pending-upgrade' | 'pending-rollback';

/** True for a string that is one of Helm's statuses (labels written by other tools may not be). */
export function isStatus(s: unknown): s is Status {
  return typeof s === 'string' && (STATUSES as readonly string[]).includes(s);
}

/** A transition rather than a state: some operation was (or still is) working on this revision. */
export function isPending(s: Status | string | undefined): s is PendingStatus {
  return s === 'pending-install' || s === 'pending-upgrade' || s === 'pending-rollback';
}

/**
 * Whether an operation is (or was, if it died) in progress on the release: the pending states and
 * "uninstalling". A lock implementation decides whether the holder is still alive.
 */
export function isInProgress(s: Status | string | undefined): boolean {
  return isPending(s) || s === 'uninstalling';
}

/** An unrecognised label or JSON value counts as "unknown", as Helm's list state filter does. */
export function parseStatus(s: string | undefined): Status {
  return isStatus(s) ? s : 'unknown';
}
