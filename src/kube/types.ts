// The small interface actions use to talk to a cluster. Only src/kube/client.ts implements it with
// @kubernetes/client-node; tests wrap the real implementation to inject failures.
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    ownerReferences?: Array<{ kind: string; name: string; uid: string; controller?: boolean }>;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export interface KubeClient {
  readonly defaultNamespace: string;
}
