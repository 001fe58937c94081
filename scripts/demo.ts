// `npm run demo`: the main job. Brings up the local control plane with its real node (building
// them the first time), then plays lab A of the Kiamol exercises on real containers with hull's
// real output, step by step: install v1 (PostgreSQL 15.18), a broken v2 rolled back at the
// timeout with the kubelet's probe failure named, v3 (PostgreSQL 15.20) and its psql test, and v4
// stopped by its pre-upgrade check, whose own error line hull shows. Set HULL_DEMO_KUBECONFIG to
// play it on an existing cluster instead (its nodes must have the hull.local/* images: `kind load
// image-archive` the tar test/images/build.sh prints).
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startCluster, stopCluster, kubectlIn, type ClusterState } from '../test/cluster/cluster.ts';

const root = resolve(import.meta.dirname, '..');
const chart = (v: string) => `charts/todo-list/${v}`;
const ns = 'todo';

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

function step(title: string) {
  console.log(`\n${bold(`== ${title}`)}`);
}

function hull(args: string[], kubeconfig: string): number {
  console.log(bold(`$ hull ${args.join(' ')}`));
  const r = spawnSync(process.execPath, [join(root, 'bin/hull.js'), ...args], { stdio: 'inherit', env: { ...process.env, KUBECONFIG: kubeconfig } });
  console.log(`(exit code ${r.status})`);
  return r.status ?? 1;
}

let cluster: ClusterState | undefined;
const stop = () => {
  if (cluster) stopCluster(cluster);
  cluster = undefined;
};
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});

let kubeconfig = process.env.HULL_DEMO_KUBECONFIG;
// On the local cluster every pod of the chart goes to the real node (values, not chart defaults).
let values: string[] = [];
let kubectl = (args: string[]) => spawnSync('kubectl', ['--kubeconfig', kubeconfig!, ...args], { encoding: 'utf8' }).stdout;
try {
  if (!kubeconfig) {
    step('Starting a local Kubernetes control plane (etcd, kube-apiserver, controllers) and a real node');
    cluster = await startCluster({ watchParent: true });
    if (!cluster.realNode) throw new Error(`the demo runs real containers, but the real node cannot start here: ${cluster.realNodeMissing}`);
    values = ['-f', join(root, 'test', 'values', 'real-node.yaml')];
    kubeconfig = cluster.kubeconfig;
    const c = cluster;
    kubectl = (args) => kubectlIn(c, args);
    console.log(`cluster up in ${(cluster.startedInMs / 1000).toFixed(1)}s at ${cluster.server}`);
  }
  const pods = () => console.log(kubectl(['get', 'pods', '-n', ns, '-o', 'custom-columns=POD:.metadata.name,IMAGE:.spec.containers[0].image,READY:.status.containerStatuses[0].ready']));

  step('1. Install v1 of the to-do app, atomically');
  hull(['install', '--atomic', 'todo-list', chart('v1'), '-n', ns, '--create-namespace', ...values], kubeconfig);
  pods();

  step('2. Upgrade to v2: the new db pod never becomes ready (a leftover `sleep` command)');
  hull(['upgrade', '--atomic', '--timeout', '30s', 'todo-list', chart('v2'), '-n', ns, ...values], kubeconfig);
  console.log('Only the 15.18 db pod is left, untouched:');
  pods();

  step('3. Upgrade to v3 (the fix), then run its test on demand');
  hull(['upgrade', '--atomic', '--timeout', '60s', 'todo-list', chart('v3'), '-n', ns, ...values], kubeconfig);
  hull(['test', 'todo-list', '-n', ns, '--logs'], kubeconfig);

  step('4. Upgrade to v4: its pre-upgrade check refuses a database that is not at 15.18');
  hull(['upgrade', '--atomic', '--timeout', '60s', 'todo-list', chart('v4'), '-n', ns, ...values], kubeconfig);
  pods();

  step('Every step is in the release history (readable by Helm too)');
  hull(['history', 'todo-list', '-n', ns], kubeconfig);
} finally {
  stop();
}
