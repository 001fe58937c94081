// What an upgrade or rollback will change, resource by resource, as a diff of the rendered
// manifests (old revision -> new): what a CI job wants to show before it upgrades. Secret values
// are masked unless asked for. Pure.
import type { Manifest } from '../manifest/types.ts';
import { isSecret, redactSecretPair } from '../diff/redact.ts';
import { objectYaml, unifiedDiff } from '../diff/text.ts';
import { idOf, KEEP_POLICY_ANNOTATION, resourceKey } from './plan.ts';
import type { ResourceId } from './types.ts';

export interface Change {
  change: 'added' | 'changed' | 'removed';
  resource: ResourceId;
  /** removed, but helm.sh/resource-policy: keep: it leaves the release and stays in the cluster. */
  kept?: true;
  /** Unified diff hunks of the YAML, for added/changed/removed alike. */
  diff: string;
}

export function manifestChanges(previous: Manifest[], next: Manifest[], namespace: string, opts: { showSecrets?: boolean } = {}): Change[] {
  const before = new Map(previous.map((m) => [resourceKey(idOf(m, namespace)), m]));
  const after = new Map(next.map((m) => [resourceKey(idOf(m, namespace)), m]));
  const out: Change[] = [];
  const text = (m: Manifest | undefined) => (m ? `${m.content.trim()}\n` : '');
  // As rendered, except Secrets: those are diffed as masked objects.
  const patch = (a: Manifest | undefined, b: Manifest | undefined) => {
    if (opts.showSecrets || !(isSecret(a?.object) || isSecret(b?.object))) return unifiedDiff(text(a), text(b));
    const [ra, rb] = redactSecretPair(a?.object, b?.object);
    return unifiedDiff(objectYaml(ra), objectYaml(rb));
  };
  for (const [key, m] of after) {
    const old = before.get(key);
    const resource = idOf(m, namespace);
    if (!old) out.push({ change: 'added', resource, diff: patch(undefined, m) });
    else if (old.content.trim() !== m.content.trim()) out.push({ change: 'changed', resource, diff: patch(old, m) });
  }
  for (const [key, m] of before) {
    if (!after.has(key)) {
      const kept = m.object.metadata.annotations?.[KEEP_POLICY_ANNOTATION] === 'keep';
      out.push({ change: 'removed', resource: idOf(m, namespace), ...(kept ? { kept } : {}), diff: patch(m, undefined) });
    }
  }
  return out;
}
