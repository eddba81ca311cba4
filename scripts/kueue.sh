#!/usr/bin/env bash
# Builds Kueue (the job-queueing controller whose admission of suspended Jobs the c8s ITs exercise) into a cache
# outside the clone:
#   ${C8S_KUEUE_CACHE:-~/.cache/c8s-kueue}/kueue-<version>/kueue      the manager binary (static, stripped)
#   ${C8S_KUEUE_CACHE:-~/.cache/c8s-kueue}/kueue-<version>/crd/       its CRDs (config/components/crd/bases)
# from the Go module proxy: sigs.k8s.io/kueue has no replace directives, so `go install pkg@version` builds it
# exactly as its go.mod pins it. dev.c8s.testing.KueueServer runs it (docs/testing.md).
#
# Cost on 2 cores shared with another build, measured with GOMAXPROCS=1 GOFLAGS=-p=1: 11 min 19 s cold (empty
# GOCACHE for these flags: 8 min 43 s user; modules already in GOMODCACHE, ~740 MB that take ~20 s more to
# download); 13 s with warm GOCACHE (link only); 0.04 s when built. Binary 84 MB, GOCACHE grows by ~1.8 GB.
# Env: KUEUE_VERSION (default v0.17.0), C8S_KUEUE_CACHE, C8S_KUEUE_FORCE=1 to rebuild; GOMODCACHE and GOCACHE
# default to the control-plane script's ($C8S_CP_CACHE/{gomod,gocache}), as scripts/helm-cli.sh does, so one
# CI cache keeps them all.
set -euo pipefail

KUEUE_VERSION="${KUEUE_VERSION:-v0.17.0}"
CACHE_DIR="${C8S_KUEUE_CACHE:-${HOME}/.cache/c8s-kueue}"
TARGET="${CACHE_DIR}/kueue-${KUEUE_VERSION}"
CP_CACHE="${C8S_CP_CACHE:-${HOME}/.cache/c8s-control-plane}"
START_TS=$(date +%s)
log() { echo "[kueue] $* ($(( $(date +%s) - START_TS ))s)"; }

# The stamp is written last: a build that was interrupted is redone.
STAMP="${TARGET}/module-version"
if [[ "${C8S_KUEUE_FORCE:-0}" != 1 && -x "${TARGET}/kueue" && -f "${TARGET}/crd/kueue.x-k8s.io_workloads.yaml" \
  && "$(cat "${STAMP}" 2>/dev/null)" == "sigs.k8s.io/kueue@${KUEUE_VERSION}" ]]; then
  log "kueue ${KUEUE_VERSION} present in ${TARGET}; nothing to do"
  exit 0
fi

command -v go >/dev/null 2>&1 || { echo "[kueue] go is not on PATH (Kueue ${KUEUE_VERSION} needs Go 1.25+)" >&2; exit 1; }
export GOTOOLCHAIN=local
export CGO_ENABLED=0
export GOMODCACHE="${GOMODCACHE:-${CP_CACHE}/gomod}"
export GOCACHE="${GOCACHE:-${CP_CACHE}/gocache}"

log "downloading sigs.k8s.io/kueue@${KUEUE_VERSION} (GOMODCACHE=${GOMODCACHE})"
dir="$(go mod download -json "sigs.k8s.io/kueue@${KUEUE_VERSION}" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
[[ -d "${dir}/config/components/crd/bases" ]] || { echo "[kueue] module source not found after download" >&2; exit 1; }

rm -rf "${TARGET}"
mkdir -p "${TARGET}/bin" "${TARGET}/crd"
log "building sigs.k8s.io/kueue/cmd/kueue@${KUEUE_VERSION} (GOCACHE=${GOCACHE})"
version_pkg=sigs.k8s.io/kueue/pkg/version
GOBIN="${TARGET}/bin" go install -trimpath \
  -ldflags "-s -w -X '${version_pkg}.GitVersion=${KUEUE_VERSION}'" "sigs.k8s.io/kueue/cmd/kueue@${KUEUE_VERSION}"
mv "${TARGET}/bin/kueue" "${TARGET}/kueue"
rmdir "${TARGET}/bin"
cp "${dir}"/config/components/crd/bases/*.yaml "${TARGET}/crd/"
chmod -R u+w "${TARGET}/crd"
echo "sigs.k8s.io/kueue@${KUEUE_VERSION}" > "${STAMP}"
log "built ${TARGET}/kueue ($(du -h "${TARGET}/kueue" | cut -f1)) and $(ls "${TARGET}/crd" | wc -l) CRDs"
