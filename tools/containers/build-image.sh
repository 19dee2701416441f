#!/usr/bin/env bash
# Builds one service's image from what Nx built (the `container` target of every service runs it):
#   bash tools/containers/build-image.sh <project> [engine build flags, e.g. --no-cache]
# Tags: ${IMAGE_REPOSITORY:-todo/<project>} with the commit and with ${IMAGE_LOCAL_TAG:-local} (what
# `npm run start:containers` and the container suites run; a test in a scratch workspace sets its own,
# so it never replaces the checkout's images). The same Dockerfile builds with Docker
# and Podman; Podman builds in Docker's image format, which keeps HEALTHCHECK.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
project="${1:?usage: build-image.sh <project> [engine build flags]}"
shift
dockerfile="apps/$project/Dockerfile"
[[ -f "$dockerfile" ]] || { echo "build-image: $dockerfile does not exist" >&2; exit 1; }
engine="$(bash tools/containers/engine.sh)"
source tools/containers/base-images.sh

# The base images this Dockerfile takes as build arguments: local stand-ins where they were built.
mapfile -t bases < <(sed -n 's/^ARG \([A-Z_]*_IMAGE\)=.*/\1/p' "$dockerfile")
base_args_text="$(base_image_args "$engine" "${bases[@]}")" || exit 1
read -r -d '' -a base_args <<< "$base_args_text" || true

repository="${IMAGE_REPOSITORY:-todo/$project}"
engine_args=()
if [[ "$engine" == podman ]]; then engine_args=(--format docker --ignorefile "$dockerfile.dockerignore"); fi
"$engine" build --quiet "${engine_args[@]}" "${base_args[@]}" "$@" --file "$dockerfile" \
  --tag "$repository:$(git rev-parse HEAD)" --tag "$repository:${IMAGE_LOCAL_TAG:-local}" . >/dev/null
echo "built $repository:${IMAGE_LOCAL_TAG:-local} with $engine$([[ ${#base_args[@]} -gt 0 ]] && echo ' (local stand-in base)')"
