// Converting between rendered manifests/hooks and their stored form in a release record.
import { kindName } from '../kube/ref.ts';
import type { KubeObject } from '../kube/types.ts';
import type { HookManifest, Manifest, RenderedChart } from '../manifest/types.ts';
import { joinManifests, manifestDocuments } from '../manifest/order.ts';
import { splitManifests } from '../manifest/split.ts';
import { parseYaml } from '../chart/yaml.ts';
import type { Hook, HookExecution, Release } from '../release/types.ts';
import type { HookRun } from '../hooks/run.ts';
import { helmTime } from '../release/transitions.ts';

/** The non-hook resources a stored revision deployed. */
export function manifestsOf(rel: Release | undefined): Manifest[] {
  if (!rel?.manifest?.trim()) return [];
  const files = splitStored(rel.manifest);
  return splitManifests(files, rel.namespace).manifests;
}

/** Keeps each document's "# Source:" so manifests read back carry their template name. */
function splitStored(text: string): Array<{ name: string; content: string }> {
  const out: Array<{ name: string; content: string }> = [];
  for (const part of text.split(/^---[ \t]*$/m)) {
    const m = /^\s*# Source: (.+)\n/.exec(part);
    // The "# Source:" line is the stored form's; content is the document as rendered.
    if (part.trim()) out.push({ name: m ? m[1].trim() : 'manifest', content: m ? part.slice(m.index + m[0].length) : part });
  }
  return out;
}

export function hooksOf(rel: Release | undefined): HookManifest[] {
  return (rel?.hooks ?? []).map((h) => ({
    name: h.path,
    content: h.manifest,
    object: parseYaml(h.manifest, h.path, 'MANIFEST_INVALID') as HookManifest['object'],
    events: h.events as HookManifest['events'],
    weight: h.weight ?? 0,
    deletePolicies: (h.delete_policies?.length ? h.delete_policies : ['before-hook-creation']) as HookManifest['deletePolicies'],
  }));
}

/**
 * Hooks as Helm 4 records them: a hook that did not run has `last_run: {"phase": ""}`, and the
 * default delete policy (before-hook-creation) is written only once the hook has run (Helm sets
 * it when it executes the hook); declared policies are always written.
 */
export function storedHooks(hooks: HookManifest[], runs: Map<string, HookExecution> = new Map()): Hook[] {
  return hooks.map((h) => {
    const run = runs.get(hookKey(h));
    const declared = Boolean(h.object.metadata.annotations?.['helm.sh/hook-delete-policy']?.trim());
    return {
      name: h.object.metadata.name,
      kind: h.object.kind,
      path: h.name,
      manifest: h.content,
      events: h.events,
      last_run: run ?? { phase: '' },
      ...(h.weight ? { weight: h.weight } : {}),
      ...(declared || run ? { delete_policies: h.deletePolicies } : {}),
    };
  }) as Hook[];
}

export function storedManifest(rendered: Pick<RenderedChart, 'manifests' | 'comments'>): string {
  return joinManifests(manifestDocuments(rendered));
}

/** A hook run as a release records it (Helm's last_run). */
export function lastRun(r: HookRun): HookExecution {
  return { started_at: helmTime(r.startedAt), ...(r.completedAt ? { completed_at: helmTime(r.completedAt) } : {}), phase: r.phase };
}

/** Key of a hook in the run map storedHooks() reads. */
export const hookKey = (h: { object: KubeObject }) => kindName(h.object);
