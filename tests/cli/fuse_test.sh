#!/usr/bin/env bash
# End-to-end test of 'polysearch fuse': fused runs worked out by hand, the run order that
# eval sees, --json, --output, standard input and every error's exit status.
#
#   bash tests/cli/fuse_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
#
# Runs every check, prints each failure (expected vs got) and exits 1 if any failed.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup fuse_test "$@"
CASES="$FIXTURES/trec_eval"
QRELS="$CASES/qrels.txt"

# Run A ranks d1 > d2 > d3 for q1 and has q2; run B ranks d2 > d4 > d1 and lacks q2.  The
# rank column is wrong on purpose: only the scores rank a run.
A="$WORK/a.run"
B="$WORK/b.run"
printf 'q1 Q0 d3 1 1.0 a\nq1 Q0 d1 2 3.0 a\nq1 Q0 d2 3 2.0 a\nq2 Q0 x2 1 1 a\nq2 Q0 x1 2 5 a\n' >"$A"
printf '# run B\nq1 Q0 d2 9 10 b\nq1 Q0 d4 9 6 b\nq1 Q0 d1 9 2 b\n' >"$B"

# --- fused runs, worked out by hand ---------------------------------------------------------

# RRF, k = 60: d2 1/62 + 1/61, d1 1/61 + 1/63, d4 1/62, d3 1/63; q2 from A alone.
run fuse "$A" "$B"
expect_exit "fuse (rrf)" 0
expect_eq "fuse: RRF with k = 60" "q1 Q0 d2 1 0.032522 fuse
q1 Q0 d1 2 0.032266 fuse
q1 Q0 d4 3 0.016129 fuse
q1 Q0 d3 4 0.015873 fuse
q2 Q0 x1 1 0.016393 fuse
q2 Q0 x2 2 0.016129 fuse" "$OUT"
expect_eq "fuse: nothing on stderr" "" "$ERR"

run fuse --rrf-k 0 --tag rrf0 "$A" "$B"
expect_eq "fuse --rrf-k 0 --tag" "q1 Q0 d2 1 1.500000 rrf0" "$(head -1 <<<"$OUT")"

# Min-max per run and query: A gives d1 1, d2 0.5, d3 0; B gives d2 1, d4 0.5, d1 0.
run fuse --method combsum "$A" "$B"
expect_exit "fuse --method combsum" 0
expect_eq "fuse: CombSUM, min-max" "q1 Q0 d2 1 1.500000 fuse
q1 Q0 d1 2 1.000000 fuse
q1 Q0 d4 3 0.500000 fuse
q1 Q0 d3 4 0.000000 fuse
q2 Q0 x1 1 1.000000 fuse
q2 Q0 x2 2 0.000000 fuse" "$OUT"

run fuse --method combmnz --norm minmax "$A" "$B"
expect_eq "fuse: CombMNZ doubles the documents of both runs" "q1 Q0 d2 1 3.000000 fuse
q1 Q0 d1 2 2.000000 fuse
q1 Q0 d4 3 0.500000 fuse
q1 Q0 d3 4 0.000000 fuse" "$(head -4 <<<"$OUT")"

run fuse --method combsum --weights 1,3 "$A" "$B"
expect_eq "fuse --weights 1,3: d4 overtakes d1" "d2 3.500000|d4 1.500000|d1 1.000000|d3 0.000000" \
  "$(awk '$1 == "q1" { printf "%s%s %s", sep, $3, $5; sep = "|" }' <<<"$OUT")"

run fuse --method combsum --norm none "$A" "$B"
expect_eq "fuse --norm none: raw sums" "d2 12.000000|d4 6.000000|d1 5.000000|d3 1.000000" \
  "$(awk '$1 == "q1" { printf "%s%s %s", sep, $3, $5; sep = "|" }' <<<"$OUT")"

# z-scores of A (3, 2, 1) and B (10, 6, 2) are both (1.224745, 0, -1.224745): d4 and d1
# tie at 0 and the larger id comes first, as eval orders ties.
run fuse --method combsum --norm zscore "$A" "$B"
expect_eq "fuse --norm zscore, a tie" "d2 1.224745|d4 0.000000|d1 0.000000|d3 -1.224745" \
  "$(awk '$1 == "q1" { printf "%s%s %s", sep, $3, $5; sep = "|" }' <<<"$OUT")"

# --depth 2 cuts d3 from A and d1 from B; -k 2 keeps two documents per query.
run fuse --depth 2 "$A" "$B"
expect_eq "fuse --depth 2" "d2 0.032522|d1 0.016393|d4 0.016129" \
  "$(awk '$1 == "q1" { printf "%s%s %s", sep, $3, $5; sep = "|" }' <<<"$OUT")"
run fuse -k 1 "$A" "$B"
expect_eq "fuse -k 1" "q1 Q0 d2 1 0.032522 fuse
q2 Q0 x1 1 0.016393 fuse" "$OUT"

run fuse --json --method combmnz "$A" "$B"
expect_exit "fuse --json" 0
expect_eq "fuse --json: one object per line" 6 "$(grep -c '^{' <<<"$OUT")"
expect_eq "fuse --json: the first line" \
  '{"query":"q1","id":"d2","rank":1,"score":3.0,"tag":"fuse"}' "$(head -1 <<<"$OUT")"
if command -v jq >/dev/null 2>&1; then
  expect_eq "fuse --json: every line parses" "d2 d1 d4 d3 x1 x2" \
    "$(jq -r .id <<<"$OUT" | tr '\n' ' ' | sed 's/ $//')"
fi

# --- the order eval sees ----------------------------------------------------------------------

# RRF of a run with itself ranks as the run does, ties by document id descending included:
# trec_eval's own numbers for ties_missing.run come out, all of them.
run fuse "$CASES/ties_missing.run" "$CASES/ties_missing.run"
printf '%s\n' "$OUT" >"$WORK/self.run"
run eval --qrels "$QRELS" -m all_trec "$WORK/self.run"
expect_eq "fuse: RRF of a run with itself evaluates as the run" \
  "$(grep -v '^runid' "$CASES/ties_missing.expected.all.txt")" "$(grep -v '^runid' <<<"$OUT")"

# The rank column agrees with eval's order: sorting by score (descending) then id
# (descending) changes nothing.
run fuse --method combsum "$CASES/plain.run" "$CASES/ties_missing.run"
expect_eq "fuse: rank column in eval's order" "$OUT" \
  "$(sort -s -k1,1 -k5,5gr -k3,3r <<<"$OUT")"

# --- output file and standard input -----------------------------------------------------------

run fuse "$A" "$B" -o "$WORK/fused.run"
expect_exit "fuse -o" 0
expect_eq "fuse -o: nothing on stdout" "" "$OUT"
expect_eq "fuse -o: the file" "$("$BIN" fuse "$A" "$B")" \
  "$(cat "$WORK/fused.run")"
expect_no_file "fuse -o: no temporary file left" "$WORK/fused.run.tmp"

run_stdin "$(cat "$A")" fuse - "$B"
expect_exit "fuse - (standard input)" 0
expect_eq "fuse -: same as the file" "$(cat "$WORK/fused.run")" "$OUT"

FUSED_EVAL=$("$BIN" fuse "$CASES/plain.run" "$CASES/ties_missing.run" |
  "$BIN" eval --qrels "$QRELS" -m map -m ndcg_cut.10 -)
expect_eq "fuse | eval -" "map                   	all	0.0493
ndcg_cut_10           	all	0.0401" "$FUSED_EVAL"

# --- errors -----------------------------------------------------------------------------------

# usage_error NAME ARGS...: exit 2 and one error line.
usage_error() {
  local name=$1
  shift
  run "$@"
  expect_exit "$name" 2
  expect_one_error_line "$name"
}

usage_error "fuse with one run" fuse "$A"
expect_contains "fuse with one run" "$ERR" "fuse needs at least two runs, got 1"
usage_error "fuse without runs" fuse
usage_error "fuse --weights count" fuse --weights 1 "$A" "$B"
expect_contains "fuse --weights count" "$ERR" "--weights has 1 value for 2 runs (expected one per run)"
usage_error "fuse --weights not a number" fuse --weights 1,x "$A" "$B"
usage_error "fuse --weights 0" fuse --weights 1,0 "$A" "$B"
usage_error "fuse --method unknown" fuse --method borda "$A" "$B"
expect_contains "fuse --method unknown" "$ERR" "unknown --method 'borda' (expected rrf, combsum or combmnz)"
usage_error "fuse --norm unknown" fuse --method combsum --norm max "$A" "$B"
usage_error "fuse --norm with rrf" fuse --norm minmax "$A" "$B"
usage_error "fuse --rrf-k with combsum" fuse --method combsum --rrf-k 10 "$A" "$B"
usage_error "fuse --rrf-k negative" fuse --rrf-k -1 "$A" "$B"
usage_error "fuse --rrf-k not a number" fuse --rrf-k k "$A" "$B"
usage_error "fuse --depth 0" fuse --depth 0 "$A" "$B"
usage_error "fuse -k 0" fuse -k 0 "$A" "$B"
usage_error "fuse --tag with a space" fuse --tag 'a b' "$A" "$B"
run_stdin "x" fuse - -
expect_exit "fuse: standard input twice" 2
expect_contains "fuse: standard input twice" "$ERR" "RUN 1 and RUN 2 cannot both be standard input"
# A usage error is found before any file is read.
usage_error "fuse: usage before data" fuse --weights 1 "$WORK/no-such.run" "$B"

run fuse "$A" "$WORK/no-such.run"
expect_exit "fuse with a missing run" 3
expect_one_error_line "fuse with a missing run"
expect_contains "fuse with a missing run" "$ERR" "cannot read '$WORK/no-such.run': no such file or directory"

printf 'q1 Q0 d1 1 1.0 r\nq1 Q0 d2 2\n' >"$WORK/bad.run"
run fuse "$A" "$WORK/bad.run"
expect_exit "fuse with a malformed run line" 3
expect_one_error_line "fuse with a malformed run line"
expect_contains "fuse: malformed line, file:line" "$ERR" "$WORK/bad.run:2: expected 6 columns"

printf 'q1 Q0 d1 1 inf r\n' >"$WORK/inf.run"
run fuse --method combsum "$A" "$WORK/inf.run"
expect_exit "fuse combsum with an infinite score" 3
expect_one_error_line "fuse combsum with an infinite score"
run fuse "$A" "$WORK/inf.run"
expect_exit "fuse rrf with an infinite score (ranks first)" 0

rm -f "$WORK/kept.run"
echo "earlier" >"$WORK/kept.run"
run fuse "$A" "$WORK/bad.run" -o "$WORK/kept.run"
expect_exit "fuse -o with a malformed run" 3
expect_eq "fuse -o: an earlier file stays as it was" "earlier" "$(cat "$WORK/kept.run")"
run fuse "$A" "$B" -o "$WORK/no-such-dir/fused.run"
expect_exit "fuse -o in a missing directory" 3
expect_one_error_line "fuse -o in a missing directory"

run fuse --help
expect_exit "fuse --help" 0
expect_contains "fuse --help" "$OUT" "Examples:"

# ---------------------------------------------------------------------------------------

finish fuse_test
