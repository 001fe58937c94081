// Secret values never reach a diff unless asked for: each value becomes a marker that still says
// whether it changed (as kubectl diff masks them). Pure.
import type { KubeObject } from '../kube/types.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function isSecret(obj: KubeObject | undefined): boolean {
  return obj?.kind === 'Secret' && obj.apiVersion === 'v1';
}

/**
 * Masks data and stringData of a Secret pair: "***" where a value is the same on both sides (or on
 * one side only), "*** (before)" / "*** (after)" where it changed. kubectl's last-applied annotation
 * holds the values too, so it is masked the same way. Non-Secrets pass through untouched.
 */
export function redactSecretPair(before: KubeObject | undefined, after: KubeObject | undefined): [KubeObject | undefined, KubeObject | undefined] {
  if (!isSecret(before) && !isSecret(after)) return [before, after];
  const b = before && structuredClone(before);
  const a = after && structuredClone(after);
  for (const field of ['data', 'stringData'] as const) {
    const bv = (b?.[field] ?? {}) as Record<string, unknown>;
    const av = (a?.[field] ?? {}) as Record<string, unknown>;
    for (const key of new Set([...Object.keys(bv), ...Object.keys(av)])) {
      const changed = key in bv && key in av && bv[key] !== av[key];
      if (key in bv) bv[key] = changed ? '*** (before)' : '***';
      if (key in av) av[key] = changed ? '*** (after)' : '***';
    }
  }
  for (const o of [b, a]) {
    if (o?.metadata.annotations?.[LAST_APPLIED] !== undefined) o.metadata.annotations[LAST_APPLIED] = '***';
  }
  return [b, a];
}
