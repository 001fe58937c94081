#!/usr/bin/env bash
# A real node for the local test cluster: containerd + runc + a CNI bridge + kubelet + kube-proxy +
# CoreDNS, joined to the cluster's API server, running real containers.
#
#   real-node.sh up     (env below)   claims a free slot, starts the node, prints the slot dir
#   real-node.sh down   SLOT_DIR      stops it and undoes everything it changed; safe to repeat,
#                                     and works after a killed run
#   real-node.sh down-dir DIR         the same for the node(s) whose data dir is DIR (what the
#                                     cluster's watchdog knows)
#
# Several clusters on one machine each get their own node, in their own "slot" N (0..63):
#   network namespace hull-N  everything of the node runs inside it: its bridge, pod interfaces,
#                             iptables rules (kube-proxy's, the kubelet's, ours), ip_forward. The
#                             host's own tables are never touched; deleting the namespace removes
#                             every rule, route and interface the node made.
#   veth hull-N <-> eth0      10.87.N.1 (host) / 10.87.N.2 (node IP): the API server reaches the
#                             kubelet at the node IP; the node reaches the API server, which
#                             listens on loopback only, through a socat relay on 10.87.N.1.
#   pods                      10.89.N.0/24 on bridge hullbr; no default route anywhere in the
#                             namespace, so nothing a pod sends can leave the machine.
#   cgroupRoot /hull-N, containerd, kubelet and state dirs of its own.
# Image pulls go to a closed loopback port (registry mirror 127.0.0.1:1): images come only from
# test/images/build.sh, imported at start. CoreDNS answers cluster.local and NXDOMAIN for the rest.
#
# up's environment: KUBECONFIG (admin), API_PORT, BIN (kubelet, kube-proxy, coredns-*), IMAGES
# (the OCI tar), DIR (the node's data dir, inside the cluster's dir), NODE (node name).
set -Eeuo pipefail

SLOTS=/run/hull-nodes
CNI_BIN=/usr/lib/cni
log() { echo "[real-node] $*" >&2; }

# Everything derived from a slot number; `down` needs nothing else.
slot_vars() {
  N=$1
  SLOT=$SLOTS/$N NS=hull-$N HOST_IF=hull-$N NODE_IF=eth0 HOST_IP=10.87.$N.1 NODE_IP=10.87.$N.2
  NET=10.89.$N BR=hullbr CGROOT=/hull-$N
}
in_ns() { nsenter --net="/run/netns/$NS" "$@"; }

claim_slot() {
  mkdir -p "$SLOTS"
  local n
  for n in $(seq 0 63); do
    # A slot whose owner's data dir is gone was left by a killed run nobody cleaned up: reclaim it.
    if [ -d "$SLOTS/$n" ] && [ -f "$SLOTS/$n/env" ]; then
      local dir; dir=$(sed -n 's/^DIR=//p' "$SLOTS/$n/env")
      [ -n "$dir" ] && [ ! -d "$dir" ] && down "$SLOTS/$n" 2>/dev/null
    fi
    if mkdir "$SLOTS/$n" 2>/dev/null; then printf 'N=%s\nDIR=%s\n' "$n" "$DIR" > "$SLOTS/$n/env"; echo "$n"; return 0; fi
  done
  log "no free slot in $SLOTS (64 real nodes running?)"; return 1
}

start() { # NAME CMD...: a process of the node, in its network namespace, logging to DIR/logs
  local name=$1; shift
  setsid nsenter --net="/run/netns/$NS" "$@" > "$DIR/logs/$name.log" 2>&1 < /dev/null &
  echo "$!" > "$SLOT/$name.pid"
}
start_host() { # same, in the host's network namespace
  local name=$1; shift
  setsid "$@" > "$DIR/logs/$name.log" 2>&1 < /dev/null &
  echo "$!" > "$SLOT/$name.pid"
}

up() {
  : "${KUBECONFIG:?} ${API_PORT:?} ${BIN:?} ${IMAGES:?} ${DIR:?} ${NODE:?}"
  local t0; t0=$(date +%s%N)
  # Before claiming: a slot whose DIR is missing counts as abandoned (claim_slot reclaims it).
  mkdir -p "$DIR"
  local n; n=$(claim_slot)
  slot_vars "$n"
  trap 'log "start failed; cleaning up"; down "$SLOT" >/dev/null 2>&1' ERR
  mkdir -p "$DIR"/{run,lib,cni,certs.d/_default,logs}

  # --- network: a namespace joined to the host by one veth pair -------------------------------
  ip netns add "$NS"
  ip link add "$HOST_IF" type veth peer name "$NODE_IF" netns "$NS"
  ip addr add "$HOST_IP/24" dev "$HOST_IF"; ip link set "$HOST_IF" up
  in_ns ip link set lo up
  in_ns ip addr add "$NODE_IP/24" dev "$NODE_IF"; in_ns ip link set "$NODE_IF" up
  in_ns ip link add "$BR" type bridge
  in_ns ip addr add "$NET.1/24" dev "$BR"; in_ns ip link set "$BR" up
  in_ns sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1
  # Pods talk to each other, to Services and to cluster DNS; nothing of theirs goes to the host.
  in_ns iptables -I FORWARD -i "$BR" -o "$NODE_IF" -m comment --comment hull-node -j DROP
  # The API server listens on 127.0.0.1 only: the node reaches it through this relay.
  start_host relay socat "TCP-LISTEN:$API_PORT,bind=$HOST_IP,reuseaddr,fork" "TCP:127.0.0.1:$API_PORT"
  sed -e "s#server: https://127.0.0.1:$API_PORT#server: https://$HOST_IP:$API_PORT\n    tls-server-name: kubernetes#" "$KUBECONFIG" > "$DIR/node.kubeconfig"

  # --- cgroups: the node's own root in every hierarchy ----------------------------------------
  local h
  for h in /sys/fs/cgroup/*/; do
    [ -f "$h/cgroup.procs" ] || continue
    mkdir -p "$h$CGROOT"
    if [ -f "$h/cpuset.cpus" ]; then cat "$h/cpuset.cpus" > "$h$CGROOT/cpuset.cpus"; cat "$h/cpuset.mems" > "$h$CGROOT/cpuset.mems"; fi
  done

  # --- configuration --------------------------------------------------------------------------
  cat > "$DIR/cni/10-hull.conflist" <<JSON
{"cniVersion":"0.4.0","name":"hull","plugins":[{"type":"bridge","bridge":"$BR","isGateway":true,"ipMasq":false,"hairpinMode":true,
 "ipam":{"type":"host-local","ranges":[[{"subnet":"$NET.0/24","gateway":"$NET.1"}]],"routes":[{"dst":"10.96.0.0/16"}],"dataDir":"$DIR/run/cni"}}]}
JSON
  cat > "$DIR/certs.d/_default/hosts.toml" <<TOML
server = "http://127.0.0.1:1"
[host."http://127.0.0.1:1"]
  capabilities = ["pull", "resolve"]
TOML
  cat > "$DIR/containerd.toml" <<TOML
version = 2
root = "$DIR/lib/containerd"
state = "$DIR/run/containerd"
[grpc]
  address = "$DIR/run/containerd.sock"
[plugins."io.containerd.internal.v1.opt"]
  path = "$DIR/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "hull.local/pause:3.10"
  disable_apparmor = true
  # This VM lacks CAP_SYS_RESOURCE: runc may not lower oom_score_adj below its own.
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  stream_server_address = "127.0.0.1"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      # runc's state under DIR too: its default (/run/containerd/runc) outlives a node killed with -9.
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        Root = "$DIR/run/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$CNI_BIN"
    conf_dir = "$DIR/cni"
    max_conf_num = 1
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "$DIR/certs.d"
TOML
  echo "nameserver $NET.1" > "$DIR/resolv.conf"
  cat > "$DIR/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
authentication: {anonymous: {enabled: true}, webhook: {enabled: false}}
authorization: {mode: AlwaysAllow}
containerRuntimeEndpoint: unix://$DIR/run/containerd.sock
cgroupDriver: cgroupfs
cgroupRoot: $CGROOT
failSwapOn: false
failCgroupV1: false
clusterDNS: [$NET.1]
clusterDomain: cluster.local
resolvConf: $DIR/resolv.conf
podCIDR: $NET.0/24
serializeImagePulls: false
volumePluginDir: $DIR/lib/volume-plugins
podLogsDir: $DIR/logs/pods
nodeStatusUpdateFrequency: 2s
nodeStatusReportFrequency: 10s
syncFrequency: 10s
evictionHard: {memory.available: 50Mi, nodefs.available: 1%, imagefs.available: 1%, nodefs.inodesFree: 1%}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
registerWithTaints: [{key: hull.test/real-node, value: "true", effect: NoSchedule}]
YAML
  cat > "$DIR/kube-proxy.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clientConnection: {kubeconfig: $DIR/node.kubeconfig}
hostnameOverride: $NODE
clusterCIDR: $NET.0/24
bindAddress: 127.0.0.1
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
nodePortAddresses: ["$NET.1/32"]
iptables: {localhostNodePorts: false, minSyncPeriod: 0s}
conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
oomScoreAdj: 0
YAML
  cat > "$DIR/Corefile" <<COREFILE
.:53 {
    bind $NET.1
    errors
    ready 127.0.0.1:8181
    cache 5
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig $DIR/node.kubeconfig hull-local
        pods insecure
        ttl 5
        fallthrough in-addr.arpa ip6.arpa
    }
    # Any other name: no such domain. Nothing is ever forwarded off the machine.
    template ANY ANY {
        rcode NXDOMAIN
    }
}
COREFILE

  # --- processes --------------------------------------------------------------------------------
  start containerd containerd --config "$DIR/containerd.toml"
  local i
  for i in $(seq 1 100); do ctr -a "$DIR/run/containerd.sock" version >/dev/null 2>&1 && break; sleep 0.1; done
  ctr -a "$DIR/run/containerd.sock" -n k8s.io images import "$IMAGES" >/dev/null
  start kubelet "$BIN/kubelet" --config="$DIR/kubelet.yaml" --kubeconfig="$DIR/node.kubeconfig" \
    --hostname-override="$NODE" --node-ip="$NODE_IP" --root-dir="$DIR/lib/kubelet" --cert-dir="$DIR/lib/kubelet/pki" \
    --node-labels=hull.test/real-node=true --v=1
  start kube-proxy "$BIN/kube-proxy" --config="$DIR/kube-proxy.yaml" --v=1
  start coredns "$(ls "$BIN"/coredns-* | head -1)" -conf "$DIR/Corefile"
  trap - ERR
  log "slot $N: node $NODE at $NODE_IP, pods $NET.0/24, processes up in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  echo "$SLOT"
}

kill_pidfile() { # SIG FILE
  [ -f "$2" ] || return 0
  # Each was started with setsid: its process group holds its children too (socat forks one per
  # connection).
  kill "-$1" -- "-$(cat "$2")" 2>/dev/null || kill "-$1" "$(cat "$2")" 2>/dev/null || true
}

down() {
  local slot=${1:?usage: real-node.sh down SLOT_DIR}
  [ -f "$slot/env" ] || { rm -rf "$slot"; return 0; }
  local DIR N
  # shellcheck disable=SC1091
  . "$slot/env"
  slot_vars "$N"
  # No graceful pod shutdown: the cluster goes away with the node. Stop the agents first so
  # nothing restarts a container, then kill every process in the node's cgroups (the pods).
  local p
  for p in kubelet kube-proxy coredns relay; do kill_pidfile KILL "$SLOT/$p.pid"; done
  local h pass
  for pass in 1 2 3; do
    for h in /sys/fs/cgroup/*/; do
      [ -d "$h$CGROOT" ] || continue
      find "$h$CGROOT" -name cgroup.procs -exec cat {} + 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    done
    sleep 0.2
  done
  kill_pidfile KILL "$SLOT/containerd.pid"
  # The runc shims were started by this containerd (their command line names its socket).
  ps -eo pid=,args= | grep '[c]ontainerd-shim' | grep -F -- "$DIR/run/containerd.sock" | awk '{print $1}' | xargs -r kill -9 || true
  # A shim's socket lives in containerd's fixed /run/containerd/s/, named by sha256 of
  # "<containerd address>/<namespace>/<sandbox id>"; a killed shim leaves it there. runc's state dir
  # (under DIR) names every container, sandboxes included, so their sockets can be found and removed.
  local id
  for id in "$DIR"/run/runc/k8s.io/*/; do
    [ -d "$id" ] || continue
    id=$(basename "$id")
    rm -f "/run/containerd/s/$(printf '%s' "$DIR/run/containerd.sock/k8s.io/$id" | sha256sum | cut -d' ' -f1)" || true
  done
  # Mounts: the pods' volumes, network namespaces, shm, overlay rootfs (all under DIR).
  if [ -n "$DIR" ]; then
    for i in 1 2 3; do
      local mounts; mounts=$(awk -v d="$DIR/" 'index($5, d) == 1 {print $5}' /proc/self/mountinfo | sort -r)
      [ -z "$mounts" ] && break
      echo "$mounts" | xargs -r -n1 umount -l 2>/dev/null || true
    done
  fi
  ip netns del "$NS" 2>/dev/null || true
  ip link del "$HOST_IF" 2>/dev/null || true
  # Empty cgroups, deepest first; a process that was just killed may take a moment to leave.
  for i in $(seq 1 20); do
    local left=0
    for h in /sys/fs/cgroup/*/; do
      [ -d "$h$CGROOT" ] || continue
      find "$h$CGROOT" -depth -type d -exec rmdir {} \; 2>/dev/null || true
      [ -d "$h$CGROOT" ] && left=1
    done
    [ $left = 0 ] && break
    sleep 0.2
  done
  [ -n "$DIR" ] && rm -rf "$DIR"
  rm -rf "$SLOT"
}

down_dir() {
  local env
  for env in "$SLOTS"/*/env; do
    [ -f "$env" ] && grep -qxF "DIR=${1:?}" "$env" && down "$(dirname "$env")"
  done
  return 0
}

case "${1:-}" in
  up) up ;;
  down) down "${2:-}" ;;
  down-dir) down_dir "${2:-}" ;;
  *) echo "usage: real-node.sh up | down SLOT_DIR | down-dir DIR" >&2; exit 2 ;;
esac
