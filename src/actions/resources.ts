// Applying and deleting a release's resources: ownership metadata as Helm writes it, the check that
// refuses to adopt objects that belong to something else, server-side apply, and deletion.
import { HullError, listProblems } from '../errors.ts';
import { KubeApiError } from '../kube/errors.ts';
import type { KubeClient, KubeObject } from '../kube/types.ts';
import { kindName, refOf } from '../kube/ref.ts';
import type { Manifest } from '../manifest/types.ts';
import { resourceKey } from '../plan/plan.ts';
import type { ResourceId } from '../plan/types.ts';

export const RELEASE_NAME_ANNOTATION = 'meta.helm.sh/release-name';
export const RELEASE_NAMESPACE_ANNOTATION = 'meta.helm.sh/release-namespace';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const FIELD_MANAGER = 'hull';

export interface ReleaseRef {
  name: string;
  namespace: string;
}

async function namespaced(kube: KubeClient, apiVersion: string, kind: string): Promise<boolean> {
  try {
    return await kube.isNamespaced(apiVersion, kind);
  } catch (e) {
    // A kind whose CRD the same release is about to create is unknown to discovery yet; such custom
    // resources are namespaced far more often than not, and the apply will say if we are wrong.
    if (e instanceof KubeApiError && e.reason === 'NoKindMatch') return true;
    throw e;
  }
}

/** The object to send: the release namespace filled in, and Helm's ownership metadata added. */
export async function decorate(kube: KubeClient, m: Manifest, rel: ReleaseRef): Promise<KubeObject> {
  const obj = structuredClone(m.object) as KubeObject;
  if (await namespaced(kube, obj.apiVersion, obj.kind)) obj.metadata.namespace ??= rel.namespace;
  else delete obj.metadata.namespace;
  obj.metadata.labels = { ...obj.metadata.labels, [MANAGED_BY_LABEL]: 'Helm' };
  obj.metadata.annotations = {
    ...obj.metadata.annotations,
    [RELEASE_NAME_ANNOTATION]: rel.name,
    [RELEASE_NAMESPACE_ANNOTATION]: rel.namespace,
  };
  return obj;
}

/** An object's identity in a plan (namespace left out for cluster-scoped objects). */
export const objectId: (o: KubeObject) => ResourceId = refOf;

/**
 * Objects that already exist and are not this release's are not adopted silently (Helm's rule):
 * every conflict is listed at once, before anything is written, unless takeOwnership is set.
 */
export async function checkOwnership(kube: KubeClient, objs: KubeObject[], rel: ReleaseRef, previous: Set<string>, takeOwnership: boolean): Promise<void> {
  if (takeOwnership) return;
  const fresh = objs.filter((o) => !previous.has(resourceKey({ ...objectId(o), namespace: o.metadata.namespace ?? rel.namespace })));
  const live = await liveMetadata(kube, fresh);
  const problems: string[] = [];
  for (const o of fresh) {
    const id = objectId(o);
    const found = live.get(resourceKey(id));
    if (!found) continue;
    const owner = found.metadata.annotations?.[RELEASE_NAME_ANNOTATION];
    const ownerNs = found.metadata.annotations?.[RELEASE_NAMESPACE_ANNOTATION];
    if (owner === rel.name && ownerNs === rel.namespace) continue;
    const where = id.namespace ? ` in namespace ${id.namespace}` : '';
    problems.push(
      owner
        ? `${kindName(id)}${where} belongs to release "${owner}" in namespace ${ownerNs ?? '?'}`
        : `${kindName(id)}${where} exists and belongs to no release`,
    );
  }
  if (problems.length > 0) {
    throw new HullError('OWNERSHIP_CONFLICT', `refusing to adopt existing resources (use --take-ownership to adopt them):\n  ${problems.sort().join('\n  ')}`);
  }
}

/** Kinds with this many new objects are read with one metadata-only list instead of a GET each. */
const LIST_THRESHOLD = 10;

/** The live metadata of those objects that exist, by resourceKey. */
async function liveMetadata(kube: KubeClient, objs: KubeObject[]): Promise<Map<string, KubeObject>> {
  const groups = new Map<string, KubeObject[]>();
  for (const o of objs) {
    const k = `${o.apiVersion}|${o.kind}|${o.metadata.namespace ?? ''}`;
    groups.set(k, [...(groups.get(k) ?? []), o]);
  }
  const found = new Map<string, KubeObject>();
  // A user who may not even read some kinds (RBAC) hears about all of them at once, before any write.
  const forbidden: string[] = [];
  const refused = (e: unknown) => {
    if (!(e instanceof KubeApiError && e.status === 403)) throw e;
    forbidden.push(e.message);
  };
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const { apiVersion, kind, metadata } = group[0];
      if (group.length >= LIST_THRESHOLD) {
        try {
          const { items } = await kube.list(apiVersion, kind, metadata.namespace, { metadataOnly: true });
          for (const item of items) found.set(resourceKey(objectId({ ...item, apiVersion, kind })), item);
        } catch (e) {
          refused(e);
        }
        return;
      }
      await Promise.all(
        group.map(async (o) => {
          const l = await kube.get(objectId(o)).catch(refused);
          if (l) found.set(resourceKey(objectId(o)), l);
        }),
      );
    }),
  );
  if (forbidden.length > 0) {
    throw new HullError('KUBE_API', `not allowed to read what this release manages, so nothing was applied or recorded: ${listProblems('permissions', forbidden.sort())}`);
  }
  return found;
}

/**
 * Server-side apply in install order. Objects of the same kind go together, kinds one after the
 * other (a Namespace before what lives in it, a ConfigMap before the Deployment that mounts it).
 * force: a release owns its fields, so a `kubectl scale` made by hand is corrected, not a conflict.
 */
export async function applyAll(kube: KubeClient, objs: KubeObject[], opts: { dryRun?: boolean; onApplied?: (o: KubeObject) => void } = {}): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  let i = 0;
  while (i < objs.length) {
    let j = i;
    while (j < objs.length && objs[j].kind === objs[i].kind) j++;
    const batch = objs.slice(i, j);
    // Settle the whole batch, so every object that did get applied is known when one fails.
    const results = await Promise.allSettled(batch.map((o) => kube.apply(o, { fieldManager: FIELD_MANAGER, force: true, dryRun: opts.dryRun })));
    results.forEach((r, k) => r.status === 'fulfilled' && opts.onApplied?.(batch[k]));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    out.push(...results.map((r) => (r as PromiseFulfilledResult<KubeObject>).value));
    i = j;
  }
  return out;
}

/** Deletes in the given (uninstall) order; returns what was actually there to delete. */
export async function deleteAll(kube: KubeClient, ids: ResourceId[]): Promise<ResourceId[]> {
  const gone: ResourceId[] = [];
  for (const id of ids) {
    if (await kube.delete(id, { propagationPolicy: 'Background' })) gone.push(id);
  }
  return gone;
}

/**
 * Answers that reject the object itself, whatever the moment: invalid (422, or a 500 validation
 * answer), malformed (400) or forbidden to this user (403). Anything else in a dry run (a namespace
 * or a CRD this release creates first, a server hiccup) is left for the real apply to meet.
 */
export function isRejection(e: unknown): boolean {
  return e instanceof KubeApiError && (e.status === 422 || e.status === 400 || e.status === 403 || e.reason === 'Invalid');
}

/** Server-side dry run of every object, concurrently: the objects whose apply failed, with the error. */
async function dryRunAll(kube: KubeClient, objs: KubeObject[]): Promise<Array<{ obj: KubeObject; error: unknown }>> {
  const failed: Array<{ obj: KubeObject; error: unknown }> = [];
  await Promise.all(
    objs.map((obj) =>
      kube.apply(obj, { fieldManager: FIELD_MANAGER, force: true, dryRun: true }).then(
        () => undefined,
        (error: unknown) => void failed.push({ obj, error }),
      ),
    ),
  );
  return failed;
}

/**
 * Before the first real write of an install or upgrade: a server-side dry run of every object,
 * so an object the API server rejects (an invalid field, an RBAC rule) stops the operation before
 * anything is applied or recorded. Costs one concurrent round trip per object.
 */
export async function preflight(kube: KubeClient, objs: KubeObject[]): Promise<void> {
  const problems = (await dryRunAll(kube, objs)).filter((f) => isRejection(f.error)).map((f) => (f.error as Error).message);
  if (problems.length > 0) {
    throw new HullError('MANIFEST_INVALID', `the API server rejected ${problems.length === 1 ? 'an object' : `${problems.length} objects`} in a server-side dry run, so nothing was applied or recorded: ${listProblems('the dry run', problems.sort())}`, { exitCode: 1 });
  }
}

/** Server-side dry run of every object, collecting every rejection instead of stopping at the first. */
export async function validateOnServer(kube: KubeClient, objs: KubeObject[]): Promise<string[]> {
  const failed = await dryRunAll(kube, objs);
  return failed.map(({ obj, error }) => `${kindName(objectId(obj))}: ${error instanceof Error ? error.message : String(error)}`).sort();
}
