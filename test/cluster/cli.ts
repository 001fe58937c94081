// `npm run cluster:up` / `cluster:down`: a long-lived local cluster for trying hull by hand.
// The state of the running cluster is kept in ~/.cache/hull/run/cluster.json so `down` stops exactly
// what `up` started.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { alive, startCluster, stopCluster, type ClusterState } from './cluster.ts';

const stateFile = join(process.env.HULL_CACHE_DIR ?? join(homedir(), '.cache', 'hull'), 'run', 'cluster.json');

function running(): ClusterState | undefined {
  if (!existsSync(stateFile)) return undefined;
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as ClusterState;
  return Object.values(state.pids).some(alive) ? state : undefined;
}

const cmd = process.argv[2];
if (cmd === 'up') {
  let state = running();
  if (state) {
    console.error(`[cluster] already running (${state.server})`);
  } else {
    state = await startCluster();
    mkdirSync(dirname(stateFile), { recursive: true });
    writeFileSync(stateFile, JSON.stringify(state, null, 2));
    console.error(`[cluster] up in ${(state.startedInMs / 1000).toFixed(1)}s at ${state.server}`);
    console.error(`[cluster] export KUBECONFIG=${state.kubeconfig}`);
  }
  console.log(state.kubeconfig);
} else if (cmd === 'down') {
  const state = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as ClusterState) : undefined;
  if (state) {
    stopCluster(state);
    rmSync(stateFile, { force: true });
    console.error('[cluster] stopped');
  } else {
    console.error('[cluster] not running');
  }
} else {
  console.error('usage: cli.ts up|down');
  process.exitCode = 2;
}
