# shellcheck shell=bash
# The Debian mirror mmdebstrap uses for the images built here: C8S_NODE_MIRROR (a URL or a sources file)
# when set, else the host's own bookworm sources, else deb.debian.org. Sourced by scripts/node/prepare.sh
# and scripts/images/build-services.sh.
debian_mirror() {
  if [[ -n "${C8S_NODE_MIRROR:-}" ]]; then
    echo "${C8S_NODE_MIRROR}"
  elif grep -qs '^Suites:.*\bbookworm\b' /etc/apt/sources.list.d/debian.sources; then
    echo /etc/apt/sources.list.d/debian.sources
  else
    echo http://deb.debian.org/debian
  fi
}
