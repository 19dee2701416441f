#!/usr/bin/env bash
# Installs rootful Podman from Debian and configures it for machines like CI's here (a sandbox
# that cannot raise rlimits, hybrid cgroups, no systemd). Idempotent: run it as often as you like.
# Needs root. Machines with a working Docker engine need none of this.
set -euo pipefail
packages=(podman runc netavark aardvark-dns iptables mmdebstrap)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

conf=/etc/containers/containers.conf
wanted="$(cat <<'CONF'
# Written by tools/containers/install-podman.sh.
[containers]
# The sandbox may not raise RLIMIT_NOFILE / RLIMIT_NPROC.
default_ulimits = []

[engine]
# Debian's crun 1.8 refuses hybrid cgroups; without systemd, cgroups are managed directly.
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"

[network]
network_backend = "netavark"
CONF
)"
if [[ "$(cat "$conf" 2>/dev/null)" != "$wanted" ]]; then
  mkdir -p "$(dirname "$conf")"
  printf '%s\n' "$wanted" > "$conf"
  echo "wrote $conf"
fi
