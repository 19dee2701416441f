# The base images of the Dockerfiles (sourced by the scripts next to this file). The official ones
# are the Dockerfiles' defaults; the stand-ins are what build-base-stand-ins.sh makes from Debian's
# packages where no image registry can be reached.
node_version="$(tr -d '[:space:]v' < "$(dirname "${BASH_SOURCE[0]}")/../../.nvmrc")"
NODE_IMAGE="node:${node_version}-bookworm-slim"
NGINX_IMAGE="nginxinc/nginx-unprivileged:1.28.0-alpine"
NODE_STAND_IN="todo-stand-in/node:${node_version}-bookworm-slim"
NGINX_STAND_IN="todo-stand-in/nginx-unprivileged:bookworm"
