// An in-memory stand-in for the parts of the Kubernetes API the Secrets driver uses, and the
// MemoryDriver built on it. Running the real SecretsDriver code over a fake API (rather than a
// separate map-based driver) means unit tests of actions exercise the exact encoding, labels,
// selectors and conflict handling that run against a cluster. Real-API behaviour is covered by
// the e2e tests; this fake mirrors only the status codes the driver relies on (404, 409).
import { KubeApiError } from '../kube/errors.ts';
import type { KubeClient, KubeObject, ListOptions, ObjectRef } from '../kube/types.ts';
import { SecretsDriver, type SecretsDriverOptions } from './secrets.ts';

function matches(labels: Record<string, string> | undefined, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const negated = term.includes('!=');
    const [k, v] = term.split(negated ? '!=' : '=');
    return (labels?.[k.trim()] === v?.trim()) !== negated;
  });
}

const clone = <T>(o: T): T => structuredClone(o);

/** Secrets only, label selectors of = and != terms only; every other call says it is not supported. */
export class MemorySecretsApi implements KubeClient {
  readonly defaultNamespace = 'default';
  /** namespace/name -> Secret */
  readonly objects = new Map<string, KubeObject>();
  private revision = 0;

  private key(namespace: string | undefined, name: string): string {
    return `${namespace ?? this.defaultNamespace}/${name}`;
  }

  private check(apiVersion: string, kind: string): void {
    if (apiVersion !== 'v1' || kind !== 'Secret') throw new Error(`MemorySecretsApi serves v1 Secrets only, not ${apiVersion} ${kind}`);
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    this.check(ref.apiVersion, ref.kind);
    const o = this.objects.get(this.key(ref.namespace, ref.name));
    return o && clone(o);
  }

  async list(apiVersion: string, kind: string, namespace: string | undefined, opts?: ListOptions) {
    this.check(apiVersion, kind);
    const items = [...this.objects.values()]
      .filter((o) => (namespace === undefined || o.metadata.namespace === namespace) && matches(o.metadata.labels, opts?.labelSelector))
      .map((o) => (opts?.metadataOnly ? { apiVersion: o.apiVersion, kind: o.kind, metadata: clone(o.metadata) } : clone(o)));
    return { items, resourceVersion: String(this.revision) };
  }

  async create(obj: KubeObject): Promise<KubeObject> {
    this.check(obj.apiVersion, obj.kind);
    const k = this.key(obj.metadata.namespace, obj.metadata.name);
    if (this.objects.has(k)) throw new KubeApiError(409, 'AlreadyExists', `secrets "${obj.metadata.name}" already exists`);
    return this.store(k, obj);
  }

  async replace(obj: KubeObject): Promise<KubeObject> {
    this.check(obj.apiVersion, obj.kind);
    const k = this.key(obj.metadata.namespace, obj.metadata.name);
    const current = this.objects.get(k);
    if (!current) throw new KubeApiError(404, 'NotFound', `secrets "${obj.metadata.name}" not found`);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) {
      throw new KubeApiError(409, 'Conflict', `Operation cannot be fulfilled on secrets "${obj.metadata.name}": the object has been modified`);
    }
    return this.store(k, obj);
  }

  async delete(ref: ObjectRef): Promise<boolean> {
    this.check(ref.apiVersion, ref.kind);
    return this.objects.delete(this.key(ref.namespace, ref.name));
  }

  private store(k: string, obj: KubeObject): KubeObject {
    const stored = clone(obj);
    stored.metadata = { ...stored.metadata, namespace: stored.metadata.namespace ?? this.defaultNamespace, resourceVersion: String(++this.revision) };
    this.objects.set(k, stored);
    return clone(stored);
  }

  private unsupported(what: string): never {
    throw new Error(`MemorySecretsApi does not support ${what}`);
  }
  apply(): Promise<KubeObject> { return this.unsupported('apply'); }
  watch(): Promise<() => void> { return this.unsupported('watch'); }
  logs(): Promise<string | undefined> { return this.unsupported('logs'); }
  isNamespaced(): Promise<boolean> { return this.unsupported('isNamespaced'); }
  serverVersion(): Promise<{ gitVersion: string; major: string; minor: string }> { return this.unsupported('serverVersion'); }
  apiVersions(): Promise<string[]> { return this.unsupported('apiVersions'); }
}

/**
 * The Secrets driver over an in-memory API. Drivers for several namespaces can share one `api`
 * (as they share a cluster), which is how tests exercise `list -A`.
 */
export class MemoryDriver extends SecretsDriver {
  readonly api: MemorySecretsApi;
  private readonly options?: SecretsDriverOptions;

  constructor(namespace = 'default', api = new MemorySecretsApi(), options?: SecretsDriverOptions) {
    super(api, namespace, options);
    this.api = api;
    this.options = options;
  }

  /** A driver for another namespace over the same store. */
  forNamespace(namespace: string): MemoryDriver {
    return new MemoryDriver(namespace, this.api, this.options);
  }
}
