// Starts a real Kubernetes control plane on loopback from the binaries test/cluster/build.sh caches:
// etcd, kube-apiserver, kube-controller-manager, kube-scheduler, KWOK simulating the kubelets of
// two fake nodes, and (as root) one real node running real containers (node/real-node.sh).
// Everything runs as child processes we started ourselves, on random ports, in one temp dir, so
// stopping the cluster means stopping the real node, killing exactly those pids and removing that dir.
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** kube-apiserver's flags; the serving certificate is given separately (generated, or reused). */
function apiServerArgs(dir: string, etcdServers: string, port: number): string[] {
  return [
    `--etcd-servers=${etcdServers}`,
    '--advertise-address=127.0.0.1', '--bind-address=127.0.0.1', `--secure-port=${port}`,
    `--token-auth-file=${join(dir, 'tokens.csv')}`,
    '--authorization-mode=RBAC', '--allow-privileged=true', '--endpoint-reconciler-type=none',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${join(dir, 'sa.pub')}`, `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
    '--service-cluster-ip-range=10.96.0.0/16', '--enable-priority-and-fairness=false', '--v=0',
    // The real node's kubelet is reached at its node IP, so no host name needs resolving.
    '--kubelet-preferred-address-types=InternalIP',
  ];
}

/**
 * A second kube-apiserver on the cluster's etcd, for fault tests: a test points hull at it, then
 * stops and restarts it (a real API server going away mid-operation) without disturbing the test
 * files that share the main one. Same certificate, tokens and service-account keys as the main one.
 */
export interface ExtraApiServer {
  server: string;
  kubeconfig: string;
  stop(): void;
  /** Starts it again on the same port and resolves once /readyz answers ok. */
  start(): Promise<void>;
}

export async function extraApiServer(state: ClusterState): Promise<ExtraApiServer> {
  if (!state.etcdServers) throw new Error('the cluster state has no etcd address (started by an older cluster.ts?)');
  const port = await freePort();
  const server = `https://127.0.0.1:${port}`;
  const caFile = join(state.dir, 'pki', 'apiserver.crt');
  const admin = readFileSync(join(state.dir, 'tokens.csv'), 'utf8').split('\n')[0].split(',')[0];
  const kubeconfig = join(state.dir, `extra-${port}.kubeconfig`);
  writeFileSync(kubeconfig, kubeconfigText(server, caFile, 'admin', admin));
  const args = [...apiServerArgs(state.dir, state.etcdServers, port), `--tls-cert-file=${caFile}`, `--tls-private-key-file=${join(state.dir, 'pki', 'apiserver.key')}`];
  let pid: number | undefined;
  const extra: ExtraApiServer = {
    server,
    kubeconfig,
    stop() {
      if (pid !== undefined && alive(pid)) process.kill(pid, 'SIGKILL');
      pid = undefined;
      rmSync(join(state.dir, `extra-${port}.pid`), { force: true });
    },
    async start() {
      const fd = openSync(join(state.dir, `extra-apiserver-${port}.log`), 'a');
      const child = spawn(join(state.binDir, 'kube-apiserver'), args, { stdio: ['ignore', fd, fd] });
      closeSync(fd);
      child.unref();
      pid = child.pid;
      writeFileSync(join(state.dir, `extra-${port}.pid`), String(pid));
      const ca = readFileSync(caFile);
      await waitFor(`the extra kube-apiserver on ${server}`, 90_000, async () => (await fetchReadyz(server, admin, ca).catch(() => '')) === 'ok', pid ? { 'extra kube-apiserver': pid } : {}, state.dir);
    },
  };
  await extra.start();
  return extra;
}

export interface ClusterState {
  dir: string;
  binDir: string;
  kubeconfig: string;
  /** Kubeconfig of user `hull-restricted`, who has no rights until a test binds a Role to it. */
  restrictedKubeconfig: string;
  server: string;
  pids: Record<string, number>;
  /** etcd's client URL, so a test can start another API server on the same data. */
  etcdServers?: string;
  /** The watchdog that cleans up if the process owning the cluster dies. */
  watchdogPid?: number;
  /** The real node, when one runs; otherwise why not. */
  realNode?: RealNode;
  realNodeMissing?: string;
  startedInMs: number;
}

export interface RealNode {
  name: string;
  /** The node's slot (node/real-node.sh): what `real-node.sh down` needs to remove everything. */
  slotDir: string;
}

/** The real node's name, its label (a nodeSelector) and the taint its pods must tolerate. */
export const REAL_NODE = 'real-node';
export const REAL_NODE_LABEL = 'hull.test/real-node';
const realNodeScript = join(here, 'node', 'real-node.sh');

export const RESTRICTED_USER = 'hull-restricted';

/** Builds (first time only) and returns the directory of the cached control-plane binaries. */
export function ensureBinaries(): string {
  const out = execFileSync('bash', [join(here, 'build.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  return out.trim().split('\n').pop()!;
}

/**
 * Why this machine cannot run the real node, or undefined when it can: root (cgroups, mounts,
 * network namespaces), the Debian packages node/setup.sh installs, and the images.
 */
export function realNodeMissing(): string | undefined {
  if (process.getuid?.() !== 0) return 'not running as root';
  for (const f of ['/usr/bin/containerd', '/usr/sbin/runc', '/usr/lib/cni/bridge', '/usr/bin/socat', '/usr/bin/nsenter']) {
    try {
      accessSync(f, constants.X_OK);
    } catch {
      return `${f} is missing (npm run cluster:build installs it as root)`;
    }
  }
  return undefined;
}

/** Builds (first time only) the real node's images and returns their OCI layout tar. */
function ensureImages(): string {
  const out = execFileSync('bash', [join(here, '..', 'images', 'build.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  return join(out.trim().split('\n').pop()!, 'images.oci.tar');
}

function startRealNode(state: ClusterState, binDir: string, apiPort: number): Promise<RealNode> {
  return new Promise((resolve, reject) => {
    const images = ensureImages();
    const child = spawn('bash', [realNodeScript, 'up'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, KUBECONFIG: state.kubeconfig, API_PORT: String(apiPort), BIN: binDir, IMAGES: images, DIR: join(state.dir, 'node'), NODE: REAL_NODE },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ name: REAL_NODE, slotDir: out.trim().split('\n').pop()! });
      else reject(new Error(`real node failed to start (exit ${code}):\n${err}`));
    });
  });
}

/** Stops the real node of the cluster in `dir`, also one whose start was cut short. */
function stopRealNode(dir: string): void {
  try {
    execFileSync('bash', [realNodeScript, 'down-dir', join(dir, 'node')], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    process.stderr.write(`[cluster] stopping the real node: ${(e as Error).message}\n`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function kubeconfigText(server: string, caFile: string, user: string, token: string, namespace = 'default'): string {
  const ca = readFileSync(caFile).toString('base64');
  return `apiVersion: v1
kind: Config
clusters:
- name: hull-local
  cluster:
    server: ${server}
    certificate-authority-data: ${ca}
users:
- name: ${user}
  user:
    token: ${token}
contexts:
- name: hull-local
  context:
    cluster: hull-local
    user: ${user}
    namespace: ${namespace}
current-context: hull-local
`;
}

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>, pids: Record<string, number>, dir: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const [name, pid] of Object.entries(pids)) {
      if (!alive(pid)) throw new Error(`${name} exited while waiting for ${what}; see ${join(dir, `${name}.log`)}:\n${tail(join(dir, `${name}.log`))}`);
    }
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what} (logs in ${dir})`);
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startCluster(options: { nodes?: number; watchParent?: boolean; realNode?: boolean } = {}): Promise<ClusterState> {
  const t0 = Date.now();
  const binDir = ensureBinaries();
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, 'hull-cluster-'));
  const pids: Record<string, number> = {};
  const state: ClusterState = { dir, binDir, kubeconfig: join(dir, 'admin.kubeconfig'), restrictedKubeconfig: join(dir, 'restricted.kubeconfig'), server: '', pids, startedInMs: 0 };
  writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
  if (options.watchParent) state.watchdogPid = startWatchdog(process.pid, dir);

  const run = (name: string, args: string[], env: Record<string, string> = {}) => {
    const fd = openSync(join(dir, `${name}.log`), 'a');
    const child = spawn(join(binDir, name), args, { stdio: ['ignore', fd, fd], env: { ...process.env, ...env }, detached: false });
    closeSync(fd);
    // A failure to start shows up as the process being gone when we wait for it, with its log.
    child.on('error', (e) => writeFileSync(join(dir, `${name}.log`), `failed to start: ${e.message}\n`, { flag: 'a' }));
    if (child.pid === undefined) throw new Error(`cannot start ${join(binDir, name)}`);
    pids[name] = child.pid!;
    child.unref();
    writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
  };

  try {
    const [etcdClient, etcdPeer, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
    run('etcd', [
      '--name=hull', `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdClient}`, `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`, `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=hull=http://127.0.0.1:${etcdPeer}`, '--unsafe-no-fsync', '--log-level=warn',
      '--listen-metrics-urls=', '--quota-backend-bytes=4294967296',
    ]);

    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(dir, 'sa.key'), privateKey.export({ type: 'pkcs1', format: 'pem' }));
    writeFileSync(join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    const adminToken = randomBytes(24).toString('hex');
    const restrictedToken = randomBytes(24).toString('hex');
    writeFileSync(join(dir, 'tokens.csv'), `${adminToken},admin,admin,system:masters\n${restrictedToken},${RESTRICTED_USER},${RESTRICTED_USER},\n`);

    state.etcdServers = `http://127.0.0.1:${etcdClient}`;
    run('kube-apiserver', [...apiServerArgs(dir, state.etcdServers, apiPort), `--cert-dir=${join(dir, 'pki')}`]);
    state.server = `https://127.0.0.1:${apiPort}`;
    const caFile = join(dir, 'pki', 'apiserver.crt');
    await waitFor('kube-apiserver to write its certificate', 60_000, async () => existsSync(caFile), pids, dir);
    writeFileSync(state.kubeconfig, kubeconfigText(state.server, caFile, 'admin', adminToken));
    writeFileSync(state.restrictedKubeconfig, kubeconfigText(state.server, caFile, RESTRICTED_USER, restrictedToken));
    const ca = readFileSync(caFile);
    const kubectl = (...args: string[]) => kubectlIn(state, args);
    await waitFor('kube-apiserver /readyz', 90_000, async () => {
      const res = await fetchReadyz(state.server, adminToken, ca);
      return res === 'ok';
    }, pids, dir);

    const missing = options.realNode === false ? 'not asked for' : realNodeMissing();
    state.realNodeMissing = missing;
    const nodeUp = missing ? undefined : startRealNode(state, binDir, apiPort);
    // Record the node as soon as it is up, so a failure later still stops it.
    nodeUp?.then((n) => {
      state.realNode = n;
      writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
    }, () => {});

    run('kube-controller-manager', [
      `--kubeconfig=${state.kubeconfig}`, '--leader-elect=false', '--secure-port=0',
      `--service-account-private-key-file=${join(dir, 'sa.key')}`, `--root-ca-file=${caFile}`,
      '--kube-api-qps=100', '--kube-api-burst=200', '--concurrent-deployment-syncs=10', '--concurrent-replicaset-syncs=10',
      '--controllers=*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller,-route',
    ]);
    run('kube-scheduler', [`--kubeconfig=${state.kubeconfig}`, '--leader-elect=false', '--secure-port=0']);

    const stageDir = join(binDir, 'stages');
    const stageFiles = [
      ...readdirSync(stageDir).filter((f) => f.endsWith('.yaml') && f !== 'storage-class.yaml').map((f) => join(stageDir, f)),
      join(here, 'stages', 'hull-test.yaml'),
    ];
    // KWOK's volumes are hostPath directories the real node's kubelet really creates: keep them in
    // the cluster's dir, so they go with it.
    const stages = stageFiles.map((f) => excludeTestPods(readFileSync(f, 'utf8')).replaceAll('/tmp/kwok-local-path-provisioner/', `${dir}/volumes/`));
    writeFileSync(join(dir, 'kwok.yaml'), stages.join('\n---\n'));
    run('kwok', [
      // Only its own (annotated) nodes: the real node and its pods are the kubelet's.
      `--kubeconfig=${state.kubeconfig}`, `--config=${join(dir, 'kwok.yaml')}`, '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
      '--node-lease-duration-seconds=40', '--cidr=10.244.0.0/16', '--node-ip=10.0.0.1',
    ], { HOME: dir });

    kubectl('apply', '-f', join(stageDir, 'storage-class.yaml'));
    let nodes = options.nodes ?? 2;
    for (let i = 0; i < nodes; i++) kubectlIn(state, ['apply', '-f', '-'], nodeManifest(`kwok-node-${i}`));
    if (nodeUp) {
      await nodeUp;
      nodes++;
    }
    await waitFor('nodes Ready and the default ServiceAccount', 60_000, async () => {
      const out = kubectl('get', 'nodes', '-o', 'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}');
      const ready = out.split('\n').filter((l) => l === 'True').length;
      if (ready < nodes) return false;
      kubectl('get', 'serviceaccount', 'default', '-n', 'default');
      return true;
    }, pids, dir);
    state.startedInMs = Date.now() - t0;
    writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
    return state;
  } catch (e) {
    stopCluster(state);
    throw e;
  }
}

// Pods carrying one of our test labels must follow only our stages. Weights keep KWOK's defaults
// away while one of ours matches, but once ours has run (say, a pod left Pending in ErrImagePull)
// the default pod-ready would match again and make it Ready; so the defaults skip those pods.
const TEST_LABELS = ['hull.test/never-ready', 'hull.test/exit-code', 'hull.test/crashloop', 'hull.test/image-pull-error'];

function excludeTestPods(stage: string): string {
  if (!/kind: Pod\n/.test(stage) || !/name: pod-ready\n/.test(stage)) return stage;
  const exclusions = TEST_LABELS.map((l) => `    - key: '.metadata.labels["${l}"]'\n      operator: 'DoesNotExist'\n`).join('');
  return stage.replace('    matchExpressions:\n', `    matchExpressions:\n${exclusions}`);
}

/** Runs the cached kubectl against the cluster as admin. */
export function kubectlIn(state: Pick<ClusterState, 'binDir' | 'kubeconfig'>, args: string[], input?: string): string {
  return execFileSync(join(state.binDir, 'kubectl'), ['--kubeconfig', state.kubeconfig, ...args], { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

function nodeManifest(name: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok' },
    },
    spec: {},
    status: { allocatable: { cpu: '32', memory: '256Gi', pods: '110' }, capacity: { cpu: '32', memory: '256Gi', pods: '110' } },
  });
}

async function fetchReadyz(server: string, token: string, ca: Buffer): Promise<string> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = request(`${server}/readyz`, { ca, headers: { Authorization: `Bearer ${token}` }, timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body.trim()));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

/**
 * A detached shell that waits for `parentPid` to die, then kills the cluster's processes and removes
 * its directory: `npm test` leaves nothing behind even if the test runner is killed outright.
 */
function startWatchdog(parentPid: number, dir: string): number {
  const script = `
    while kill -0 ${parentPid} 2>/dev/null; do sleep 1; done
    bash '${realNodeScript}' down-dir '${join(dir, 'node')}'
    if [ -f "${dir}/state.json" ]; then
      for pid in $(grep -o '"[a-z-]*":[0-9]*' "${dir}/state.json" | grep -v startedInMs | grep -v watchdogPid | cut -d: -f2); do kill -9 "$pid" 2>/dev/null; done
    fi
    for f in "${dir}"/extra-*.pid; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null; done
    rm -rf "${dir}"`;
  const child = spawn('bash', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  return child.pid!;
}

export function stopCluster(state: ClusterState): void {
  if (!state.realNodeMissing) stopRealNode(state.dir);
  // KWOK and the controllers first so nothing reacts while etcd goes away; SIGKILL because no state
  // needs to survive and a graceful apiserver shutdown takes many seconds.
  for (const name of ['kwok', 'kube-scheduler', 'kube-controller-manager', 'kube-apiserver', 'etcd']) {
    const pid = state.pids[name];
    if (pid && alive(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
  // Extra API servers that fault tests started and did not stop.
  for (const f of existsSync(state.dir) ? readdirSync(state.dir).filter((n) => /^extra-.*\.pid$/.test(n)) : []) {
    const pid = Number(readFileSync(join(state.dir, f), 'utf8'));
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
  }
  if (state.watchdogPid && alive(state.watchdogPid)) process.kill(state.watchdogPid, 'SIGKILL');
  rmSync(state.dir, { recursive: true, force: true });
}
