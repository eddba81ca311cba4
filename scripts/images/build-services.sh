#!/usr/bin/env bash
# Builds the JVM images of the three c8s services without a Docker daemon, as OCI images written to
# docker-archive files that `ctr -n k8s.io images import` (or `docker load`, `skopeo copy`) accepts:
#
#   <registry>/c8s-controller:<version>, <registry>/c8s-api-server:<version>, <registry>/c8s-webhook:<version>
#
# and c8s's helper image for step Jobs, <registry>/c8s-helper:<version>, from the node's helper layer
# (scripts/node/prepare.sh must have run; its own manifest, helper.manifest).
#
# Each image is three layers, least to most often changed:
#   1. base     Debian bookworm minbase (mmdebstrap) with ca-certificates and tzdata, a c8s user with UID 1001
#   2. runtime  a Java runtime jlink'ed from the build JDK (JAVA_HOME) to the modules the services use, /opt/java
#   3. app      the module's target/quarkus-app, owned by 1001:0, under /deployments
# The base and runtime layers are cached by a hash of their recipe and inputs; the app layer is rebuilt each
# time (seconds). Same properties as src/main/docker/Dockerfile.jvm: UID 1001, OCI labels, port 8080 (and 8443
# for the webhook), a semver tag and never `latest` (docs/images.md).
#
# Needs root (the layers hold root-owned files), mmdebstrap, umoci, skopeo (scripts/node/prepare.sh installs
# them) and the three modules packaged (./mvnw package). Prints each image's size.
#
# Environment (all optional):
#   C8S_IMAGE_REGISTRY   registry/prefix of the images (default c8s-dev, the chart's image.registry)
#   C8S_IMAGE_VERSION    tag (default: the chart's appVersion); must be semver, never latest
#   C8S_IMAGES_OUT       where the archives and images.manifest go (default target/images in the repository)
#   C8S_IMAGES_CACHE     where the base and runtime layers are cached (default ~/.cache/c8s-images)
#   C8S_NODE_MIRROR      Debian mirror URL or sources file (as for scripts/node/prepare.sh)
#   C8S_AOT_TRAINER      command training an AOT cache on a real start (scripts/images/aot-trainer.sh)
set -euo pipefail
shopt -s inherit_errexit

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "${HERE}/../.." && pwd)"
REGISTRY="${C8S_IMAGE_REGISTRY:-c8s-dev}"
VERSION="${C8S_IMAGE_VERSION:-$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "${ROOT}/charts/c8s/Chart.yaml")}"
OUT="${C8S_IMAGES_OUT:-${ROOT}/target/images}"
CACHE="${C8S_IMAGES_CACHE:-${HOME}/.cache/c8s-images}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
REVISION="$(git -C "${ROOT}" rev-parse HEAD 2>/dev/null || echo unknown)"

START_TS=$(date +%s%N)
log() { echo "[images] $* ($(( ($(date +%s%N) - START_TS) / 1000000 )) ms)"; }
die() { echo "[images] ERROR: $*" >&2; exit 1; }

[[ "${VERSION}" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$ ]] \
  || die "tag '${VERSION}' is not semver (e.g. 0.1.0); set C8S_IMAGE_VERSION. 'latest' is never used."
[[ "$(id -u)" == "0" ]] || die "must run as root: the image layers hold root-owned files (sudo $0)"
for tool in mmdebstrap umoci skopeo; do
  command -v "${tool}" >/dev/null || die "${tool} is missing: run scripts/node/prepare.sh (or apt-get install ${tool})"
done
[[ -x "${JAVA_HOME}/bin/jlink" ]] || die "no jlink in JAVA_HOME=${JAVA_HOME}: point JAVA_HOME at a JDK 21 or newer"

mkdir -p "${OUT}" "${CACHE}"
WORK="$(mktemp -d "${CACHE}/build.XXXXXX")"
trap 'rm -rf "${WORK}"' EXIT

# Modules the services use (Quarkus, fabric8, Vert.x/Netty, the AWS SDK, Micrometer), checked by starting
# each service on the runtime in the image test; java.desktop is there for java.beans (Jackson, SnakeYAML).
MODULES=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management,\
java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,java.security.sasl,java.sql,\
java.transaction.xa,java.xml,java.xml.crypto,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.management.jfr,\
jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

# shellcheck source=../lib/debian-mirror.sh
source "${HERE}/../lib/debian-mirror.sh"

layer_base() { # layer_base <out.tar>
  mmdebstrap --quiet --variant=minbase --format=tar --include=ca-certificates,tzdata \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --customize-hook='chroot "$1" useradd --uid 1001 --gid 0 --home-dir /deployments --no-create-home --shell /usr/sbin/nologin c8s' \
    --customize-hook='mkdir -p "$1"/deployments && chown 1001:0 "$1"/deployments' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*' \
    bookworm "$1" "$(debian_mirror)" </dev/null >&2
}

layer_runtime() { # layer_runtime <out.tar>
  local root="${WORK}/runtime-root"
  mkdir -p "${root}/opt"
  "${JAVA_HOME}/bin/jlink" --add-modules "${MODULES}" --strip-debug --no-man-pages --no-header-files \
    --compress=zip-6 --output "${root}/opt/java"
  tar --numeric-owner --owner=0 --group=0 --sort=name --mtime=@0 -C "${root}" -cf "$1" .
}

inputs_base() { debian_mirror; mmdebstrap --version; }
inputs_runtime() { echo "${MODULES}"; "${JAVA_HOME}/bin/java" -version 2>&1; }

cached_layer() { # cached_layer <name> -> path of the layer tar
  local name="$1" key layer
  key="$( { declare -f "layer_${name}"; "inputs_${name}"; } | sha256sum | cut -c1-16)"
  layer="${CACHE}/${name}-${key}.tar"
  if [[ ! -s "${layer}" ]]; then
    local t0=$(date +%s%N)
    "layer_${name}" "${layer%.tar}.tmp.tar"
    mv "${layer%.tar}.tmp.tar" "${layer}"
    find "${CACHE}" -maxdepth 1 -name "${name}-*.tar" ! -name "${layer##*/}" -delete
    log "${name} layer built in $(( ($(date +%s%N) - t0) / 1000000 )) ms ($(du -h "${layer}" | cut -f1))" >&2
  fi
  echo "${layer}"
}

BASE_LAYER="$(cached_layer base)"
RUNTIME_LAYER="$(cached_layer runtime)"

# A JVM AOT cache is valid only for the runtime that trained it: when the build trained one
# (app.aot, JDK 25+: the root pom's jvm-aot-cache profile), train it again with the image's own
# jlinked runtime, and start the image with it. The JVM checks it at start and goes on without it
# if it does not match. With C8S_AOT_TRAINER set (a command taking <service> <java> <app dir>; the
# e2e build sets it to scripts/images/aot-trainer.sh) the service is trained on a real start against a
# control plane (decision 0073); without it, on Quarkus' start-up up to its static init (no cluster).
train_aot_cache() { # train_aot_cache <service> <deployments dir>
  if [[ ! -x "${WORK}/runtime/opt/java/bin/java" ]]; then
    mkdir -p "${WORK}/runtime" && tar -C "${WORK}/runtime" -xf "${RUNTIME_LAYER}"
  fi
  rm -f "$2/app.aot"
  # The JVM refuses a cache whose jars' times differ from training: train on the times the layer gets.
  find "$2" -exec touch -h -d @0 {} +
  if [[ -n "${C8S_AOT_TRAINER:-}" ]]; then
    ${C8S_AOT_TRAINER} "$1" "${WORK}/runtime/opt/java/bin/java" "$2" >"${WORK}/$1-aot.log" 2>&1 \
      || die "training the AOT cache of $1 on a real start failed: $(tail -5 "${WORK}/$1-aot.log")"
    rm -f "$2/aot-training.log"
  else
    (cd "$2" && "${WORK}/runtime/opt/java/bin/java" -XX:AOTCacheOutput=app.aot \
      -Dquarkus.appcds.generate=true -jar quarkus-run.jar >"${WORK}/$1-aot.log" 2>&1) || true
  fi
  [[ -s "$2/app.aot" ]] || die "training the AOT cache of $1 failed: $(tail -5 "${WORK}/$1-aot.log")"
}

description() {
  case "$1" in
    controller) echo "Reconciles c8s PipelineRuns into Kubernetes Jobs and archives their logs and artifacts" ;;
    api-server) echo "REST API and OpenAPI document of c8s" ;;
    webhook) echo "Receives forge webhooks and creates c8s PipelineRuns; validates c8s resources (admission)" ;;
  esac
}

# The OCI labels every c8s image carries (as the Dockerfiles set them), into the array labels.
oci_labels() { # oci_labels <title> <description>
  labels=(
    --config.label="org.opencontainers.image.title=$1"
    --config.label="org.opencontainers.image.description=$2"
    --config.label="org.opencontainers.image.vendor=c8s"
    --config.label="org.opencontainers.image.version=${VERSION}"
    --config.label="org.opencontainers.image.revision=${REVISION}"
    --config.label="org.opencontainers.image.base.name=debian:bookworm (mmdebstrap minbase)"
  )
}

MANIFEST="${OUT}/images.manifest"
: >"${MANIFEST}.tmp"
for service in controller api-server webhook; do
  app="${ROOT}/${service}/target/quarkus-app"
  [[ -f "${app}/quarkus-run.jar" ]] || die "${app}/quarkus-run.jar is missing: run ./mvnw package -pl ${service} -am"
  image="${REGISTRY}/c8s-${service}:${VERSION}"
  t0=$(date +%s%N)
  app_root="${WORK}/${service}-app"
  mkdir -p "${app_root}/deployments"
  cp -a "${app}/." "${app_root}/deployments/"
  aot=()
  if [[ -f "${app}/app.aot" ]]; then
    train_aot_cache "${service}" "${app_root}/deployments"
    aot=(--config.entrypoint=-XX:AOTCache=/deployments/app.aot)
  fi
  tar --numeric-owner --owner=1001 --group=0 --sort=name --mtime=@0 -C "${app_root}" -cf "${WORK}/${service}-app.tar" ./deployments
  oci="${WORK}/${service}-oci"
  umoci init --layout "${oci}"
  umoci new --image "${oci}:img"
  umoci raw add-layer --image "${oci}:img" --history.created_by="debian bookworm minbase (mmdebstrap)" "${BASE_LAYER}"
  umoci raw add-layer --image "${oci}:img" --history.created_by="jlink ${MODULES}" "${RUNTIME_LAYER}"
  umoci raw add-layer --image "${oci}:img" --history.created_by="${service}/target/quarkus-app" "${WORK}/${service}-app.tar"
  oci_labels "c8s-${service}" "$(description "${service}")"
  ports=(--config.exposedports=8080/tcp)
  [[ "${service}" == webhook ]] && ports+=(--config.exposedports=8443/tcp)
  umoci config --image "${oci}:img" --author=c8s --os=linux --architecture=amd64 \
    --config.user=1001 --config.workingdir=/deployments \
    --config.env=JAVA_HOME=/opt/java \
    --config.env=PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --config.env=LANG=C.UTF-8 \
    --config.entrypoint=/opt/java/bin/java \
    "${aot[@]}" \
    --config.entrypoint=-Dquarkus.http.host=0.0.0.0 \
    --config.entrypoint=-Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    --config.entrypoint=-jar --config.entrypoint=/deployments/quarkus-run.jar \
    "${ports[@]}" \
    "${labels[@]}"
  archive="${OUT}/c8s-${service}.tar"
  rm -f "${archive}.tmp"
  skopeo --insecure-policy copy --quiet "oci:${oci}:img" "docker-archive:${archive}.tmp:${image}"
  mv "${archive}.tmp" "${archive}"
  size=$(stat -c %s "${archive}")
  echo "${image} ${archive} ${size}" >>"${MANIFEST}.tmp"
  log "${image}: $(( size / 1024 / 1024 )) MiB in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
done
mv "${MANIFEST}.tmp" "${MANIFEST}"

# c8s's helper image, the chart's default for the clone and artifact transfer containers of step Jobs: the
# node's helper layer (scripts/node/prepare.sh: git, curl, tar, openssh-client, user 1001) with the release's
# name, tag and labels.
NODE_MANIFEST="${C8S_NODE_CACHE:-${HOME}/.cache/c8s-node}/images.manifest"
node_helper="$(awk '$1 == "c8s.local/c8s-helper:1" { print $2 }' "${NODE_MANIFEST}" 2>/dev/null || true)"
[[ -f "${node_helper}" ]] || die "no helper image in ${NODE_MANIFEST}: run scripts/node/prepare.sh first"
t0=$(date +%s%N)
image="${REGISTRY}/c8s-helper:${VERSION}"
oci="${WORK}/helper-oci"
skopeo --insecure-policy copy --quiet "docker-archive:${node_helper}" "oci:${oci}:img"
oci_labels c8s-helper "Clones repositories and moves artifacts for c8s step Jobs"
umoci config --image "${oci}:img" --author=c8s --config.user=1001 --config.workingdir=/workspace "${labels[@]}"
archive="${OUT}/c8s-helper.tar"
rm -f "${archive}.tmp"
skopeo --insecure-policy copy --quiet "oci:${oci}:img" "docker-archive:${archive}.tmp:${image}"
mv "${archive}.tmp" "${archive}"
echo "${image} ${archive} $(stat -c %s "${archive}")" >"${OUT}/helper.manifest"
log "${image}: $(( $(stat -c %s "${archive}") / 1024 / 1024 )) MiB in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
log "images ready; manifests ${MANIFEST} and ${OUT}/helper.manifest"
