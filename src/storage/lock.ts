// One operation per release at a time, without Helm's forever-stuck "another operation is in
// progress": Helm infers the lock from a pending revision, which nothing ever clears when its
// process dies. Hull holds a coordination.k8s.io Lease that the holder keeps renewing; a holder
// that stops (kill -9, a lost CI runner) lets it lapse, and the next operation takes it over and
// is told whose operation died, so it can mark that pending revision failed.
//
// Races are settled by the API server, never by us: creating is atomic (one create wins, the
// other gets AlreadyExists), and every later write carries the resourceVersion we last saw, so of
// two processes taking over the same expired lease exactly one PUT succeeds.
//
// Clocks: a Lease carries times written by its holder's clock, and we judge them by ours (the
// KubeClient does not expose the server's clock, and Kubernetes' own leader election writes
// holder times too). A holder whose clock runs behind ours would look expired too early, so a
// lease counts as expired only `skewMs` (default 5 s) after renewTime + leaseDurationSeconds.
// A holder whose clock runs ahead only delays a takeover of its dead lease by that much; a lease
// renewed "in the future" is simply treated as fresh.
import { randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { formatDuration } from '../duration.ts';
import { HullError } from '../errors.ts';
import { isAlreadyExists, isConflict, isNotFound } from '../kube/errors.ts';
import type { KubeClient, KubeObject, ObjectRef } from '../kube/types.ts';

export const LEASE_API_VERSION = 'coordination.k8s.io/v1';
export const DEFAULT_LEASE_SECONDS = 15;
export const DEFAULT_SKEW_MS = 5_000;
const MAX_NAME = 253;

/** Who holds a release, as stored in spec.holderIdentity (JSON, so other tools can read it). */
export interface Holder {
  operation: string;
  user: string;
  host: string;
  pid: number;
  /** When the operation started (RFC 3339). */
  started: string;
  /** Random, so two holders in one process (or a reused pid) are never mistaken for each other. */
  id: string;
}

export interface LockOptions {
  leaseSeconds?: number;
  /** Default: a third of the lease, so two renewals may fail before it lapses. */
  renewEveryMs?: number;
  /** How far behind ours another holder's clock may be without us stealing its live lease. */
  skewMs?: number;
  now?: () => Date;
  /** Called once if renewal finds the lease gone or taken: the operation must stop writing. Exceptions are ignored. */
  onLost?: (reason: HullError) => void;
}

export interface Takeover {
  previousHolder: Holder;
  /** How long before our takeover the previous lease lapsed (renewTime + duration), in ms. */
  expiredForMs: number;
  lastRenewed?: string;
}

export interface LockHandle {
  readonly namespace: string;
  readonly name: string;
  readonly holder: Holder;
  /** Set when this lock replaced a lease whose holder had stopped renewing it. */
  readonly takeover?: Takeover;
  readonly lost: boolean;
  /** Aborted (with a RELEASE_LOCKED HullError as reason) when the lock is lost. */
  readonly signal: AbortSignal;
  /** Stops renewing and deletes the lease if it is still ours; a lost lock is left alone. */
  release(): Promise<void>;
  /** Epoch ms until which others must consider the lock ours (last renewal + lease + skew). */
  heldUntil(): number;
  /** Renews now: resolves while the lock is ours, throws RELEASE_LOCKED once taken over. */
  confirm(): Promise<void>;
}

export function lockName(release: string): string {
  const name = `hull-lock.${release}`;
  if (name.length > MAX_NAME) throw new HullError('USAGE', `release name "${release}" is too long for a lock (at most ${MAX_NAME - 10} characters)`);
  return name;
}

/** Kubernetes MicroTime: RFC 3339 with exactly six fractional digits; the server rejects others. */
export function microTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (containers running as an arbitrary uid).
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

export function newHolder(operation: string, now: Date): Holder {
  return { operation, user: currentUser(), host: hostname(), pid: process.pid, started: now.toISOString(), id: randomBytes(6).toString('hex') };
}

export const encodeHolder = (h: Holder): string => JSON.stringify(h);

/** Never throws: a lease written by hand or by another tool still yields a describable holder. */
export function decodeHolder(raw: string): Holder {
  let v: Partial<Holder> = {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object') v = parsed as Partial<Holder>;
  } catch {
    // Not ours: keep the raw text as the operation so the message still names the holder.
    return { operation: raw, user: '', host: '', pid: 0, started: '', id: raw };
  }
  const str = (x: unknown) => (typeof x === 'string' ? x : '');
  return {
    operation: str(v.operation) || 'unknown operation',
    user: str(v.user),
    host: str(v.host),
    pid: typeof v.pid === 'number' ? v.pid : 0,
    started: str(v.started),
    id: str(v.id) || raw,
  };
}

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}
type Lease = KubeObject & { spec?: LeaseSpec };

export interface LeaseState {
  /** No holder (cleared by hand or by another tool): free to take, and not a takeover. */
  free: boolean;
  expired: boolean;
  durationMs: number;
  /** Epoch ms of the last renewal, when the lease says. */
  renewedAt?: number;
  /** Time left until others may take it over (negative once they may). */
  expiresInMs: number;
}

const parseTime = (s: string | undefined): number | undefined => {
  const t = s ? Date.parse(s) : NaN;
  return Number.isNaN(t) ? undefined : t;
};

/** The expiry decision, on our clock with `skewMs` of tolerance (see the header). */
export function leaseState(lease: Lease, nowMs: number, skewMs = DEFAULT_SKEW_MS): LeaseState {
  const spec = lease.spec ?? {};
  const durationMs = (spec.leaseDurationSeconds ?? DEFAULT_LEASE_SECONDS) * 1000;
  const renewedAt = parseTime(spec.renewTime) ?? parseTime(spec.acquireTime) ?? parseTime(lease.metadata.creationTimestamp);
  // A holder but no time at all cannot be judged alive: it is nobody's live lock.
  const expiresInMs = renewedAt === undefined ? -1 : renewedAt + durationMs + skewMs - nowMs;
  return { free: !spec.holderIdentity, expired: expiresInMs < 0, durationMs, renewedAt, expiresInMs };
}

/** "upgrade (pid 1234 on host ci-7 as alice)", leaving out what the holder did not say. */
export function describeHolder(h: Holder): string {
  const where = [h.pid ? `pid ${h.pid}` : '', h.host ? `on host ${h.host}` : '', h.user ? `as ${h.user}` : ''].filter(Boolean).join(' ');
  return where ? `${h.operation} (${where})` : h.operation;
}

const seconds = (iso: string) => iso.replace(/\.\d+Z$/, 'Z');

export function lockedMessage(release: string, holder: Holder, state: LeaseState, nowMs: number): string {
  const since = holder.started ? ` since ${seconds(holder.started)}` : '';
  const renewed = state.renewedAt === undefined ? '' : `, last renewed ${formatDuration(nowMs - state.renewedAt)} ago`;
  return `release "${release}" is locked by ${describeHolder(holder)}${since}${renewed}; ` +
    `should that process have died, the lock expires in ${formatDuration(state.expiresInMs)} and the next operation takes it over`;
}

type Resolved = Required<Omit<LockOptions, 'onLost'>> & Pick<LockOptions, 'onLost'>;

function withDefaults(opts: LockOptions): Resolved {
  const leaseSeconds = opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  if (!Number.isInteger(leaseSeconds) || leaseSeconds < 1) throw new HullError('USAGE', `lease duration must be a whole number of seconds ≥ 1, not ${leaseSeconds}`);
  return {
    leaseSeconds,
    renewEveryMs: opts.renewEveryMs ?? (leaseSeconds * 1000) / 3,
    skewMs: opts.skewMs ?? DEFAULT_SKEW_MS,
    now: opts.now ?? (() => new Date()),
    onLost: opts.onLost,
  };
}

/** The lease we write: a fresh one, or `current` taken over (keeping its resourceVersion). */
function leaseFor(ref: ObjectRef, release: string, holder: Holder, o: Resolved, current?: Lease): Lease {
  const now = microTime(o.now());
  return {
    apiVersion: LEASE_API_VERSION,
    kind: 'Lease',
    metadata: { ...current?.metadata, name: ref.name, namespace: ref.namespace, labels: { ...current?.metadata.labels, owner: 'hull', name: release } },
    spec: {
      holderIdentity: encodeHolder(holder),
      leaseDurationSeconds: o.leaseSeconds,
      acquireTime: now,
      renewTime: now,
      leaseTransitions: current ? (current.spec?.leaseTransitions ?? 0) + 1 : 0,
    },
  };
}

/**
 * Takes the release's lock or throws HullError RELEASE_LOCKED at once, naming the holder. A lease
 * whose holder stopped renewing is taken over and reported in `takeover`.
 */
export async function acquireLock(kube: KubeClient, namespace: string, release: string, info: { operation: string }, opts: LockOptions = {}): Promise<LockHandle> {
  const o = withDefaults(opts);
  const ref: ObjectRef = { apiVersion: LEASE_API_VERSION, kind: 'Lease', name: lockName(release), namespace };
  const holder = newHolder(info.operation, o.now());
  // Each round fails only because the lease changed hands under us; a few rounds settle it.
  for (let round = 0; round < 3; round++) {
    try {
      return new HeldLock(kube, ref, release, holder, o, await kube.create(leaseFor(ref, release, holder, o)));
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
    const current = (await kube.get(ref)) as Lease | undefined;
    if (!current) continue; // released between our create and get
    const nowMs = o.now().getTime();
    const state = leaseState(current, nowMs, o.skewMs);
    const previous = decodeHolder(current.spec?.holderIdentity ?? '');
    if (!state.free && !state.expired) throw new HullError('RELEASE_LOCKED', lockedMessage(release, previous, state, nowMs));
    try {
      const lease = await kube.replace(leaseFor(ref, release, holder, o, current));
      const takeover = state.free ? undefined : {
        previousHolder: previous,
        expiredForMs: state.renewedAt === undefined ? 0 : nowMs - state.renewedAt - state.durationMs,
        lastRenewed: current.spec?.renewTime,
      };
      return new HeldLock(kube, ref, release, holder, o, lease, takeover);
    } catch (e) {
      // Another process took it over first (409) or released it (404): look again.
      if (!isConflict(e) && !isNotFound(e)) throw e;
    }
  }
  throw new HullError('RELEASE_LOCKED', `release "${release}" is locked: its lock changed hands repeatedly while hull tried to take it; try again`);
}

class HeldLock implements LockHandle {
  readonly namespace: string;
  readonly name: string;
  readonly holder: Holder;
  readonly takeover?: Takeover;
  lost = false;
  private readonly kube: KubeClient;
  private readonly ref: ObjectRef;
  private readonly releaseName: string;
  private readonly o: Resolved;
  private lease: Lease;
  private readonly abort = new AbortController();
  private timer?: NodeJS.Timeout;
  /** The renewal in flight, so release() never races it for the resourceVersion. */
  private busy: Promise<void> = Promise.resolve();
  private released = false;
  private lastRenewedMs: number;

  // Plain fields rather than parameter properties: Node's type stripping runs this file as is.
  constructor(kube: KubeClient, ref: ObjectRef, release: string, holder: Holder, o: Resolved, lease: Lease, takeover?: Takeover) {
    this.kube = kube;
    this.ref = ref;
    this.releaseName = release;
    this.holder = holder;
    this.o = o;
    this.lease = lease;
    this.takeover = takeover;
    this.namespace = ref.namespace!;
    this.name = ref.name;
    this.lastRenewedMs = o.now().getTime();
    this.schedule();
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  private schedule(): void {
    if (this.released || this.lost) return;
    this.timer = setTimeout(() => {
      this.busy = this.renew().finally(() => this.schedule());
    }, this.o.renewEveryMs);
    // The lock must never be the reason a finished (or crashed) process stays alive.
    this.timer.unref();
  }

  /** PUT with our resourceVersion and a fresh renewTime: succeeds only while the lease is ours. */
  private async touch(): Promise<void> {
    // Count from the time we wrote, not from the response: that is what others judge us by.
    const at = this.o.now();
    this.lease = await this.kube.replace({ ...this.lease, spec: { ...this.lease.spec, renewTime: microTime(at) } });
    this.lastRenewedMs = at.getTime();
  }

  private async renew(): Promise<void> {
    try {
      await this.touch();
    } catch (e) {
      if (isConflict(e) || isNotFound(e)) return this.lose('another process took it over or deleted it', e);
      // A transient failure (the client already retried): keep renewing. While the API server
      // cannot be reached nobody can take the lease; once it answers, the renewal (a PUT with our
      // resourceVersion) either succeeds or finds the lease taken over, and then we stop.
    }
  }

  heldUntil(): number {
    return this.lastRenewedMs + this.o.leaseSeconds * 1000 + this.o.skewMs;
  }

  async confirm(): Promise<void> {
    if (this.lost) throw this.abort.signal.reason;
    // A renewal already in flight says the same; run ours after it, for the resourceVersion.
    await this.busy;
    try {
      await this.touch();
    } catch (e) {
      if (isConflict(e) || isNotFound(e)) {
        this.lose('another process took it over or deleted it', e);
        throw this.abort.signal.reason;
      }
      throw e;
    }
  }

  private lose(why: string, cause: unknown): void {
    if (this.lost || this.released) return;
    this.lost = true;
    clearTimeout(this.timer);
    const err = new HullError('RELEASE_LOCKED', `lost the lock on release "${this.releaseName}": ${why}`, { cause });
    this.abort.abort(err);
    try {
      this.o.onLost?.(err);
    } catch {
      // It runs from a timer: a throw here would crash the process. `lost` and `signal` still tell.
    }
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    clearTimeout(this.timer);
    await this.busy;
    if (this.lost) return;
    // Compare-and-delete: only the lease version we last wrote, so a lease someone else took
    // over in the meantime is left alone.
    try {
      await this.kube.delete(this.ref, { preconditions: { resourceVersion: this.lease.metadata.resourceVersion } });
    } catch (e) {
      if (isConflict(e)) {
        this.lost = true;
        return;
      }
      throw new HullError('OPERATION_FAILED', `release the lock on release "${this.releaseName}" (it expires by itself within ${this.o.leaseSeconds}s): ${(e as Error).message}`, { cause: e });
    }
  }
}
