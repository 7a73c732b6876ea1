#!/usr/bin/env bash
# tools/bench/default_choice.py, which chose the library's ranking default, on made-up
# per-question scores whose choices are worked out by hand: pooled k-fold, leave one
# collection out, the saturated collections' limit, and errors.
#
#   bash tests/cli/default_choice_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
set -u

# shellcheck source=tests/cli/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup default_choice_test "$@"
SCRIPT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../tools/bench" && pwd)/default_choice.py"
PY=/usr/bin/python3
[[ -x $PY ]] || skip_rest default_choice_test "no /usr/bin/python3"

# scores COLLECTION "SETTING=SCORE ..." : 10 questions, each setting the same on every one.
scores() {
  local c=$1 pair
  : >"$WORK/grid/$c.scores.tsv"
  for pair in $2; do
    for q in 0 1 2 3 4 5 6 7 8 9; do
      printf -- '--weight %s\tq%d\t%s\n' "${pair%%=*}" "$q" "${pair#*=}" >>"$WORK/grid/$c.scores.tsv"
    done
  done
  echo '{"default": {"setting": {"weight": "d"}}}' >"$WORK/grid/$c.json"
}
mkdir -p "$WORK/grid"
# By hand: on h1 and h2, b has the best mean (0.6), then a (0.55), then the default d (0.5);
# b loses 0.1 on the saturated s1, so a is chosen, in every fold.  Left out: h1 is scored
# with h2's choice (a loses there, b is out: d), h2 with h1's (a).
scores h1 "d=0.5 a=0.7 b=0.6"
scores h2 "d=0.5 a=0.4 b=0.6"
scores s1 "d=0.9 a=0.9 b=0.8"

run_choice() { OUT=$("$PY" "$SCRIPT" "$@" 2>&1); STATUS=$?; }
run_choice "$WORK/grid" --headroom h1 h2
expect_eq "default_choice: exit" 0 "$STATUS"
expect_contains "default_choice: saturated limit" "$OUT" "saturated (may lose at most 0.003): s1"
expect_eq "default_choice: every fold chose a" "5" "$(grep -c '^- fold .*--weight a`' <<<"$OUT")"
expect_contains "default_choice: h1 held out" "$OUT" "| h1 | 0.5000 | 0.7000 | +0.2000 |"
expect_contains "default_choice: h2 held out" "$OUT" "| h2 | 0.5000 | 0.4000 | -0.1000 |"
expect_contains "default_choice: h1 left out gets d" "$OUT" "| h1 | \`--weight d\` | 0.5000 | 0.5000 | +0.0000 |"
expect_contains "default_choice: h2 left out gets a" "$OUT" "| h2 | \`--weight a\` | 0.5000 | 0.4000 | -0.1000 |"
expect_contains "default_choice: chosen on all" "$OUT" "chosen on all questions (tuned figures): \`--weight a\`"

# A looser limit lets b in: its mean on h1 and h2 is the best.
run_choice "$WORK/grid" --headroom h1 h2 --max-loss 0.2
expect_contains "default_choice: --max-loss 0.2 chooses b" "$OUT" \
  "chosen on all questions (tuned figures): \`--weight b\`"

# Ties keep the default: a and d equal on h2 alone.
scores h2 "d=0.5 a=0.5 b=0.5"
run_choice "$WORK/grid" --headroom h2 s1
expect_contains "default_choice: a tie keeps the default" "$OUT" \
  "chosen on all questions (tuned figures): \`--weight d\`"

# Errors: a grid that differs, or too few headroom collections.
printf -- '--weight z\tq0\t1\n' >"$WORK/grid/s1.scores.tsv"
run_choice "$WORK/grid" --headroom h1 h2
expect_eq "default_choice: different grids exit 1" 1 "$STATUS"
expect_contains "default_choice: different grids say so" "$OUT" "not run over the same grid"
rm "$WORK/grid/s1.scores.tsv"
run_choice "$WORK/grid" --headroom h1
expect_contains "default_choice: one headroom collection" "$OUT" "need two headroom collections"

finish default_choice_test
