#!/usr/bin/env bash
# Prepares this machine for the real test node of dev.c8s.testing.node.RealNodeCluster (kubelet +
# containerd + runc + CNI): installs the Debian packages it needs and builds its three OCI images as
# archives that the fixture imports into its own containerd. Nothing is pulled from a registry.
#
#   c8s.local/pause:3.10      the sandbox image: a static Go binary that waits for SIGTERM (pause/main.go)
#   c8s.local/step:1          a minimal step image: busybox-static (sh, coreutils-like applets)
#   c8s.local/c8s-helper:1    clone and artifact transfer: Debian bookworm minbase + git, curl, ca-certificates
#
# The names live in images.env (the Java constants in NodeImages must agree). Each archive is keyed by a hash of
# its own definition (the build function below and its inputs), so a warm run rebuilds nothing and a changed
# definition rebuilds only that image. The archives are then imported once into a template containerd root that
# each node start hard-links (see template_root). images.manifest tells the fixture where all of it is.
# Idempotent; prints each image's size and build time.
#
# Environment (all optional):
#   C8S_NODE_SKIP=1    do nothing (also: ./mvnw -Dc8s.node.skip=true skips this script and the *E2E tests)
#   C8S_NODE_CACHE     where the archives live (default ~/.cache/c8s-node); the Java fixture reads the same
#                      variable (or -Dc8s.node.cache)
#   C8S_NODE_MIRROR    Debian mirror URL or sources file for the helper image (default: the host's
#                      /etc/apt/sources.list.d/debian.sources when it is bookworm's, else http://deb.debian.org/debian)
#   C8S_NODE_FORCE=1   rebuild every image
#   C8S_NODE_BINARIES=0  do not run scripts/control-plane-binaries.sh when kubelet & co. are missing
set -euo pipefail
# A recipe runs inside $(...): without this, a failing mmdebstrap there would not stop the script.
shopt -s inherit_errexit

if [[ "${C8S_NODE_SKIP:-0}" == "1" ]]; then
  echo "[node] C8S_NODE_SKIP=1: not preparing the real test node"
  exit 0
fi

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=images.env
source "${HERE}/images.env"
CACHE_DIR="${C8S_NODE_CACHE:-${HOME}/.cache/c8s-node}"
IMAGES_DIR="${CACHE_DIR}/images"
MANIFEST="${CACHE_DIR}/images.manifest"
FORCE="${C8S_NODE_FORCE:-0}"

START_TS=$(date +%s%N)
log() { echo "[node] $* ($(( ($(date +%s%N) - START_TS) / 1000000 )) ms)"; }
die() { echo "[node] ERROR: $*" >&2; exit 1; }

[[ "$(id -u)" == "0" ]] || die "must run as root: the real test node runs kubelet, containerd and runc, and the \
images are built with root-owned files. Run 'sudo scripts/node/prepare.sh', or skip the real node with \
'./mvnw -Dc8s.node.skip=true ...' (the *E2E tests are skipped with it)."

# ---------------------------------------------------------------------------------------------------------------
# Packages: only what is missing, so a prepared machine never touches apt.
# ---------------------------------------------------------------------------------------------------------------
missing=()
want() { # want <package> <test command...>
  local package="$1"; shift
  "$@" >/dev/null 2>&1 || missing+=("${package}")
}
want containerd command -v containerd
want containerd command -v ctr
want runc command -v runc
want containernetworking-plugins test -x /usr/lib/cni/bridge -a -x /usr/lib/cni/host-local \
  -a -x /usr/lib/cni/loopback -a -x /usr/lib/cni/portmap
want umoci command -v umoci
want skopeo command -v skopeo
want mmdebstrap command -v mmdebstrap
want busybox-static test -x /bin/busybox -a -n "$(dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep ' installed$')"
want nftables command -v nft
want iptables command -v iptables
want iproute2 command -v ip
want util-linux command -v nsenter
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  export PATH="${PATH}:/usr/local/go/bin"
fi
want golang-go command -v go
if (( ${#missing[@]} )); then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  log "installing ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

export GOTOOLCHAIN=local CGO_ENABLED=0
export GOCACHE="${GOCACHE:-${CACHE_DIR}/gocache}"
mkdir -p "${IMAGES_DIR}"
WORK="$(mktemp -d "${CACHE_DIR}/build.XXXXXX")"
trap 'rm -rf "${WORK}"' EXIT

# ---------------------------------------------------------------------------------------------------------------
# Image recipes. Each writes an uncompressed root filesystem layer to $1 and prints umoci config arguments.
# Their text is part of the cache key: editing one rebuilds that image.
# ---------------------------------------------------------------------------------------------------------------
recipe_pause() {
  local layer="$1" root="${WORK}/pause-root"
  mkdir -p "${root}"
  (cd "${HERE}/pause" && go build -trimpath -ldflags='-s -w' -o "${root}/pause" .)
  tar --numeric-owner --owner=0 --group=0 --sort=name --mtime=@0 -C "${root}" -cf "${layer}" .
  echo --config.entrypoint=/pause
}

recipe_step() {
  local layer="$1" root="${WORK}/step-root" applet
  mkdir -p "${root}"/{bin,etc,root,tmp,proc,sys,dev}
  chmod 1777 "${root}/tmp"
  cp /bin/busybox "${root}/bin/busybox"
  for applet in $("${root}/bin/busybox" --list); do
    [[ "${applet}" == busybox ]] || ln -s busybox "${root}/bin/${applet}"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/sh\n' >"${root}/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"${root}/etc/group"
  tar --numeric-owner --owner=0 --group=0 --sort=name --mtime=@0 -C "${root}" -cf "${layer}" .
  echo --config.env=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --config.cmd=sh
}

# shellcheck source=../lib/debian-mirror.sh
source "${HERE}/../lib/debian-mirror.sh"
helper_mirror() { debian_mirror; }

recipe_helper() {
  local layer="$1"
  # git depends on perl, but clone, fetch and checkout are C: removing perl's modules (not perl-base,
  # and only after installing, since maintainer scripts need them) takes ~47 MB off the archive, whose
  # import is what a node start waits for.
  # openssh-client: the clone container uses ssh when a RepositoryConnection carries an SSH key. ssh refuses to
  # run for a UID without a passwd entry and reads ~/.ssh from it, hence the user 1001 (the helpers' UID) with
  # the home the clone script creates.
  mmdebstrap --quiet --variant=minbase --include=git,curl,ca-certificates,openssh-client \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*' \
    --customize-hook='rm -rf "$1"/usr/share/perl "$1"/usr/lib/x86_64-linux-gnu/perl' \
    --customize-hook='echo "c8s:x:1001:1001:c8s helper:/c8s/home:/usr/sbin/nologin" >>"$1"/etc/passwd' \
    --customize-hook='echo "c8s:x:1001:" >>"$1"/etc/group' \
    bookworm "${layer}" "$(helper_mirror)" </dev/null >&2
  echo --config.env=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --config.cmd=sh
}

# The inputs beyond a recipe's own text that change what it builds.
inputs_pause() { cat "${HERE}/pause/main.go" "${HERE}/pause/go.mod"; go version; }
inputs_step() { dpkg-query -W busybox-static; }
inputs_helper() { helper_mirror; mmdebstrap --version; }

# ---------------------------------------------------------------------------------------------------------------
# Packing: layer tar -> OCI layout (umoci) -> docker-archive named after the image (skopeo), which
# `ctr images import` stores under exactly that name.
# ---------------------------------------------------------------------------------------------------------------
pack_image() { # pack_image <image> <layer.tar> <out.tar> <umoci config args...>
  local image="$1" layer="$2" out="$3"; shift 3
  local oci="${WORK}/oci-${out##*/}"
  umoci init --layout "${oci}"
  umoci new --image "${oci}:img"
  umoci raw add-layer --image "${oci}:img" --history.created_by="scripts/node/prepare.sh" "${layer}"
  umoci config --image "${oci}:img" --author=c8s "$@"
  rm -f "${out}.tmp"
  skopeo --insecure-policy copy --quiet "oci:${oci}:img" "docker-archive:${out}.tmp:${image}"
  mv "${out}.tmp" "${out}"
}

image_key() { # image_key <short> <image>
  { echo "$2"; declare -f "recipe_$1" pack_image; "inputs_$1"; } | sha256sum | cut -c1-16
}

declare -A ARCHIVES=()
build() { # build <short> <image>
  local short="$1" image="$2" key archive t0 layer config size
  key="$(image_key "${short}" "${image}")"
  archive="${IMAGES_DIR}/${short}-${key}.tar"
  ARCHIVES["${image}"]="${archive}"
  if [[ -s "${archive}" && "${FORCE}" != "1" ]]; then
    log "${image}: cached ($(du -h "${archive}" | cut -f1), ${archive##*/})"
    return
  fi
  t0=$(date +%s%N)
  layer="${WORK}/${short}-layer.tar"
  config="$("recipe_${short}" "${layer}")"
  [[ -s "${layer}" ]] || die "${image}: the recipe wrote no layer"
  # shellcheck disable=SC2086 # the recipe prints one umoci argument per word
  pack_image "${image}" "${layer}" "${archive}" ${config}
  find "${IMAGES_DIR}" -name "${short}-*.tar" ! -name "${archive##*/}" -delete
  size="$(du -h "${archive}" | cut -f1)"
  log "${image}: built in $(( ($(date +%s%N) - t0) / 1000000 )) ms, archive ${size} (layer $(du -h "${layer}" | cut -f1))"
  rm -f "${layer}"
}

# The Kubernetes binaries (kubelet, kube-proxy and the control plane) come from the control-plane script, which
# is idempotent but takes ~10 min cold: run it only when one is missing.
K8S_DIR="${KUBE_API_TEST_DIR:-${HOME}/.kubeapitest}/k8s/${K8S_VERSION:-1.34.4}-linux-amd64"
for binary in etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy; do
  if [[ ! -x "${K8S_DIR}/${binary}" ]]; then
    if [[ "${C8S_NODE_BINARIES:-1}" == "0" ]]; then
      log "WARNING: ${K8S_DIR}/${binary} is missing; build it with scripts/control-plane-binaries.sh"
    else
      log "${binary} is missing: running scripts/control-plane-binaries.sh"
      "${HERE}/../control-plane-binaries.sh"
    fi
    break
  fi
done

build pause "${PAUSE_IMAGE}"
build step "${STEP_IMAGE}"
build helper "${HELPER_IMAGE}"

# ---------------------------------------------------------------------------------------------------------------
# A containerd root with the three images already imported and unpacked. The fixture hard-links it into each
# node's own root (content blobs and committed snapshots are never written in place; the two bolt databases are
# copied) instead of importing 130 MB per start, which took 5-19 s on two busy cores.
# ---------------------------------------------------------------------------------------------------------------
template_root() {
  local key tmp t0 pid archive
  key="$( { printf '%s\n' "${ARCHIVES[@]}"; containerd --version; } | sha256sum | cut -c1-16)"
  TEMPLATE="${CACHE_DIR}/containerd-${key}"
  if [[ -d "${TEMPLATE}/root" && "${FORCE}" != "1" ]]; then
    log "containerd root with the images: cached (${TEMPLATE##*/})"
    return
  fi
  t0=$(date +%s%N)
  tmp="$(mktemp -d "${CACHE_DIR}/containerd-build.XXXXXX")"
  cat >"${tmp}/config.toml" <<TOML
version = 2
root = "${tmp}/root"
state = "${tmp}/state"
disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.internal.v1.opt",
  "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]
[grpc]
  address = "${tmp}/containerd.sock"
TOML
  containerd --config "${tmp}/config.toml" >"${tmp}/containerd.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    ctr -a "${tmp}/containerd.sock" version >/dev/null 2>&1 && break
    sleep 0.1
  done
  for archive in "${ARCHIVES[@]}"; do
    # overlayfs, the snapshotter the node's CRI plugin uses
    ctr -a "${tmp}/containerd.sock" -n k8s.io images import --snapshotter overlayfs "${archive}" >/dev/null \
      || { kill "${pid}"; cat "${tmp}/containerd.log" >&2; die "importing ${archive} failed"; }
  done
  kill "${pid}"
  wait "${pid}" || true
  rm -rf "${tmp}/state" "${tmp}/containerd.sock"
  # containerd always creates /run/containerd/s for shim sockets: leave no empty trace of it.
  rmdir /run/containerd/s /run/containerd 2>/dev/null || true
  find "${CACHE_DIR}" -maxdepth 1 -name 'containerd-*' ! -name 'containerd-build.*' -exec rm -rf {} +
  mv "${tmp}" "${TEMPLATE}"
  log "containerd root with the images: built in $(( ($(date +%s%N) - t0) / 1000000 )) ms ($(du -sh "${TEMPLATE}/root" | cut -f1))"
}
template_root

# The fixture reads this manifest: "<image> <archive>" per image, and the template root.
{
  for image in "${PAUSE_IMAGE}" "${STEP_IMAGE}" "${HELPER_IMAGE}"; do
    echo "${image} ${ARCHIVES[${image}]}"
  done
  echo "containerd-root ${TEMPLATE}/root"
} >"${MANIFEST}.tmp"
mv "${MANIFEST}.tmp" "${MANIFEST}"
log "images ready; manifest ${MANIFEST}"
