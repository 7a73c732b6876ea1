#!/usr/bin/env bash
# End-to-end test of the title's weight in ranking: --title-weight on search, run, bench
# and tune (query time), and index --title-wdf (index time, stored in the index): a title
# match lifts its document, 0 ranks as without, bad values are usage errors.
#
#   bash tests/cli/title_weight_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
#
# Runs every check, prints each failure (expected vs got) and exits 1 if any failed.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup title_weight_test "$@"

# "Vulkan" in one title, five times in another document's text, and 30 other documents.
COLLECTION="$WORK/volcanoes"
mkdir -p "$COLLECTION"
{
  echo '{"id":"in-title","lang":"de","title":"Vulkane der Welt","text":"Ein Berg spuckt Lava und Asche über das Tal."}'
  echo '{"id":"in-text","lang":"de","title":"Berge der Welt","text":"Der Vulkan, ein Vulkan, noch ein Vulkan, ein Vulkan und ein Vulkan: Lava im Tal."}'
  for i in $(seq 0 29); do
    echo "{\"id\":\"other-$i\",\"lang\":\"de\",\"title\":\"Thema$i\",\"text\":\"Ein Dokument über Ding$((i % 13)) im Garten$((i % 7)).\"}"
  done
} >"$COLLECTION/docs.jsonl"
printf 'q1\tVulkan\nq2\tLava Tal\nq3\tDing3 Garten3\n' >"$COLLECTION/queries.tsv"
printf 'q1 0 in-title 1\nq2 0 in-text 1\nq3 0 other-3 1\n' >"$COLLECTION/qrels.txt"
DB="$WORK/db"
run index --db "$DB" --quiet "$COLLECTION/docs.jsonl"
expect_exit "index" 0

# --- search -----------------------------------------------------------------------------

run search --db "$DB" --no-snippets -k 20 vulkan
expect_exit "search without --title-weight" 0
PLAIN=$OUT
expect_match "without --title-weight, the text's five Vulkan come first" "$OUT" "1\. in-text"
run search --db "$DB" --no-snippets -k 20 --title-weight 0 vulkan
expect_eq "--title-weight 0 ranks as without" "$PLAIN" "$OUT"
run search --db "$DB" --no-snippets -k 20 --title-weight 2 vulkan
expect_exit "search --title-weight 2" 0
expect_match "--title-weight 2 puts the title match first" "$OUT" "1\. in-title"
expect_match "--title-weight 2 keeps the text match" "$OUT" "2\. in-text"
expect_contains "--title-weight 2 finds the same 2 documents" "$OUT" "2 of 2 results"
run search --db "$DB" --json -k 1 --title-weight 2.5 vulkan
expect_contains "search --json --title-weight" "$OUT" '"id":"in-title"'

for bad in -1 x nan inf 1,5 ""; do
  run search --db "$DB" --title-weight "$bad" vulkan
  expect_exit "search --title-weight '$bad'" 2
  expect_one_error_line "search --title-weight '$bad'"
done
run search --db "$DB" --title-weight -0.5 vulkan
expect_contains "a bad --title-weight says why" "$ERR" "invalid --title-weight '-0.5' (expected a number >= 0"

# --- run, bench and tune ------------------------------------------------------------------

run run --db "$DB" --queries "$COLLECTION/queries.tsv" -q -o "$WORK/plain.run"
expect_exit "run without --title-weight" 0
run run --db "$DB" --queries "$COLLECTION/queries.tsv" --title-weight 0 -q -o "$WORK/zero.run"
expect_eq "run --title-weight 0 writes the run without" "$(cat "$WORK/plain.run")" "$(cat "$WORK/zero.run")"
run run --db "$DB" --queries "$COLLECTION/queries.tsv" --title-weight 2 -q -o "$WORK/title.run"
expect_exit "run --title-weight 2" 0
expect_contains "run --title-weight 2 ranks in-title first for q1" "$(cat "$WORK/title.run")" "q1 Q0 in-title 1 "
expect_eq "run --title-weight 2 leaves q3 (no title match) as it was" \
  "$(grep '^q3 ' "$WORK/plain.run")" "$(grep '^q3 ' "$WORK/title.run")"
run run --db "$DB" --queries "$COLLECTION/queries.tsv" --title-weight=-2
expect_exit "run --title-weight -2" 2
expect_contains "run --title-weight -2 says why" "$ERR" "invalid --title-weight"

run bench --collection "$COLLECTION" --title-weight 1.5 --json "$WORK/bench.json"
expect_exit "bench --title-weight" 0
expect_contains "bench --json records --title-weight" "$(cat "$WORK/bench.json")" '"title_weight": 1.5'
run bench --collection "$COLLECTION" --title-weight y
expect_exit "bench --title-weight y" 2

run tune --db "$DB" --queries "$COLLECTION/queries.tsv" --qrels "$COLLECTION/qrels.txt" --folds 3 \
  --grid 'title=0|2' --per-setting
expect_exit "tune --grid title=0|2" 0
expect_contains "tune names the default setting" "$OUT" "--title-weight 0"
expect_contains "tune names the title setting" "$OUT" "--title-weight 2"
run tune --db "$DB" --queries "$COLLECTION/queries.tsv" --qrels "$COLLECTION/qrels.txt" --folds 3 \
  --grid 'k1=0.9|1.2' --title-weight 2 --run "$WORK/cv.run"
expect_exit "tune --title-weight as what the grid does not vary" 0
expect_contains "tune --title-weight 2 ranks q1's title match first" "$(cat "$WORK/cv.run")" "q1 Q0 in-title 1 "

# --- index --title-wdf ---------------------------------------------------------------------

run info --db "$DB" --json
expect_contains "info --json: a new index counts titles twice" "$OUT" '"title_wdf":2'
run info --db "$DB"
expect_match "info: title wdf" "$OUT" "^title wdf +2$"
DB5="$WORK/db5"
run index --db "$DB5" --quiet --title-wdf 5 "$COLLECTION/docs.jsonl"
expect_exit "index --title-wdf 5" 0
run info --db "$DB5" --json
expect_contains "info --json: --title-wdf 5 is stored" "$OUT" '"title_wdf":5'
run search --db "$DB5" --no-snippets -k 20 vulkan
expect_match "--title-wdf 5 puts the title match first" "$OUT" "1\. in-title"
run index --db "$DB5" --quiet "$COLLECTION/docs.jsonl"
expect_exit "index again without --title-wdf keeps it" 0
run info --db "$DB5" --json
expect_contains "the stored --title-wdf stays" "$OUT" '"title_wdf":5'
run index --db "$DB5" --quiet --title-wdf 1 "$COLLECTION/docs.jsonl"
expect_exit "index --title-wdf 1 on an index of 5" 2
expect_one_error_line "index --title-wdf 1 on an index of 5"
expect_contains "a different --title-wdf says why" "$ERR" "was created with title wdf 5, not 1; overwrite the index to change it"
for bad in 101 -1 x; do
  run index --db "$WORK/db-bad" --quiet --title-wdf "$bad" "$COLLECTION/docs.jsonl"
  expect_exit "index --title-wdf $bad" 2
  expect_one_error_line "index --title-wdf $bad"
done
expect_no_file "a refused --title-wdf creates no index" "$WORK/db-bad"
run bench --collection "$COLLECTION" --title-wdf 0 --json "$WORK/bench0.json"
expect_exit "bench --title-wdf 0" 0
expect_contains "bench --json records --title-wdf" "$(cat "$WORK/bench0.json")" '"title_wdf": 0'
run bench --collection "$COLLECTION" --title-wdf 200
expect_exit "bench --title-wdf 200" 2

# --- tools/bench/title_experiments.sh on the tiny collection --------------------------------

mkdir -p "$WORK/data/tiny"
cp -r "$COLLECTION" "$WORK/data/tiny/de"
SCRIPT="$(dirname "${BASH_SOURCE[0]}")/../../tools/bench/title_experiments.sh"
POLYSEARCH_RETRIEVAL_DATA="$WORK/data" TITLE_COLLECTIONS="tiny/de" TITLE_FOLDS=3 \
  TITLE_WDFS="3 1 5" TITLE_THREADS=1 bash "$SCRIPT" "$BIN" "$WORK/experiments" \
  >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
collect "title_experiments.sh"
expect_exit "title_experiments.sh on a tiny collection" 0
expect_match "title_experiments.sh: a row per title wdf" "$OUT" "^\| 5 \| [0-9.]+ \([+-][0-9.]+, p = "
expect_match "title_experiments.sh: the cross-validated row" "$OUT" "^\| cross-validated \(3 folds\) \| [0-9.]+ .*folds: "
expect_contains "title_experiments.sh: one collection leaves none to choose a default on" "$OUT" \
  "one collection alone leaves none to choose on"
expect_match "title_experiments.sh: tune's row" "$OUT" "^\| tiny/de \| [0-9.]+ \| [0-9.]+ \| [+-][0-9.]+, p = .* \| [0-9]× "
expect_file_exists "title_experiments.sh keeps tune's report" "$WORK/experiments/tune/tiny-de.txt"

finish title_weight_test
