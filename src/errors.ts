// One error type for everything hull knows how to explain. `code` is stable (scripts may match on
// it), `exitCode` follows Helm/kubectl: 1 the operation failed, 2 bad usage or an invalid chart,
// 130 interrupted. main.ts is the only place that turns these into a process exit.

export type ErrorCode =
  | 'USAGE'
  | 'CHART_INVALID'
  | 'VALUES_INVALID'
  | 'RENDER_FAILED'
  | 'MANIFEST_INVALID'
  | 'RELEASE_NOT_FOUND'
  | 'RELEASE_EXISTS'
  | 'RELEASE_LOCKED'
  | 'RELEASE_TOO_LARGE'
  | 'OWNERSHIP_CONFLICT'
  | 'KUBE_API'
  | 'KUBE_UNREACHABLE'
  | 'KUBECONFIG'
  | 'HOOK_FAILED'
  | 'WAIT_FAILED'
  | 'OPERATION_FAILED'
  | 'INTERRUPTED';

const EXIT: Partial<Record<ErrorCode, number>> = {
  USAGE: 2,
  CHART_INVALID: 2,
  VALUES_INVALID: 2,
  RENDER_FAILED: 2,
  MANIFEST_INVALID: 2,
  KUBECONFIG: 2,
  INTERRUPTED: 130,
};

export class HullError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HullError';
    this.code = code;
    this.exitCode = options?.exitCode ?? EXIT[code] ?? 1;
  }
}

export function isHullError(e: unknown): e is HullError {
  return e instanceof HullError;
}

/**
 * Wraps a failure with the step that was being done, keeping the original code and exit code when
 * the cause is already a HullError ("run pre-upgrade hook db-check: job failed: ...").
 */
export function wrap(step: string, cause: unknown, code: ErrorCode = 'OPERATION_FAILED'): HullError {
  const message = `${step}: ${cause instanceof Error ? cause.message : String(cause)}`;
  if (cause instanceof HullError) return new HullError(cause.code, message, { cause, exitCode: cause.exitCode });
  return new HullError(code, message, { cause });
}

/** Runs `fn`, wrapping whatever it throws with the name of the step. */
export async function step<T>(name: string, fn: () => Promise<T>, code?: ErrorCode): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw wrap(name, e, code);
  }
}

const MAX_LISTED = 20;

/**
 * "N problems in X:" and one problem per line, at most 20 of them: a chart with hundreds of the same
 * mistake should not bury the terminal (lint still counts them all).
 */
export function listProblems(what: string, problems: readonly string[]): string {
  if (problems.length === 1) return problems[0];
  const shown = problems.slice(0, MAX_LISTED);
  const more = problems.length > MAX_LISTED ? `\n  … and ${problems.length - MAX_LISTED} more` : '';
  return `${problems.length} problems in ${what}:\n  ${shown.join('\n  ')}${more}`;
}

const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a file is in the way where a directory is needed',
  EISDIR: 'is a directory where a file is needed',
  EEXIST: 'already exists',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links (a symlink loop)',
  ENAMETOOLONG: 'file name too long',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
};

/**
 * A file-system error from Node ("ENOTDIR: not a directory, mkdir 'x/y'") as hull's own message:
 * the path and the reason in words, exit 2 (it is about the user's files, not the cluster).
 * Undefined for anything else, which stays an unexpected error.
 */
export function fromSystemError(e: unknown, doing?: string): HullError | undefined {
  const err = e as NodeJS.ErrnoException;
  if (!(e instanceof Error) || typeof err.code !== 'string' || typeof err.syscall !== 'string' || err.path === undefined) return undefined;
  const reason = SYSTEM_REASONS[err.code] ?? `${err.syscall} failed (${err.code})`;
  return new HullError('USAGE', `${doing ? `${doing}: ` : ''}${err.path}: ${reason}`, { cause: e });
}
