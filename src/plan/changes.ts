// What an upgrade or rollback will change, resource by resource, as a diff of the rendered
// manifests (old revision -> new): what a CI job wants to show before it upgrades. Secret values
// are masked unless asked for. Pure.
import type { Manifest } from '../manifest/types.ts';
import { isSecret, redactSecretPair } from '../diff/redact.ts';
import { objectYaml, unifiedDiff } from '../diff/text.ts';
import { describeId, idOf, KEEP_POLICY_ANNOTATION, resourceKey } from './plan.ts';

export interface Change {
  kind: 'added' | 'changed' | 'removed';
  resource: string;
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
    const name = describeId(idOf(m, namespace));
    if (!old) out.push({ kind: 'added', resource: name, diff: patch(undefined, m) });
    else if (old.content.trim() !== m.content.trim()) out.push({ kind: 'changed', resource: name, diff: patch(old, m) });
  }
  for (const [key, m] of before) {
    if (!after.has(key)) {
      const name = describeId(idOf(m, namespace));
      const kept = m.object.metadata.annotations?.[KEEP_POLICY_ANNOTATION] === 'keep';
      out.push({ kind: 'removed', resource: kept ? `${name} (leaves the release, stays in the cluster: resource-policy keep)` : name, diff: patch(m, undefined) });
    }
  }
  return out;
}

/** "~ Deployment/web", "+ ConfigMap/new", "- Service/old", each followed by its diff. */
export function describeChanges(changes: Change[]): string {
  if (changes.length === 0) return 'no resource changes\n';
  const mark = { added: '+', changed: '~', removed: '-' } as const;
  return changes.map((c) => `${mark[c.kind]} ${c.resource}\n${c.diff}`).join('');
}
