// The one object through which every action reaches the outside world (Helm's
// action.Configuration). Kube access is created lazily so commands that never talk to a cluster
// never import @kubernetes/client-node.
import type { KubeClient } from './kube/types.ts';
import { preciseNow } from './release/time.ts';

export interface Settings {
  kubeconfig?: string;
  kubeContext?: string;
  /** Namespace given with -n, or undefined to use the kubeconfig context's namespace. */
  namespace?: string;
  debug: boolean;
}

export interface Logger {
  info(msg: string): void;
  debug(msg: string): void;
  warn(msg: string): void;
}

export interface Configuration {
  settings: Settings;
  log: Logger;
  clock: () => Date;
  /** Aborted on Ctrl-C / SIGTERM: operations stop, record a failure (or roll back) and return. */
  signal?: AbortSignal;
  kube(): Promise<KubeClient>;
  /** The namespace an action works in: -n, else the context's namespace, else "default". */
  namespace(): Promise<string>;
  /** Set inside withLock: how long the release's lock is ours, for writes that must retry. */
  lock?: { heldUntil(): number; confirm(): Promise<void> };
}

export function stderrLogger(debug: boolean): Logger {
  return {
    info: (m) => process.stderr.write(`${m}\n`),
    debug: (m) => {
      if (debug) process.stderr.write(`[debug] ${m}\n`);
    },
    warn: (m) => process.stderr.write(`WARNING: ${m}\n`),
  };
}

export function newConfiguration(settings: Settings, log: Logger = stderrLogger(settings.debug), signal?: AbortSignal): Configuration {
  let client: Promise<KubeClient> | undefined;
  const kube = () => {
    client ??= import('./kube/client.ts').then((m) => m.connect(settings, log));
    return client;
  };
  return {
    settings,
    log,
    clock: preciseNow,
    signal,
    kube,
    async namespace() {
      if (settings.namespace) return settings.namespace;
      return (await kube()).defaultNamespace;
    },
  };
}
