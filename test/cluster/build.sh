#!/usr/bin/env bash
# Builds the local control plane from Go modules, once, and caches the binaries by version.
# Machines here have no Docker engine and no image registry, but they do reach the Go module proxy,
# so we compile upstream etcd, Kubernetes and KWOK instead of downloading release tarballs.
# Prints the directory holding the binaries on its last line.
set -euo pipefail

K8S_VERSION=${HULL_K8S_VERSION:-v1.34.4}
ETCD_VERSION=${HULL_ETCD_VERSION:-v3.6.4}   # the etcd that Kubernetes 1.34 itself depends on
KWOK_VERSION=${HULL_KWOK_VERSION:-v0.8.0}
CACHE=${HULL_CACHE_DIR:-$HOME/.cache/hull}
OUT="$CACHE/bin/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION"
COREDNS_VERSION=${HULL_COREDNS_VERSION:-v1.14.7}
here=$(cd "$(dirname "$0")" && pwd)
# Named after its version and our main.go, which chooses the plugins.
COREDNS="coredns-$COREDNS_VERSION-$(sha256sum "$here/node/coredns-main.go" | cut -c1-8)"
BINARIES=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok kubelet kube-proxy "$COREDNS")

log() { echo "[cluster:build] $*" >&2; }

# KWOK v0.8 ships no built-in stages: the default pod, node and volume lifecycles come from its
# module's kustomize/stage files, copied beside the binaries (our own test stages live in the repo).
copy_stages() {
  [ -f "$OUT/stages/.complete" ] && return 0
  local dir
  dir=$(cd "${TMPDIR:-/tmp}" && GOFLAGS= go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  mkdir -p "$OUT/stages"
  local s=(node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease
    pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete
    volume/fast/pv-bind volume/fast/pv-delete volume/fast/pvc-provision volume/fast/pvc-delete volume/fast/storage-class)
  for f in "${s[@]}"; do cp "$dir/kustomize/stage/$f.yaml" "$OUT/stages/$(basename "$f").yaml"; done
  chmod -R u+w "$OUT/stages" && touch "$OUT/stages/.complete"
}

# The real node's pieces that come from Debian (containerd, runc, CNI plugins, ...) and its images.
node_setup() {
  bash "$here/node/setup.sh" >&2
  bash "$here/../images/build.sh" >/dev/null
}

missing=()
for b in "${BINARIES[@]}"; do [ -x "$OUT/$b" ] || missing+=("$b"); done
if [ ${#missing[@]} -eq 0 ]; then
  copy_stages
  node_setup
  log "cached in $OUT"
  echo "$OUT"
  exit 0
fi
command -v go >/dev/null || { log "go is required to build the control plane"; exit 1; }
log "building ${missing[*]} into $OUT (first run only: 15-30 minutes on 2 cores)"
mkdir -p "$OUT"
work=$(mktemp -d "${TMPDIR:-/tmp}/hull-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
export CGO_ENABLED=0 GOFLAGS=-mod=mod GOTOOLCHAIN=${GOTOOLCHAIN:-auto}

needs() { [[ " ${missing[*]} " == *" $1 "* ]]; }

build_kubernetes() {
  local dir="$work/k8s" minor gomod
  mkdir -p "$dir"
  minor=$(echo "$K8S_VERSION" | cut -d. -f2)
  gomod=$(cd "$dir" && go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  {
    echo "module hull.local/k8sbuild"
    echo "go 1.24.0"
    echo "require k8s.io/kubernetes $K8S_VERSION"
    # k8s.io/kubernetes points its staging modules at ./staging, which only works inside its own
    # repository; from outside, each must point at the release's published v0.X.Y instead.
    grep -E '^\s*k8s\.io/[a-z0-9-]+ => \./staging/' "$gomod" |
      awk -v v="v0.${minor}.$(echo "$K8S_VERSION" | cut -d. -f3)" '{print "replace " $1 " => " $1 " " v}'
  } > "$dir/go.mod"
  local pkg=k8s.io/component-base/version cpkg=k8s.io/client-go/pkg/version
  local ldflags="-s -w -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  ldflags+=" -X $cpkg.gitVersion=$K8S_VERSION -X $cpkg.gitMajor=1 -X $cpkg.gitMinor=$minor"
  local pkgs=()
  # kubelet and kube-proxy share almost all their packages with the control plane: one go build
  # compiles them in about 1.5 minutes more.
  for b in kube-apiserver kube-controller-manager kube-scheduler kubectl kubelet kube-proxy; do
    needs "$b" && pkgs+=("k8s.io/kubernetes/cmd/$b")
  done
  [ ${#pkgs[@]} -gt 0 ] || return 0
  (cd "$dir" && go build -trimpath -tags notest -ldflags "$ldflags" -o "$OUT/" "${pkgs[@]}")
}

build_etcd() {
  local dir="$work/etcd" gomod
  mkdir -p "$dir"
  gomod=$(cd "$dir" && go mod download -json "go.etcd.io/etcd/server/v3@$ETCD_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  {
    echo "module hull.local/etcdbuild"
    echo "go 1.24.0"
    echo "require go.etcd.io/etcd/server/v3 $ETCD_VERSION"
    # Same story as Kubernetes: etcd's sibling modules are replaced by relative paths.
    grep -E '^\s*go\.etcd\.io/etcd/[a-z0-9/]+ => \.\./' "$gomod" |
      awk -v v="$ETCD_VERSION" '{print "replace " $1 " => " $1 " " v}'
  } > "$dir/go.mod"
  (cd "$dir" && go build -trimpath -ldflags "-s -w" -o "$OUT/etcd" go.etcd.io/etcd/server/v3)
}

# Cluster DNS for the real node: CoreDNS with only the plugins it needs (no forward: a name outside
# cluster.local is never sent anywhere), compiled through a main of our own as CoreDNS documents
# for custom builds.
build_coredns() {
  local dir="$work/coredns"
  mkdir -p "$dir"
  cp "$here/node/coredns-main.go" "$dir/main.go"
  printf 'module hull.local/corednsbuild\ngo 1.24.0\nrequire github.com/coredns/coredns %s\n' "$COREDNS_VERSION" > "$dir/go.mod"
  (cd "$dir" && go mod tidy >&2 && go build -trimpath -ldflags "-s -w" -o "$OUT/$COREDNS" .)
}

needs etcd && build_etcd
build_kubernetes
needs kwok && GOBIN="$OUT" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
needs "$COREDNS" && build_coredns

for b in "${BINARIES[@]}"; do [ -x "$OUT/$b" ] || { log "missing $b after build"; exit 1; }; done
copy_stages
node_setup
log "built in $OUT"
echo "$OUT"
