// vitest global setup for the e2e project: start the local control plane, or use the cluster named
// by HULL_TEST_KUBECONFIG (kind, minikube, ...) and start nothing. Tests read the kubeconfig with
// inject('kubeconfig').
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
    return;
  }
  state = await startCluster({ watchParent: true });
  process.stderr.write(`[cluster] started in ${(state.startedInMs / 1000).toFixed(1)}s at ${state.server}\n`);
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
