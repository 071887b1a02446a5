#!/usr/bin/env bash
# Compares the JSON that two builds of dossier write for the demo corpus and
# the seed articles, byte for byte: a speed change must not change output.
#
#   bash scripts/same-output.sh OLD_BINARY NEW_BINARY [EXTRA_INPUT...]
#
# Exits 0 when every output is identical, 1 (naming the first differing
# line of each input) otherwise. Run from the repository root, with the
# shared data beside it (../shared/data).
set -euo pipefail
old=${1:?usage: same-output.sh OLD NEW [INPUT...]}
new=${2:?usage: same-output.sh OLD NEW [INPUT...]}
shift 2
inputs=(data/demo/wikinews-gum.jsonl)
if [ -d ../shared/data/corpus/seeds ]; then
  inputs+=(../shared/data/corpus/seeds)
else
  echo "note: ../shared/data/corpus/seeds absent, compared the demo corpus only" >&2
fi
inputs+=("$@")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for input in "${inputs[@]}"; do
  for j in 1 2; do
    "$old" extract -j "$j" "$input" >"$tmp/old" 2>/dev/null || [ $? -eq 1 ]
    "$new" extract -j "$j" "$input" >"$tmp/new" 2>/dev/null || [ $? -eq 1 ]
    if cmp -s "$tmp/old" "$tmp/new"; then
      echo "same: $input -j$j ($(wc -l <"$tmp/new") documents, $(wc -c <"$tmp/new") bytes)"
    else
      status=1
      line=$(cmp "$tmp/old" "$tmp/new" | sed -n 's/.* line \([0-9]*\).*/\1/p')
      echo "DIFFERENT: $input -j$j, first at document line ${line:-?}"
    fi
  done
done
exit $status
