#!/usr/bin/env bash
# End-to-end test of 'polysearch tune' on a small made-up collection: its choices and figures
# against an independent computation from 'run' and 'eval -q' (awk), the cv run against
# 'eval' and 'compare', merged grid combinations, ties, --json, and every error's exit
# status.
#
#   bash tests/cli/tune_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
#
# Runs every check, prints each failure (expected vs got) and exits 1 if any failed.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup tune_test "$@"
# The oracle reads eval's full-precision scores from its JSON.
command -v jq >/dev/null 2>&1 || skip_rest tune_test "jq absent"
DB="$WORK/db"
# A collection where the settings disagree: for each of 12 words, a short document with
# it once and a long one with it three times.  BM25 with b = 0.4 (and TF-IDF) ranks the
# long one first, b = 1 and DLH the short one; the qrels judge the long document relevant
# for the queries marked L, the short one for S.
(
  cd "$WORK" || exit 1
  awk 'BEGIN {
    split("L S S L S S L L S S S L", relevant, " ")
    filler = ""; for (j = 0; j < 30; j++) filler = filler " lorem"
    for (i = 1; i <= 12; i++) {
      w = sprintf("zq%c%c", 96 + i, 96 + i)
      printf "{\"id\": \"s%02d\", \"text\": \"%s ipsum dolor\", \"lang\": \"und\"}\n", i, w > "docs.jsonl"
      printf "{\"id\": \"l%02d\", \"text\": \"%s %s %s%s\", \"lang\": \"und\"}\n", i, w, w, w, filler > "docs.jsonl"
      printf "q%02d\t%s\n", i, w > "queries.tsv"
      printf "q%02d 0 %s%02d 1\n", i, (relevant[i] == "L" ? "l" : "s"), i > "qrels.txt"
    }
  }'
)
Q="$WORK/queries.tsv"
QRELS="$WORK/qrels.txt"
"$BIN" index --db "$DB" --quiet "$WORK/docs.jsonl" || {
  echo "FAIL: indexing $WORK/docs.jsonl"
  exit 1
}
SETTINGS=("bm25:k1=0.9,b=0.4" "bm25:k1=1.2,b=0.75" "bm25:k1=0.9,b=1" dlh tfidf)
GRID="weight=$(
  IFS='|'
  echo "${SETTINGS[*]}"
)"

# --- the oracle: each setting's per-query scores from run and eval -q ------------------------

# oracle FOLDS: "fold chosen-index training held-out" per fold, then "cv MEAN" and "all
# INDEX MEAN", computed from the runs of each setting (question i of $Q in fold i mod k;
# the first setting wins ties, also means equal but for the order of summing).
for i in "${!SETTINGS[@]}"; do
  "$BIN" run --db "$DB" --queries "$Q" --literal -q --weight "${SETTINGS[$i]}" -o "$WORK/s$i.run"
  # Full precision (eval --json), so that the oracle's means are tune's.
  "$BIN" eval --qrels "$QRELS" --json -q -m ndcg_cut.10 "$WORK/s$i.run" |
    jq -r '.measures.ndcg_cut_10.per_query | to_entries[] | "\(.key) \(.value)"' >"$WORK/s$i.scores"
done
oracle() {
  awk -v k="$1" -v ns="${#SETTINGS[@]}" -v dir="$WORK" '
    BEGIN {
      n = 0
      while ((getline line < ARGV[1]) > 0) { split(line, f, "\t"); q[n] = f[1]; fold[f[1]] = n % k; n++ }
      ARGV[1] = ""
      for (s = 0; s < ns; s++) while ((getline line < (dir "/s" s ".scores")) > 0) {
        split(line, f, " "); score[s, f[1]] = f[2] + 0
      }
      for (g = 0; g < k; g++) {
        best = -1
        for (s = 0; s < ns; s++) {
          t = 0; c = 0
          for (i = 0; i < n; i++) if (fold[q[i]] != g) { t += score[s, q[i]]; c++ }
          if (best < 0 || t / c > bt + 1e-9) { best = s; bt = t / c }
        }
        h = 0; c = 0
        for (i = 0; i < n; i++) if (fold[q[i]] == g) { h += score[best, q[i]]; c++; cv += score[best, q[i]] }
        printf "%d %d %.4f %.4f\n", g + 1, best + 1, bt, h / c
      }
      printf "cv %.4f\n", cv / n
      best = -1
      for (s = 0; s < ns; s++) {
        t = 0
        for (i = 0; i < n; i++) t += score[s, q[i]]
        if (best < 0 || t / n > bt + 1e-9) { best = s; bt = t / n }
      }
      printf "all %d %.4f\n", best + 1, bt
    }' "$Q"
}

# The same from tune --json, setting numbers by the order of the grid.
from_json() {
  jq -r --argjson s "$(printf '%s\n' "${SETTINGS[@]}" | jq -R . | jq -s .)" '
    def index_of($x): ($s | index($x)) + 1;
    (.folds[] | "\(.fold) \(index_of(.chosen.weight)) \(.training) \(.held_out)"),
    "cv \(.cross_validated.mean)",
    "all \(index_of(.chosen_on_all.setting.weight)) \(.chosen_on_all.mean)"' |
    awk '$1 == "cv" { printf "cv %.4f\n", $2; next }
      $1 == "all" { printf "all %d %.4f\n", $2, $3; next }
      { printf "%d %d %.4f %.4f\n", $1, $2, $3, $4 }'
}

# --- choices and figures ----------------------------------------------------------------------

# The default is given (--weight): the grid's first setting, not the library's default.
run tune --db "$DB" --queries "$Q" --qrels "$QRELS" --literal --folds 3 --grid "$GRID" \
  --weight "${SETTINGS[0]}" --per-setting --run "$WORK/cv.run" --scores "$WORK/all.scores"
expect_exit "tune" 0
TEXT=$OUT
expect_contains "tune: the header" "$TEXT" "12 judged questions, ndcg_cut_10, 3 folds (question i in fold i mod 3)"
expect_contains "tune: the default is setting 1" "$TEXT" "5 settings; default: setting 1"
expect_contains "tune: the summary on stderr" "$ERR" "5 settings x 12 questions"
ORACLE3=$(oracle 3)
# The fold table of the text as the oracle prints it: fold, setting number, training and
# held-out figures.
setting_number() {
  local i
  for i in "${!SETTINGS[@]}"; do [[ "${SETTINGS[$i]}" == "$1" ]] && echo $((i + 1)); done
}
FOLDS_SEEN=$(awk '/^fold/ { on = 1; next } on && NF == 0 { exit } on { print $1, $6, $3, $4 }' <<<"$TEXT" |
  while read -r fold weight training held_out; do
    echo "$fold $(setting_number "$weight") $training $held_out"
  done)
# By hand: fold 1 (q01 q04 q07 q10: L L L S) is chosen on 6 S and 2 L, so b = 1 (the
# first setting preferring S); folds 2 and 3 on 4 L and 4 S, a tie that the first
# setting, the default, wins.  On all 12 (7 S, 5 L) b = 1 wins.
expect_eq "tune: the folds' choices, by hand" "3 1 1" "$(awk '{ print $2 }' <<<"$FOLDS_SEEN" | paste -sd' ')"
expect_eq "tune: folds as the oracle chooses them (3 folds)" \
  "$(grep -v '^cv\|^all' <<<"$ORACLE3")" "$FOLDS_SEEN"
CV_LINE=$(grep '^  cross-validated' <<<"$TEXT" | awk '{ print $2 }')
expect_eq "tune: the cross-validated figure" "$(awk '$1 == "cv" { print $2 }' <<<"$ORACLE3")" "$CV_LINE"
expect_eq "tune: the default's figure is setting 1's run" \
  "$("$BIN" eval --qrels "$QRELS" -m ndcg_cut.10 "$WORK/s0.run" | awk '{ print $3 }')" \
  "$(grep '^  default' <<<"$TEXT" | awk '{ print $2 }')"
expect_eq "tune --run: eval of the cv run gives the cross-validated figure" "$CV_LINE" \
  "$("$BIN" eval --qrels "$QRELS" -m ndcg_cut.10 "$WORK/cv.run" | awk '{ print $3 }')"
expect_eq "tune --run: tagged cv" "cv" "$(awk '{ print $6 }' "$WORK/cv.run" | sort -u)"
expect_no_file "tune --run: no temporary file left" "$WORK/cv.run.tmp"
# --scores: each setting's line per question is eval's score of that setting's run.
for i in "${!SETTINGS[@]}"; do
  expect_eq "tune --scores: ${SETTINGS[$i]}, every question as eval scores it" \
    "$(sort "$WORK/s$i.scores" | awk '{ printf "%s %.12f\n", $1, $2 }')" \
    "$(awk -F'\t' -v s="--weight ${SETTINGS[$i]}" '$1 == s { printf "%s %.12f\n", $2, $3 }' \
      "$WORK/all.scores" | sort)"
done
expect_eq "tune --scores: a line per setting and question" "60" "$(wc -l <"$WORK/all.scores")"
expect_no_file "tune --scores: no temporary file left" "$WORK/all.scores.tmp"
COMPARE=$("$BIN" compare --qrels "$QRELS" "$WORK/s0.run" "$WORK/cv.run")
expect_eq "tune: the t-test is compare's, default against the cv run" \
  "$(grep 'paired t-test' <<<"$COMPARE" | sed 's/^ *paired t-test *//')" \
  "$(grep '^  paired t-test' <<<"$TEXT" | sed 's/^ *paired t-test *//')"
expect_eq "tune: chosen on all questions" "$(awk '$1 == "all" { print $2 }' <<<"$ORACLE3")" \
  "$(setting_number "$(awk '/^chosen on all questions:/ { print $NF }' <<<"$TEXT")")"

for k in 2 3 5 12; do
  run tune --db "$DB" --queries "$Q" --qrels "$QRELS" --literal --folds "$k" --grid "$GRID" --json
  expect_exit "tune --json --folds $k" 0
  expect_eq "tune --folds $k: choices and figures as the oracle's" "$(oracle "$k")" "$(from_json <<<"$OUT")"
done
expect_eq "tune --json: one object with the settings" "5 12 5" \
  "$(jq -r '"\(.settings | length) \(.questions) \(.combinations)"' <<<"$OUT")"

# --- the grid ---------------------------------------------------------------------------------

# inl2 and dlh take no k1 or b: 3 x 2 x 2 combinations are 4 + 1 + 1 settings.
run tune --db "$DB" --queries "$Q" --qrels "$QRELS" --literal --folds 2 --weight bm25 --bm25 0.9,0.4 \
  --grid 'weight=bm25|inl2|dlh' --grid 'k1=0.9|1.2' --grid 'b=0.4|0.75' --per-setting
expect_exit "tune: a grid of three options" 0
expect_contains "tune: equal combinations merged" "$OUT" \
  "6 settings (12 combinations of the grid, equal ones merged); default: setting 1"
expect_eq "tune: settings in grid order, the first --grid slowest" \
  "--weight bm25:k1=0.9,b=0.4|--weight bm25:k1=0.9,b=0.75|--weight bm25:k1=1.2,b=0.4|--weight bm25:k1=1.2,b=0.75|--weight inl2:c=1|--weight dlh" \
  "$(awk '/^every setting/ { on = 1; getline; next } on { $1 = $2 = $3 = ""; sub(/^ +/, ""); print }' <<<"$OUT" | paste -sd'|')"

# A default outside the grid is run on its own; --prf varies alone.
run tune --db "$DB" --queries "$Q" --qrels "$QRELS" --literal --folds 2 --weight dlh \
  --grid 'prf=off|rm3:docs=2,terms=5'
expect_exit "tune: default outside the grid" 0
expect_contains "tune: default run on its own" "$OUT" "2 settings; default: setting 1"
run tune --db "$DB" --queries "$Q" --qrels "$QRELS" --literal --folds 2 --weight dlh \
  --grid 'weight=bm25|inl2'
expect_contains "tune: default not in the grid" "$OUT" "default: not in the grid, run on its own"
expect_contains "tune: default not in the grid, its figure" "$OUT" "--weight dlh"
expect_contains "tune: the default's run is counted" "$ERR" "3 settings x 12 questions"

# Ties go to the first setting listed: settings ranking alike (b = 0.4 and 0.41 on these
# short texts) choose whichever comes first, in either order.
run tune --db "$DB" --queries "$Q" --qrels "$QRELS" --literal --folds 3 --weight bm25 --bm25 0.9,0.4 \
  --grid 'b=0.4|0.41' --json
expect_eq "tune: b 0.4 and 0.41 tie" "$(jq '.settings[0].mean' <<<"$OUT")" "$(jq '.settings[1].mean' <<<"$OUT")"
  expect_eq "tune: a tie goes to the first (0.4 first)" "bm25:k1=0.9,b=0.4" \
    "$(jq -r '[.folds[].chosen.weight, .chosen_on_all.setting.weight] | unique | join(" ")' <<<"$OUT")"
run tune --db "$DB" --queries "$Q" --qrels "$QRELS" --literal --folds 3 --weight bm25 --bm25 0.9,0.4 \
  --grid 'b=0.41|0.4' --json
expect_eq "tune: a tie goes to the first (0.41 first)" "bm25:k1=0.9,b=0.41" \
  "$(jq -r '[.folds[].chosen.weight, .chosen_on_all.setting.weight] | unique | join(" ")' <<<"$OUT")"

# --- errors -----------------------------------------------------------------------------------

usage_error() {
  local name=$1
  shift
  run "$@"
  expect_exit "$name" 2
  expect_one_error_line "$name"
}
T=(tune --db "$DB" --queries "$Q" --qrels "$QRELS")
usage_error "tune without --grid" "${T[@]}"
usage_error "tune: unknown grid key" "${T[@]}" --grid 'color=1|2'
expect_contains "tune: unknown grid key" "$ERR" "--grid 'color=1|2': expected KEY=VALUE|VALUE|... with KEY one of weight, bm25, k1, b, prf, title"
usage_error "tune: grid without =" "${T[@]}" --grid 'bm25'
usage_error "tune: empty value" "${T[@]}" --grid 'prf=off||rm3'
expect_contains "tune: empty value" "$ERR" "--grid 'prf=off||rm3': an empty value"
usage_error "tune: empty value list" "${T[@]}" --grid 'weight='
usage_error "tune: a key twice" "${T[@]}" --grid 'k1=1' --grid 'k1=2'
usage_error "tune: bad weight" "${T[@]}" --grid 'weight=bm25|okapi'
expect_contains "tune: bad weight" "$ERR" "--grid weight='okapi': unknown weighting model 'okapi'"
usage_error "tune: bad bm25" "${T[@]}" --grid 'bm25=1.2'
usage_error "tune: bad k1" "${T[@]}" --grid 'k1=-1'
usage_error "tune: bad b" "${T[@]}" --grid 'b=1.5'
usage_error "tune: bad prf" "${T[@]}" --grid 'prf=rm4'
usage_error "tune: bad title weight" "${T[@]}" --grid 'title=0|-1'
expect_contains "tune: bad title weight" "$ERR" "--grid title='-1': expected a number >= 0"
usage_error "tune --folds 1" "${T[@]}" --grid 'k1=1' --folds 1
usage_error "tune --folds above the questions" "${T[@]}" --grid 'k1=1' --folds 13
expect_contains "tune --folds above the questions" "$ERR" "--folds 13 is more than the 12 judged questions"
usage_error "tune: unknown metric" "${T[@]}" --grid 'k1=1' -m nDCG@10
usage_error "tune: two measures" "${T[@]}" --grid 'k1=1' -m P.5,10
usage_error "tune: no per-query values" "${T[@]}" --grid 'k1=1' -m num_q
usage_error "tune --run -" "${T[@]}" --grid 'k1=1' --run -
usage_error "tune --scores -" "${T[@]}" --grid 'k1=1' --scores -
# Usage errors come before any file is read.
usage_error "tune: usage before data" tune --db "$WORK/no-such-db" --queries "$Q" --qrels "$QRELS" --grid 'x=1'

run tune --db "$WORK/no-such-db" --queries "$Q" --qrels "$QRELS" --grid 'k1=1'
expect_exit "tune: missing index" 3
expect_one_error_line "tune: missing index"
run tune --db "$DB" --queries "$Q" --qrels "$WORK/no-such-qrels" --grid 'k1=1'
expect_exit "tune: missing qrels" 3
printf 'x1 0 001 1\n' >"$WORK/other.qrels"
run tune --db "$DB" --queries "$Q" --qrels "$WORK/other.qrels" --grid 'k1=1'
expect_exit "tune: no topic judged" 3
expect_contains "tune: no topic judged" "$ERR" "is judged in"
rm -f "$WORK/kept.run"
echo "earlier" >"$WORK/kept.run"
run tune --db "$DB" --queries "$Q" --qrels "$WORK/other.qrels" --grid 'k1=1' --run "$WORK/kept.run"
expect_eq "tune --run: an earlier file stays as it was" "earlier" "$(cat "$WORK/kept.run")"

run tune --help
expect_exit "tune --help" 0
expect_contains "tune --help: ties" "$OUT" "Ties in"

finish tune_test
