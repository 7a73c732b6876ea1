#!/usr/bin/env bash
# Smoke test of `polysearch bench` on the tiny collection in fixtures/collections/seeds:
# it runs, prints the table, writes JSON and runs, and refuses bad collections.
#
#   bash tests/cli/bench_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup bench_test "$@"
COLLECTION="$FIXTURES/collections/seeds"

run bench --collection "$COLLECTION" --json "$WORK/bench.json" --runs "$WORK/runs" --workdir "$WORK/indexes"
expect_exit "bench" 0
expect_match "table header" "$OUT" "^collection +docs +index MB +index s +MB/s +p50 ms +p95 ms +p99 ms +q/s \([0-9]+ thr\) +nDCG@10 +MAP +R@100 +MRR@10$"
expect_match "one row, 5 documents" "$OUT" "^collections/seeds +5 "
expect_contains "progress on stderr" "$ERR" "indexing collections/seeds"
expect_contains "the unbalanced quote is reported" "$ERR" "searched as plain words"
expect_file_exists "JSON written" "$WORK/bench.json"
expect_contains "JSON row" "$(cat "$WORK/bench.json")" '"collection": "collections/seeds"'
if command -v jq >/dev/null 2>&1; then
  expect_eq "JSON queries" 12 "$(jq '.rows[0].queries' "$WORK/bench.json")"
  expect_eq "JSON nDCG@10 in 0..1" true "$(jq '.rows[0].ndcg_cut_10 > 0.5 and .rows[0].ndcg_cut_10 <= 1' "$WORK/bench.json")"
fi
expect_file_exists "run file written" "$WORK/runs/collections-seeds.run"
expect_match "run file lines" "$(head -1 "$WORK/runs/collections-seeds.run")" "^q01 Q0 001 1 [0-9.]+ polysearch$"
expect_file_exists "index kept in --workdir" "$WORK/indexes/collections-seeds/iamglass"

# The run written by bench evaluates to the bench's own nDCG@10.
run eval --qrels "$COLLECTION/qrels.txt" -m ndcg_cut.10 "$WORK/runs/collections-seeds.run"
ndcg=$(awk '{print $3}' <<<"$OUT")
if command -v jq >/dev/null 2>&1; then
  expect_eq "bench nDCG@10 equals eval's" "$ndcg" "$(printf '%.4f' "$(jq -r '.rows[0].ndcg_cut_10' "$WORK/bench.json")")"
fi

run bench --quiet --pooled --literal --chinese-segmentation bigrams --collection "$COLLECTION"
expect_exit "pooled, literal, bigrams" 0
expect_eq "--quiet keeps stderr empty" "" "$ERR"

run bench --collection "$WORK/no-such-collection"
expect_exit "missing collection" 2
expect_one_error_line "missing collection"
expect_contains "missing collection message" "$ERR" "has no docs.jsonl"

run bench --collection "$COLLECTION" --chinese-segmentation unigrams
expect_exit "unknown segmentation" 2
expect_one_error_line "unknown segmentation"

mkdir -p "$WORK/broken"
printf '{"id": "a", "text": "eins"}\nnot json\n' >"$WORK/broken/docs.jsonl"
printf 'q1\teins\n' >"$WORK/broken/queries.tsv"
printf 'q1 0 a 1\n' >"$WORK/broken/qrels.txt"
run bench --quiet --collection "$WORK/broken"
expect_exit "a bad document line stops the bench" 3
expect_one_error_line "a bad document line"
expect_contains "the bad line is named" "$ERR" "docs.jsonl:2:"

finish bench_test
