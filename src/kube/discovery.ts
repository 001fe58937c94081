// Maps apiVersion + kind to the REST resource (plural name, namespaced or not) via the discovery API,
// caching each group/version for the life of the client. A kind the server does not serve is an
// error naming it, which is what a chart author needs to see (e.g. a CRD not installed yet).
import { KubeApiError } from './errors.ts';
import type { Rest } from './rest.ts';

export interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

export class Discovery {
  private cache = new Map<string, Promise<ApiResource[]>>();
  private rest: Rest;

  constructor(rest: Rest) {
    this.rest = rest;
  }

  static basePath(apiVersion: string): string {
    return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  }

  private resources(apiVersion: string): Promise<ApiResource[]> {
    let p = this.cache.get(apiVersion);
    if (!p) {
      p = this.rest
        .request<{ resources: ApiResource[] }>('GET', Discovery.basePath(apiVersion))
        .then((r) => r.resources.filter((x) => !x.name.includes('/')))
        .catch((e) => {
          this.cache.delete(apiVersion);
          if (e instanceof KubeApiError && e.status === 404) return [];
          throw e;
        });
      this.cache.set(apiVersion, p);
    }
    return p;
  }

  /** Forgets a group/version, e.g. after a CRD was installed. */
  invalidate(apiVersion?: string): void {
    if (apiVersion) this.cache.delete(apiVersion);
    else this.cache.clear();
  }

  async resource(apiVersion: string, kind: string): Promise<ApiResource> {
    let found = (await this.resources(apiVersion)).find((r) => r.kind === kind);
    if (!found) {
      this.invalidate(apiVersion);
      found = (await this.resources(apiVersion)).find((r) => r.kind === kind);
    }
    if (!found) {
      throw new KubeApiError(404, 'NoKindMatch', `the server does not serve kind "${kind}" in version "${apiVersion}" (is its CRD installed?)`);
    }
    return found;
  }

  /** URL path of a collection (name omitted) or of one object. */
  async path(apiVersion: string, kind: string, namespace: string | undefined, name?: string): Promise<string> {
    const r = await this.resource(apiVersion, kind);
    const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${Discovery.basePath(apiVersion)}${ns}/${r.name}${name ? `/${encodeURIComponent(name)}` : ''}`;
  }

  /** Every group/version the server serves, for Capabilities.APIVersions. */
  async apiVersions(): Promise<string[]> {
    const core = await this.rest.request<{ versions: string[] }>('GET', '/api');
    const groups = await this.rest.request<{ groups: Array<{ versions: Array<{ groupVersion: string }> }> }>('GET', '/apis');
    return [...core.versions, ...groups.groups.flatMap((g) => g.versions.map((v) => v.groupVersion))].sort();
  }
}
