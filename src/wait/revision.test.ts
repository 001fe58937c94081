import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import { newestReplicaSet } from './revision.ts';

const template = (image: string, hash?: string) => ({
  metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } },
  spec: { containers: [{ name: 'web', image }] },
});
const dep = (image: string): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', uid: 'd1' }, spec: { template: template(image) } });
const rs = (hash: string, revision: number, image: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: `web-${hash}`, annotations: { 'deployment.kubernetes.io/revision': String(revision) }, ownerReferences: [{ kind: 'Deployment', name: 'web', uid: 'd1', controller: true }] },
  spec: { template: template(image, hash) },
});

describe('newestReplicaSet', () => {
  it("is the highest revision when it runs the Deployment's template", () => {
    expect(newestReplicaSet(dep('v2'), [rs('a', 1, 'v1'), rs('b', 2, 'v2')])?.metadata.name).toBe('web-b');
  });

  it('is none while a Recreate rollout has not created the new ReplicaSet yet', () => {
    // Old pods still terminating: only the v1 ReplicaSet exists, and its pods are not the new ones.
    expect(newestReplicaSet(dep('v2'), [rs('a', 1, 'v1')])).toBeUndefined();
  });
});
