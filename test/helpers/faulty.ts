// A wrapper around the REAL Kubernetes client that fails its Nth call (every method counts, watches
// included) with a 403, as a refusal the client does not retry. Nothing else is faked: the calls
// before and after reach the test cluster's API server.
import { KubeApiError } from '../../src/kube/errors.ts';
import type { KubeClient } from '../../src/kube/types.ts';
import type { Configuration } from '../../src/config.ts';

export interface FaultyClient {
  client: KubeClient;
  /** Calls made so far. */
  calls(): number;
  /** What the failed call was, once it happened. */
  failed(): string | undefined;
}

export function failingAt(real: KubeClient, n: number | undefined): FaultyClient {
  let count = 0;
  let failed: string | undefined;
  const client = new Proxy(real, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        count++;
        if (count === n) {
          const what = `${String(prop)} ${describe(args[0])}`.trim();
          failed = what;
          return Promise.reject(new KubeApiError(403, 'Forbidden', `injected fault at call ${n}: ${what}`));
        }
        return v.apply(target, args);
      };
    },
  });
  return { client, calls: () => count, failed: () => failed };
}

function describe(a: unknown): string {
  if (typeof a === 'string') return a;
  const o = a as { kind?: string; name?: string; metadata?: { name?: string } } | undefined;
  return o?.kind ? `${o.kind}/${o.name ?? o.metadata?.name ?? ''}` : '';
}

/** The same Configuration, its client wrapped. */
export async function withFaults(cfg: Configuration, n: number | undefined): Promise<{ cfg: Configuration; faults: FaultyClient }> {
  const faults = failingAt(await cfg.kube(), n);
  return { cfg: { ...cfg, kube: async () => faults.client }, faults };
}
