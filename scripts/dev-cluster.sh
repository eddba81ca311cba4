#!/usr/bin/env bash
# The c8s dev cluster on k3d (docs/dev-loop.md).
#
#   scripts/dev-cluster.sh up [--infra-only]    create or repair the cluster, install c8s, verify its health
#   scripts/dev-cluster.sh down [--purge-images] delete the cluster and its registry (seed 003's kill script)
#   scripts/dev-cluster.sh status               report every state below; exit 1 unless READY
#
# `up` walks seed 003's bootstrap states, with k3d in place of kind:
#   INITIAL -> DEPENDENCIES_CHECKED -> CLUSTER_CREATING -> CLUSTER_READY -> NAMESPACE_READY -> MINIO_READY
#   -> CRDS_ESTABLISHED -> IMAGES_PUSHED -> RELEASE_INSTALLING -> RELEASE_ACTIVE -> PODS_READY
#   -> HEALTH_CHECKING -> HEALTHY -> READY
# Every step is idempotent: on a ready cluster `up` only rebuilds images whose tag is not in the registry yet
# and upgrades the release. --infra-only stops after the CRDs, for a Tilt-first loop (Tilt builds and
# deploys c8s itself).
#
# Environment: C8S_NAMESPACE (c8s-system), C8S_IMAGE_REGISTRY (c8s-dev), C8S_ROLLOUT_TIMEOUT (300s); the
# first two mean the same as the Tiltfile's k8s_namespace and image_registry options.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# Names fixed by k8s/k3d/cluster.yaml.
readonly CLUSTER=c8s-dev
readonly CONTEXT="k3d-${CLUSTER}"
readonly REGISTRY_NAME=c8s-registry
readonly REGISTRY_PORT=5000
# The host pushes here; pods pull from ${REGISTRY_NAME}:${REGISTRY_PORT} (k3d's registries.yaml in the node).
readonly REGISTRY_FROM_HOST="localhost:${REGISTRY_PORT}"
readonly REGISTRY_FROM_CLUSTER="${REGISTRY_NAME}:${REGISTRY_PORT}"
readonly NAMESPACE="${C8S_NAMESPACE:-c8s-system}"
readonly IMAGE_PREFIX="${C8S_IMAGE_REGISTRY:-c8s-dev}"
readonly ROLLOUT_TIMEOUT="${C8S_ROLLOUT_TIMEOUT:-300s}"
# Release name "c8s": object names are c8s-controller, c8s-api-server, c8s-webhook (the Tiltfile's too).
readonly RELEASE=c8s
readonly SERVICES=(controller api-server webhook)
readonly CRDS=(pipelineconfigs.c8s.dev pipelineruns.c8s.dev repositoryconnections.c8s.dev)

PORT_FORWARDS=()
TEMP_FILES=()

cleanup() {
  local pid
  # Only the port forwards this script started, by their process ids.
  for pid in "${PORT_FORWARDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  if [ "${#TEMP_FILES[@]}" -gt 0 ]; then
    rm -f "${TEMP_FILES[@]}"
  fi
}
trap cleanup EXIT

state() { printf '[%s] %s\n' "$1" "$2"; }
note() { printf '    %s\n' "$*"; }
fail() {
  printf '[ERROR] %s\n' "$1" >&2
  shift
  local line
  for line in "$@"; do
    printf '        %s\n' "$line" >&2
  done
  exit 1
}

usage() {
  sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

kc() { kubectl --context "$CONTEXT" "$@"; }
kcn() { kubectl --context "$CONTEXT" --namespace "$NAMESPACE" "$@"; }

# --- tools -------------------------------------------------------------------------------------------------

install_hint() {
  case "$1" in
    docker) echo "docker: Docker Engine 20.10.5+ (k3d v5 needs it), https://docs.docker.com/engine/install/ (macOS/Windows: Docker Desktop)" ;;
    k3d) echo "k3d: v5.5+ (config apiVersion k3d.io/v1alpha5), https://k3d.io/stable/#installation, e.g. 'brew install k3d' or 'go install github.com/k3d-io/k3d/v5@v5.8.3'" ;;
    kubectl) echo "kubectl: https://kubernetes.io/docs/tasks/tools/, e.g. 'brew install kubectl'" ;;
    helm) echo "helm: Helm 3 or newer, https://helm.sh/docs/intro/install/, e.g. 'brew install helm'" ;;
    curl) echo "curl: from your package manager, e.g. 'apt-get install curl' or 'brew install curl'" ;;
    git) echo "git: from your package manager, e.g. 'apt-get install git' (image tags are git shas)" ;;
    *) echo "$1" ;;
  esac
}

# Fails naming every missing tool at once, with how to install it.
require_tools() {
  local tool missing=()
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    local hints=()
    for tool in "${missing[@]}"; do
      hints+=("$(install_hint "$tool")")
    done
    fail "missing tool(s): ${missing[*]}" "${hints[@]}"
  fi
}

check_docker_daemon() {
  docker info >/dev/null 2>&1 ||
    fail "docker is installed but its daemon does not answer ('docker info' failed)" \
      "start Docker Desktop, or 'sudo systemctl start docker'; check DOCKER_HOST/'docker context ls'"
}

check_versions() {
  local k3d_version major minor helm_version
  k3d_version="$(k3d version 2>/dev/null | sed -n 's/^k3d version v\([0-9][0-9]*\)\.\([0-9][0-9]*\).*/\1 \2/p')"
  read -r major minor <<<"${k3d_version:-0 0}"
  if [ "$major" -ne 5 ] || [ "$minor" -lt 5 ]; then
    fail "k3d v5.5 or newer (v5) is needed for k8s/k3d/cluster.yaml (apiVersion k3d.io/v1alpha5); found: $(k3d version 2>/dev/null | head -1)" \
      "$(install_hint k3d)"
  fi
  # Helm is only required (by require_tools) when the chart is installed; --infra-only does without it.
  if command -v helm >/dev/null 2>&1; then
    helm_version="$(helm version --template '{{.Version}}' 2>/dev/null || true)"
    case "$helm_version" in
      v[3-9].*) ;;
      *) fail "Helm 3 or newer is needed; found: ${helm_version:-none}" "$(install_hint helm)" ;;
    esac
  fi
}

select_jdk() {
  # shellcheck source=scripts/select-jdk.sh
  if ! source "$ROOT/scripts/select-jdk.sh" >/dev/null; then
    fail "building the images needs a JDK 21 or newer (./mvnw); none found" \
      "install one (e.g. Temurin 21) and set JAVA_HOME, or run 'up --infra-only' and let Tilt build"
  fi
}

# --- cluster -----------------------------------------------------------------------------------------------

cluster_exists() { k3d cluster list "$CLUSTER" >/dev/null 2>&1; }
api_ready() { kc get --raw=/readyz >/dev/null 2>&1; }
registry_container_exists() {
  [ -n "$(docker ps -a --filter "name=^${REGISTRY_NAME}\$" --format '{{.Names}}' 2>/dev/null)" ]
}
port_in_use() { (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_api() {
  local _
  for _ in $(seq 1 60); do
    api_ready && return 0
    sleep 2
  done
  fail "the API server of ${CLUSTER} did not become ready within 120 s" \
    "look at 'docker logs k3d-${CLUSTER}-server-0'; 'scripts/dev-cluster.sh down' then 'up' starts afresh"
}

ensure_cluster() {
  if cluster_exists; then
    # A cluster from an earlier run: start it if stopped (no-op when running) and restore its context if
    # someone removed it from the kubeconfig.
    if ! kubectl config get-contexts "$CONTEXT" >/dev/null 2>&1; then
      k3d kubeconfig merge "$CLUSTER" --kubeconfig-merge-default --kubeconfig-switch-context=false >/dev/null
    fi
    if ! api_ready; then
      state CLUSTER_CREATING "cluster ${CLUSTER} exists but is not answering: starting it"
      k3d cluster start "$CLUSTER" --wait --timeout 180s
    fi
  else
    if registry_container_exists; then
      fail "a container named ${REGISTRY_NAME} exists without the cluster (left over from an earlier cluster)" \
        "remove it with 'k3d registry delete ${REGISTRY_NAME}' (or 'scripts/dev-cluster.sh down'), then retry"
    fi
    if port_in_use "$REGISTRY_PORT"; then
      fail "port ${REGISTRY_PORT} on this machine is taken; the cluster's registry needs it (k8s/k3d/cluster.yaml)" \
        "find the owner with 'lsof -i :${REGISTRY_PORT}' (macOS: the AirPlay Receiver uses 5000; turn it off in System Settings)"
    fi
    state CLUSTER_CREATING "k3d cluster create --config k8s/k3d/cluster.yaml (1 server, registry ${REGISTRY_FROM_HOST})"
    k3d cluster create --config "$ROOT/k8s/k3d/cluster.yaml"
  fi
  wait_for_api
  kc wait --for=condition=Ready node --all --timeout=120s >/dev/null
  state CLUSTER_READY "context ${CONTEXT}, Kubernetes $(kc version -o json 2>/dev/null | sed -n 's/.*"gitVersion": "\([^"]*\)".*/\1/p' | tail -1)"
}

ensure_namespace() {
  # Pod Security "restricted" is enforced: the chart and the MinIO add-on claim to meet it, and the dev
  # cluster is where that claim is exercised.
  kc create namespace "$NAMESPACE" --dry-run=client -o yaml | kc apply -f - >/dev/null
  kc label namespace "$NAMESPACE" --overwrite \
    pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/warn=restricted >/dev/null
  state NAMESPACE_READY "$NAMESPACE (pod security: restricted)"
}

ensure_minio() {
  # The bucket Job is immutable once created; deleting it first makes every `up` re-run it (it is idempotent).
  kcn delete job minio-buckets --ignore-not-found --wait=true >/dev/null
  kcn apply -f "$ROOT/k8s/dev/minio.yaml" >/dev/null
  kcn rollout status deployment/minio --timeout="$ROLLOUT_TIMEOUT" >/dev/null ||
    fail "MinIO did not become ready" "kubectl --context ${CONTEXT} -n ${NAMESPACE} describe pod -l app.kubernetes.io/name=minio"
  kcn wait --for=condition=complete job/minio-buckets --timeout="$ROLLOUT_TIMEOUT" >/dev/null ||
    fail "the bucket Job did not complete" "kubectl --context ${CONTEXT} -n ${NAMESPACE} logs job/minio-buckets"
  state MINIO_READY "http://minio.${NAMESPACE}.svc:9000, buckets c8s-logs and c8s-artifacts"
}

ensure_crds() {
  # Server-side apply also upgrades changed CRDs, which `helm upgrade` never does (docs/operations.md).
  kc apply --server-side --force-conflicts -f "$ROOT/charts/c8s/crds/" >/dev/null
  kc wait --for=condition=Established --timeout=60s "${CRDS[@]/#/crd/}" >/dev/null
  state CRDS_ESTABLISHED "${CRDS[*]}"
}

# --- images ------------------------------------------------------------------------------------------------

# Short git sha; a work tree with changes gets a unique suffix, so one tag always names one content.
image_tag() {
  local sha
  sha="$(git -C "$ROOT" rev-parse --short HEAD)"
  if [ -n "$(git -C "$ROOT" status --porcelain)" ]; then
    printf '%s-dirty.%s' "$sha" "$(date +%s)"
  else
    printf '%s' "$sha"
  fi
}

registry_has() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://${REGISTRY_FROM_HOST}/v2/${IMAGE_PREFIX}/c8s-$1/manifests/$2" || true)"
  [ "$code" = 200 ]
}

build_images() {
  local tag=$1 svc missing=() version revision ref
  for svc in "${SERVICES[@]}"; do
    registry_has "$svc" "$tag" || missing+=("$svc")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    state IMAGES_PUSHED "already in the registry: ${IMAGE_PREFIX}/c8s-{${SERVICES[*]}}:${tag}"
    return
  fi
  select_jdk
  local modules
  modules="$(IFS=,; echo "${missing[*]}")"
  note "building ${modules} (./mvnw package -pl ${modules} -am -DskipTests; a few minutes the first time)"
  # Formatting is checked by the test build, not here: an unformatted edit should still deploy.
  (cd "$ROOT" && ./mvnw -B -q package -pl "$modules" -am -DskipTests -Dspotless.check.skip=true) ||
    fail "the Maven build failed (output above)" "fix it, or run './mvnw -B package -pl ${modules} -am -DskipTests' to see it in full"
  version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$ROOT/pom.xml" | head -1)"
  revision="$(git -C "$ROOT" rev-parse HEAD)"
  for svc in "${missing[@]}"; do
    ref="${REGISTRY_FROM_HOST}/${IMAGE_PREFIX}/c8s-${svc}:${tag}"
    note "docker build ${ref}"
    docker build -q -f "$ROOT/$svc/src/main/docker/Dockerfile.jvm" \
      --build-arg "VERSION=${version}" --build-arg "REVISION=${revision}" \
      -t "$ref" "$ROOT/$svc" >/dev/null
    docker push -q "$ref" >/dev/null ||
      fail "pushing ${ref} failed" "is the registry up? curl http://${REGISTRY_FROM_HOST}/v2/ should answer 200"
  done
  state IMAGES_PUSHED "${IMAGE_PREFIX}/c8s-{${SERVICES[*]}}:${tag}"
}

# --- release -----------------------------------------------------------------------------------------------

install_release() {
  local tag=$1
  state RELEASE_INSTALLING "helm upgrade --install ${RELEASE} charts/c8s -f k8s/dev/values.yaml (image tag ${tag})"
  helm upgrade --install "$RELEASE" "$ROOT/charts/c8s" \
    --kube-context "$CONTEXT" --namespace "$NAMESPACE" \
    --values "$ROOT/k8s/dev/values.yaml" \
    --set-string "image.registry=${REGISTRY_FROM_CLUSTER}/${IMAGE_PREFIX}" \
    --set-string "image.tag=${tag}" \
    --set-string "storage.s3.endpoint=http://minio.${NAMESPACE}.svc:9000" >/dev/null ||
    fail "helm upgrade --install failed (message above)" "values are checked by charts/c8s/values.schema.json"
  state RELEASE_ACTIVE "$(helm --kube-context "$CONTEXT" --namespace "$NAMESPACE" status "$RELEASE" 2>/dev/null | sed -n 's/^STATUS: //p'), revision $(helm --kube-context "$CONTEXT" --namespace "$NAMESPACE" status "$RELEASE" 2>/dev/null | sed -n 's/^REVISION: //p')"
}

wait_for_pods() {
  local svc
  for svc in "${SERVICES[@]}"; do
    kcn rollout status "deployment/${RELEASE}-${svc}" --timeout="$ROLLOUT_TIMEOUT" >/dev/null || {
      kcn get pods -l "app.kubernetes.io/component=${svc}" >&2 || true
      fail "deployment ${RELEASE}-${svc} is not ready after ${ROLLOUT_TIMEOUT}" \
        "kubectl --context ${CONTEXT} -n ${NAMESPACE} describe pod -l app.kubernetes.io/component=${svc}" \
        "kubectl --context ${CONTEXT} -n ${NAMESPACE} logs deployment/${RELEASE}-${svc}"
    }
  done
  state PODS_READY "${SERVICES[*]/#/${RELEASE}-}"
}

# Seed 003's health check: HTTP 200 within 5 s, 3 attempts; slower than 1 s is DEGRADED (reported, accepted).
check_health() {
  local svc=$1 log port="" pid _ result code seconds
  log="$(mktemp)"
  TEMP_FILES+=("$log")
  # Port 0 lets kubectl pick a free local port, so a running Tilt (8081-8083) is no obstacle. kubectl itself,
  # not the kcn function, goes to the background: $! must be its process id for the kill below.
  kubectl --context "$CONTEXT" --namespace "$NAMESPACE" port-forward "service/${RELEASE}-${svc}" :8080 >"$log" 2>&1 &
  pid=$!
  PORT_FORWARDS+=("$pid")
  for _ in $(seq 1 50); do
    port="$(sed -n 's/^Forwarding from 127\.0\.0\.1:\([0-9][0-9]*\) .*/\1/p' "$log" | head -1)"
    [ -n "$port" ] && break
    sleep 0.2
  done
  [ -n "$port" ] || fail "kubectl port-forward to service/${RELEASE}-${svc} did not start" "$(cat "$log")"
  for _ in 1 2 3; do
    result="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 5 \
      "http://127.0.0.1:${port}/q/health/ready" || true)"
    read -r code seconds <<<"${result:-000 0}"
    if [ "$code" = 200 ]; then
      kill "$pid" 2>/dev/null || true
      if awk -v s="$seconds" 'BEGIN { exit !(s > 1.0) }'; then
        note "${svc}: DEGRADED (/q/health/ready answered 200 in ${seconds} s)"
      else
        note "${svc}: HEALTHY (/q/health/ready 200 in ${seconds} s)"
      fi
      return 0
    fi
    sleep 2
  done
  kill "$pid" 2>/dev/null || true
  fail "${svc}: UNHEALTHY, /q/health/ready answered ${code} after 3 attempts" \
    "kubectl --context ${CONTEXT} -n ${NAMESPACE} logs deployment/${RELEASE}-${svc}"
}

# --- commands ----------------------------------------------------------------------------------------------

cmd_up() {
  local infra_only=false
  while [ $# -gt 0 ]; do
    case "$1" in
      --infra-only) infra_only=true ;;
      *) fail "unknown option for up: $1" "usage: scripts/dev-cluster.sh up [--infra-only]" ;;
    esac
    shift
  done
  state INITIAL "cluster ${CLUSTER}, namespace ${NAMESPACE}, images ${IMAGE_PREFIX}/c8s-*"
  if [ "$infra_only" = true ]; then
    require_tools docker k3d kubectl curl
  else
    require_tools docker k3d kubectl helm curl git
  fi
  check_docker_daemon
  check_versions
  state DEPENDENCIES_CHECKED "$(k3d version | head -1), $(kubectl version --client 2>/dev/null | head -1)"
  ensure_cluster
  ensure_namespace
  ensure_minio
  ensure_crds
  if [ "$infra_only" = true ]; then
    state READY "infrastructure only; now 'tilt up' builds and deploys c8s"
    return
  fi
  local tag
  tag="$(image_tag)"
  build_images "$tag"
  install_release "$tag"
  wait_for_pods
  state HEALTH_CHECKING "GET /q/health/ready of each service through a port forward"
  local svc
  for svc in "${SERVICES[@]}"; do
    check_health "$svc"
  done
  state HEALTHY "controller, api-server and webhook are ready"
  state READY "kubectl config use-context ${CONTEXT}; next: 'tilt up' for the edit loop (docs/dev-loop.md)"
}

cmd_down() {
  local purge=false
  while [ $# -gt 0 ]; do
    case "$1" in
      --purge-images) purge=true ;;
      *) fail "unknown option for down: $1" "usage: scripts/dev-cluster.sh down [--purge-images]" ;;
    esac
    shift
  done
  require_tools docker k3d
  check_docker_daemon
  if cluster_exists; then
    # Deletes the nodes, every pod, PVC and Secret with them, the kubeconfig context, and the registry
    # created with the cluster (with the images pushed to it).
    state DELETING "k3d cluster delete ${CLUSTER}"
    k3d cluster delete "$CLUSTER"
  else
    note "cluster ${CLUSTER} does not exist"
  fi
  if registry_container_exists; then
    state DELETING "k3d registry delete ${REGISTRY_NAME}"
    k3d registry delete "$REGISTRY_NAME"
  fi
  if [ "$purge" = true ]; then
    # The images `up` and Tilt built for the registry, still in the local Docker image store.
    local images
    images="$(docker image ls --format '{{.Repository}}:{{.Tag}}' |
      grep -E "^${REGISTRY_FROM_HOST}/(${IMAGE_PREFIX}/c8s-|${IMAGE_PREFIX}_c8s-)" || true)"
    if [ -n "$images" ]; then
      state DELETING "local images: $(echo "$images" | wc -l | tr -d ' ')"
      # shellcheck disable=SC2086 # one image reference per word
      docker image rm $images >/dev/null
    fi
  fi
  state NOT_CREATED "cluster ${CLUSTER} and registry ${REGISTRY_NAME} are gone"
}

cmd_status() {
  local tool ok=true
  for tool in docker k3d kubectl helm curl git; do
    if command -v "$tool" >/dev/null 2>&1; then
      note "tool ${tool}: found"
    else
      note "tool ${tool}: MISSING ($(install_hint "$tool"))"
      ok=false
    fi
  done
  if ! command -v docker >/dev/null 2>&1 || ! command -v k3d >/dev/null 2>&1 ||
    ! docker info >/dev/null 2>&1; then
    state ERROR "docker/k3d missing or the Docker daemon is not running: cannot inspect the cluster"
    exit 1
  fi
  if ! cluster_exists; then
    state NOT_CREATED "cluster ${CLUSTER} (run 'scripts/dev-cluster.sh up')"
    exit 1
  fi
  if api_ready; then
    state CLUSTER_READY "context ${CONTEXT}"
  else
    state ERROR "cluster ${CLUSTER} exists but its API server does not answer (stopped? 'up' starts it)"
    exit 1
  fi
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://${REGISTRY_FROM_HOST}/v2/" || true)"
  case "$code" in
    200 | 401) note "registry ${REGISTRY_FROM_HOST}: HEALTHY (HTTP ${code})" ;;
    *) note "registry ${REGISTRY_FROM_HOST}: UNHEALTHY (HTTP ${code:-none})" && ok=false ;;
  esac
  if kc get namespace "$NAMESPACE" >/dev/null 2>&1; then
    note "namespace ${NAMESPACE}: present"
  else
    note "namespace ${NAMESPACE}: missing"
    ok=false
  fi
  if command -v helm >/dev/null 2>&1; then
    note "helm release ${RELEASE}: $(helm --kube-context "$CONTEXT" --namespace "$NAMESPACE" status "$RELEASE" 2>/dev/null |
      sed -n 's/^STATUS: //p' | grep . || echo 'not installed (Tilt may own the workloads)')"
  fi
  local name ready
  for name in minio "${SERVICES[@]/#/${RELEASE}-}"; do
    ready="$(kcn get deployment "$name" -o jsonpath='{.status.readyReplicas}/{.spec.replicas}' 2>/dev/null || true)"
    case "$ready" in
      "") note "deployment ${name}: absent" && ok=false ;;
      /*) note "deployment ${name}: 0${ready} ready" && ok=false ;;
      *) note "deployment ${name}: ${ready} ready" ;;
    esac
  done
  if [ "$ok" = true ]; then
    state READY "all checks passed"
  else
    state DEGRADED "see the lines above"
    exit 1
  fi
}

main() {
  local command="${1:-}"
  [ $# -gt 0 ] && shift
  case "$command" in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
