#!/usr/bin/env bash
# Builds one service's image from what Nx built (the `container` target of every service runs it):
#   bash tools/containers/build-image.sh <project>
# Tags: ${IMAGE_REPOSITORY:-todo/<project>} with the commit and with `local` (what
# `npm run start:containers` and the container suites run). The same Dockerfile builds with Docker
# and Podman; Podman builds in Docker's image format, which keeps HEALTHCHECK.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
project="${1:?usage: build-image.sh <project>}"
dockerfile="apps/$project/Dockerfile"
[[ -f "$dockerfile" ]] || { echo "build-image: $dockerfile does not exist" >&2; exit 1; }
engine="$(bash tools/containers/engine.sh)"
source tools/containers/base-images.sh

# Each base: the local stand-in when one was built (build-base-stand-ins.sh), else the official
# image, here or pulled.
base_args=()
for pair in "NODE_IMAGE $NODE_IMAGE $NODE_STAND_IN" "NGINX_IMAGE $NGINX_IMAGE $NGINX_STAND_IN"; do
  read -r arg official stand_in <<< "$pair"
  grep -q "^ARG $arg=" "$dockerfile" || continue
  if "$engine" image inspect "$stand_in" >/dev/null 2>&1; then base_args+=(--build-arg "$arg=$stand_in"); continue; fi
  "$engine" image inspect "$official" >/dev/null 2>&1 || "$engine" pull -q "$official" >/dev/null 2>&1 ||
    { echo "build-image: base image $official is neither here nor pullable: build local stand-ins with 'bash tools/containers/build-base-stand-ins.sh'" >&2; exit 1; }
done

repository="${IMAGE_REPOSITORY:-todo/$project}"
engine_args=()
if [[ "$engine" == podman ]]; then engine_args=(--format docker --ignorefile "$dockerfile.dockerignore"); fi
"$engine" build --quiet "${engine_args[@]}" "${base_args[@]}" --file "$dockerfile" \
  --tag "$repository:$(git rev-parse HEAD)" --tag "$repository:local" . >/dev/null
echo "built $repository:local with $engine$([[ ${#base_args[@]} -gt 0 ]] && echo ' (local stand-in base)')"
