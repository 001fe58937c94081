// A local cluster owned by one benchmark run: started before, stopped after, even when the
// benchmark throws or is interrupted, so benchmarks never leave control-plane processes behind.
import { startCluster, stopCluster, type ClusterState } from '../test/cluster/cluster.ts';

export async function withCluster<T>(fn: (cluster: ClusterState) => Promise<T>): Promise<T> {
  // watchParent: a watchdog cleans up even after kill -9 of this process, which no finally survives.
  const cluster = await startCluster({ watchParent: true });
  process.stderr.write(`[bench] cluster started in ${(cluster.startedInMs / 1000).toFixed(1)}s at ${cluster.server}\n`);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    stopCluster(cluster);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(cluster);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stop();
  }
}
