#!/usr/bin/env bash
# Chinese from the command line: hybrid segmentation and a user dictionary stored in the
# index, `segment` with and without the dictionary, and errors for bad dictionaries.
#   chinese_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
set -uo pipefail
source "$(dirname "$0")/lib.sh"
setup chinese_test "$@"

SEED="$FIXTURES/seeds/003_0f7fea0c1696b0fa.txt"
NAMES="$FIXTURES/dictionaries/seed003-names.txt"

# first_id: the id of the first hit of a `search --json` run.
first_id() { sed -n '1s/.*"id":"\([^"]*\)".*/\1/p' <<<"$OUT"; }

# --- segment ---------------------------------------------------------------------------

run_stdin $'清华大学的学生\n\n毫不猶豫地投身\n' segment
expect_exit "segment" 0
expect_eq "segment output, one line per input line" $'清华大学 的 学生\n\n毫不 猶豫 地 投身' "$OUT"
run_stdin $'毫不犹豫地投身\n' segment
expect_eq "Simplified is cut like Traditional" "毫不 犹豫 地 投身" "$OUT"
run_stdin $'毫不猶豫\n' segment --no-fold-chinese-script
expect_eq "without folding ICU cuts Traditional its own way" "毫不猶豫" "$OUT"
run_stdin $'清華大學\n' segment --terms
expect_eq "segment --terms prints Simplified terms" "清华大学" "$OUT"
run_stdin $'清華大學\n' segment --mode hybrid
expect_eq "segment --mode hybrid prints words, bigrams and characters" "清華大學 清華 清 華大 華 大學 大 學" "$OUT"
run_stdin $'清華大學\n' segment --mode bigrams
expect_eq "segment --mode bigrams" "清華 華大 大學" "$OUT"
run_stdin $'牠們看著\n它们看着\n' segment --terms
expect_eq "variants ICU keeps (牠) and 着/著 fold alike" $'它们 看著\n它们 看著' "$OUT"
run_stdin $'牠們\n' segment --terms --no-fold-chinese-variants
expect_eq "--no-fold-chinese-variants keeps 牠" "牠 们" "$OUT"
run segment "$SEED"
expect_contains "segment a file: names split without a dictionary" "$OUT" "新 智 元"
run segment --dict "$NAMES" "$SEED"
expect_contains "segment --dict keeps names whole" "$OUT" "新智元 報道"
expect_contains "a Simplified entry matches Traditional text" "$OUT" " 達摩克利斯 "
expect_eq "one output line per input line" "$(grep -c "" "$SEED")" "$(printf '%s\n' "$OUT" | wc -l)"
run_stdin $'ok\n\xff\n' segment
expect_exit "segment: invalid UTF-8" 3
expect_contains "segment: invalid UTF-8 names the line" "$ERR" "standard input:2: invalid UTF-8"
run segment --mode trigrams
expect_exit "segment: unknown mode" 2
expect_one_error_line "segment: unknown mode"

# --- bad dictionaries ------------------------------------------------------------------

printf '新智元\nPyTorch\n' >"$WORK/latin.txt"
run segment --dict "$WORK/latin.txt" "$SEED"
expect_exit "dictionary with a Latin word" 3
expect_one_error_line "dictionary with a Latin word"
expect_contains "the error names file and line" "$ERR" "latin.txt:2: "
printf '新智元 often\n' >"$WORK/freq.txt"
run index --db "$WORK/bad-dict" --dict "$WORK/freq.txt" "$SEED"
expect_exit "dictionary with a bad frequency" 3
expect_contains "bad frequency message" "$ERR" "freq.txt:1: expected 'word [frequency]'"
run index --db "$WORK/missing-dict" --dict "$WORK/no-such-file.txt" "$SEED"
expect_exit "missing dictionary" 3
expect_one_error_line "missing dictionary"

# --- an index with hybrid segmentation and a dictionary ----------------------------------

DB="$WORK/zh-hybrid"
run index --db "$DB" --chinese-segmentation hybrid --dict "$NAMES" "$FIXTURES/seeds"
expect_exit "index with hybrid segmentation and a dictionary" 0
run info --db "$DB"
expect_contains "info shows hybrid and the dictionary" "$OUT" \
  "Chinese segmentation hybrid with unigrams, user dictionary of 7 words"
run info --db "$DB" --json
expect_contains "info --json: segmentation" "$OUT" '"chinese_segmentation":"hybrid"'
expect_contains "info --json: dictionary size" "$OUT" '"dictionary_words":7'
expect_contains "info --json: variant folding on by default" "$OUT" '"fold_chinese_variants":true'
run index --db "$WORK/zh-no-variants" --no-fold-chinese-variants "$SEED"
expect_exit "index --no-fold-chinese-variants" 0
run info --db "$WORK/zh-no-variants"
expect_contains "info shows variant folding off" "$OUT" "Chinese variant folding off"
run search --db "$DB" --json -k 1 --and 达摩克利斯
expect_eq "a dictionary name is found by its Simplified form" "003_0f7fea0c1696b0fa.txt" "$(first_id)"
expect_contains "the name is highlighted whole, in the original script" "$OUT" '達摩克利斯'
run search --db "$DB" --json -k 1 '"告別meta"'
expect_eq "phrases still work under hybrid segmentation" "003_0f7fea0c1696b0fa.txt" "$(first_id)"
run search --db "$DB" -k 1 告别
expect_contains "a Simplified query highlights the Traditional original" "$OUT" "**告別**"
run index --db "$DB" "$FIXTURES/seeds"
expect_exit "re-index with the stored dictionary" 0
run index --db "$DB" --dict "$WORK/freq.txt" "$FIXTURES/seeds"
expect_exit "re-index with a bad dictionary" 3
printf '新智元\n' >"$WORK/one.txt"
run index --db "$DB" --dict "$WORK/one.txt" "$FIXTURES/seeds"
expect_exit "re-index with another dictionary" 2
expect_contains "the error names the stored dictionary" "$ERR" "dictionary=7"

finish chinese_test
