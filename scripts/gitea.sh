#!/usr/bin/env bash
# Builds a real Gitea (the forge the c8s forge ITs run against) into a cache outside the clone:
#   ${C8S_GITEA_CACHE:-~/.cache/c8s-gitea}/gitea-<version>/gitea      the binary (sqlite, no bindata)
#   ${C8S_GITEA_CACHE:-~/.cache/c8s-gitea}/gitea-<version>/options/   what it reads at start-up
# from the Go module proxy. v1.26.0: the newest the proxy serves whole (v1.27 needs gitea.dev/* modules,
# which it refuses). `go install` refuses the module (replace directives), so the source is copied out of
# the module cache and built there, as scripts/control-plane-binaries.sh does for Kubernetes.
#
# Cost on 2 cores: ~11 min cold (1.6 GB of modules); ~20 s with warm GOCACHE; <1 s when built.
# Env: GITEA_VERSION (default v1.26.0), C8S_GITEA_CACHE, C8S_GITEA_FORCE=1 to rebuild.
set -euo pipefail

GITEA_VERSION="${GITEA_VERSION:-v1.26.0}"
CACHE_DIR="${C8S_GITEA_CACHE:-${HOME}/.cache/c8s-gitea}"
TARGET="${CACHE_DIR}/gitea-${GITEA_VERSION}"
START_TS=$(date +%s)
log() { echo "[gitea] $* ($(( $(date +%s) - START_TS ))s)"; }

if [[ "${C8S_GITEA_FORCE:-0}" != 1 && -x "${TARGET}/gitea" && -d "${TARGET}/options/locale" ]] \
  && "${TARGET}/gitea" --version 2>/dev/null | grep -q "version ${GITEA_VERSION#v}"; then
  log "gitea ${GITEA_VERSION} present in ${TARGET}; nothing to do"
  exit 0
fi

command -v go >/dev/null 2>&1 || { echo "[gitea] go is not on PATH" >&2; exit 1; }
command -v gcc >/dev/null 2>&1 || { echo "[gitea] gcc is needed (sqlite through cgo)" >&2; exit 1; }
export GOTOOLCHAIN=local
export GOFLAGS="-mod=mod"

log "downloading code.gitea.io/gitea@${GITEA_VERSION}"
dir="$(go mod download -json "code.gitea.io/gitea@${GITEA_VERSION}" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
[[ -d "${dir}" ]] || { echo "[gitea] module source not found after download" >&2; exit 1; }
build="${CACHE_DIR}/src-${GITEA_VERSION}"
rm -rf "${build}"
mkdir -p "${build}" "${TARGET}"
cp -r "${dir}/." "${build}/"
chmod -R u+w "${build}"
log "building (cgo, tags sqlite sqlite_unlock_notify)"
(cd "${build}" && CGO_ENABLED=1 go build -tags 'sqlite sqlite_unlock_notify' \
  -ldflags "-s -w -X 'main.Version=${GITEA_VERSION#v}'" -o "${TARGET}/gitea.new" .)
rm -rf "${TARGET}/options"
cp -r "${build}/options" "${TARGET}/options"
mv "${TARGET}/gitea.new" "${TARGET}/gitea"
rm -rf "${build}"
log "built ${TARGET}/gitea ($("${TARGET}/gitea" --version))"
