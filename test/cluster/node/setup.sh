#!/usr/bin/env bash
# Installs what the real test node needs from Debian: containerd, runc and the CNI plugins (the
# container runtime), busybox-static (the shell image), iptables (kube-proxy, the kubelet),
# socat (lets the node's own network namespace reach the API server on loopback).
# Idempotent and quick when everything is there; without root it only says what is missing.
set -euo pipefail

PKGS=(containerd runc containernetworking-plugins busybox-static iptables socat)
log() { echo "[node:setup] $*" >&2; }

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  log "not root: cannot install ${missing[*]}; the real node will not start (KWOK nodes only)"
  exit 0
fi
command -v apt-get >/dev/null || { log "no apt-get: install ${missing[*]} by hand"; exit 1; }
log "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when they do not know a package (a fresh machine).
apt-cache show "${missing[@]}" >/dev/null 2>&1 || apt-get update -qq
# Where systemd runs, Debian also starts a system-wide containerd: harmless, ours use their own
# sockets and directories.
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
log "installed: $(dpkg-query -W -f='${Package} ${Version}, ' "${PKGS[@]}")"
