// What happens to one resource, from what the release recorded, what the chart now says and what is
// live in the cluster. Pure: the action gathers the objects, this decides and diffs them.
import type { KubeObject, ObjectRef } from '../kube/types.ts';
import { normalize } from './normalize.ts';
import { redactSecretPair } from './redact.ts';
import { objectYaml, unifiedDiff } from './text.ts';

/** keep: leaves the release but stays in the cluster (helm.sh/resource-policy: keep). */
export type DiffAction = 'create' | 'update' | 'delete' | 'keep' | 'unchanged';

export interface ResourceDiff {
  action: DiffAction;
  resource: ObjectRef;
  /** The live object differs from what the release last applied: someone changed it by hand. */
  drift: boolean;
  /** Unified diff hunks of the YAML, live -> after the operation; '' for keep and unchanged. */
  diff: string;
}

export interface Observed {
  resource: ObjectRef;
  /** In the revision being replaced (its stored manifest). */
  recorded: boolean;
  /** In the new revision; when false the resource leaves the release. */
  wanted: boolean;
  kept?: boolean;
  live?: KubeObject;
  /** The server's answer to a dry-run apply of the new object: the object as it would be. */
  after?: KubeObject;
  /** The same for the recorded object: the live object as the release left it, to spot drift. */
  recordedAfter?: KubeObject;
}

export interface DiffFormat {
  showSecrets?: boolean;
  context?: number;
}

/** undefined: nothing to say (a resource that leaves the release is already gone). */
export function classify(o: Observed, fmt: DiffFormat = {}): ResourceDiff | undefined {
  const base = { resource: o.resource };
  const text = (before?: KubeObject, after?: KubeObject) => {
    const pair = [before && normalize(before), after && normalize(after)] as const;
    const [b, a] = fmt.showSecrets ? pair : redactSecretPair(...pair);
    return unifiedDiff(objectYaml(b), objectYaml(a), fmt.context);
  };
  if (!o.wanted) {
    if (!o.live) return undefined;
    if (o.kept) return { ...base, action: 'keep', drift: false, diff: '' };
    return { ...base, action: 'delete', drift: false, diff: text(o.live, undefined) };
  }
  // Deleted by hand when the release recorded it: drift as well as a creation.
  if (!o.live) return { ...base, action: 'create', drift: o.recorded, diff: text(undefined, o.after) };
  const diff = text(o.live, o.after);
  const drift = o.recorded && o.recordedAfter !== undefined && objectYaml(normalize(o.live)) !== objectYaml(normalize(o.recordedAfter));
  return { ...base, action: diff ? 'update' : 'unchanged', drift, diff };
}

export type DiffSummary = Record<DiffAction, number>;

export function summarize(diffs: ResourceDiff[]): DiffSummary {
  const s: DiffSummary = { create: 0, update: 0, delete: 0, keep: 0, unchanged: 0 };
  for (const d of diffs) s[d.action]++;
  return s;
}

export function hasChanges(s: DiffSummary): boolean {
  return s.create + s.update + s.delete + s.keep > 0;
}
