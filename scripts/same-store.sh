#!/usr/bin/env bash
# Ingests the same inputs with two builds of dossier into fresh stores and
# compares what the stores hold: `dossier export --format jsonl` byte for
# byte, and every table of the SQLite file (rows sorted, so only content
# counts, not page layout), except the columns that say *when* (the
# `ingested` timestamp of each document) and `meta.cooc_upto` (a progress
# mark, equal once each writer has finished). A change to the writer's
# speed must not change the store.
#
#   bash scripts/same-store.sh OLD_BINARY NEW_BINARY [INPUT...]
#
# Without inputs, the demo corpus and the seed articles are used. Exits 0
# when every table is identical, 1 (naming the tables that differ)
# otherwise. Needs the `sqlite3` command-line shell.
set -euo pipefail
old=${1:?usage: same-store.sh OLD NEW [INPUT...]}
new=${2:?usage: same-store.sh OLD NEW [INPUT...]}
shift 2
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=(data/demo/wikinews-gum.jsonl)
  if [ -d ../shared/data/corpus/seeds ]; then
    inputs+=(../shared/data/corpus/seeds)
  else
    echo "note: ../shared/data/corpus/seeds absent, compared the demo corpus only" >&2
  fi
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for side in old new; do
  exe=${!side}
  "$exe" --store "$tmp/$side" ingest "${inputs[@]}" >"$tmp/$side.summary" 2>/dev/null || [ $? -eq 1 ]
  "$exe" --store "$tmp/$side" export --format jsonl >"$tmp/$side.jsonl"
done
status=0
if cmp -s "$tmp/old.jsonl" "$tmp/new.jsonl"; then
  echo "same export: $(wc -l <"$tmp/new.jsonl") records, $(wc -c <"$tmp/new.jsonl") bytes"
else
  status=1
  echo "DIFFERENT export: $(cmp "$tmp/old.jsonl" "$tmp/new.jsonl" | head -1)"
fi
db="$tmp/old/dossier.sqlite"
for table in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
  case $table in
    documents) cols=$(sqlite3 "$db" "SELECT group_concat(name, ', ') FROM pragma_table_info('documents') WHERE name != 'ingested'") ;;
    *) cols='*' ;;
  esac
  where=''
  [ "$table" = meta ] && where="WHERE key != 'cooc_upto'"
  for side in old new; do
    sqlite3 "$tmp/$side/dossier.sqlite" "SELECT $cols FROM $table $where" | LC_ALL=C sort >"$tmp/$side.$table"
  done
  if cmp -s "$tmp/old.$table" "$tmp/new.$table"; then
    echo "same table $table: $(wc -l <"$tmp/new.$table") lines"
  else
    status=1
    echo "DIFFERENT table $table: $(wc -l <"$tmp/old.$table") lines before, $(wc -l <"$tmp/new.$table") after"
  fi
done
exit $status
