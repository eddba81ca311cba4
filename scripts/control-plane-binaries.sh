#!/usr/bin/env bash
# Builds a local Kubernetes control plane from Go modules (no Docker, no GitHub downloads):
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl  <- k8s.io/kubernetes
#   etcd                                                              <- go.etcd.io/etcd/server/v3 (the version
#                                                                        k8s.io/kubernetes itself requires)
#   kwok                                                              <- sigs.k8s.io/kwok
# and puts them where io.fabric8:kube-api-test looks for them:
#   ${KUBE_API_TEST_DIR:-~/.kubeapitest}/k8s/<X.Y.Z>-<os>-<arch>/{kube-apiserver,etcd,kubectl,...}
#
# Idempotent: binaries that already exist and report the expected version are kept; a second run takes seconds.
#
# Environment (all optional):
#   K8S_VERSION      Kubernetes version to build (default 1.34.4). Needs k8s.io/kubernetes vX.Y.Z and all its staging
#                    modules k8s.io/*@v0.Y.Z (+ checksum-database entries) on the Go proxy. 1.34.5 does NOT work against
#                    the partial proxy mirror used by our CI: 12 staging modules @v0.34.5 are missing there.
#   KWOK_VERSION     kwok version (default v0.7.0)
#   KUBE_API_TEST_DIR  root of the kube-api-test binary layout (default ~/.kubeapitest)
#   C8S_CP_CACHE     work/cache dir for the throw-away consumer modules (default ~/.cache/c8s-control-plane)
#   GOMODCACHE, GOCACHE  default to $C8S_CP_CACHE/{gomod,gocache} so a CI cache can keep that one folder
#   C8S_CP_FORCE=1   rebuild everything even if the binaries are present
#
# Cost on 2 cores: ~10 min cold (downloads ~1.1 GB of modules, GOCACHE grows to ~3.7 GB); ~30 s with warm
# GOMODCACHE+GOCACHE; <1 s when the binaries are there. The binaries take ~400 MB: caching just the
# ${KUBE_API_TEST_DIR}/k8s/<version>-linux-amd64 folder (key: this script's hash) is the cheapest CI cache.
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-1.34.4}"
K8S_VERSION="${K8S_VERSION#v}"
KWOK_VERSION="${KWOK_VERSION:-v0.7.0}"
[[ "${KWOK_VERSION}" == v* ]] || KWOK_VERSION="v${KWOK_VERSION}"
CACHE_DIR="${C8S_CP_CACHE:-${HOME}/.cache/c8s-control-plane}"
FORCE="${C8S_CP_FORCE:-0}"

if [[ ! "${K8S_VERSION}" =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]]; then
  echo "[control-plane] K8S_VERSION must be X.Y.Z (got '${K8S_VERSION}')" >&2
  exit 2
fi
K8S_MAJOR="${BASH_REMATCH[1]}"
K8S_MINOR="${BASH_REMATCH[2]}"
K8S_PATCH="${BASH_REMATCH[3]}"
STAGING_VERSION="v0.${K8S_MINOR}.${K8S_PATCH}"   # staging modules (k8s.io/api, ...) are tagged v0.<minor>.<patch>

START_TS=$(date +%s)
log() { echo "[control-plane] $* ($(( $(date +%s) - START_TS ))s)"; }
die() { echo "[control-plane] ERROR: $*" >&2; exit 1; }

command -v go >/dev/null 2>&1 || die "go is not on PATH (needs Go >= the go directive of k8s.io/kubernetes ${K8S_VERSION})"

export GOTOOLCHAIN=local
export GOMODCACHE="${GOMODCACHE:-${CACHE_DIR}/gomod}"
export GOCACHE="${GOCACHE:-${CACHE_DIR}/gocache}"
export CGO_ENABLED=0

GOOS_="$(go env GOOS)"
GOARCH_="$(go env GOARCH)"
TARGET_DIR="${KUBE_API_TEST_DIR:-${HOME}/.kubeapitest}/k8s/${K8S_VERSION}-${GOOS_}-${GOARCH_}"
BUILD_DIR="${CACHE_DIR}/build-${K8S_VERSION}"
KWOK_BIN_DIR="${CACHE_DIR}/kwok-${KWOK_VERSION}"

K8S_CMDS=(kube-apiserver kube-controller-manager kube-scheduler kubectl kubelet kube-proxy)
ALL_BINS=("${K8S_CMDS[@]}" etcd kwok)

# ---------------------------------------------------------------------------------------------------------------
# Version checks used by the fast path and after building.
# ---------------------------------------------------------------------------------------------------------------
bin_ok() { # bin_ok <name> -> 0 if $TARGET_DIR/<name> exists and reports the expected version
  local name="$1" path="${TARGET_DIR}/$1" out
  [[ -x "${path}" ]] || return 1
  case "${name}" in
    kubectl) out="$("${path}" version --client 2>/dev/null)" || return 1
             grep -q "Client Version: v${K8S_VERSION}\$" <<<"${out}" ;;
    etcd)    out="$("${path}" --version 2>/dev/null)" || return 1
             # The etcd version is whatever k8s.io/kubernetes requires; remembered at build time.
             local want; want="$(cat "${TARGET_DIR}/.etcd-version" 2>/dev/null || true)"
             [[ -n "${want}" ]] && grep -q "^etcd Version: ${want}\$" <<<"${out}" ;;
    kwok)    out="$("${path}" --version 2>/dev/null)" || return 1
             grep -q "^kwok version ${KWOK_VERSION} " <<<"${out}" ;;
    *)       out="$("${path}" --version 2>/dev/null)" || return 1
             [[ "${out}" == "Kubernetes v${K8S_VERSION}" ]] ;;
  esac
}

missing=()
for b in "${ALL_BINS[@]}"; do
  if [[ "${FORCE}" == "1" ]] || ! bin_ok "${b}"; then missing+=("${b}"); fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  log "all binaries present in ${TARGET_DIR} (Kubernetes v${K8S_VERSION}, etcd $(cat "${TARGET_DIR}/.etcd-version"), kwok ${KWOK_VERSION}); nothing to do"
  exit 0
fi

mkdir -p "${CACHE_DIR}" "${TARGET_DIR}"
# Serialise concurrent runs sharing the same cache (e.g. parallel CI jobs on one runner).
if command -v flock >/dev/null 2>&1; then
  exec 9>"${CACHE_DIR}/.lock"
  flock 9
  if [[ "${FORCE}" != "1" ]]; then
    missing=()
    for b in "${ALL_BINS[@]}"; do bin_ok "${b}" || missing+=("${b}"); done
    if [[ ${#missing[@]} -eq 0 ]]; then
      log "all binaries were built by a concurrent run into ${TARGET_DIR}; nothing to do"
      exit 0
    fi
  fi
fi
log "target ${TARGET_DIR}; to build: ${missing[*]}"
log "GOMODCACHE=${GOMODCACHE} GOCACHE=${GOCACHE} ($(go version))"

needs() { local x; for x in "${missing[@]}"; do [[ "${x}" == "$1" ]] && return 0; done; return 1; }

# Runs a long command, printing a heartbeat line every 30 s so CI logs show progress. Its output goes to
# ${LOG_FILE}; on failure the tail of it is printed (or the caller handles it with RWH_NOFAIL=1).
LOG_FILE="${CACHE_DIR}/last-build.log"
: >"${LOG_FILE}"
run_with_heartbeat() { # run_with_heartbeat <label> <cmd...>
  local label="$1"; shift
  local t0; t0=$(date +%s)
  log "${label} ..."
  (
    sp=""
    trap '[[ -n "${sp}" ]] && kill "${sp}" 2>/dev/null; exit 0' TERM
    while :; do
      sleep 30 </dev/null >/dev/null 2>&1 &
      sp=$!
      wait "${sp}"
      echo "[control-plane]   ... ${label} ($(( $(date +%s) - t0 ))s, total $(( $(date +%s) - START_TS ))s)"
    done
  ) &
  local hb=$!
  local rc=0
  echo "### ${label}: $*" >>"${LOG_FILE}"
  "$@" >>"${LOG_FILE}" 2>&1 || rc=$?
  kill "${hb}" 2>/dev/null || true
  wait "${hb}" 2>/dev/null || true
  if [[ ${rc} -ne 0 ]]; then
    [[ "${RWH_NOFAIL:-0}" == "1" ]] && return "${rc}"
    tail -n 60 "${LOG_FILE}" >&2
    die "${label} failed (exit ${rc}): $* (full log: ${LOG_FILE})"
  fi
  log "${label} done in $(( $(date +%s) - t0 ))s"
}

# build_one <name> <label> <cmd...>: like run_with_heartbeat, but a failure is recorded and the other binaries
# are still built (the final version check reports what is missing).
build_failures=()
build_one() {
  local name="$1" label="$2"; shift 2
  if ! RWH_NOFAIL=1 run_with_heartbeat "${label}" "$@"; then
    tail -n 30 "${LOG_FILE}" >&2
    echo "[control-plane] ERROR: building ${name} failed: $*" >&2
    build_failures+=("${name}")
    return 1
  fi
}

install_bin() { # install_bin <src> <name>: move into place atomically, so a half-written file is never picked up
  mv -f "$1" "${TARGET_DIR}/.$2.tmp"
  chmod 0755 "${TARGET_DIR}/.$2.tmp"
  mv -f "${TARGET_DIR}/.$2.tmp" "${TARGET_DIR}/$2"
}

# ---------------------------------------------------------------------------------------------------------------
# 1. Throw-away consumer module for k8s.io/kubernetes (+ etcd from the same module graph).
#    `go install k8s.io/kubernetes/cmd/...@v` is refused because k8s.io/kubernetes' go.mod has replace
#    directives pointing to ./staging; a consumer module repeats them as version replaces.
# ---------------------------------------------------------------------------------------------------------------
build_k8s() {
  mkdir -p "${BUILD_DIR}/bin"
  cd "${BUILD_DIR}"
  rm -f go.mod go.sum bin/*

  run_with_heartbeat "downloading k8s.io/kubernetes@v${K8S_VERSION} go.mod" \
    go mod download -json "k8s.io/kubernetes@v${K8S_VERSION}"
  local kmod="${GOMODCACHE}/cache/download/k8s.io/kubernetes/@v/v${K8S_VERSION}.mod"
  [[ -f "${kmod}" ]] || die "k8s.io/kubernetes v${K8S_VERSION} go.mod not found at ${kmod}"

  # Same go/godebug lines as upstream so GODEBUG defaults of the binaries match the release build.
  local go_version godebug_lines
  go_version="$(sed -n -E 's/^go ([0-9.]+)$/\1/p' "${kmod}" | head -n1)"
  godebug_lines="$(grep -E '^godebug ' "${kmod}" || true)"
  # `tool` directives need go >= 1.24; for older releases keep their GODEBUG defaults explicitly.
  if [[ "$(printf '%s\n' "${go_version}" 1.24 | sort -V | head -n1)" != "1.24" ]]; then
    [[ -n "${godebug_lines}" ]] || godebug_lines="godebug default=go$(cut -d. -f1,2 <<<"${go_version}")"
    go_version="1.24.0"
  fi
  {
    echo "module c8s.local/control-plane-build"
    echo
    echo "go ${go_version}"
    [[ -n "${godebug_lines}" ]] && { echo; echo "${godebug_lines}"; }
    echo
    echo "require k8s.io/kubernetes v${K8S_VERSION}"
  } >go.mod
  rm -f go.sum

  # Every "k8s.io/x => ./staging/src/k8s.io/x" in k8s.io/kubernetes' go.mod becomes "k8s.io/x => k8s.io/x v0.N.P".
  local staging=() m
  mapfile -t staging < <(sed -n -E 's#^[[:space:]]*(k8s\.io/[A-Za-z0-9._-]+)[[:space:]]+=>[[:space:]]+\./staging/.*#\1#p' "${kmod}")
  [[ ${#staging[@]} -gt 0 ]] || die "no staging replace directives found in ${kmod}"
  for m in "${staging[@]}"; do
    go mod edit -replace "${m}=${m}@${STAGING_VERSION}"
  done
  log "consumer module ${BUILD_DIR}: ${#staging[@]} staging replaces -> ${STAGING_VERSION}"

  # `tool` directives keep the main packages (and their dependencies) in the module graph for `go mod tidy`.
  local pkgs=()
  for m in "${K8S_CMDS[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/${m}"); done
  pkgs+=("go.etcd.io/etcd/server/v3")
  for m in "${pkgs[@]}"; do go mod edit -tool "${m}"; done
  local mark; mark=$(wc -l <"${LOG_FILE}")
  if ! RWH_NOFAIL=1 run_with_heartbeat "resolving modules (go mod tidy; ~0.6 GB into an empty module cache)" go mod tidy; then
    tail -n 40 "${LOG_FILE}" >&2
    # A partial mirror of proxy.golang.org may lack some staging modules (403 "not available") or their
    # checksum-database entries (sumdb ... 404): name them, so another K8S_VERSION can be picked.
    local unavailable
    unavailable="$(tail -n +"$((mark + 1))" "${LOG_FILE}" \
      | sed -n -E 's/.*: ([a-z0-9./_-]+@v[0-9A-Za-z.+-]+): (verifying module|reading https).*(403|404|410).*/\1/p' | sort -u | tr '\n' ' ')"
    [[ -z "${unavailable}" ]] || echo "[control-plane] not available from GOPROXY=$(go env GOPROXY) / GOSUMDB=$(go env GOSUMDB): ${unavailable}" >&2
    die "go mod tidy failed in ${BUILD_DIR} (full log: ${LOG_FILE}); try another K8S_VERSION whose staging modules v0.${K8S_MINOR}.x are all on the proxy"
  fi

  local etcd_version build_date
  etcd_version="$(go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3)"
  etcd_version="${etcd_version#v}"
  # Deterministic build date: the release's commit time as recorded by the Go proxy.
  build_date="$(sed -n -E 's/.*"Time": *"([^"]+)".*/\1/p' "${kmod%.mod}.info" 2>/dev/null | head -n1)"
  [[ -n "${build_date}" ]] || build_date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

  local ver_ldflags="" p
  # upstream hack/lib/version.sh sets these in both packages
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ver_ldflags+=" -X ${p}.gitVersion=v${K8S_VERSION}"
    ver_ldflags+=" -X ${p}.gitMajor=${K8S_MAJOR} -X ${p}.gitMinor=${K8S_MINOR}"
    ver_ldflags+=" -X ${p}.gitCommit= -X ${p}.gitTreeState=clean -X ${p}.buildDate=${build_date}"
  done
  local common=(-trimpath -tags=selinux,notest,grpcnotrace)

  for m in "${K8S_CMDS[@]}"; do
    needs "${m}" || continue
    build_one "${m}" "building ${m} v${K8S_VERSION}" \
      go build "${common[@]}" -ldflags="-s -w${ver_ldflags}" -o "bin/${m}" "k8s.io/kubernetes/cmd/${m}" \
      && install_bin "bin/${m}" "${m}"
  done

  if needs etcd; then
    build_one etcd "building etcd v${etcd_version}" \
      go build -trimpath -ldflags="-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=module-v${etcd_version}" \
      -o bin/etcd go.etcd.io/etcd/server/v3 \
      && install_bin bin/etcd etcd \
      && echo "${etcd_version}" >"${TARGET_DIR}/.etcd-version"
  fi
}

build_kwok() {
  mkdir -p "${KWOK_BIN_DIR}"
  # kwok has no replace directives, so plain `go install pkg@version` works.
  build_one kwok "building kwok ${KWOK_VERSION}" \
    env GOBIN="${KWOK_BIN_DIR}" go install -trimpath -ldflags="-s -w" "sigs.k8s.io/kwok/cmd/kwok@${KWOK_VERSION}" \
    && install_bin "${KWOK_BIN_DIR}/kwok" kwok
}

# kwok first: it is independent, so a fatal error in the Kubernetes module resolution cannot prevent it.
if needs kwok; then
  build_kwok || true
fi
if needs kube-apiserver || needs kube-controller-manager || needs kube-scheduler || needs kubectl || needs etcd; then
  build_k8s
fi

failed=()
for b in "${ALL_BINS[@]}"; do bin_ok "${b}" || failed+=("${b}"); done
[[ ${#failed[@]} -eq 0 ]] || die "missing or wrong version after the build: ${failed[*]} (in ${TARGET_DIR}; log: ${LOG_FILE})"
log "ready: ${TARGET_DIR} (Kubernetes v${K8S_VERSION}, etcd $(cat "${TARGET_DIR}/.etcd-version"), kwok ${KWOK_VERSION})"
