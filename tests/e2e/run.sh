#!/usr/bin/env bash
# End-to-end tests of the web UI in headless Chromium.
#
# Installs what it needs (Debian's chromium, playwright-core from npm into
# tests/e2e/node_modules), builds `dossier`, ingests the committed fixtures
# (the demo corpus and hostile pages) into a fresh store with the real
# pipeline, starts `dossier serve` on a free loopback port, runs e2e.mjs,
# keeps screenshots in target/e2e-artifacts/ (gitignored), stops the server, and exits
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
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "e2e: building a store from the fixtures"
timeout 300 "$bin" --store "$work/store" ingest data/demo/wikinews-gum.jsonl crates/dossier-cli/tests/fixtures/serve/ tests/e2e/fixtures/ >"$art/ingest.log" 2>&1 \
  || { cat "$art/ingest.log"; exit 1; }

# A second store of the demo corpus with synthetic linked names
# (`bench store --name-mentions`), so the walk to an entity page is tested
# even while the real pipeline links no entity; the real store is used for
# that walk whenever it has a quoted entity.
timeout 300 "$bin" bench store --name-mentions --queries 1 --into "$work/names" data/demo/wikinews-gum.jsonl >"$art/ingest-names.log" 2>&1 \
  || { cat "$art/ingest-names.log"; exit 1; }

pids=()
# Starts `dossier serve` on a free port over store $1; sets $url.
serve() {
  local out="$work/serve-$(basename "$1")-$#.out"
  "$bin" --store "$1" serve --addr 127.0.0.1:0 "${@:2}" >"$out" 2>>"$art/serve.err" &
  local pid=$!
  pids+=("$pid")
  url=""
  for _ in $(seq 1 100); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" | head -1 || true)"
    [ -n "$url" ] && return 0
    kill -0 "$pid" 2>/dev/null || { echo "e2e: the server died:"; cat "$art/serve.err"; exit 1; }
    sleep 0.1
  done
  echo "e2e: the server did not start"; exit 1
}
serve "$work/store"; main_url="$url"
serve "$work/names"; names_url="$url"
serve "$work/store" --token e2e-token; token_url="$url"
# Corrections are tested on a copy of the synthetic-names store, so the other
# tests see it unchanged.
cp -r "$work/names" "$work/names-w"
serve "$work/names-w" --token e2e-token --token-label e2e; write_url="$url"
echo "e2e: servers at $main_url (fixtures) and $names_url (synthetic names)"

status=0
DOSSIER_URL="$main_url" DOSSIER_NAMES_URL="$names_url" DOSSIER_TOKEN_URL="$token_url" DOSSIER_WRITE_URL="$write_url" ARTIFACTS="$art" CHROMIUM="$(command -v chromium)" \
  timeout 600 node "$here/e2e.mjs" || status=$?
echo "e2e: screenshots in $art"
exit "$status"
