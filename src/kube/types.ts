// The small interface actions use to talk to a cluster. Only src/kube/client.ts implements it with
// @kubernetes/client-node (imported lazily); tests wrap the real implementation to inject failures.
// Nothing here imports client-node, so pure code may import these types freely.

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  /** Omitted for cluster-scoped kinds; for namespaced kinds, the release namespace is used. */
  namespace?: string;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  ownerReferences?: Array<{ apiVersion?: string; kind: string; name: string; uid: string; controller?: boolean }>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  [k: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [k: string]: unknown;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /**
   * Only apiVersion, kind and metadata of each item (the server's PartialObjectMetadataList): far
   * less to transfer and parse when labels are all the caller needs, e.g. release Secrets whose
   * bodies are most of their size. A server that cannot do it sends full objects.
   */
  metadataOnly?: boolean;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

export interface ApplyOptions {
  fieldManager?: string;
  force?: boolean;
  dryRun?: boolean;
}

export interface DeleteOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  dryRun?: boolean;
  /** Delete only this exact version of the object (compare-and-delete). */
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** The API server's own table of objects (what kubectl get prints): meta.k8s.io/v1 Table. */
export interface KubeTable {
  columnDefinitions: Array<{ name: string; priority?: number }>;
  rows: Array<{ cells: unknown[] }>;
}

export interface KubeClient {
  /** The namespace of the kubeconfig's current context, or "default". */
  readonly defaultNamespace: string;
  /** Returns undefined when the object does not exist (404). */
  get(ref: ObjectRef): Promise<KubeObject | undefined>;
  list(apiVersion: string, kind: string, namespace: string | undefined, opts?: ListOptions): Promise<{ items: KubeObject[]; resourceVersion: string }>;
  create(obj: KubeObject, opts?: { dryRun?: boolean }): Promise<KubeObject>;
  /** PUT; when obj.metadata.resourceVersion is set the server rejects a stale write with 409. */
  replace(obj: KubeObject): Promise<KubeObject>;
  /** Server-side apply (PATCH application/apply-patch+yaml). */
  apply(obj: KubeObject, opts?: ApplyOptions): Promise<KubeObject>;
  /** Returns false when the object was already gone. */
  /** Returns false when the object was already gone; preconditions fail with 409 Conflict. */
  delete(ref: ObjectRef, opts?: DeleteOptions): Promise<boolean>;
  /** Starts a watch; resolves once it is established. Call the returned function to stop it. */
  watch(apiVersion: string, kind: string, namespace: string | undefined, opts: ListOptions & { resourceVersion?: string }, onEvent: (e: WatchEvent) => void, onDone?: (err?: unknown) => void): Promise<() => void>;
  /**
   * Logs of a pod's container (the last 200 lines unless `tailLines` says otherwise; `previous`:
   * the run before the current one); undefined when the cluster cannot serve them (e.g. simulated
   * kubelets, a container that never started).
   */
  logs(namespace: string, pod: string, container?: string, opts?: { previous?: boolean; tailLines?: number }): Promise<string | undefined>;
  isNamespaced(apiVersion: string, kind: string): Promise<boolean>;
  serverVersion(): Promise<{ gitVersion: string; major: string; minor: string }>;
  /** Group/versions the server serves, plus "group/version/Kind" entries, for Capabilities.APIVersions. */
  apiVersions(): Promise<string[]>;
  /** One object (name) or a filtered list as the server's Table; optional: fakes may lack it. */
  table?(apiVersion: string, kind: string, namespace: string | undefined, opts: { name?: string; labelSelector?: string }): Promise<KubeTable>;
}
