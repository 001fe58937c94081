#!/usr/bin/env bash
# Builds the container images of the real test node without any registry or daemon: root
# filesystems assembled from our Go programs and Debian packages, packed as one uncompressed OCI image
# layout (a tar importable with `ctr images import`). Cached by a hash of everything
# that goes in (this script, the Go sources, the Debian package versions): a second run with the
# same inputs is a no-op. Prints the image directory on its last line.
#
#   hull.local/pause:3.10                       the pod sandbox (test/images/src/pause)
#   hull.local/busybox:1.35                     a shell for hook scripts (Debian busybox-static)
#   hull.local/postgres:15.18, :15.20           PostgreSQL server and psql, two real minor versions
#   hull.local/todo-list:v1                     the lab apps (test/images/src/labapp), one static
#   hull.local/vweb:v1|v2|v3                    binary; each tag sets APP_VERSION
#   hull.local/numbers-api:v1|v2
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
CACHE=${HULL_CACHE_DIR:-$HOME/.cache/hull}
# The two PostgreSQL releases Debian 12 offers side by side (bookworm and bookworm-security): the
# labs upgrade the database from the first to the second, a real minor upgrade on the same data.
PG_VERSIONS=(15.18-0+deb12u1 15.20-0+deb12u1)
ARCH=amd64 MULTIARCH=x86_64-linux-gnu
log() { echo "[images] $*" >&2; }

bb_version=$(dpkg-query -W -f='${Version}' busybox-static 2>/dev/null || true)
[ -n "$bb_version" ] || { log "busybox-static is not installed (test/cluster/node/setup.sh installs it as root): no images"; exit 0; }
command -v go >/dev/null || { log "go is required to build the images"; exit 1; }

key=$( { cat "$0"; find "$here/src" -type f | sort | xargs cat; echo "$bb_version ${PG_VERSIONS[*]} $(go env GOVERSION)"; } | sha256sum | cut -c1-16)
OUT="$CACHE/images/$key"
if [ -f "$OUT/.complete" ]; then
  echo "$OUT"
  exit 0
fi
t0=$(date +%s%N)
log "building into $OUT"
work=$(mktemp -d "${TMPDIR:-/tmp}/hull-images.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/blobs/sha256" "$OUT.tmp"

# --- OCI layout writing --------------------------------------------------------------------------
blob() { # FILE -> moves it into the blob store, prints its sha256
  local h; h=$(sha256sum "$1" | cut -d' ' -f1); mv "$1" "$work/blobs/sha256/$h"; echo "$h"
}
layer() { # DIR -> an uncompressed, reproducible layer tar (so its digest is also its diff_id)
  local f="$work/layer.tar"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -C "$1" -cf "$f" .
  blob "$f"
}
# image NAME:TAG CONFIG_JSON LAYER... : CONFIG_JSON is the image's "config" object
image() {
  local name=$1 cfg=$2; shift 2
  local diff_ids layers l c m
  diff_ids=$(printf '"sha256:%s",' "$@"); diff_ids=${diff_ids%,}
  layers=$(for l in "$@"; do printf '{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s},' "$l" "$(stat -c %s "$work/blobs/sha256/$l")"; done)
  printf '{"architecture":"%s","os":"linux","created":"1970-01-01T00:00:00Z","config":%s,"rootfs":{"type":"layers","diff_ids":[%s]}}' \
    "$ARCH" "$cfg" "$diff_ids" > "$work/config.json"
  c=$(blob "$work/config.json")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' \
    "$c" "$(stat -c %s "$work/blobs/sha256/$c")" "${layers%,}" > "$work/manifest.json"
  m=$(blob "$work/manifest.json")
  # ctr names each imported image after its annotation.
  printf '{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"amd64","os":"linux"},"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}\n' \
    "$m" "$(stat -c %s "$work/blobs/sha256/$m")" "$name" "${name##*:}" >> "$work/manifests"
  echo "$name" >> "$OUT.tmp/images.txt"
}
# All images in one layout: one import per node start, and layers shared between images (busybox
# under postgres, the lab app under its tags) are stored and unpacked once.
write_layout() {
  echo '{"imageLayoutVersion":"1.0.0"}' > "$work/oci-layout"
  printf '{"schemaVersion":2,"manifests":[%s]}' "$(paste -sd, "$work/manifests")" > "$work/index.json"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$work" -cf "$OUT.tmp/images.oci.tar" oci-layout index.json blobs
}
PATH_ENV='"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"'

# --- our Go programs -----------------------------------------------------------------------------
(cd "$here/src" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -ldflags '-s -w' -o "$work/go/" ./labapp ./pause)

mkdir -p "$work/r/pause"; cp "$work/go/pause" "$work/r/pause/pause"
image hull.local/pause:3.10 '{"Entrypoint":["/pause"]}' "$(layer "$work/r/pause")"

# --- busybox: every applet a symlink, users for the images built on it --------------------------
bb="$work/r/busybox"
mkdir -p "$bb"/{bin,etc,tmp,root,var/www,proc,sys,dev}
cp /bin/busybox "$bb/bin/busybox"
for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -s busybox "$bb/bin/$a"; done
chmod 1777 "$bb/tmp"
printf 'root:x:0:0:root:/root:/bin/sh\npostgres:x:999:999:PostgreSQL:/var/lib/postgresql:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$bb/etc/passwd"
printf 'root:x:0:\npostgres:x:999:\nnogroup:x:65534:\n' > "$bb/etc/group"
echo 'hosts: files dns' > "$bb/etc/nsswitch.conf"
echo 'hello from busybox httpd' > "$bb/var/www/index.html"
busybox_layer=$(layer "$bb")
image hull.local/busybox:1.35 "{\"Env\":[$PATH_ENV],\"Cmd\":[\"sh\"]}" "$busybox_layer"

# --- the lab apps --------------------------------------------------------------------------------
mkdir -p "$work/r/app/tmp"; chmod 1777 "$work/r/app/tmp"; cp "$work/go/labapp" "$work/r/app/labapp"
app_layer=$(layer "$work/r/app")
app() { # NAME VERSION APP
  image "hull.local/$1:$2" "{\"Env\":[$PATH_ENV,\"APP_VERSION=$2\"],\"Entrypoint\":[\"/labapp\",\"$3\"],\"ExposedPorts\":{\"80/tcp\":{}}}" "$app_layer"
}
app todo-list v1 todo
for v in v1 v2 v3; do app vweb $v vweb; done
for v in v1 v2; do app numbers-api $v numbers; done

# --- PostgreSQL: Debian's packages unpacked, plus the shared libraries they need -----------------
debs="$CACHE/debs"
mkdir -p "$debs"
for v in "${PG_VERSIONS[@]}"; do
  for p in postgresql-15 postgresql-client-15 libpq5; do
    f="$debs/${p}_${v}_$ARCH.deb"
    [ -f "$f" ] && continue
    (cd "$debs" && apt-get download -qq -o APT::Sandbox::User=root "$p=$v" >&2) || {
      log "apt-get download $p=$v failed: Debian no longer offers it (apt-cache madison $p lists what it has; update PG_VERSIONS)"
      exit 1
    }
  done
done
pg_entrypoint() {
  cat <<'SH'
#!/bin/sh
# The image's entrypoint, as the official postgres image behaves: on first start initdb with
# POSTGRES_PASSWORD into $PGDATA, accept password logins from anywhere; then run the server as
# user postgres (PostgreSQL refuses to run as root).
set -e
PGDATA=${PGDATA:-/var/lib/postgresql/data}
mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  [ -n "$POSTGRES_PASSWORD" ] || { echo "error: POSTGRES_PASSWORD is not set" >&2; exit 1; }
  printf '%s\n' "$POSTGRES_PASSWORD" > /tmp/pwfile && chown postgres /tmp/pwfile
  su postgres -s /bin/sh -c "initdb -D '$PGDATA' -U postgres -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 --pwfile=/tmp/pwfile"
  rm -f /tmp/pwfile
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
fi
exec su postgres -s /bin/sh -c "exec postgres -D '$PGDATA' -c listen_addresses='*'"
SH
}
for v in "${PG_VERSIONS[@]}"; do
  tag=${v%%-*}
  r="$work/r/pg-$tag" x="$work/x-$tag"
  mkdir -p "$x" "$r/usr/lib/$MULTIARCH" "$r/usr/bin" "$r/usr/local/bin" "$r/var/lib/postgresql" "$r/usr/share"
  for p in postgresql-15 postgresql-client-15 libpq5; do dpkg-deb -x "$debs/${p}_${v}_$ARCH.deb" "$x"; done
  pgbin=usr/lib/postgresql/15/bin
  mkdir -p "$r/$pgbin" "$r/usr/lib/postgresql/15/lib" "$r/usr/share/postgresql"
  for b in postgres initdb pg_ctl psql pg_isready; do cp "$x/$pgbin/$b" "$r/$pgbin/"; ln -s "/$pgbin/$b" "$r/usr/bin/$b"; done
  # Server modules except the LLVM JIT (it pulls in 100 MB of LLVM; without it PostgreSQL just
  # does not JIT-compile).
  find "$x/usr/lib/postgresql/15/lib" -maxdepth 1 -name '*.so' ! -name 'llvmjit*' -exec cp {} "$r/usr/lib/postgresql/15/lib/" \;
  cp -a "$x/usr/share/postgresql/15" "$r/usr/share/postgresql/"
  cp -a "$x/usr/lib/$MULTIARCH"/libpq.so.5* "$r/usr/lib/$MULTIARCH/"
  # The rest of the shared libraries from this machine (Debian 12, the same release the packages
  # are built for): the closure ldd finds, with the image's own libpq first.
  find "$r/usr/lib/postgresql" -type f \( -name '*.so' -o -perm -u+x \) -print0 |
    xargs -0 env LD_LIBRARY_PATH="$r/usr/lib/$MULTIARCH" ldd 2>/dev/null |
    awk '/=> \//{print $3} /^\t\/lib64/{print $1}' | sort -u | while read -r lib; do
      case "$lib" in "$r"/*) continue ;; esac
      if [[ "$lib" == */ld-linux-* ]]; then mkdir -p "$r/usr/lib64"; cp -L "$lib" "$r/usr/lib64/$(basename "$lib")"
      else cp -L "$lib" "$r/usr/lib/$MULTIARCH/$(basename "$lib")"; fi
    done
  ln -s usr/lib "$r/lib"; ln -s usr/lib64 "$r/lib64"
  # Debian builds PostgreSQL against the system time zone database: UTC is all the images use.
  mkdir -p "$r/usr/share/zoneinfo/Etc"
  for z in UTC GMT Etc/UTC Etc/GMT; do cp -L "/usr/share/zoneinfo/$z" "$r/usr/share/zoneinfo/$z"; done
  pg_entrypoint > "$r/usr/local/bin/docker-entrypoint.sh"; chmod 755 "$r/usr/local/bin/docker-entrypoint.sh"
  # SIGINT is PostgreSQL's "fast shutdown": a pod deletion does not wait for clients to leave.
  image "hull.local/postgres:$tag" "{\"Env\":[$PATH_ENV,\"LANG=C\",\"TZ=UTC\",\"PGDATA=/var/lib/postgresql/data\"],\"Entrypoint\":[\"/usr/local/bin/docker-entrypoint.sh\"],\"StopSignal\":\"SIGINT\",\"ExposedPorts\":{\"5432/tcp\":{}}}" \
    "$busybox_layer" "$(layer "$r")"
done

write_layout
rm -rf "$OUT"
mv "$OUT.tmp" "$OUT"
touch "$OUT/.complete"
# Older builds are unused once this one is complete (an hour's margin for a cluster of another
# checkout that is importing one right now).
find "$CACHE/images" -mindepth 1 -maxdepth 1 ! -name "$key" -mmin +60 -exec rm -rf {} +
log "built $(wc -l < "$OUT/images.txt") images in $(( ($(date +%s%N) - t0) / 1000000 )) ms: $(du -sh "$OUT" | cut -f1)"
echo "$OUT"
