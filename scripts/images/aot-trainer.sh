#!/usr/bin/env bash
# Trains a service's JVM AOT cache on a real start (dev.c8s.testing.AotTraining, decision 0073): the
# service starts on <java> against a throwaway control plane and S3Proxy until ready, then stops, and
# the JVM writes <app dir>/app.aot. build-services.sh calls it through C8S_AOT_TRAINER; the e2e build
# sets these (all required):
#   C8S_AOT_TRAINER_CLASSPATH  file holding the test classpath (common-model's test harness and its deps)
#   C8S_AOT_TRAINER_OPTIONS    JVM options of the trainer (-Dc8s.s3proxy.jar=..., -Dc8s.kubernetes.version=...)
#
#   scripts/images/aot-trainer.sh <controller|api-server|webhook> <java> <app dir>
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: $0 <controller|api-server|webhook> <java> <app dir>" >&2; exit 2; }
[[ -s "${C8S_AOT_TRAINER_CLASSPATH:-}" ]] \
  || { echo "C8S_AOT_TRAINER_CLASSPATH must name the trainer's classpath file" >&2; exit 2; }
# shellcheck disable=SC2086 # the options are several words
exec "${JAVA_HOME:-/usr}/bin/java" ${C8S_AOT_TRAINER_OPTIONS:-} \
  -Dmaven.multiModuleProjectDirectory="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)" \
  -cp "$(cat "${C8S_AOT_TRAINER_CLASSPATH}")" dev.c8s.testing.AotTraining "$@"
