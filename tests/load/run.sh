#!/usr/bin/env bash
# Load benchmark of `dossier serve` (release build) on loopback with wrk:
# requests per second and p50/p99 latency of the search, entity and quotes
# endpoints at 64 concurrent connections, each run bounded in time.
#
#   tests/load/run.sh [STORE]        # default: builds a 100,000-document store
#
# Without STORE it writes a synthetic corpus with `dossier bench gen-corpus`
# and ingests it with `dossier bench store --name-mentions` (synthetic linked
# names, so entity and speaker queries have something to find before NER and
# linking land). Query paths are drawn from the store itself: top entities
# for entity pages and speakers, common words for search. Results go to
# target/load/ (raw wrk output and a summary table).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
out="$root/target/load"
mkdir -p "$out"
DOCS="${DOCS:-100000}"
DURATION="${DURATION:-20s}"
CONNS="${CONNS:-64}"
THREADS="${THREADS:-2}"

command -v wrk >/dev/null || { DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq wrk >/dev/null; }
# DOSSIER_BIN: a binary to measure instead of this checkout's release build
# (to compare two versions on one store); ENDPOINTS: a subset to run.
bin="${DOSSIER_BIN:-}"
if [ -z "$bin" ]; then
  timeout 2400 cargo build -q --release -p dossier
  bin="$root/target/release/dossier"
fi
ENDPOINTS="${ENDPOINTS:-search entity quotes search_facets}"

store="${1:-}"
if [ -z "$store" ]; then
  store="$root/target/load/store-$DOCS"
  if [ ! -f "$store/dossier.sqlite" ]; then
    corpus="$root/target/load/corpus-$DOCS"
    [ -d "$corpus" ] || timeout 1800 "$bin" bench gen-corpus --docs "$DOCS" --out "$corpus"
    timeout 3600 "$bin" bench store --name-mentions --queries 10 --into "$store" "$corpus" | tee "$out/ingest.txt"
  fi
fi

server_pid=""
cleanup() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
"$bin" --store "$store" serve --addr 127.0.0.1:0 >"$out/serve.out" 2>"$out/serve.err" &
server_pid=$!
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out/serve.out" | head -1 || true)"
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$out/serve.err"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "load: the server did not start"; exit 1; }

# Query paths from the store itself.
curl -sf --max-time 120 "$url/api/stats?top=100" >"$out/stats.json"
python3 - "$out" <<'PY'
import json, sys, urllib.parse
out = sys.argv[1]
st = json.load(open(f"{out}/stats.json"))
ids = [t["entity"]["id"] for t in st["top_entities"]]
q = urllib.parse.quote
words = ["said", "government", "minister", "police", "election", "president", "city", "report", "market", "health",
         "water", "court", "\"prime minister\"", "school", "war", "team", "company", "oil", "vote", "border"]
with open(f"{out}/search.paths", "w") as f:
    for w in words:
        f.write(f"/api/search?q={q(w)}&limit=20\n")
with open(f"{out}/search_facets.paths", "w") as f:
    for w in words:
        f.write(f"/api/search?q={q(w)}&limit=20&facets=true\n")
with open(f"{out}/entity.paths", "w") as f:
    for i in ids or ["none"]:
        f.write(f"/api/entities/{q(i)}\n")
with open(f"{out}/quotes.paths", "w") as f:
    for i in ids or ["none"]:
        f.write(f"/api/quotes?speaker={q(i)}&limit=20\n")
    f.write("/api/quotes?limit=20\n")
print(f"load: {st['stats']['documents']} documents, {st['stats']['entities']} entities, {st['stats']['quotes']} quotes; {len(ids)} entity ids")
PY

{
  echo "store: $store"
  echo "documents: $(python3 -c "import json;print(json.load(open('$out/stats.json'))['stats']['documents'])")"
  echo "wrk: $CONNS connections, $THREADS threads, $DURATION per endpoint, loopback; $(nproc) cores shared by server and wrk"
  printf "%-8s %10s %10s %10s %10s %8s\n" endpoint req/s p50 p99 requests errors
} >"$out/summary.txt"
for ep in $ENDPOINTS; do
  # Warm-up (caches, pool), then the measured run.
  timeout 60 wrk -t"$THREADS" -c"$CONNS" -d3s --timeout 10s -s "$here/paths.lua" "$url" -- "$out/$ep.paths" >/dev/null
  timeout 300 wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout 10s --latency -s "$here/paths.lua" "$url" -- "$out/$ep.paths" >"$out/$ep.wrk"
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/$ep.wrk")
  p50=$(awk '$1=="50%" {print $2}' "$out/$ep.wrk")
  p99=$(awk '$1=="99%" {print $2}' "$out/$ep.wrk")
  n=$(awk '/requests in/ {print $1}' "$out/$ep.wrk")
  errs=$(awk '/Non-2xx/ {s+=$NF} /Socket errors/ {gsub(",","");s+=$4+$6+$8+$10} END {print s+0}' "$out/$ep.wrk")
  printf "%-8s %10s %10s %10s %10s %8s\n" "$ep" "$rps" "$p50" "$p99" "$n" "$errs" >>"$out/summary.txt"
done
cat "$out/summary.txt"
