// A cache of the objects of a few kinds, kept current by LIST then WATCH from the list's
// resourceVersion (the informer pattern, reduced to what a waiter needs). Watches do not live
// forever: client-node aborts one after ~30 s without data and the server closes them after its
// own timeout, so each is re-established from the last resourceVersion seen, and relisted when the
// server says that version is too old (410 Gone).

import type { KubeClient, KubeObject, WatchEvent } from '../kube/types.ts';

export interface WatchKey {
  apiVersion: string;
  kind: string;
  /** undefined: cluster-scoped kind. */
  namespace?: string;
}

export const keyOf = (k: WatchKey): string => `${k.apiVersion}|${k.kind}|${k.namespace ?? ''}`;

/**
 * Consecutive failed (re)connects tolerated before the waiter gives up with the API error, for
 * answers that will not change (403, 404). An unreachable or overloaded server is waited out
 * instead, within the waiter's timeout: an API server restarting mid-rollout must not fail it.
 */
const MAX_FAILURES = 6;
const MAX_BACKOFF_MS = 3000;

/** Failures that pass by themselves: no connection, timeouts, 429 and 5xx (but not a 500 validation answer). */
export function isTransient(err: unknown): boolean {
  const status = statusCode(err);
  if (status === undefined || status === 0) return true;
  if ((err as { reason?: string }).reason === 'Invalid') return false;
  return status === 429 || status >= 500;
}

/** Connection trouble as the waiter reports it: the error while it lasts, undefined once over. */
export type TroubleListener = (err: unknown | undefined) => void;
/** A watch that ends sooner than this without an error still counts as a failure (no spinning). */
const MIN_HEALTHY_MS = 1000;

function statusCode(v: unknown): number | undefined {
  const o = v as { statusCode?: unknown; code?: unknown; status?: unknown } | undefined;
  for (const c of [o?.statusCode, o?.code, o?.status]) if (typeof c === 'number') return c;
  return undefined;
}

function isTimeout(err: unknown): boolean {
  return (err as { name?: string } | undefined)?.name === 'TimeoutError';
}

class Informer {
  readonly items = new Map<string, KubeObject>();
  synced = false;
  private rv = '';
  private stopWatch?: () => void;
  private session = 0;
  private failures = 0;
  private mustRelist = true;
  private startedAt = 0;
  private timer?: NodeJS.Timeout;
  private closed = false;
  private readonly kube: KubeClient;
  private readonly key: WatchKey;
  private readonly onChange: () => void;
  private readonly onFatal: (err: unknown) => void;
  private readonly onTrouble: TroubleListener;
  private troubled = false;

  constructor(kube: KubeClient, key: WatchKey, onChange: () => void, onFatal: (err: unknown) => void, onTrouble: TroubleListener = () => {}) {
    this.kube = kube;
    this.key = key;
    this.onChange = onChange;
    this.onFatal = onFatal;
    this.onTrouble = onTrouble;
  }

  /**
   * First list and watch; rejects on a final API error (403, 404) so the caller fails before
   * waiting at all. An unreachable server is retried in the background instead.
   */
  start(): Promise<void> {
    return this.connect().catch((e) => {
      if (!isTransient(e)) throw e;
      this.retry(e);
    });
  }

  close(): void {
    this.closed = true;
    this.session++;
    clearTimeout(this.timer);
    this.stopWatch?.();
    this.stopWatch = undefined;
  }

  private async connect(): Promise<void> {
    const { apiVersion, kind, namespace } = this.key;
    const session = ++this.session;
    if (this.mustRelist) {
      const res = await this.kube.list(apiVersion, kind, namespace);
      if (session !== this.session) return;
      // Replace rather than merge: objects deleted while we were not watching must disappear.
      this.items.clear();
      for (const o of res.items) this.items.set(o.metadata.name, o);
      this.rv = res.resourceVersion;
      this.mustRelist = false;
      this.synced = true;
      this.recovered();
      this.onChange();
    }
    this.startedAt = Date.now();
    const stop = await this.kube.watch(apiVersion, kind, namespace, { resourceVersion: this.rv }, (e) => {
      if (session === this.session) this.onEvent(e);
    }, (err) => {
      if (session === this.session) this.onEnd(err);
    });
    // The watch may have ended (and a new session begun) before it resolved, or we were closed.
    if (session !== this.session || this.closed) stop();
    else this.stopWatch = stop;
  }

  private onEvent(e: WatchEvent): void {
    if (e.type === 'ERROR') {
      // The server reports an expired resourceVersion in-band, then closes the stream.
      if (statusCode(e.object) === 410) this.mustRelist = true;
      return;
    }
    this.failures = 0;
    this.recovered();
    const rv = e.object.metadata?.resourceVersion;
    if (rv) this.rv = rv;
    if (e.type === 'BOOKMARK') return;
    if (e.type === 'DELETED') this.items.delete(e.object.metadata.name);
    else this.items.set(e.object.metadata.name, e.object);
    this.onChange();
  }

  private onEnd(err: unknown): void {
    if (this.closed) return;
    this.session++;
    this.stopWatch = undefined;
    if (statusCode(err) === 410) this.mustRelist = true;
    // Routine, reconnect at once: client-node's inactivity timeout, the server closing a long
    // watch, and an expired resourceVersion (the relist is the cure, not a reason to back off).
    const routine = isTimeout(err) || this.mustRelist || (!err && Date.now() - this.startedAt >= MIN_HEALTHY_MS);
    this.retry(routine ? undefined : (err ?? new Error(`watch of ${this.key.kind} closed right after it opened`)));
  }

  private recovered(): void {
    if (!this.troubled) return;
    this.troubled = false;
    this.onTrouble(undefined);
  }

  private retry(err: unknown): void {
    if (err !== undefined && isTransient(err)) {
      this.troubled = true;
      this.onTrouble(err);
      this.failures = Math.min(this.failures + 1, MAX_FAILURES);
    } else if (err !== undefined && ++this.failures > MAX_FAILURES) {
      this.onFatal(err);
      return;
    }
    const delay = err === undefined ? 0 : Math.min(100 * 2 ** this.failures, MAX_BACKOFF_MS);
    this.timer = setTimeout(() => {
      if (this.closed) return;
      this.connect().catch((e) => {
        if (!this.closed) this.retry(e ?? new Error('watch failed'));
      });
    }, delay);
  }
}

/** One informer per (apiVersion, kind, namespace); onChange fires on every change to any of them. */
export class WatchSet {
  private readonly informers = new Map<string, Informer>();
  private readonly kube: KubeClient;
  private readonly onChange: () => void;
  private readonly onFatal: (err: unknown) => void;
  private readonly onTrouble?: (key: string, err: unknown | undefined) => void;

  constructor(kube: KubeClient, onChange: () => void, onFatal: (err: unknown) => void, onTrouble?: (key: string, err: unknown | undefined) => void) {
    this.kube = kube;
    this.onChange = onChange;
    this.onFatal = onFatal;
    this.onTrouble = onTrouble;
  }

  add(key: WatchKey): void {
    const k = keyOf(key);
    if (!this.informers.has(k)) this.informers.set(k, new Informer(this.kube, key, this.onChange, this.onFatal, (err) => this.onTrouble?.(k, err)));
  }

  /** Every kind has had its first list. */
  allSynced(): boolean {
    return [...this.informers.values()].every((i) => i.synced);
  }

  async start(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.start()));
  }

  /** The cached object, or undefined when it does not exist (or the kind is not synced yet). */
  get(key: WatchKey, name: string): KubeObject | undefined {
    return this.informers.get(keyOf(key))?.items.get(name);
  }

  synced(key: WatchKey): boolean {
    return this.informers.get(keyOf(key))?.synced ?? false;
  }

  items(key: WatchKey): KubeObject[] {
    return [...(this.informers.get(keyOf(key))?.items.values() ?? [])];
  }

  close(): void {
    for (const i of this.informers.values()) i.close();
  }
}
