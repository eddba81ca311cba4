#!/usr/bin/env bash
# c8s on this machine without Docker: a real single-node Kubernetes (etcd, kube-apiserver, controller-manager,
# scheduler, kube-proxy, kubelet on a containerd of its own), the chart installed with helm from images built
# here, the samples applied and one signed push followed to Succeeded. Then it prints the URLs and keeps
# running in the background until `down`.
#
#   sudo scripts/local-cluster.sh up [--no-build]   build what is missing (cached), start, follow the demo run
#   sudo scripts/local-cluster.sh status            whether it runs, and its URLs
#   sudo scripts/local-cluster.sh down [--keep-data]
#        stop it; the node is torn down and the host restored. --keep-data keeps the cluster's state (run
#        history) and object storage (logs, artifacts) for the next up; without it they are deleted.
#
# Needs: root, Linux with cgroups, a JDK 21+, Go 1.24+ (builds the Kubernetes binaries and helm from their
# modules), Debian/Ubuntu's apt (containerd, runc, CNI plugins, mmdebstrap, umoci, skopeo: installed when
# missing). No Docker. --no-build uses what an earlier build (./mvnw install or verify) left.
#
# Environment (optional): C8S_LOCAL_DIR (default /var/lib/c8s-local: state, kubeconfig, logs, kept data),
# C8S_API_PORT (default 6443, the Kubernetes API), C8S_S3_PORT (default 9000, object storage),
# C8S_POD_EGRESS (default on: steps reach the internet through this machine, masqueraded; off: only this machine).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "${HERE}/.." && pwd)"
STATE="${C8S_LOCAL_DIR:-/var/lib/c8s-local}"
DATA="${STATE}/data"
PID_FILE="${STATE}/cluster.pid"
LOG="${STATE}/cluster.log"
READY="${STATE}/urls.txt"
API_PORT="${C8S_API_PORT:-6443}"
S3_PORT="${C8S_S3_PORT:-9000}"
POD_EGRESS="${C8S_POD_EGRESS:-on}"

say() { echo "[local-cluster] $*"; }
die() { echo "[local-cluster] ERROR: $*" >&2; exit 1; }
running() { [[ -f "${PID_FILE}" ]] && kill -0 "$(cat "${PID_FILE}")" 2>/dev/null; }

# Fails fast, naming the fix, before anything is built or started.
prerequisites() {
  local build="$1"
  [[ "$(id -u)" == "0" ]] || die "must run as root (kubelet, containerd and runc need it): sudo $0 up"
  [[ "$(uname -s)" == "Linux" ]] || die "needs Linux (kubelet and containerd); on macOS or Windows use the k3d + Tilt loop"
  [[ -d /sys/fs/cgroup ]] || die "no cgroup filesystem at /sys/fs/cgroup: kubelet needs cgroups mounted"
  if ! command -v containerd >/dev/null && ! command -v apt-get >/dev/null; then
    die "containerd is missing and there is no apt-get to install it: install containerd, runc and the CNI plugins (Debian: containerd runc containernetworking-plugins)"
  fi
  if [[ "${build}" == "yes" ]]; then
    command -v go >/dev/null || die "go is missing: install Go 1.24+ (it builds the Kubernetes binaries and helm), e.g. apt-get install golang-go"
  fi
  # shellcheck source=select-jdk.sh
  source "${HERE}/select-jdk.sh"
  [[ -n "${JAVA_HOME:-}" ]] || die "no JDK 21+ found: install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME"
  if pgrep -x kubelet >/dev/null; then
    die "a kubelet already runs on this machine (pid $(pgrep -x kubelet | head -1)): a test run's node (./mvnw verify) or another cluster; stop it first"
  fi
  port_free "${API_PORT}" C8S_API_PORT "the Kubernetes API"
  port_free "${S3_PORT}" C8S_S3_PORT "object storage"
}

port_free() {
  local port="$1" variable="$2" what="$3" holder
  holder="$(ss -Hltnp "sport = :${port}" 2>/dev/null | head -1)"
  if [[ -n "${holder}" ]]; then
    die "port ${port} (${what}) is taken: ${holder##* }; stop that process or choose another port, e.g. ${variable}=$((port + 1)) $0 up"
  fi
}

build() {
  local t0=${SECONDS}
  say "building: Kubernetes binaries, node images, services and their images, helm (cached after the first time; log ${STATE}/build.log)"
  bash "${ROOT}/scripts/control-plane-binaries.sh" >"${STATE}/build.log" 2>&1 \
    || die "building the Kubernetes binaries failed; see ${STATE}/build.log"
  # The node's packages and images, and the helper image the service-image build packs: the Maven
  # build prepares them only when it runs tests.
  bash "${ROOT}/scripts/node/prepare.sh" >>"${STATE}/build.log" 2>&1 \
    || die "preparing the node (packages, images) failed; see ${STATE}/build.log"
  (cd "${ROOT}" && ./mvnw -B -q install -DskipTests) >>"${STATE}/build.log" 2>&1 \
    || die "the Maven build failed; see ${STATE}/build.log"
  say "built in $((SECONDS - t0)) s"
}

classpath() {
  if [[ -n "${C8S_LOCAL_CLASSPATH:-}" ]]; then
    echo "${C8S_LOCAL_CLASSPATH}"
    return
  fi
  (cd "${ROOT}" && ./mvnw -B -q -pl e2e dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="${STATE}/classpath") >>"${STATE}/build.log" 2>&1 \
    || die "resolving the classpath failed; see ${STATE}/build.log (run without --no-build once)"
  echo "${ROOT}/e2e/target/test-classes:$(cat "${STATE}/classpath")"
}

up() {
  local build="yes"
  case "${1:-}" in
    "") ;;
    --no-build) build="no" ;;
    *) usage ;;
  esac
  if running; then
    say "already running (pid $(cat "${PID_FILE}"))"
    cat "${READY}" 2>/dev/null || true
    return
  fi
  local t0=${SECONDS}
  say "INITIAL            checking prerequisites"
  prerequisites "${build}"
  mkdir -p "${STATE}"
  [[ "${build}" == "yes" ]] && build
  [[ -f "${ROOT}/e2e/target/images/images.manifest" ]] \
    || die "the service images are not built: run $0 up without --no-build"
  if [[ -d "${DATA}/etcd" ]]; then
    say "kept data found in ${DATA}: run history and object storage from the last down --keep-data"
  fi
  mkdir -p "${DATA}"
  rm -f "${READY}"
  local cp
  cp="$(classpath)"
  (
    cd "${ROOT}/e2e"
    exec "${JAVA_HOME}/bin/java" -Xmx512m -cp "${cp}" \
      -Dc8s.node.etcd-dir="${DATA}/etcd" \
      -Dc8s.node.api-port="${API_PORT}" \
      -Dc8s.node.pod-egress="$([[ "${POD_EGRESS}" == "on" ]] && echo true || echo false)" \
      -Dc8s.local.s3-port="${S3_PORT}" \
      -Dc8s.images.manifest="${ROOT}/e2e/target/images/images.manifest" \
      -Dc8s.helm="${C8S_TOOLS_BIN:-${HOME}/.cache/c8s-tools/bin}/helm" \
      -Dc8s.s3proxy.jar="${ROOT}/e2e/target/test-servers/s3proxy.jar" \
      -Dkubernetes.http2.disable=true \
      dev.c8s.e2e.chart.LocalCluster "${STATE}" "${DATA}/objects"
  ) </dev/null >"${LOG}" 2>&1 &
  echo $! >"${PID_FILE}"
  local shown=0
  until [[ -s "${READY}" ]]; do
    if ! running; then
      progress "${shown}" >/dev/null
      grep -v -E '^\[(c8s-local|real-node)\]' "${LOG}" | tail -n 25 >&2
      rm -f "${PID_FILE}"
      die "c8s did not come up; above is the end of ${LOG}"
    fi
    shown=$(progress "${shown}")
    sleep 1
  done
  progress "${shown}" >/dev/null
  say "up in $((SECONDS - t0)) s"
  cat "${READY}"
}

# Prints the log's new [c8s-local] and [real-node] lines; echoes how many lines were read.
progress() {
  local from="$1" total
  total=$(wc -l <"${LOG}")
  if ((total > from)); then
    sed -n "$((from + 1)),${total}p" "${LOG}" | grep -E '^\[(c8s-local|real-node)\]' >&2 || true
  fi
  echo "${total}"
}

down() {
  local keep="no"
  case "${1:-}" in
    "") ;;
    --keep-data) keep="yes" ;;
    *) usage ;;
  esac
  if running; then
    local pid
    pid="$(cat "${PID_FILE}")"
    say "stopping (pid ${pid}): pods, kubelet, containerd, the control plane; the host is restored"
    kill -TERM "${pid}"
    for _ in $(seq 1 180); do
      kill -0 "${pid}" 2>/dev/null || break
      sleep 1
    done
    kill -0 "${pid}" 2>/dev/null && die "still running after 180 s; see ${LOG}"
    say "stopped"
  else
    say "not running"
  fi
  rm -f "${PID_FILE}" "${READY}"
  if [[ "${keep}" == "yes" ]]; then
    [[ -d "${DATA}" ]] && say "kept ${DATA} (run history, logs, artifacts) for the next up"
  elif [[ -d "${DATA}" ]]; then
    rm -rf "${DATA}"
    say "deleted the run history and object storage (${DATA})"
  fi
}

status() {
  if running; then
    say "running (pid $(cat "${PID_FILE}"))"
    cat "${READY}" 2>/dev/null || say "still starting; see ${LOG}"
  else
    say "not running"
    [[ -d "${DATA}/etcd" ]] && say "kept data in ${DATA} (used by the next up; down deletes it)"
  fi
  return 0
}

usage() {
  echo "usage: $0 up [--no-build] | status | down [--keep-data]" >&2
  exit 2
}

case "${1:-}" in
  up) up "${2:-}" ;;
  down) down "${2:-}" ;;
  status) status ;;
  *) usage ;;
esac
