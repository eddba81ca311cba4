#!/usr/bin/env bash
# Smoke test of the locally built control plane (see control-plane-binaries.sh):
# etcd + kube-apiserver + kube-controller-manager + kube-scheduler + kwok (fake node, scripts/kwok/stages.yaml),
# all in a temp dir on free loopback ports, then three checks:
#   1. a Job reaches Complete;
#   2. a Job whose pod has annotation c8s.dev/kwok-exit-code: "3" reaches Failed, its container exitCode is 3;
#   3. deleting a ConfigMap that owns a Job garbage-collects the Job and its (running) pod.
# Everything started is stopped by the EXIT trap. The component flags here are the reference for the Java fixture.
#
# Environment: K8S_VERSION (default 1.34.4), KUBE_API_TEST_DIR, C8S_CP_BIN_DIR (overrides the binary folder),
#              C8S_SMOKE_SKIP_BUILD=1 (don't call control-plane-binaries.sh), C8S_SMOKE_KEEP=1 (keep the temp dir),
#              C8S_SMOKE_TIMEOUT (seconds per wait, default 120),
#              C8S_SMOKE_HOLD=1 (after the checks keep the cluster up until SIGINT/SIGTERM, for poking at it).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
K8S_VERSION="${K8S_VERSION:-1.34.4}"
K8S_VERSION="${K8S_VERSION#v}"
BIN_DIR="${C8S_CP_BIN_DIR:-${KUBE_API_TEST_DIR:-${HOME}/.kubeapitest}/k8s/${K8S_VERSION}-linux-amd64}"
STAGES="${REPO_ROOT}/scripts/kwok/stages.yaml"
TIMEOUT="${C8S_SMOKE_TIMEOUT:-120}"

START_TS=$(date +%s)
log() { echo "[smoke] $* ($(( $(date +%s) - START_TS ))s)"; }

if [[ "${C8S_SMOKE_SKIP_BUILD:-0}" != "1" && -z "${C8S_CP_BIN_DIR:-}" ]]; then
  K8S_VERSION="${K8S_VERSION}" "${REPO_ROOT}/scripts/control-plane-binaries.sh"
fi
for b in etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok; do
  [[ -x "${BIN_DIR}/${b}" ]] || { echo "[smoke] missing ${BIN_DIR}/${b}; run scripts/control-plane-binaries.sh" >&2; exit 1; }
done
command -v openssl >/dev/null || { echo "[smoke] openssl is required" >&2; exit 1; }
command -v curl >/dev/null || { echo "[smoke] curl is required" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/c8s-cp-smoke.XXXXXX")"
mkdir -p "${WORK}/pki" "${WORK}/logs"
PIDS=()
NAMES=()
FAILED=1

cleanup() {
  local rc=$? i pid
  set +e
  if [[ ${FAILED} -ne 0 ]]; then
    echo "[smoke] FAILED (exit ${rc}); last log lines:" >&2
    for f in "${WORK}"/logs/*.log; do
      [[ -f "${f}" ]] || continue
      echo "----- ${f##*/}" >&2
      tail -n 25 "${f}" >&2
    done
  fi
  # stop in reverse start order: kwok, scheduler, controller-manager, apiserver, etcd
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
    pid="${PIDS[i]}"
    kill -TERM "${pid}" 2>/dev/null || continue
    for _ in $(seq 1 50); do kill -0 "${pid}" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "${pid}" 2>/dev/null; then
      echo "[smoke] ${NAMES[i]} (pid ${pid}) ignored SIGTERM; killing" >&2
      kill -KILL "${pid}" 2>/dev/null
    fi
    wait "${pid}" 2>/dev/null
  done
  if [[ "${C8S_SMOKE_KEEP:-0}" == "1" ]]; then
    echo "[smoke] kept ${WORK}" >&2
  else
    rm -rf "${WORK}"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start() { # start <name> <cmd...>: background process, output to logs/<name>.log
  local name="$1"; shift
  "$@" >"${WORK}/logs/${name}.log" 2>&1 &
  PIDS+=("$!")
  NAMES+=("${name}")
  log "started ${name} (pid $!)"
}

alive() { # fail fast if a component died
  local i
  for i in "${!PIDS[@]}"; do
    kill -0 "${PIDS[i]}" 2>/dev/null || { echo "[smoke] ${NAMES[i]} exited unexpectedly" >&2; return 1; }
  done
}

wait_for() { # wait_for <description> <cmd...>: poll every 0.5 s until cmd succeeds, up to $TIMEOUT s
  local what="$1"; shift
  local deadline=$(( $(date +%s) + TIMEOUT ))
  until "$@" >/dev/null 2>&1; do
    alive || exit 1
    if (( $(date +%s) > deadline )); then echo "[smoke] timed out after ${TIMEOUT}s waiting for ${what}" >&2; exit 1; fi
    sleep 0.5
  done
  log "${what}: ok"
}

free_port() { # a random unused loopback port
  local p
  while :; do
    p=$(( 20000 + RANDOM % 30000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/${p}") 2>/dev/null || { echo "${p}"; return; }
  done
}

# ---------------------------------------------------------------------------------------------------------------
# PKI: one CA for the serving cert and the admin client cert; a key pair for service-account tokens.
# ---------------------------------------------------------------------------------------------------------------
P="${WORK}/pki"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=c8s-smoke-ca" \
  -keyout "${P}/ca.key" -out "${P}/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout "${P}/apiserver.key" -out "${P}/apiserver.csr" 2>/dev/null
openssl x509 -req -in "${P}/apiserver.csr" -CA "${P}/ca.crt" -CAkey "${P}/ca.key" -CAcreateserial -days 1 \
  -extfile <(printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth') \
  -out "${P}/apiserver.crt" 2>/dev/null
# O=system:masters: cluster-admin through RBAC's bootstrap binding; used by kubectl, KCM, scheduler and kwok.
openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=c8s-admin" -keyout "${P}/admin.key" -out "${P}/admin.csr" 2>/dev/null
openssl x509 -req -in "${P}/admin.csr" -CA "${P}/ca.crt" -CAkey "${P}/ca.key" -CAcreateserial -days 1 \
  -extfile <(printf 'extendedKeyUsage=clientAuth') -out "${P}/admin.crt" 2>/dev/null
openssl genrsa -out "${P}/sa.key" 2048 2>/dev/null
openssl rsa -in "${P}/sa.key" -pubout -out "${P}/sa.pub" 2>/dev/null

ETCD_PORT=$(free_port); ETCD_PEER_PORT=$(free_port); API_PORT=$(free_port)
KUBECONFIG="${WORK}/admin.kubeconfig"
export KUBECONFIG
cat >"${KUBECONFIG}" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: smoke
  cluster: {server: "https://127.0.0.1:${API_PORT}", certificate-authority: "${P}/ca.crt"}
users:
- name: admin
  user: {client-certificate: "${P}/admin.crt", client-key: "${P}/admin.key"}
contexts:
- name: smoke
  context: {cluster: smoke, user: admin}
current-context: smoke
EOF
K() { "${BIN_DIR}/kubectl" "$@"; }

# ---------------------------------------------------------------------------------------------------------------
# Components
# ---------------------------------------------------------------------------------------------------------------
start etcd "${BIN_DIR}/etcd" \
  --name=smoke --data-dir="${WORK}/etcd" \
  --listen-client-urls="http://127.0.0.1:${ETCD_PORT}" --advertise-client-urls="http://127.0.0.1:${ETCD_PORT}" \
  --listen-peer-urls="http://127.0.0.1:${ETCD_PEER_PORT}" --initial-advertise-peer-urls="http://127.0.0.1:${ETCD_PEER_PORT}" \
  --initial-cluster="smoke=http://127.0.0.1:${ETCD_PEER_PORT}" \
  --unsafe-no-fsync=true --log-level=warn
wait_for "etcd healthy on :${ETCD_PORT}" bash -c "curl -fsS http://127.0.0.1:${ETCD_PORT}/health | grep -q '\"health\":\"true\"'"

start kube-apiserver "${BIN_DIR}/kube-apiserver" \
  --etcd-servers="http://127.0.0.1:${ETCD_PORT}" \
  --bind-address=127.0.0.1 --secure-port="${API_PORT}" \
  --tls-cert-file="${P}/apiserver.crt" --tls-private-key-file="${P}/apiserver.key" \
  --client-ca-file="${P}/ca.crt" \
  --authorization-mode=RBAC \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="${P}/sa.pub" \
  --service-account-signing-key-file="${P}/sa.key" \
  --service-cluster-ip-range=10.96.0.0/16 \
  --allow-privileged=true \
  --profiling=false
wait_for "kube-apiserver ready on :${API_PORT}" K get --raw=/readyz

start kube-controller-manager "${BIN_DIR}/kube-controller-manager" \
  --kubeconfig="${KUBECONFIG}" \
  --authentication-kubeconfig="${KUBECONFIG}" --authorization-kubeconfig="${KUBECONFIG}" \
  --bind-address=127.0.0.1 --secure-port=0 \
  --leader-elect=false \
  --service-account-private-key-file="${P}/sa.key" \
  --root-ca-file="${P}/ca.crt" \
  --use-service-account-credentials=false \
  --profiling=false

start kube-scheduler "${BIN_DIR}/kube-scheduler" \
  --kubeconfig="${KUBECONFIG}" \
  --authentication-kubeconfig="${KUBECONFIG}" --authorization-kubeconfig="${KUBECONFIG}" \
  --bind-address=127.0.0.1 --secure-port=0 \
  --leader-elect=false \
  --profiling=false

start kwok "${BIN_DIR}/kwok" \
  --kubeconfig="${KUBECONFIG}" \
  --manage-all-nodes=false \
  --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
  --config="${STAGES}" \
  --cidr=10.128.0.1/16 \
  --node-ip=127.0.0.1

# The serviceaccount controller (KCM) creates "default" SAs; the ServiceAccount admission plugin needs it for pods.
wait_for "kube-controller-manager created serviceaccount default/default" K get serviceaccount default -n default

K apply -f - >/dev/null <<'EOF'
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-0
  annotations:
    kwok.x-k8s.io/node: fake
  labels:
    kubernetes.io/hostname: kwok-node-0
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    type: kwok
EOF
K wait --for=condition=Ready node/kwok-node-0 --timeout="${TIMEOUT}s" >/dev/null
log "node kwok-node-0 Ready (kwok node-initialize)"

job() { # job <name> <pod-annotations-yaml-flow-map> [extra metadata yaml]
  cat <<EOF
apiVersion: batch/v1
kind: Job
metadata:
  name: $1
  namespace: default
${3:-}
spec:
  backoffLimit: 0
  template:
    metadata:
      annotations: $2
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "echo hello from $1"]
EOF
}

# 1. success
job ok '{}' | K apply -f - >/dev/null
K wait --for=condition=Complete job/ok --timeout="${TIMEOUT}s" >/dev/null
log "check 1: job/ok Complete"

# 2. failure with exit code 3
job fail '{"c8s.dev/kwok-exit-code": "3"}' | K apply -f - >/dev/null
K wait --for=condition=Failed job/fail --timeout="${TIMEOUT}s" >/dev/null
code="$(K get pods -l batch.kubernetes.io/job-name=fail -o jsonpath='{.items[0].status.containerStatuses[0].state.terminated.exitCode}')"
phase="$(K get pods -l batch.kubernetes.io/job-name=fail -o jsonpath='{.items[0].status.phase}')"
[[ "${code}" == "3" && "${phase}" == "Failed" ]] || { echo "[smoke] expected Failed/exitCode 3, got ${phase}/${code}" >&2; exit 1; }
log "check 2: job/fail Failed, pod phase ${phase}, container exitCode ${code}"

# 3. garbage collection: ConfigMap owns a Job whose pod keeps running (c8s.dev/kwok-duration: 1h)
K create configmap owner -n default >/dev/null
owner_uid="$(K get configmap owner -n default -o jsonpath='{.metadata.uid}')"
job gc '{"c8s.dev/kwok-duration": "1h"}' "  ownerReferences:
  - {apiVersion: v1, kind: ConfigMap, name: owner, uid: ${owner_uid}}" | K apply -f - >/dev/null
wait_for "job/gc pod Running" bash -c \
  "[[ \"\$('${BIN_DIR}/kubectl' get pods -l batch.kubernetes.io/job-name=gc -o jsonpath='{.items[*].status.phase}')\" == Running ]]"
K delete configmap owner -n default --wait=true >/dev/null
if ! K wait --for=delete job/gc --timeout="${TIMEOUT}s" >/dev/null; then
  echo "[smoke] job/gc was not garbage-collected" >&2; exit 1
fi
wait_for "job/gc pods deleted" bash -c \
  "[[ -z \"\$('${BIN_DIR}/kubectl' get pods -l batch.kubernetes.io/job-name=gc -o name)\" ]]"
log "check 3: deleting configmap/owner garbage-collected job/gc and its pod"

FAILED=0
log "all checks passed (Kubernetes $(K version -o json | sed -n -E 's/.*"gitVersion": "([^"]+)".*/\1/p' | tail -n1))"

if [[ "${C8S_SMOKE_HOLD:-0}" == "1" ]]; then
  log "holding the cluster: export KUBECONFIG=${KUBECONFIG}; stop with: kill -TERM $$"
  while alive; do sleep 1; done
fi
