#!/usr/bin/env bash
# `polysearch index --shards N` writes the shards on threads (add_batch) and reports every
# document as a plain index run does; `polysearch compact` shrinks an index in place or
# into a new directory, merging shards or keeping them, with the same search results.
#
#   bash tests/cli/compact_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
set -u

# shellcheck source=tests/cli/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup compact_test "$@"

DOCS="$WORK/docs.jsonl"
# 300 generated documents, one bad JSON line (line 101), one with invalid UTF-8 (line 202).
awk 'BEGIN {
  split("Stiftung Gründung Forschung fundación proyecto Linux fundação pesquisa", w, " ")
  for (i = 0; i < 300; i++) {
    if (i == 100) print "{\"id\": \"broken\", "
    if (i == 200) printf "{\"id\": \"bad-utf8\", \"text\": \"caf\303\"}\n"
    printf "{\"id\": \"g%03d\", \"text\": \"%s %s Nummer%d\"}\n", i, w[1 + i % 8], w[1 + (i * 3) % 8], i
  }
}' >"$DOCS"

# ids QUERY DB...: the ids a search finds, sorted (tie order follows internal numbering).
ids() {
  local query=$1
  shift
  local dbs=()
  for db in "$@"; do dbs+=(--db "$db"); done
  "$BIN" search "${dbs[@]}" --json --no-snippets -k 1000 -- "$query" | jq -r .id | sort | tr '\n' ' '
}

# --- index --shards: threads, same reports ----------------------------------------------

run index --db "$WORK/plain" --batch 40 --verbose "$FIXTURES/seeds" "$DOCS"
expect_exit "plain index with a bad line and a bad document" 3
plain_summary=$(grep '^indexed' <<<"$ERR")
plain_verbose=$(grep -c '^g[0-9]' <<<"$ERR")
run index --db "$WORK/sharded" --shards 3 --batch 40 --verbose "$FIXTURES/seeds" "$DOCS"
expect_exit "sharded index with a bad line and a bad document" 3
expect_match "the summary counts as for a plain index" "$(grep '^indexed' <<<"$ERR")" \
  "^indexed 305 documents .*; 2 skipped"
expect_match "the plain summary too" "$plain_summary" "^indexed 305 documents .*; 2 skipped"
expect_eq "every document is reported with --verbose" "$plain_verbose" "$(grep -c '^g[0-9]' <<<"$ERR")"
expect_contains "the bad line is named" "$ERR" "docs.jsonl:101:"
expect_contains "the bad document is named" "$ERR" "docs.jsonl:202: invalid UTF-8"
run info --db "$WORK/sharded" --json
expect_eq "every document is in a shard" 305 "$(jq .documents <<<"$OUT")"
for query in Stiftung "fundación linux" 'fund*' '"Nummer17"'; do
  expect_eq "sharded and plain find the same: $query" "$(ids "$query" "$WORK/plain")" \
    "$(ids "$query" "$WORK/sharded")"
done
run index --db "$WORK/sharded" --shards 3 "$DOCS"
expect_exit "indexing again (replacing) through the threads" 3
expect_contains "indexing again replaces" "$ERR" "300 replaced, 2 skipped"

# --- compact ----------------------------------------------------------------------------

before_plain=$(ids Stiftung "$WORK/plain")
run compact --db "$WORK/plain"
expect_exit "compact in place" 0
expect_match "compact says what it did" "$OUT" \
  "^compacted $WORK/plain: [0-9.]+ MB -> [0-9.]+ MB \([0-9]+%\), 305 documents$"
expect_eq "the same results after compacting" "$before_plain" "$(ids Stiftung "$WORK/plain")"
run index --db "$WORK/plain" --quiet "$FIXTURES/seeds"
expect_exit "a compacted index takes new writes" 0

run compact --db "$WORK/sharded" --output "$WORK/merged" --json
expect_exit "compact a sharded index into a new directory" 0
expect_eq "merged: shards before" 3 "$(jq .shards_before <<<"$OUT")"
expect_eq "merged: shards after" 1 "$(jq .shards_after <<<"$OUT")"
expect_eq "merged: documents" 305 "$(jq .documents <<<"$OUT")"
expect_eq "merged: smaller" true "$(jq '.bytes_after < .bytes_before' <<<"$OUT")"
expect_file_exists "the sharded index keeps its stub" "$WORK/sharded/XAPIANDB"
expect_no_file "the merged index is plain" "$WORK/merged/XAPIANDB"
for query in Stiftung 'fund*' Gründung; do
  expect_eq "merged finds what the shards find: $query" "$(ids "$query" "$WORK/sharded")" \
    "$(ids "$query" "$WORK/merged")"
done
run compact --db "$WORK/sharded" --keep-shards
expect_exit "compact keeping the shards" 0
expect_contains "the shards are kept" "$OUT" "3 shards kept"
expect_file_exists "the kept shards' stub" "$WORK/sharded/XAPIANDB"

# Errors: a usage error for an output that is in use, a data error for a missing or
# locked index; the index is unchanged.
run compact --db "$WORK/plain" --output "$WORK/merged"
expect_exit "compact into a non-empty directory" 2
expect_one_error_line "compact into a non-empty directory"
run compact --db "$WORK/missing"
expect_exit "compact a missing index" 3
expect_one_error_line "compact a missing index"
mkfifo "$WORK/feed"
"$BIN" index --db "$WORK/plain" --verbose - <"$WORK/feed" >/dev/null 2>"$WORK/writer-stderr" &
writer=$!
exec 7>"$WORK/feed"
printf '{"id": "late", "text": "spät", "lang": "de"}\n' >&7
# --verbose reports the document once it is added: the writer holds the lock by then (a
# probe that opened the index itself could take the lock from under the writer).
for _ in $(seq 1 100); do
  grep -q '^late' "$WORK/writer-stderr" && break
  sleep 0.1
done
run compact --db "$WORK/plain"
expect_exit "compact while a writer holds the index" 3
expect_contains "compact says the index is locked" "$ERR" "locked by another writer"
exec 7>&-
wait "$writer"
expect_eq "the writer's document is there afterwards" "late " "$(ids spät "$WORK/plain")"

# --archive: smaller again, the same results, and writers are refused.
before_merged=$(ids 'Stiftung OR fund*' "$WORK/merged")
merged_bytes=$(du -sb "$WORK/merged" | cut -f1)
run compact --db "$WORK/merged" --archive
expect_exit "compact --archive" 0
expect_contains "compact --archive says so" "$OUT" "term lists dropped (archive: searchable, not writable)"
expect_eq "an archive is smaller" 1 "$(($(du -sb "$WORK/merged" | cut -f1) < merged_bytes))"
expect_eq "an archive finds the same" "$before_merged" "$(ids 'Stiftung OR fund*' "$WORK/merged")"
run index --db "$WORK/merged" "$DOCS"
expect_exit "writing to an archive" 3
expect_one_error_line "writing to an archive"
expect_contains "writing to an archive is refused" "$ERR" "compacted as an archive"

finish compact_test
