#!/usr/bin/env bash
# Builds local stand-ins for the official base images where no image registry can be reached (CI on
# this project's machines): Debian 12 root filesystems from Debian's packages (mmdebstrap), imported
# into the container engine under the names that tools/containers/build-image.sh looks for.
#   node:  Debian minbase + the pinned official Node binary (.nvmrc) + user node (1000)
#   nginx: Debian minbase + Debian's nginx, envsubst, busybox's sh/wget + user nginx (101)
# Skips an image that already exists; `--force` rebuilds both. Needs root and mmdebstrap.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/tools/containers/base-images.sh"
engine="$(bash "$root/tools/containers/engine.sh")"
force="${1:-}"

command -v mmdebstrap >/dev/null || { echo "build-base-stand-ins: mmdebstrap is missing (apt-get install -y mmdebstrap)" >&2; exit 1; }
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# Documentation, manuals and translations are not part of the official slim images either.
slim=(--variant=minbase --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*'
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*')

needed() { [[ "$force" == --force ]] || ! "$engine" image inspect "$1" >/dev/null 2>&1; }

if needed "$NODE_STAND_IN"; then
  node_bin="$(bash "$root/tools/node/install-pinned-node.sh")/node"
  echo "building $NODE_STAND_IN (Node $("$node_bin" --version))"
  mmdebstrap "${slim[@]}" --quiet \
    --customize-hook="install -m 0755 '$node_bin' \"\$1/usr/local/bin/node\"" \
    --customize-hook='chroot "$1" groupadd --gid 1000 node' \
    --customize-hook='chroot "$1" useradd --uid 1000 --gid node --shell /bin/bash --create-home node' \
    bookworm "$scratch/node.tar"
  "$engine" import --change 'CMD ["node"]' "$scratch/node.tar" "$NODE_STAND_IN" >/dev/null
fi

if needed "$NGINX_STAND_IN"; then
  echo "building $NGINX_STAND_IN"
  mmdebstrap "${slim[@]}" --quiet --include=nginx,gettext-base,busybox \
    --customize-hook='ln -s /bin/busybox "$1/usr/local/bin/wget"' \
    --customize-hook='chroot "$1" groupadd --system --gid 101 nginx' \
    --customize-hook='chroot "$1" useradd --system --uid 101 --gid nginx --no-create-home --shell /usr/sbin/nologin nginx' \
    bookworm "$scratch/nginx.tar"
  "$engine" import --change 'USER 101' --change 'CMD ["nginx", "-g", "daemon off;"]' "$scratch/nginx.tar" "$NGINX_STAND_IN" >/dev/null
fi
