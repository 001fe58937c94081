// vitest global setup for the e2e project: start the local control plane, or use the cluster named
// by HULL_TEST_KUBECONFIG (kind, minikube, ...) and start nothing. Tests read the kubeconfig with
// inject('kubeconfig'), and whether a real node runs containers with inject('realNode').
import type { TestProject } from 'vitest/node';
import { startCluster, stopCluster, type ClusterState } from './cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    kubeconfig: string;
    restrictedKubeconfig: string;
    kubectl: string;
    external: boolean;
    /** The local cluster's state file (empty with HULL_TEST_KUBECONFIG): fault tests start API servers from it. */
    clusterState: string;
    /** The real node's name, '' when there is none (tests that need one are skipped). */
    realNode: string;
  }
}

let state: ClusterState | undefined;

export default async function setup(project: TestProject) {
  const external = process.env.HULL_TEST_KUBECONFIG;
  if (external) {
    project.provide('kubeconfig', external);
    project.provide('restrictedKubeconfig', '');
    project.provide('kubectl', process.env.HULL_TEST_KUBECTL ?? 'kubectl');
    project.provide('external', true);
    project.provide('clusterState', '');
    // An existing cluster (kind) has real nodes, but not ours: its name is given if wanted.
    project.provide('realNode', process.env.HULL_TEST_REAL_NODE ?? '');
    return;
  }
  state = await startCluster({ watchParent: true });
  process.stderr.write(`[cluster] started in ${(state.startedInMs / 1000).toFixed(1)}s at ${state.server}\n`);
  if (state.realNodeMissing) {
    // CI must run the real-node tests: there a missing node fails the run instead of skipping them.
    if (process.env.CI && process.env.CI !== 'false') {
      stopCluster(state);
      throw new Error(`CI is set but the real node cannot run: ${state.realNodeMissing}`);
    }
    process.stderr.write(`[cluster] no real node (${state.realNodeMissing}): the tests that need real containers are skipped, KWOK nodes only\n`);
  }
  project.provide('realNode', state.realNode?.name ?? '');
  project.provide('kubeconfig', state.kubeconfig);
  project.provide('restrictedKubeconfig', state.restrictedKubeconfig);
  project.provide('kubectl', `${state.binDir}/kubectl`);
  project.provide('external', false);
  project.provide('clusterState', `${state.dir}/state.json`);
  const stop = () => {
    if (state) stopCluster(state);
    state = undefined;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return stop;
}
