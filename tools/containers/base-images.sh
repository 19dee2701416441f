# The base images of the Dockerfiles (sourced by the scripts next to this file and the test command).
# The official ones are the Dockerfiles' defaults; the stand-ins are what build-base-stand-ins.sh
# makes from Debian's packages where no image registry can be reached.
node_version="$(tr -d '[:space:]v' < "$(dirname "${BASH_SOURCE[0]}")/../../.nvmrc")"
NODE_IMAGE="node:${node_version}-bookworm-slim"
NGINX_IMAGE="nginxinc/nginx-unprivileged:1.28.0-alpine"
NODE_STAND_IN="todo-stand-in/node:${node_version}-bookworm-slim"
NGINX_STAND_IN="todo-stand-in/nginx-unprivileged:bookworm"

# base_image_args <engine> <build argument>...: prints `--build-arg NAME=stand-in` for each base a
# local stand-in exists for; the others must be here or pullable, else one line says what to do.
base_image_args() {
  local engine="$1" arg official stand_in
  shift
  for arg in "$@"; do
    case "$arg" in
      NODE_IMAGE) official="$NODE_IMAGE" stand_in="$NODE_STAND_IN" ;;
      NGINX_IMAGE) official="$NGINX_IMAGE" stand_in="$NGINX_STAND_IN" ;;
      *) echo "base-images: unknown base image argument $arg" >&2; return 1 ;;
    esac
    if "$engine" image inspect "$stand_in" >/dev/null 2>&1; then echo "--build-arg $arg=$stand_in"; continue; fi
    "$engine" image inspect "$official" >/dev/null 2>&1 || "$engine" pull -q "$official" >/dev/null 2>&1 || {
      echo "base image $official is neither here nor pullable: build local stand-ins with 'bash tools/containers/build-base-stand-ins.sh'" >&2
      return 1
    }
  done
}
