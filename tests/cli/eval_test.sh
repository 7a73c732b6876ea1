#!/usr/bin/env bash
# End-to-end test of 'polysearch eval' and 'polysearch compare' against trec_eval's output.
#
#   bash tests/cli/eval_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
#
# Runs every check, prints each failure (expected vs got) and exits 1 if any failed.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup eval_test "$@"
CASES="$FIXTURES/trec_eval"
QRELS="$CASES/qrels.txt"

# json_value FILTER: the jq FILTER applied to OUT, or "" without jq.
json_value() {
  command -v jq >/dev/null 2>&1 || return 0
  printf '%s\n' "$OUT" | jq -r "$1"
}

# expect_json NAME FILTER EXPECTED [GREP-FALLBACK]: with jq, FILTER gives EXPECTED; without
# it, OUT contains the fixed string GREP-FALLBACK (if given).
expect_json() {
  if command -v jq >/dev/null 2>&1; then
    expect_eq "$1" "$3" "$(json_value "$2")"
  elif [[ $# -ge 4 ]]; then
    expect_contains "$1" "$OUT" "$4"
  fi
}

PER_QUERY_MEASURES=(-m map -m ndcg_cut.10 -m recip_rank -m recall.100 -m P.10)

# --- trec_eval's output, byte for byte ---------------------------------------------------

for name in plain ties_missing; do
  run eval --qrels "$QRELS" -m all_trec "$CASES/$name.run"
  expect_exit "eval -m all_trec $name" 0
  expect_stdout_file "eval -m all_trec $name (trec_eval -c -m all_trec)" "$CASES/$name.expected.all.txt"

  run eval --qrels "$QRELS" -q "${PER_QUERY_MEASURES[@]}" "$CASES/$name.run"
  expect_exit "eval -q $name" 0
  expect_stdout_file "eval -q $name (trec_eval -c -q -m …)" "$CASES/$name.expected.perquery.txt"

  # The order of -m does not matter (trec_eval prints in its own order); RUN may come first.
  run eval "$CASES/$name.run" --per-query --qrels "$QRELS" -m P.10 -m recall.100 \
    -m recip_rank -m ndcg_cut.10 -m map
  expect_stdout_file "eval --per-query $name, other option order" "$CASES/$name.expected.perquery.txt"
done

# --- default measures, JSON ---------------------------------------------------------------

run eval --qrels "$QRELS" "$CASES/plain.run"
expect_exit "eval default measures" 0
expect_eq "eval default measure lines" \
  "runid num_q num_ret num_rel num_rel_ret map recip_rank P_10 recall_100 ndcg_cut_10" \
  "$(printf '%s\n' "$OUT" | cut -f1 | tr -d ' ' | tr '\n' ' ' | sed 's/ $//')"
expect_contains "eval default values" "$OUT" $'ndcg_cut_10           \tall\t0.0090'

run eval --qrels "$QRELS" --json "$CASES/ties_missing.run"
expect_exit "eval --json" 0
expect_json "eval --json map" '.measures.map.all * 10000 | round' 174 '"map":{"all":0.0174'
expect_json "eval --json num_q" '.measures.num_q.all' 12 '"num_q":{"all":12}'
expect_json "eval --json run" '.run' ties_missing '"run":"ties_missing"'
expect_json "eval --json queries" '.queries' 12 '"queries":12'
expect_json "eval --json without per_query" '.measures.map | has("per_query")' false
CHECKS=$((CHECKS + 1))
if [[ "$OUT" == *per_query* ]]; then fail "eval --json prints per_query only with -q" "$OUT"; fi

run eval --qrels "$QRELS" --json -q -m P.5,10 -m num_q "$CASES/ties_missing.run"
expect_exit "eval --json -q" 0
expect_json "eval --json per-query value" '.measures.P_10.per_query.q05' 0.1 '"q05":0.1'
expect_json "eval --json missing query has no per-query value" \
  '.measures.P_10.per_query | has("q03")' false
expect_json "eval --json per-query queries" '.measures.P_5.per_query | length' 10
expect_json "eval --json num_q has no per_query" '.measures.num_q | has("per_query")' false

# --- compare ------------------------------------------------------------------------------

run compare --qrels "$QRELS" "$CASES/plain.run" "$CASES/ties_missing.run"
expect_exit "compare" 0
expect_contains "compare runs" "$OUT" "A: $CASES/plain.run (plain)"
expect_contains "compare queries" "$OUT" "12 judged queries; a query missing from a run scores 0"
expect_contains "compare default measure" "$OUT" "ndcg_cut_10"
expect_contains "compare means" "$OUT" "  A              0.0090"
expect_contains "compare difference" "$OUT" "  B - A          +0.0051"
expect_contains "compare wins" "$OUT" "better on 3 queries, worse on 2, tied on 7"
expect_contains "compare t-test" "$OUT" "paired t-test  t = 0.4728, df = 11, p = 0.6456"
expect_contains "compare exact randomization" "$OUT" "(exact: all 32 sign flips)"

run compare --qrels "$QRELS" -m map -m P.5,10 --per-query "$CASES/plain.run" \
  "$CASES/ties_missing.run"
expect_exit "compare --per-query" 0
for name in map P_5 P_10; do
  expect_contains "compare -m $name" "$OUT" $'\n'"$name"$'\n'
done
expect_contains "compare per-query row" "$OUT" "q03    0.0164  0.0000  -0.0164"

run compare --qrels "$QRELS" -m map --trials 100 --seed 7 "$CASES/plain.run" \
  "$CASES/ties_missing.run"
expect_contains "compare sampled randomization" "$OUT" "(100 random sign flips, seed 7)"
FIRST=$OUT
run compare --qrels "$QRELS" -m map --trials 100 --seed 7 "$CASES/plain.run" \
  "$CASES/ties_missing.run"
expect_eq "compare with a seed is reproducible" "$FIRST" "$OUT"

run compare --qrels "$QRELS" --json -q "$CASES/plain.run" "$CASES/ties_missing.run"
expect_exit "compare --json" 0
expect_json "compare --json wins" '.measures.ndcg_cut_10.wins' 3 '"wins":3'
expect_json "compare --json exact" '.measures.ndcg_cut_10.randomization_exact' true
expect_json "compare --json per query" '.measures.ndcg_cut_10.per_query.q01.a * 10000 | round' \
  548
expect_json "compare --json b run" '.b.run' ties_missing '"run":"ties_missing"'

# --- errors ---------------------------------------------------------------------------------

run eval --qrels "$WORK/no-such-qrels.txt" "$CASES/plain.run"
expect_exit "eval with a missing qrels file" 3
expect_one_error_line "eval with a missing qrels file"
expect_contains "eval with a missing qrels file" "$ERR" \
  "cannot read '$WORK/no-such-qrels.txt': no such file or directory"

run eval --qrels "$QRELS" "$WORK/no-such.run"
expect_exit "eval with a missing run" 3
expect_one_error_line "eval with a missing run"

printf 'q1 0 d1 1\nq1 0 d2\n' >"$WORK/bad-qrels.txt"
run eval --qrels "$WORK/bad-qrels.txt" "$CASES/plain.run"
expect_exit "eval with a malformed qrels line" 3
expect_one_error_line "eval with a malformed qrels line"
expect_contains "malformed qrels line: file:line" "$ERR" "$WORK/bad-qrels.txt:2: expected 4 columns"

printf 'q1 Q0 d1 1 1.0 r\nq1 Q0 d2 2 x r\n' >"$WORK/bad.run"
run eval --qrels "$QRELS" "$WORK/bad.run"
expect_exit "eval with a malformed run line" 3
expect_contains "malformed run line: file:line" "$ERR" "$WORK/bad.run:2: score 'x' is not a number"

printf 'q1 Q0 d1 1 1.0 r\nq1 Q0 d1 2 0.5 r\n' >"$WORK/twice.run"
run compare --qrels "$QRELS" "$CASES/plain.run" "$WORK/twice.run"
expect_exit "compare with a document retrieved twice" 3
expect_one_error_line "compare with a document retrieved twice"
expect_contains "document retrieved twice" "$ERR" "$WORK/twice.run:2: document 'd1' retrieved twice"

run eval --qrels "$QRELS" -m ndcg@10 "$WORK/no-such.run"
expect_exit "eval with an unknown measure (before reading files)" 2
expect_one_error_line "eval with an unknown measure"
expect_contains "unknown measure lists the known ones" "$ERR" "unknown measure 'ndcg@10' (known: runid"

run eval --qrels "$QRELS" -m P.0 "$CASES/plain.run"
expect_exit "eval -m P.0" 2
expect_one_error_line "eval -m P.0"

run eval "$CASES/plain.run"
expect_exit "eval without --qrels" 2
expect_one_error_line "eval without --qrels"

run eval --qrels "$QRELS"
expect_exit "eval without RUN" 2
expect_one_error_line "eval without RUN"

run eval --qrels "$QRELS" -l 0 "$CASES/plain.run"
expect_exit "eval -l 0" 2

run compare --qrels "$QRELS" "$CASES/plain.run"
expect_exit "compare with one run" 2
expect_one_error_line "compare with one run"

run compare --qrels "$QRELS" --trials 0 "$CASES/plain.run" "$CASES/ties_missing.run"
expect_exit "compare --trials 0" 2
expect_one_error_line "compare --trials 0"

run compare --qrels "$QRELS" -m num_q -m gm_map "$CASES/plain.run" "$CASES/ties_missing.run"
expect_exit "compare with summary-only measures" 2
expect_one_error_line "compare with summary-only measures"

for command in eval compare; do
  run "$command" --help
  expect_exit "$command --help" 0
  expect_contains "$command --help" "$OUT" "Examples:"
done
run --help
expect_contains "--help lists eval" "$OUT" "polysearch eval --qrels"

# ---------------------------------------------------------------------------------------

finish eval_test
