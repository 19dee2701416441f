#!/usr/bin/env bash
# Prints the container engine to use, the one place that chooses it: CONTAINER_ENGINE (docker or
# podman) when set, else Docker when its engine answers, else Podman when installed.
set -euo pipefail
fail() { echo "$1" >&2; exit 1; }
install_hint="install Docker, or Podman (Debian/Ubuntu, as root: bash tools/containers/install-podman.sh)"
case "${CONTAINER_ENGINE:-}" in
  docker | podman)
    command -v "$CONTAINER_ENGINE" >/dev/null || fail "CONTAINER_ENGINE=$CONTAINER_ENGINE but $CONTAINER_ENGINE is not on PATH: $install_hint"
    if [[ "$CONTAINER_ENGINE" == docker ]] && ! docker info >/dev/null 2>&1; then
      fail "CONTAINER_ENGINE=docker but docker's engine does not answer ('docker info' fails): start it"
    fi
    echo "$CONTAINER_ENGINE" ;;
  "")
    if command -v docker >/dev/null && docker info >/dev/null 2>&1; then echo docker
    elif command -v podman >/dev/null; then echo podman
    elif command -v docker >/dev/null; then fail "docker is installed but its engine does not answer ('docker info' fails): start it, or $install_hint"
    else fail "no container engine found: $install_hint"
    fi ;;
  *) fail "CONTAINER_ENGINE must be docker or podman, not '$CONTAINER_ENGINE'" ;;
esac
