#!/usr/bin/env bash
# Builds the helm command-line client from its Go module (no download from GitHub releases) and prints its path:
#   helm.sh/helm/v3/cmd/helm@${HELM_VERSION}  ->  ${C8S_TOOLS_BIN:-~/.cache/c8s-tools/bin}/helm
#
# Idempotent: a helm there that reports the expected version is kept (<1 s). Cold: ~2 min on 2 cores (module
# downloads and compile); the module and build caches are the control-plane script's, so a warm CI cache covers both.
#
# Environment (all optional):
#   HELM_VERSION   default v3.22.0 (served by the Go proxy here; v4 changes the CLI)
#   C8S_TOOLS_BIN  where the binary goes
set -euo pipefail

HELM_VERSION="${HELM_VERSION:-v3.22.0}"
BIN_DIR="${C8S_TOOLS_BIN:-${HOME}/.cache/c8s-tools/bin}"
CACHE_DIR="${C8S_CP_CACHE:-${HOME}/.cache/c8s-control-plane}"
HELM="${BIN_DIR}/helm"

log() { echo "[helm-cli] $*" >&2; }

# go install leaves the version string unstamped ("v3.22"): a stamp file records which module version was built.
STAMP="${HELM}.module-version"
if [[ -x "${HELM}" && "$(cat "${STAMP}" 2>/dev/null)" == "${HELM_VERSION}" ]]; then
  echo "${HELM}"
  exit 0
fi
command -v go >/dev/null || { log "go is missing: install Go 1.24+ (https://go.dev/dl) to build helm"; exit 1; }
mkdir -p "${BIN_DIR}"
t0=$(date +%s)
log "building helm ${HELM_VERSION} from helm.sh/helm/v3 (about 2 minutes the first time)"
GOMODCACHE="${GOMODCACHE:-${CACHE_DIR}/gomod}" GOCACHE="${GOCACHE:-${CACHE_DIR}/gocache}" GOFLAGS=-mod=mod \
  GOBIN="${BIN_DIR}" go install "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}" >&2
echo "${HELM_VERSION}" > "${STAMP}"
log "helm ${HELM_VERSION} built in $(( $(date +%s) - t0 )) s: ${HELM}"
echo "${HELM}"
