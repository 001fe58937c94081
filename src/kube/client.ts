// The KubeClient implementation over @kubernetes/client-node's KubeConfig and raw REST. This module
// (and what it imports) is loaded lazily by Configuration, so commands that never reach a cluster
// never pay for client-node.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import type { Logger, Settings } from '../config.ts';
import { HullError } from '../errors.ts';
import { Discovery } from './discovery.ts';
import { KubeApiError } from './errors.ts';
import { Rest } from './rest.ts';
import { refOf } from './ref.ts';
import type { ApplyOptions, DeleteOptions, KubeClient, KubeObject, KubeTable, ListOptions, ObjectRef, WatchEvent } from './types.ts';

/** Content negotiation for metadata-only lists, falling back to full objects (as kubectl asks). */
/** kubectl's Accept for printing: the server formats columns (and ages) itself. */
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
const METADATA_LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

/** What client-node's loadFromDefault would find; without any of it, it invents http://localhost:8080. */
function hasDefaultConfig(): boolean {
  if (process.env.KUBECONFIG) return true;
  if (existsSync(join(homedir(), '.kube', 'config'))) return true;
  return Boolean(process.env.KUBERNETES_SERVICE_HOST) && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token');
}

export async function connect(settings: Settings, log: Logger): Promise<KubeClient> {
  const kc = new KubeConfig();
  if (!settings.kubeconfig && !hasDefaultConfig()) {
    throw new HullError('KUBECONFIG', `no kubeconfig found: set KUBECONFIG or pass --kubeconfig (looked for ${join(homedir(), '.kube', 'config')}, and this is not a pod in a cluster)`);
  }
  try {
    if (settings.kubeconfig) kc.loadFromFile(settings.kubeconfig);
    else kc.loadFromDefault();
    if (settings.kubeContext) kc.setCurrentContext(settings.kubeContext);
  } catch (e) {
    throw new HullError('KUBECONFIG', `load kubeconfig ${settings.kubeconfig ?? '(default)'}: ${(e as Error).message}`, { cause: e });
  }
  if (settings.kubeContext && !kc.getContextObject(settings.kubeContext)) {
    throw new HullError('KUBECONFIG', `context "${settings.kubeContext}" does not exist in the kubeconfig`);
  }
  const ns = kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
  log.debug(`using cluster ${kc.getCurrentCluster()?.server} (context ${kc.getCurrentContext()}, namespace ${ns})`);
  return new RestKubeClient(kc, ns);
}

export class RestKubeClient implements KubeClient {
  readonly defaultNamespace: string;
  private rest: Rest;
  private discovery: Discovery;
  private kc: KubeConfig;

  constructor(kc: KubeConfig, defaultNamespace: string) {
    this.kc = kc;
    this.defaultNamespace = defaultNamespace;
    this.rest = new Rest(kc);
    this.discovery = new Discovery(this.rest);
  }

  private async objectPath(ref: ObjectRef, withName = true): Promise<string> {
    return this.discovery.path(ref.apiVersion, ref.kind, ref.namespace ?? this.defaultNamespace, withName ? ref.name : undefined);
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    try {
      return await this.rest.request<KubeObject>('GET', await this.objectPath(ref), { ref });
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404 && e.reason !== 'NoKindMatch') return undefined;
      throw e;
    }
  }

  async list(apiVersion: string, kind: string, namespace: string | undefined, opts: ListOptions = {}) {
    const path = await this.discovery.path(apiVersion, kind, namespace);
    const res = await this.rest.request<{ items: KubeObject[]; metadata: { resourceVersion: string } }>('GET', path, {
      query: { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector },
      accept: opts.metadataOnly ? METADATA_LIST : undefined,
    });
    // Lists return items without apiVersion/kind, and metadata lists as PartialObjectMetadata; name
    // the real kind so items are self-describing.
    // An empty metadata list comes back with "items": null.
    const items = res.items ?? [];
    for (const item of items) {
      if (opts.metadataOnly || !item.apiVersion) item.apiVersion = apiVersion;
      if (opts.metadataOnly || !item.kind) item.kind = kind;
    }
    return { items, resourceVersion: res.metadata.resourceVersion };
  }

  async create(obj: KubeObject, opts: { dryRun?: boolean } = {}): Promise<KubeObject> {
    const ref = refOf(obj);
    return this.rest.request('POST', await this.objectPath(ref, false), { body: obj, ref, query: { dryRun: opts.dryRun ? 'All' : undefined } });
  }

  async replace(obj: KubeObject): Promise<KubeObject> {
    const ref = refOf(obj);
    return this.rest.request('PUT', await this.objectPath(ref), { body: obj, ref });
  }

  async apply(obj: KubeObject, opts: ApplyOptions = {}): Promise<KubeObject> {
    const ref = refOf(obj);
    return this.rest.request('PATCH', await this.objectPath(ref), {
      body: obj,
      ref,
      contentType: 'application/apply-patch+yaml',
      query: { fieldManager: opts.fieldManager ?? 'hull', force: opts.force ?? undefined, dryRun: opts.dryRun ? 'All' : undefined },
    });
  }

  async delete(ref: ObjectRef, opts: DeleteOptions = {}): Promise<boolean> {
    try {
      await this.rest.request('DELETE', await this.objectPath(ref), {
        ref,
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: opts.propagationPolicy ?? 'Background', ...(opts.preconditions ? { preconditions: opts.preconditions } : {}) },
        query: { dryRun: opts.dryRun ? 'All' : undefined },
      });
      return true;
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404 && e.reason !== 'NoKindMatch') return false;
      throw e;
    }
  }

  async watch(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    opts: ListOptions & { resourceVersion?: string },
    onEvent: (e: WatchEvent) => void,
    onDone?: (err?: unknown) => void,
  ): Promise<() => void> {
    const path = await this.discovery.path(apiVersion, kind, namespace);
    const controller = await new Watch(this.kc).watch(
      path,
      { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector, resourceVersion: opts.resourceVersion, allowWatchBookmarks: true },
      (type, object) => {
        const o = object as KubeObject;
        o.apiVersion ??= apiVersion;
        o.kind ??= kind;
        onEvent({ type: type as WatchEvent['type'], object: o });
      },
      (err) => onDone?.(err ?? undefined),
    );
    return () => controller.abort();
  }

  async table(apiVersion: string, kind: string, namespace: string | undefined, opts: { name?: string; labelSelector?: string }): Promise<KubeTable> {
    const path = await this.discovery.path(apiVersion, kind, namespace, opts.name);
    return this.rest.request<KubeTable>('GET', path, { accept: TABLE, query: { labelSelector: opts.labelSelector }, ref: opts.name ? { apiVersion, kind, name: opts.name, namespace } : undefined });
  }

  async logs(namespace: string, pod: string, container?: string, opts: { previous?: boolean; tailLines?: number } = {}): Promise<string | undefined> {
    try {
      return await this.rest.request<string>('GET', `/api/v1/namespaces/${namespace}/pods/${pod}/log`, {
        query: { container, tailLines: opts.tailLines ?? 200, previous: opts.previous ? 'true' : undefined },
        text: true,
        retries: 0,
        ref: { apiVersion: 'v1', kind: 'Pod', name: pod, namespace },
      });
    } catch {
      // Simulated kubelets (KWOK) and pods that never started serve no logs: say so, don't fail.
      return undefined;
    }
  }

  async isNamespaced(apiVersion: string, kind: string): Promise<boolean> {
    return (await this.discovery.resource(apiVersion, kind)).namespaced;
  }

  async serverVersion() {
    return this.rest.request<{ gitVersion: string; major: string; minor: string }>('GET', '/version');
  }

  async apiVersions(): Promise<string[]> {
    return this.discovery.apiVersions();
  }
}
