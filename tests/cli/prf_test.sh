#!/usr/bin/env bash
# End-to-end test of --prf (pseudo-relevance feedback) on search, run and bench: expansion
# finds a document by the feedback documents' words, "off" is the ranking without, and a
# bad specification is a usage error.
#
#   bash tests/cli/prf_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
#
# Runs every check, prints each failure (expected vs got) and exits 1 if any failed.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup prf_test "$@"

# Three documents about volcanoes, one about magma without the word "Vulkan", and 40 others.
COLLECTION="$WORK/volcanoes"
mkdir -p "$COLLECTION"
{
  echo '{"id":"vulkan-1","lang":"de","text":"Der Vulkan spuckt Lava und Asche über das Tal, der Vulkan grollt."}'
  echo '{"id":"vulkan-2","lang":"de","text":"Lava fließt aus dem Vulkan, Magma steigt im Krater auf."}'
  echo '{"id":"vulkan-3","lang":"de","text":"Ein Vulkan im Meer: Asche und Magma, der Krater raucht."}'
  echo '{"id":"magma","lang":"de","text":"Magma erstarrt zu Gestein, Lava kühlt im Krater ab."}'
  for i in $(seq 0 39); do
    echo "{\"id\":\"other-$i\",\"lang\":\"de\",\"text\":\"Ein Dokument über Thema$i und Ding$((i % 13)) im Garten$((i % 7)).\"}"
  done
} >"$COLLECTION/docs.jsonl"
printf 'q1\tVulkan\nq2\tKrater Asche\n' >"$COLLECTION/queries.tsv"
printf 'q1 0 vulkan-1 1\nq1 0 magma 1\nq2 0 vulkan-3 1\n' >"$COLLECTION/qrels.txt"
DB="$WORK/db"
run index --db "$DB" --quiet "$COLLECTION/docs.jsonl"
expect_exit "index" 0

# --- search -----------------------------------------------------------------------------

run search --db "$DB" --no-snippets -k 20 vulkan
expect_exit "search without --prf" 0
expect_not_contains "without --prf, magma is not found" "$OUT" "magma"
PLAIN=$OUT
run search --db "$DB" --no-snippets -k 20 --prf rm3:docs=3,terms=5 vulkan
expect_exit "search --prf rm3" 0
expect_contains "--prf rm3 finds magma through lava and krater" "$OUT" "magma"
for method in bo1 "rm3:weight=0.3,bigrams=0"; do
  run search --db "$DB" --no-snippets -k 20 --prf "$method" vulkan
  expect_exit "search --prf $method" 0
done
run search --db "$DB" --no-snippets -k 20 --prf off vulkan
expect_eq "--prf off ranks as without" "$PLAIN" "$OUT"
run search --db "$DB" --no-snippets -k 20 --prf rm3:weight=1 vulkan
expect_eq "--prf rm3:weight=1 ranks as without" "$PLAIN" "$OUT"

for bad in rm4 trad "rm3:docs=0" "rm3:terms=x" "rm3:weight=2" "rm3:k1=1" "rm3:" "bo1:bigrams=2"; do
  run search --db "$DB" --prf "$bad" vulkan
  expect_exit "search --prf $bad" 2
  expect_one_error_line "search --prf $bad"
  expect_contains "search --prf $bad says why" "$ERR" "invalid --prf"
done

# --- run and bench ------------------------------------------------------------------------

run run --db "$DB" --queries "$COLLECTION/queries.tsv" -q -o "$WORK/plain.run"
expect_exit "run without --prf" 0
run run --db "$DB" --queries "$COLLECTION/queries.tsv" --prf off -q -o "$WORK/off.run"
expect_eq "run --prf off writes the run without" "$(cat "$WORK/plain.run")" "$(cat "$WORK/off.run")"
run run --db "$DB" --queries "$COLLECTION/queries.tsv" --prf rm3:docs=3,terms=5 -q -o "$WORK/rm3.run"
expect_exit "run --prf rm3" 0
expect_contains "run --prf rm3 finds magma for q1" "$(cat "$WORK/rm3.run")" "q1 Q0 magma"
run run --db "$DB" --queries "$COLLECTION/queries.tsv" --prf "rm3:docs=x"
expect_exit "run --prf rm3:docs=x" 2
expect_contains "run --prf rm3:docs=x says why" "$ERR" "invalid --prf"

run bench --collection "$COLLECTION" --prf rm3:docs=3,terms=5 --json "$WORK/bench.json"
expect_exit "bench --prf rm3" 0
expect_contains "bench --json records --prf" "$(cat "$WORK/bench.json")" '"prf": "rm3:docs=3,terms=5,weight=0.5,bigrams=1"'
run bench --collection "$COLLECTION" --prf "rm3:weight=-1"
expect_exit "bench --prf rm3:weight=-1" 2
expect_contains "bench --prf rm3:weight=-1 says why" "$ERR" "invalid --prf"

finish prf_test
