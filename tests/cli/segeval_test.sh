#!/usr/bin/env bash
# End-to-end test of 'polysearch segeval' on hand-made files whose figures are worked out in
# fixtures/segmentation/README.md, and of 'polysearch segment' scored on the UD GSD sample.
#
#   bash tests/cli/segeval_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
#
# Runs every check, prints each failure (expected vs got) and exits 1 if any failed.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup segeval_test "$@"
CASES="$FIXTURES/segmentation"
GOLD="$CASES/gold.txt"
OUTPUT="$CASES/output.txt"
WORDS="$CASES/words.txt"

# The lowest F1 'polysearch segment' may score on the first 50 UD GSD test sentences.
SEGMENT_F1_FLOOR=0.80

# expect_json NAME FILTER EXPECTED: with jq, FILTER applied to OUT gives EXPECTED; without
# jq the check is skipped.
expect_json() {
  command -v jq >/dev/null 2>&1 || return 0
  expect_eq "$1" "$3" "$(printf '%s\n' "$OUT" | jq -r "$2")"
}

# value_of NAME: the value of the "NAME  value" line of OUT (names may hold one space).
value_of() {
  printf '%s\n' "$OUT" | sed -n "s/^$1  *\([^ ]*\)\$/\1/p"
}

# expect_at_least NAME FLOOR VALUE: VALUE is a number >= FLOOR.
expect_at_least() {
  CHECKS=$((CHECKS + 1))
  if ! awk -v value="$3" -v floor="$2" 'BEGIN { exit !(value != "" && value + 0 >= floor + 0) }'; then
    fail "$1" "expected at least: $2" "got:               $3"
  fi
}

# --- the hand-made case -------------------------------------------------------------------

run segeval --gold "$GOLD" --output "$OUTPUT"
expect_exit "segeval" 0
expect_eq "segeval lines" 3 "$(value_of lines)"
expect_eq "segeval empty lines" 1 "$(value_of 'empty lines')"
expect_eq "segeval gold words" 13 "$(value_of 'gold words')"
expect_eq "segeval output words" 16 "$(value_of 'output words')"
expect_eq "segeval correct" 8 "$(value_of correct)"
expect_eq "segeval precision" 0.5000 "$(value_of precision)"
expect_eq "segeval recall" 0.6154 "$(value_of recall)"
expect_eq "segeval F1" 0.5517 "$(value_of F1)"
expect_not_contains "segeval without --words has no OOV figures" "$OUT" "OOV"
expect_match "segeval aligns the values" "$OUT" '^F1            0\.5517$'

run segeval --gold "$GOLD" --output "$OUTPUT" --words "$WORDS"
expect_exit "segeval --words" 0
expect_eq "segeval OOV rate" 0.3846 "$(value_of 'OOV rate')"
expect_eq "segeval OOV recall" 0.8000 "$(value_of 'OOV recall')"
expect_eq "segeval IV recall" 0.5000 "$(value_of 'IV recall')"
expect_eq "segeval --words keeps F1" 0.5517 "$(value_of F1)"

# Every gold word in the list: no OOV word, OOV recall "--" as in the bakeoff script.
tr ' ' '\n' <"$GOLD" >"$WORK/all-words.txt"
run segeval --gold "$GOLD" --output "$OUTPUT" --words "$WORK/all-words.txt"
expect_eq "segeval with no OOV word: OOV rate" 0.0000 "$(value_of 'OOV rate')"
expect_eq "segeval with no OOV word: OOV recall" -- "$(value_of 'OOV recall')"
expect_eq "segeval with no OOV word: IV recall" 0.6154 "$(value_of 'IV recall')"

run segeval --gold "$GOLD" --output "$OUTPUT" --per-line
expect_exit "segeval --per-line" 0
expect_match "segeval --per-line header" "$OUT" '^line +gold +output +correct$'
expect_match "segeval --per-line line 2" "$OUT" '^ +2 +4 +4 +2$'
expect_match "segeval --per-line line 4" "$OUT" '^ +4 +4 +7 +1$'
expect_eq "segeval --per-line still prints F1" 0.5517 "$(value_of F1)"

run segeval --gold "$GOLD" --output "$OUTPUT" --words "$WORDS" --json --per-line
expect_exit "segeval --json" 0
expect_eq "segeval --json is one line" 1 "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')"
expect_contains "segeval --json correct words" "$OUT" '"correct_words":8'
expect_json "segeval --json parses" 'type' object
expect_json "segeval --json lines" '.lines' 3
expect_json "segeval --json gold words" '.gold_words' 13
expect_json "segeval --json output words" '.output_words' 16
expect_json "segeval --json precision" '.precision' 0.5
expect_json "segeval --json F1" '.f1 * 10000 | round' 5517
expect_json "segeval --json OOV words" '.oov_words' 5
expect_json "segeval --json OOV recall" '.oov_recall' 0.8
expect_json "segeval --json IV recall" '.iv_recall' 0.5
expect_json "segeval --json per line" '.per_line[1] | [.line, .correct_words] | join(" ")' "2 2"

run segeval --gold "$GOLD" --output "$OUTPUT" --json
expect_json "segeval --json without --words has no OOV figures" 'has("oov_rate")' false
expect_json "segeval --json without --words: words null" '.words' null
expect_json "segeval --json without --per-line" 'has("per_line")' false

run_stdin "$(<"$OUTPUT")"$'\n' segeval --gold "$GOLD" --output -
expect_exit "segeval --output - (stdin)" 0
expect_eq "segeval --output - F1" 0.5517 "$(value_of F1)"

# CRLF line ends, tabs and U+3000 as separators score the same.
sed -e 's/ /\t/g' -e 's/$/\r/' "$OUTPUT" >"$WORK/crlf.txt"
sed -e 's/ /　/g' "$GOLD" >"$WORK/ideographic.txt"
run segeval --gold "$WORK/ideographic.txt" --output "$WORK/crlf.txt"
expect_exit "segeval with CRLF, tabs and U+3000" 0
expect_eq "segeval with CRLF, tabs and U+3000: F1" 0.5517 "$(value_of F1)"

# --- errors ---------------------------------------------------------------------------------

run segeval --gold "$GOLD" --output "$WORK/no-such.txt"
expect_exit "segeval with a missing output file" 3
expect_one_error_line "segeval with a missing output file"
expect_contains "segeval with a missing output file" "$ERR" \
  "cannot read '$WORK/no-such.txt': no such file or directory"

run segeval --gold "$WORK/no-such-gold.txt" --output "$OUTPUT"
expect_exit "segeval with a missing gold file" 3
expect_contains "segeval with a missing gold file" "$ERR" "cannot read '$WORK/no-such-gold.txt'"

run segeval --gold "$GOLD" --output "$OUTPUT" --words "$WORK/no-such-words.txt"
expect_exit "segeval with a missing word list" 3
expect_contains "segeval with a missing word list" "$ERR" "cannot read '$WORK/no-such-words.txt'"

printf '我 爱 北京 天安门 。\n研究 生命 的 起源\n\n我 们 喜 欢 南 京 。\n' >"$WORK/other-text.txt"
run segeval --gold "$GOLD" --output "$WORK/other-text.txt"
expect_exit "segeval with other characters" 3
expect_one_error_line "segeval with other characters"
expect_contains "segeval with other characters names file:line and character" "$ERR" \
  "$WORK/other-text.txt:4: the text differs from $GOLD:4 at character 5: '南' instead of '北'"

printf '我 爱 北京 天安门 。\n研究 生命 的 起源\n' >"$WORK/short.txt"
run segeval --gold "$GOLD" --output "$WORK/short.txt"
expect_exit "segeval with fewer lines" 3
expect_one_error_line "segeval with fewer lines"
expect_contains "segeval with fewer lines names both counts" "$ERR" \
  "$WORK/short.txt has 2 lines but $GOLD has 4"

printf '我 爱 北京 天安门 。\n研究 生命 的 起源\n\n\n' >"$WORK/empty-line.txt"
run segeval --gold "$GOLD" --output "$WORK/empty-line.txt"
expect_exit "segeval with an empty output line" 3
expect_contains "segeval with an empty output line" "$ERR" "$WORK/empty-line.txt:4: empty line"

run_stdin $'我 爱 北京 天安门 。\n\xff\n' segeval --gold "$GOLD" --output -
expect_exit "segeval with invalid UTF-8" 3
expect_contains "segeval with invalid UTF-8 names the line" "$ERR" "standard input:2: invalid UTF-8"

run segeval --output "$OUTPUT"
expect_exit "segeval without --gold" 2
expect_one_error_line "segeval without --gold"
expect_contains "segeval without --gold names the option" "$ERR" "--gold"

run segeval --gold "$GOLD"
expect_exit "segeval without --output" 2
expect_one_error_line "segeval without --output"

run segeval --gold - --output -
expect_exit "segeval with stdin twice" 2
expect_one_error_line "segeval with stdin twice"

run segeval --gold "$GOLD" --output "$OUTPUT" --no-such-flag
expect_exit "segeval with an unknown flag" 2

run segeval --help
expect_exit "segeval --help" 0
expect_contains "segeval --help" "$OUT" "Examples:"
expect_contains "segeval --help shows the pipeline" "$OUT" "polysearch segment < test.raw.txt |"

# --- 'polysearch segment' scored on the UD GSD sample ---------------------------------------

for script in zh-hant zh-hans; do
  SAMPLE="$CASES/ud-gsd-sample/$script"
  "$BIN" segment <"$SAMPLE/test.raw.txt" >"$WORK/segment-$script.txt" 2>"$WORK/stderr"
  RC=$?
  collect segment
  expect_exit "segment $script sample" 0
  expect_eq "segment $script sample: one output line per input line" \
    "$(wc -l <"$SAMPLE/test.raw.txt")" "$(wc -l <"$WORK/segment-$script.txt")"

  run segeval --gold "$SAMPLE/test.gold.txt" --output "$WORK/segment-$script.txt"
  expect_exit "segeval of segment $script" 0
  expect_eq "segeval of segment $script: lines" 50 "$(value_of lines)"
  expect_at_least "segment $script sample: F1" "$SEGMENT_F1_FLOOR" "$(value_of F1)"
  FROM_FILE=$(value_of F1)

  # The same through a pipe, as the help shows it.
  "$BIN" segment <"$SAMPLE/test.raw.txt" 2>/dev/null |
    "$BIN" segeval --gold "$SAMPLE/test.gold.txt" --output - >"$WORK/stdout" 2>"$WORK/stderr"
  RC=$?
  collect segment piped into segeval
  expect_exit "segment | segeval --output - ($script)" 0
  expect_eq "segment | segeval --output - ($script): same F1" "$FROM_FILE" "$(value_of F1)"
done

# ---------------------------------------------------------------------------------------

finish segeval_test
