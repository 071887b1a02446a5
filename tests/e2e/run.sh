#!/usr/bin/env bash
# End-to-end tests of the web UI in headless Chromium.
#
# Installs what it needs (Debian's chromium, playwright-core from npm into
# tests/e2e/node_modules), builds `dossier`, ingests the committed fixtures
# (the demo corpus and hostile pages) into a fresh store with the real
# pipeline, starts `dossier serve` on a free loopback port, runs e2e.mjs,
# keeps screenshots in target/e2e-artifacts/, stops the server, and exits
# non-zero on any failure. Every step is bounded in time.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
art="$root/target/e2e-artifacts"
rm -rf "$art"
mkdir -p "$art"

if ! command -v chromium >/dev/null 2>&1; then
  echo "e2e: installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  timeout 600 apt-get update -qq >/dev/null
  timeout 900 apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "e2e: installing playwright-core"
  (cd "$here" && timeout 600 npm ci --no-audit --no-fund --silent)
fi

profile="${E2E_PROFILE:-debug}"
if [ "$profile" = release ]; then
  timeout 1800 cargo build -q --release -p dossier
else
  timeout 1800 cargo build -q -p dossier
fi
bin="$root/target/$profile/dossier"

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "e2e: building a store from the fixtures"
timeout 300 "$bin" --store "$work/store" ingest data/demo/wikinews-gum.jsonl crates/dossier-cli/tests/fixtures/serve/ >"$art/ingest.log" 2>&1 \
  || { cat "$art/ingest.log"; exit 1; }

"$bin" --store "$work/store" serve --addr 127.0.0.1:0 >"$work/serve.out" 2>"$art/serve.err" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.out" | head -1 || true)"
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "e2e: the server died:"; cat "$art/serve.err"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "e2e: the server did not start"; exit 1; }
echo "e2e: server at $url"

status=0
DOSSIER_URL="$url" ARTIFACTS="$art" CHROMIUM="$(command -v chromium)" \
  timeout 600 node "$here/e2e.mjs" || status=$?
echo "e2e: screenshots in $art"
exit "$status"
