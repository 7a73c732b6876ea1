#!/usr/bin/env bash
# Searching while another process indexes (docs/RELIABILITY.md, "Concurrency"): every
# reader sees whole commits only, never fewer documents than a reader before it, and all
# of them at the end; a second writer is told the index is locked and changes nothing.
#
#   bash tests/reliability/concurrency_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
#
# The writer reads JSON Lines from a FIFO, so the script decides when each batch arrives
# and the readers run between and during its commits whatever the build's speed.
set -u

# shellcheck source=tests/cli/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
setup concurrency_test "$@"

BATCH=50
BATCHES=${CONCURRENCY_BATCHES:-16}  # fewer under the sanitizers (tests/CMakeLists.txt)
DB="$WORK/db"

# batch_lines B: the JSON lines of batch B; every document has the word "gemeinsam".
batch_lines() {
  awk -v b="$1" -v n="$BATCH" 'BEGIN {
    for (i = b * n; i < (b + 1) * n; i++)
      printf "{\"id\": \"c%05d\", \"lang\": \"de\", \"text\": \"gemeinsam Stiftung Nummer n%05d\"}\n", i, i
  }'
}

# hit_count: documents matching the common word, in one search (one snapshot).
hit_count() {
  "$BIN" search --db "$DB" --json --no-snippets -k 100000 gemeinsam 2>"$WORK/search-stderr" | grep -c '"id"'
}

"$BIN" index --db "$DB" --quiet - </dev/null >/dev/null 2>&1  # an empty index to start with
mkfifo "$WORK/feed"
"$BIN" index --db "$DB" --quiet --batch "$BATCH" - <"$WORK/feed" >"$WORK/writer-stdout" 2>"$WORK/writer-stderr" &
WRITER=$!
exec 7>"$WORK/feed"

previous=0
observed=""
for b in $(seq 0 $((BATCHES - 1))); do
  batch_lines "$b" >&7
  # Readers while the writer works on the batch: info, and a search (new processes: new
  # Searchers, so they see the latest commit).
  for _ in 1 2 3; do
    run info --db "$DB" --json
    expect_exit "batch $b: info while indexing" 0
    count=$(jq -r .documents <<<"$OUT")
    hits=$(hit_count)
    CHECKS=$((CHECKS + 1))
    if ((count % BATCH != 0 || hits % BATCH != 0)); then
      fail "batch $b: a reader saw part of a batch" "info: $count, search: $hits"
    fi
    CHECKS=$((CHECKS + 1))
    if ((count < previous || hits < count || hits > (b + 1) * BATCH)); then
      fail "batch $b: readers went back in time" "before: $previous, info: $count, search: $hits"
    fi
    previous=$hits
    observed+="$count/$hits "
  done
  if ((b == BATCHES / 2)); then
    # A second writer, while the first holds the lock.
    batch_lines 999 >"$WORK/other.jsonl"
    run index --db "$DB" --quiet "$WORK/other.jsonl"
    expect_exit "a second writer" 3
    expect_one_error_line "a second writer"
    expect_contains "a second writer" "$ERR" "open index '$DB': locked by another writer"
    run delete --db "$DB" c00000
    expect_exit "delete while another process writes" 3
    expect_contains "delete while another process writes" "$ERR" "locked by another writer"
  fi
done
exec 7>&-
wait "$WRITER"
RC=$?
expect_exit "the writer" 0
echo "readers saw (info/search): $observed"

run info --db "$DB" --json
expect_eq "every batch is there at the end" $((BATCH * BATCHES)) "$(jq -r .documents <<<"$OUT")"
expect_eq "and every document is found" $((BATCH * BATCHES)) "$(hit_count)"
run search --db "$DB" --json --no-snippets n49950
expect_exit "nothing of the second writer's documents" 1
if command -v xapian-check >/dev/null 2>&1; then
  xapian-check "$DB" >"$WORK/check" 2>&1
  RC=$?
  expect_exit "xapian-check finds the index sound" 0
else
  echo "skipped: xapian-check absent (xapian-tools)"
fi

finish concurrency_test
