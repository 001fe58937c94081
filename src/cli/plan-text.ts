// Plans and manifest changes as text, for --dry-run without -o.
import type { Change } from '../plan/changes.ts';
import { kindName } from '../kube/ref.ts';
import type { Step } from '../plan/types.ts';

/** Human-readable plan for --dry-run. */
export function describePlan(steps: Step[]): string {
  const lines: string[] = [];
  for (const s of steps) {
    switch (s.kind) {
      case 'hooks':
        lines.push(`run ${s.event} hooks: ${s.hooks.map((h) => kindName(h.resource)).join(', ')}`);
        break;
      case 'apply':
        lines.push(`apply ${s.resources.length} resource(s): ${s.resources.map(kindName).join(', ')}`);
        break;
      case 'delete':
        if (s.resources.length) lines.push(`delete ${s.resources.length} resource(s): ${s.resources.map(kindName).join(', ')}`);
        if (s.kept.length) lines.push(`keep (helm.sh/resource-policy: keep): ${s.kept.map(kindName).join(', ')}`);
        break;
      case 'wait':
        lines.push(`wait for ${s.resources.length} resource(s) to be ready`);
        break;
    }
  }
  return lines.map((l, i) => `${i + 1}. ${l}`).join('\n');
}

/** "~ Deployment/web", "+ ConfigMap/new", "- Service/old", each followed by its diff. */
export function describeChanges(changes: Change[]): string {
  if (changes.length === 0) return 'no resource changes\n';
  const mark = { added: '+', changed: '~', removed: '-' } as const;
  const note = (c: Change) => (c.kept ? ' (leaves the release, stays in the cluster: resource-policy keep)' : '');
  return changes.map((c) => `${mark[c.change]} ${kindName(c.resource)}${note(c)}\n${c.diff}`).join('');
}
