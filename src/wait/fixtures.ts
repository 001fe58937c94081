// Test fixtures shaped like what the API server returns (fields it omits stay omitted), so the
// rules are tested against the objects they will really see. Used by *.test.ts only.

import type { KubeObject } from '../kube/types.ts';

export const T0 = '2026-11-22T05:10:00Z';
export const at = (seconds: number): Date => new Date(Date.parse(T0) + seconds * 1000);

const DEP_UID = '3f1c2a9e-0d1b-4e57-9a2f-1c7d2b6e8a01';

interface DeploymentOpts {
  generation?: number;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export function deployment(o: DeploymentOpts = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'todo-list-db', namespace: 'default', uid: DEP_UID, generation: o.generation ?? 2, creationTimestamp: T0 },
    spec: {
      replicas: 1,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: { app: 'todo-list', component: 'db' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: { metadata: { labels: { app: 'todo-list', component: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:11.8-alpine' }] } },
      ...o.spec,
    },
    status: {
      observedGeneration: o.generation ?? 2,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastUpdateTime: T0, lastTransitionTime: T0 },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "todo-list-db-7c9d8f6b5" has successfully progressed.', lastUpdateTime: T0, lastTransitionTime: T0 },
      ],
      ...o.status,
    },
  };
}

export function replicaSet(hash: string, revision: number, status: Record<string, unknown>, replicas = 1): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `todo-list-db-${hash}`,
      namespace: 'default',
      uid: `rs-${hash}`,
      generation: 1,
      labels: { app: 'todo-list', component: 'db', 'pod-template-hash': hash },
      annotations: { 'deployment.kubernetes.io/revision': String(revision), 'deployment.kubernetes.io/desired-replicas': '1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'todo-list-db', uid: DEP_UID, controller: true }],
      creationTimestamp: T0,
    },
    spec: { replicas },
    status: { observedGeneration: 1, ...status },
  };
}

export interface ContainerState {
  name?: string;
  ready?: boolean;
  restartCount?: number;
  state: Record<string, unknown>;
  lastState?: Record<string, unknown>;
}

interface PodOpts {
  owner?: KubeObject;
  labels?: Record<string, string>;
  phase?: string;
  ready?: boolean;
  created?: string;
  startTime?: string;
  containers?: ContainerState[];
  conditions?: Array<Record<string, unknown>>;
}

export const running = (ready: boolean, restartCount = 0): ContainerState => ({ ready, restartCount, state: { running: { startedAt: T0 } } });
export const waiting = (reason: string, message?: string, extra: Partial<ContainerState> = {}): ContainerState => ({
  ready: false,
  restartCount: 0,
  state: { waiting: { reason, ...(message ? { message } : {}) } },
  ...extra,
});

export function pod(name: string, o: PodOpts = {}): KubeObject {
  const owner = o.owner;
  const hash = owner?.metadata.labels?.['pod-template-hash'];
  const containers = (o.containers ?? [running(o.ready ?? true)]).map((c) => ({
    name: c.name ?? 'db',
    image: 'postgres:11.8-alpine',
    imageID: '',
    started: 'running' in c.state,
    ready: c.ready ?? false,
    restartCount: c.restartCount ?? 0,
    state: c.state,
    ...(c.lastState ? { lastState: c.lastState } : {}),
  }));
  const ready = o.ready ?? containers.every((c) => c.ready);
  const phase = o.phase ?? 'Running';
  const scheduled = { type: 'PodScheduled', status: 'True', lastTransitionTime: o.created ?? T0 };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `pod-${name}`,
      labels: { app: 'todo-list', component: 'db', ...(hash ? { 'pod-template-hash': hash } : {}), ...o.labels },
      ownerReferences: owner ? [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid ?? '', controller: true }] : undefined,
      creationTimestamp: o.created ?? T0,
    },
    spec: { containers: [{ name: 'db', image: 'postgres:11.8-alpine' }], restartPolicy: 'Always' },
    status: {
      phase,
      ...(phase === 'Pending' && !o.startTime ? {} : { startTime: o.startTime ?? o.created ?? T0 }),
      conditions: o.conditions ?? [
        { type: 'Initialized', status: 'True', lastTransitionTime: T0 },
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: T0, ...(ready ? {} : { reason: 'ContainersNotReady' }) },
        { type: 'ContainersReady', status: ready ? 'True' : 'False', lastTransitionTime: o.startTime ?? o.created ?? T0, ...(ready ? {} : { reason: 'ContainersNotReady' }) },
        scheduled,
      ],
      ...(o.conditions && phase === 'Pending' ? {} : { containerStatuses: containers }),
    },
  };
}
