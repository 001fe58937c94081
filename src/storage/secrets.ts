// Releases stored as Secrets exactly as Helm 4 writes them, so helm and hull read each other's
// releases. One Secret per revision in the release namespace; see labels.ts for names and labels.
//
// Concurrency: the driver remembers the resourceVersion of every Secret it read or wrote, and
// update() sends it, so a revision changed by someone else since is not silently overwritten
// (Helm's update is unconditional).
import { HullError } from '../errors.ts';
import { isAlreadyExists, isConflict, isNotFound } from '../kube/errors.ts';
import type { KubeClient, KubeObject } from '../kube/types.ts';
import type { Release } from '../release/types.ts';
import { latestOf } from '../release/transitions.ts';
import { decodeRelease } from './codec.ts';
import { lazyLoad, selectListed, type Driver, type ListedRelease, type ListFilter } from './driver.ts';
import { DATA_KEY, SECRET_TYPE, customLabels, entryFromLabels, releaseLabels, releaseSelector, secretName, type ReleaseEntry } from './labels.ts';
import { assertFitsInSecret } from './size.ts';

interface Seen {
  resourceVersion?: string;
}

interface Row {
  entry: ReleaseEntry;
  secret: KubeObject;
}

export interface SecretsDriverOptions {
  now?: () => Date;
}

export class SecretsDriver implements Driver {
  readonly namespace: string;
  private readonly kube: KubeClient;
  private readonly now: () => Date;
  private readonly seen = new Map<string, Seen>();

  constructor(kube: KubeClient, namespace: string, options: SecretsDriverOptions = {}) {
    this.kube = kube;
    this.namespace = namespace;
    this.now = options.now ?? (() => new Date());
  }

  private ref(name: string, version: number) {
    return { apiVersion: 'v1', kind: 'Secret', name: secretName(name, version), namespace: this.namespace };
  }

  private remember(secret: KubeObject): void {
    const md = secret.metadata;
    this.seen.set(md.name, { resourceVersion: md.resourceVersion });
  }

  /** Decodes a Secret's body; the API returns data values base64-encoded on top of Helm's own base64. */
  private decode(secret: KubeObject): Release {
    const data = (secret as { data?: Record<string, string> }).data?.[DATA_KEY];
    const what = `Secret ${secret.metadata.name} in namespace ${secret.metadata.namespace ?? this.namespace}`;
    if (!data) throw new HullError('OPERATION_FAILED', `decode ${what}: it has no "${DATA_KEY}" data`);
    const rel = decodeRelease(Buffer.from(data, 'base64').toString('latin1'), what);
    const labels = customLabels(secret.metadata.labels);
    if (Object.keys(labels).length > 0) rel.labels = labels;
    this.remember(secret);
    return rel;
  }

  private toSecret(rel: Release, encoded: string, write: 'create' | 'update', resourceVersion?: string): KubeObject {
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: secretName(rel.name, rel.version),
        namespace: this.namespace,
        labels: releaseLabels(rel, this.now(), write),
        ...(resourceVersion ? { resourceVersion } : {}),
      },
      type: SECRET_TYPE,
      data: { [DATA_KEY]: Buffer.from(encoded, 'latin1').toString('base64') },
    };
  }

  private async rows(namespace: string | undefined, selector: string, metadataOnly = false): Promise<Row[]> {
    const { items } = await this.kube.list('v1', 'Secret', namespace, { labelSelector: selector, metadataOnly });
    const rows: Row[] = [];
    for (const secret of items) {
      const entry = entryFromLabels(secret.metadata.labels, secret.metadata.namespace ?? namespace ?? this.namespace);
      if (entry) rows.push({ entry, secret });
    }
    return rows.sort((a, b) => a.entry.version - b.entry.version);
  }

  private checkNamespace(rel: Release): void {
    if (rel.namespace && rel.namespace !== this.namespace) {
      throw new HullError('OPERATION_FAILED', `release "${rel.name}" belongs to namespace ${rel.namespace}, not ${this.namespace}`);
    }
  }

  async get(name: string, version: number): Promise<Release> {
    const secret = await this.kube.get(this.ref(name, version));
    if (!secret) throw new HullError('RELEASE_NOT_FOUND', `release "${name}" revision ${version} not found in namespace ${this.namespace}`);
    return this.decode(secret);
  }

  async listVersions(name: string): Promise<Release[]> {
    return (await this.rows(this.namespace, releaseSelector(name))).map((r) => this.decode(r.secret));
  }

  async listEntries(name: string): Promise<ReleaseEntry[]> {
    return (await this.rows(this.namespace, releaseSelector(name), true)).map((r) => r.entry);
  }

  async latest(name: string): Promise<Release | undefined> {
    const { rows, load } = await this.labelsAndCurrentBodies(this.namespace, releaseSelector(name));
    const row = latestOf(rows.map((r) => ({ ...r, version: r.entry.version })));
    return row && load(row);
  }

  async lastDeployed(name: string): Promise<Release | undefined> {
    const rows = await this.rows(this.namespace, releaseSelector(name, 'deployed'));
    const row = latestOf(rows.map((r) => ({ ...r, version: r.entry.version })));
    return row && this.decode(row.secret);
  }

  async create(rel: Release): Promise<void> {
    this.checkNamespace(rel);
    const encoded = assertFitsInSecret(rel);
    const secret = this.toSecret(rel, encoded, 'create');
    try {
      this.remember(await this.kube.create(secret));
    } catch (e) {
      if (isAlreadyExists(e)) {
        throw new HullError('RELEASE_EXISTS', `release "${rel.name}" revision ${rel.version} already exists in namespace ${this.namespace}`, { cause: e });
      }
      throw e;
    }
  }

  async update(rel: Release): Promise<void> {
    this.checkNamespace(rel);
    const encoded = assertFitsInSecret(rel);
    const name = secretName(rel.name, rel.version);
    const seen = this.seen.get(name);
    const secret = this.toSecret(rel, encoded, 'update', seen?.resourceVersion);
    try {
      this.remember(await this.kube.replace(secret));
    } catch (e) {
      if (isNotFound(e)) {
        throw new HullError('RELEASE_NOT_FOUND', `release "${rel.name}" revision ${rel.version} not found in namespace ${this.namespace}`, { cause: e });
      }
      if (isConflict(e)) {
        throw new HullError(
          'RELEASE_LOCKED',
          `release "${rel.name}" revision ${rel.version} was changed by another process since hull read it; not overwriting it`,
          { cause: e },
        );
      }
      throw e;
    }
  }

  async delete(name: string, version: number): Promise<boolean> {
    this.seen.delete(secretName(name, version));
    return this.kube.delete(this.ref(name, version));
  }

  async deleteAll(name: string): Promise<number> {
    let deleted = 0;
    for (const e of await this.listEntries(name)) if (await this.delete(name, e.version)) deleted++;
    return deleted;
  }

  async listReleases(namespace: string | undefined, filter?: ListFilter): Promise<ListedRelease[]> {
    if (filter?.allRevisions) {
      // Every revision may be shown: one list with every body (decoded only by load()).
      const rows = await this.rows(namespace, releaseSelector());
      return selectListed(rows.map((r): ListedRelease => ({ ...r.entry, load: lazyLoad(() => this.decode(r.secret)) })), filter);
    }
    const { rows, load } = await this.labelsAndCurrentBodies(namespace, releaseSelector());
    return selectListed(rows.map((r): ListedRelease => ({ ...r.entry, load: lazyLoad(() => load(r)) })), filter);
  }

  /**
   * Labels of every revision, but bodies only of those not superseded. The latest revision of a
   * release, the one list, upgrade and rollback read, is superseded only in odd cases (Helm
   * supersedes a revision once a newer one is deployed), so the history's bodies stay on the server
   * and the cost does not grow with it. Both lists go out at once; `load` fetches a body that was
   * not listed (superseded, or changed between the two lists).
   */
  private async labelsAndCurrentBodies(namespace: string | undefined, selector: string): Promise<{ rows: Row[]; load: (row: Row) => Promise<Release> }> {
    const [rows, current] = await Promise.all([
      this.rows(namespace, selector, true),
      this.kube.list('v1', 'Secret', namespace, { labelSelector: `${selector},status!=superseded` }),
    ]);
    const bodies = new Map(current.items.map((s) => [`${s.metadata.namespace}/${s.metadata.name}`, s]));
    const load = async ({ entry, secret }: Row): Promise<Release> => {
      const body = bodies.get(`${entry.namespace}/${secret.metadata.name}`);
      if (body && body.metadata.labels?.status === entry.status) return this.decode(body);
      const fetched = await this.kube.get({ ...this.ref(entry.name, entry.version), namespace: entry.namespace });
      if (!fetched) throw new HullError('RELEASE_NOT_FOUND', `release "${entry.name}" revision ${entry.version} not found in namespace ${entry.namespace}`);
      return this.decode(fetched);
    };
    return { rows, load };
  }
}
