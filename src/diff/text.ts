// Unified diffs of objects as YAML, hunks only (no file headers): what `hull diff` and
// `upgrade --dry-run=server` show per resource. Pure.
import { structuredPatch } from 'diff';
import { stringify } from 'yaml';
import type { KubeObject } from '../kube/types.ts';

export const DEFAULT_CONTEXT = 3;

/** YAML with sorted keys, so two reads of the same object always print the same. */
export function objectYaml(obj: KubeObject | undefined): string {
  return obj ? stringify(obj, { sortMapEntries: true, lineWidth: 0 }) : '';
}

/** "@@ -a,b +c,d @@" hunks between two texts; '' when they are equal. */
export function unifiedDiff(before: string, after: string, context = DEFAULT_CONTEXT): string {
  if (before === after) return '';
  const patch = structuredPatch('before', 'after', before, after, undefined, undefined, { context });
  return patch.hunks
    .map((h) => `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n${h.lines.join('\n')}\n`)
    .join('');
}
