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

finish title_weight_test
