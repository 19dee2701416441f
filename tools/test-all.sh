#!/usr/bin/env bash
# The test command (`npm test`): every project's lint, typecheck and tests, then the suites that drive
# real servers, a real browser and the real images, one at a time so their timings are not skewed by each other.
set -uo pipefail
cd "$(dirname "$0")/.."

# Nothing may run on another Node major than the pinned one (.nvmrc) without saying so.
pinned="$(tr -d '[:space:]v' < .nvmrc)"
running="$(node -p process.versions.node)"
if [[ "${running%%.*}" != "${pinned%%.*}" ]]; then
  echo "npm test needs Node ${pinned%%.*} (pinned: $pinned in .nvmrc), but node is $running: run 'nvm use', or put the folder printed by 'bash tools/node/install-pinned-node.sh' first on PATH" >&2
  exit 1
fi

missing=()
for tool in chromium nginx envsubst; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
  echo "npm test needs ${missing[*]} on PATH. On Debian/Ubuntu: sudo apt-get install -y chromium nginx gettext-base" >&2
  exit 1
fi

# The container suites build and run the production images: an engine and their base images first.
if ! engine_error="$(bash tools/containers/engine.sh 2>&1 >/dev/null)"; then
  echo "npm test runs the images: $engine_error" >&2
  exit 1
fi
# shellcheck source=containers/base-images.sh
source tools/containers/base-images.sh
if ! base_error="$(base_image_args "$(bash tools/containers/engine.sh)" NODE_IMAGE NGINX_IMAGE 2>&1 >/dev/null)"; then
  echo "npm test runs the images: $base_error" >&2
  exit 1
fi

export NX_DAEMON=false NX_TUI=false NX_NO_CLOUD=true
# Locally a cached result stands in for a run; CI runs everything, so its closing total is complete.
cache=()
if [[ -n "${CI:-}" ]]; then cache=(--skip-nx-cache); fi
npx nx run-many -t lint typecheck test --parallel=2 --outputStyle=static "${cache[@]}"
checks=$?
npx nx run-many -t e2e smoke e2e-containers --parallel=1 --outputStyle=static "${cache[@]}"
suites=$?

node tools/test-summary/print.cjs
if ((checks != 0 || suites != 0)); then exit 1; fi
