#!/usr/bin/env bash
# Ensures the headless browser of the dashboard ITs (api-server's Dashboard*IT): Chromium and chromedriver from
# Debian, at the paths the tests use (dev.c8s.api.ui.Browser), so Selenium never has to look for a driver on the
# internet.
#   /usr/lib/chromium/chromium     the browser (package chromium)
#   /usr/bin/chromedriver          its WebDriver (package chromium-driver, same version)
# A no-op when both are there. Otherwise installs them with apt-get, which needs root.
#
# Cost measured on 2 cores: ~33 s (apt-get update included), ~440 MB on disk.
# Env: C8S_BROWSER_FORCE=1 to reinstall.
set -euo pipefail

START_TS=$(date +%s)
log() { echo "[browser] $* ($(( $(date +%s) - START_TS ))s)"; }

BROWSER=/usr/lib/chromium/chromium
DRIVER=/usr/bin/chromedriver

if [[ "${C8S_BROWSER_FORCE:-0}" != 1 && -x "${BROWSER}" && -x "${DRIVER}" ]]; then
  log "chromium and chromedriver present; nothing to do"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 || {
  echo "[browser] no apt-get: install Chromium at ${BROWSER} and chromedriver at ${DRIVER}, or skip the dashboard ITs with -Dc8s.browser.skip" >&2
  exit 1
}
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=sudo
  else
    echo "[browser] installing chromium needs root (apt-get install chromium chromium-driver), or -Dc8s.browser.skip" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
log "apt-get update"
${SUDO:-} apt-get update -qq
log "apt-get install chromium chromium-driver"
${SUDO:-} apt-get install -y -qq --no-install-recommends chromium chromium-driver
[[ -x "${BROWSER}" && -x "${DRIVER}" ]] || { echo "[browser] installed, but ${BROWSER} or ${DRIVER} is missing" >&2; exit 1; }
log "installed $("${DRIVER}" --version | head -1)"
