#!/bin/sh
# The frontend image's entrypoint: renders the template into the writable runtime folder (a tmpfs
# under a read-only root filesystem) over the template's own variables, `${UPPER_CASE}` (so nginx's
# $host, $uri... stay), each required, then runs nginx in the foreground (the template says
# `daemon off;`) with any arguments given: `-t` only checks. A service's public path adds its
# `${<NAME>_UPSTREAM}`.
set -eu
: "${NGINX_TEMPLATE:?}" "${NGINX_RUNTIME_DIR:?}"
variables=$(grep -o '[$][{][A-Z][A-Z0-9_]*[}]' "$NGINX_TEMPLATE" | sort -u | tr '\n' ' ')
for name in $(printf '%s' "$variables" | tr -d '${}'); do
  eval "value=\${$name:-}"
  [ -n "$value" ] || { echo "render-and-run-nginx: set $name (e.g. BACKEND_UPSTREAM=backend.production.todo.local:10000)" >&2; exit 1; }
done
mkdir -p "$NGINX_RUNTIME_DIR"
envsubst "$variables" < "$NGINX_TEMPLATE" > "$NGINX_RUNTIME_DIR/nginx.conf"
exec nginx -e stderr -c "$NGINX_RUNTIME_DIR/nginx.conf" "$@"
