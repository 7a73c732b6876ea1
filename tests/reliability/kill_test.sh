#!/usr/bin/env bash
# Interrupted writes lose nothing committed: `polysearch index --batch B` is killed with
# SIGKILL at random moments, restarted on the same corpus and index each time, and after
# every kill the index must open, hold only whole batches (a multiple of B documents, never
# fewer than before), and find the documents of those batches and no others.  At the end
# indexing runs to completion: exactly N documents, each found once.  With --threads 1:
# one writer committing every --batch (a new index built on several writers keeps nothing
# until its end, and is killed in tests/cli/parallel_index_test.sh).
#
#   bash tests/reliability/kill_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
#
# Environment (ctest sets smaller values under the sanitizers):
#   KILL_RUNS   kills (default 20)          KILL_DOCS   documents in the corpus (default 10000)
#   KILL_BATCH  --batch (default 100)       KILL_SEED   seed of the random delays (default: time)
# The full run of docs/RELIABILITY.md:  KILL_RUNS=200 KILL_DOCS=20000 bash tests/reliability/kill_test.sh …
set -u

# shellcheck source=tests/cli/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
setup kill_test "$@"

RUNS=${KILL_RUNS:-20}
DOCS=${KILL_DOCS:-10000}
BATCH=${KILL_BATCH:-100}
SEED=${KILL_SEED:-$(date +%s)}
RANDOM=$SEED
DB="$WORK/db"
CORPUS="$WORK/corpus.jsonl"
echo "kill test: $RUNS kills, $DOCS documents, --batch $BATCH, KILL_SEED=$SEED"

# Small documents in four languages; document i holds the word "unique<i>" (zero-padded)
# and nothing else is unique, so searching it finds exactly that document.
awk -v n="$DOCS" 'BEGIN {
  split("Stiftung Gründung Forschung Berlin Wissenschaft Jahr", de, " ")
  split("fundación proyecto empresa investigación Madrid año", es, " ")
  split("fundação projeto empresa pesquisa Lisboa recessão", pt, " ")
  split("告別 研究 公司 大學 北京 創立", zh, " ")
  for (i = 0; i < n; i++) {
    k = i % 4
    text = ""
    for (j = 0; j < 20; j++) {
      w = 1 + (i * 7 + j * 3) % 6
      text = text (k == 0 ? de[w] : k == 1 ? es[w] : k == 2 ? pt[w] : zh[w]) " "
    }
    lang = k == 0 ? "de" : k == 1 ? "es" : k == 2 ? "pt" : "zh"
    printf "{\"id\": \"doc%06d\", \"lang\": \"%s\", \"text\": \"%s unique%06d\"}\n", i, lang, text, i
  }
}' >"$CORPUS"

# unique_query I: the query that finds document I.
unique_query() { printf 'unique%06d' "$1"; }

# count_documents: sets COUNT to the document count `info` reports, or to "error" (the
# message is in ERR).
count_documents() {
  run info --db "$DB" --json
  COUNT=error
  if [[ $RC -eq 0 ]]; then
    COUNT=$(jq -r .documents <<<"$OUT")
  fi
}

# found I: the id `search` finds for document I's unique word ("" when none).
found() {
  "$BIN" search --db "$DB" --json --no-snippets -k 5 "$(unique_query "$1")" 2>/dev/null |
    jq -r .id | tr '\n' ' ' | sed 's/ $//'
}

# How long a run takes to start (process, new index, and the dictionaries its analysis
# loads on the first word: one German document) and to index everything: the kills are
# spread over that time.
start=$(date +%s%N)
head -n 1 "$CORPUS" | "$BIN" index --db "$WORK/calibration" --threads 1 --quiet - >/dev/null 2>&1
STARTUP_MS=$((($(date +%s%N) - start) / 1000000))
rm -rf "$WORK/calibration"
start=$(date +%s%N)
"$BIN" index --db "$WORK/calibration" --threads 1 --quiet --batch "$BATCH" "$CORPUS" >/dev/null 2>&1
FULL_MS=$((($(date +%s%N) - start) / 1000000))
rm -rf "$WORK/calibration"
INDEXING_MS=$((FULL_MS > STARTUP_MS ? FULL_MS - STARTUP_MS : 1))
SHARE_MS=$((INDEXING_MS / RUNS + 1))
echo "one uninterrupted run: $FULL_MS ms, of which $STARTUP_MS ms starting"

previous=0
mid_run=0
partial=0
log=""
# random_below N: a random number in [0, N).
random_below() { echo $(((RANDOM * 32768 + RANDOM) % $1)); }

for run_number in $(seq 1 "$RUNS"); do
  # Each run first replaces the documents committed before (the same corpus again), then
  # adds new ones.  The kill comes at a random moment near where the last run stopped:
  # 80-100% of the time starting and replacing take, plus up to twice the time an even
  # share of the corpus takes, so the kills fall in replacing, in adding, during commits,
  # before the index exists and (rarely) after the end.  Once everything is committed, at
  # any moment of a run that only replaces.
  # A complete index only gets replaced again, and a kill then leaves it complete: while
  # fewer than a quarter of the kills have left part of the corpus, start from nothing.
  if ((previous == DOCS && partial < RUNS / 4)); then
    rm -rf "$DB"
    previous=0
  fi
  reached_ms=$((STARTUP_MS + INDEXING_MS * previous / DOCS))
  delay_ms=$((reached_ms * 4 / 5 + $(random_below $((reached_ms / 5 + 2 * SHARE_MS)))))
  if ((previous == DOCS)); then
    delay_ms=$(random_below "$((FULL_MS + 1))")
  fi
  "$BIN" index --db "$DB" --threads 1 --quiet --batch "$BATCH" "$CORPUS" >/dev/null 2>"$WORK/index-stderr" &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -KILL "$pid" 2>/dev/null; then
    outcome=killed
    mid_run=$((mid_run + 1))
  else
    outcome=finished
  fi
  wait "$pid" 2>/dev/null
  status=$?
  if [[ $outcome == finished && $status -ne 0 ]]; then
    fail "run $run_number: indexing failed on its own (status $status)" "$(head -3 "$WORK/index-stderr")"
  fi

  count_documents
  count=$COUNT
  CHECKS=$((CHECKS + 1))
  if [[ $count == error ]]; then
    # Killed before the index directory held a database: nothing was committed yet.
    if [[ $previous -eq 0 && ! -e "$DB/iamglass" ]]; then
      log+="$run_number:${delay_ms}ms:none "
      continue
    fi
    fail "run $run_number (killed after $delay_ms ms): the index does not open" "$ERR"
    continue
  fi
  log+="$run_number:${delay_ms}ms:$count "
  ((count > 0 && count < DOCS)) && partial=$((partial + 1))
  if ((count % BATCH != 0 && count != DOCS)); then
    fail "run $run_number (killed after $delay_ms ms): $count documents is not a whole number of batches of $BATCH"
  fi
  CHECKS=$((CHECKS + 1))
  if ((count < previous)); then
    fail "run $run_number: committed documents were lost" "before: $previous, now: $count"
  fi
  # The first and last document of the committed batches are found, the next one is not.
  if ((count > 0)); then
    expect_eq "run $run_number: the first committed document" "doc000000" "$(found 0)"
    expect_eq "run $run_number: the last committed document" "$(printf 'doc%06d' $((count - 1)))" \
      "$(found $((count - 1)))"
    sample=$(random_below "$count")
    expect_eq "run $run_number: a committed document" "$(printf 'doc%06d' "$sample")" "$(found "$sample")"
  fi
  if ((count < DOCS)); then
    expect_eq "run $run_number: the first uncommitted document" "" "$(found "$count")"
  fi
  previous=$count
done
echo "runs (number:delay:documents): $log"
echo "$mid_run of $RUNS kills interrupted a run; $partial left part of the corpus committed"

# To completion: exactly N documents, each found once, by its own word.
run index --db "$DB" --threads 1 --quiet --batch "$BATCH" "$CORPUS"
expect_exit "indexing to completion after $RUNS kills" 0
count_documents
expect_eq "documents after completion" "$DOCS" "$COUNT"
awk -v n="$DOCS" 'BEGIN { for (i = 0; i < n; i++) printf "q%d\tunique%06d\n", i, i }' \
  >"$WORK/queries.tsv"
run run --db "$DB" --queries "$WORK/queries.tsv" -k 3 -q --literal -o "$WORK/all.run"
expect_exit "searching every document's word" 0
# Each query: exactly one line, naming its own document.
wrong=$(awk -v n="$DOCS" '{ hits[$1]++; want = sprintf("doc%06d", substr($1, 2) + 0); if ($3 != want) bad++ }
  END { for (i = 0; i < n; i++) if (hits["q" i] != 1) bad++; print bad + 0 }' "$WORK/all.run")
expect_eq "every document found exactly once, by its own word" 0 "$wrong"
# The delays follow a timing measured once; on a machine busy with other tests a run may
# end before its kill, which proves less but is no failure, unless most runs do.
CHECKS=$((CHECKS + 1))
if [[ $RUNS -ge 8 && $mid_run -lt $((RUNS / 4)) ]]; then
  fail "too few kills interrupted a run" "$mid_run of $RUNS did"
fi
# And the test only has teeth if kills come between a run's first and last commit.
CHECKS=$((CHECKS + 1))
if [[ $RUNS -ge 8 && $partial -lt $((RUNS / 4)) ]]; then
  fail "too few kills left part of the corpus committed" "$partial of $RUNS did"
fi

finish kill_test
