#!/usr/bin/env bash
# Smoke test of the performance scripts of tools/bench on a tiny corpus (CI does not run
# the real measurements): the scaling curve prints its table with one row per scale and
# the document counts each scale implies, polysearch's peer script for ../shared/bench
# follows the harness's contract (prepare, index, search, cli, describe), and the fields
# benchmark prints its tables.
#
#   bash tests/cli/bench_scripts_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
#
# Exits 77 (ctest: skipped) when GNU time is absent.
set -u

# shellcheck source=tests/cli/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup bench_scripts_test "$@"
TOOLS="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../tools/bench" && pwd)"
BIN_ABS="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"

if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
  skip_rest bench_scripts_test "GNU time absent (tools/install-deps.sh installs it)"
fi

# 200 small documents in four languages, as the bench corpus's lines look.
awk 'BEGIN {
  split("de es pt zh", lang, " ")
  split("Stiftung Gründung|fundación proyecto|fundação pesquisa|研究 公司", words, "|")
  for (i = 0; i < 200; i++) {
    k = 1 + i % 4
    printf "{\"id\": \"t%03d\", \"lang\": \"%s\", \"title\": \"T%d\", \"text\": \"%s %s nummer%d\"}\n", \
      i, lang[k], i, words[k], words[1 + (i + 1) % 4], i
  }
}' >"$WORK/corpus.jsonl"

# --- the scaling curve -----------------------------------------------------------------
CORPUS="$WORK/corpus.jsonl" SCALES="0.5 1 2" CORES="1" POLYSEARCH="$BIN_ABS" WORK="$WORK/scaling" \
  bash "$TOOLS/scaling.sh" >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
collect "scaling.sh"
expect_exit "scaling.sh on a tiny corpus" 0
expect_match "scaling.sh prints its header" "$OUT" "scale +cores +docs +input_MB +seconds +MB/s +peak_RSS_MB +index_MB +compact_MB +x_input"
expect_eq "one row per scale" "50% 100% 200%" "$(awk '$1 ~ /%$/ { print $1 }' <<<"$OUT" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "documents per scale" "100 200 400" "$(awk '$1 ~ /%$/ { print $3 }' <<<"$OUT" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "every row has a compacted size below the index's" "3" \
  "$(awk '$1 ~ /%$/ && $9 > 0 && $9 <= $8 { n++ } END { print n + 0 }' <<<"$OUT")"

# --- the peer script (../shared/bench's contract) ---------------------------------------
PEER="$TOOLS/peer-polysearch.sh"
mkdir -p "$WORK/peer"
export POLYSEARCH="$BIN_ABS"
bash "$PEER" prepare de "$WORK/corpus.jsonl" "$WORK/peer"
RC=$?
expect_exit "peer: prepare" 0
bash "$PEER" index de "$WORK/peer" "$WORK/peer/idx" >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
collect "peer: index"
expect_exit "peer: index (two shards, then compact)" 0
expect_no_file "peer: the index is merged into one" "$WORK/peer/idx/XAPIANDB"
printf 'Stiftung\nfundación\nnummer7\n' >"$WORK/queries.txt"
bash "$PEER" search de "$WORK/peer/idx" "$WORK/queries.txt" >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
collect "peer: search"
expect_exit "peer: search" 0
expect_eq "peer: one line per query" 3 "$(wc -l <<<"$OUT")"
expect_contains "peer: the third query finds its document" "$(sed -n 3p <<<"$OUT")" "t007"
bash "$PEER" cli de "$WORK/peer/idx" Stiftung
RC=$?
expect_exit "peer: cli" 0
expect_match "peer: describe" "$(bash "$PEER" describe zh)" "^polysearch [0-9.]+: ICU words"

# --- the fields benchmark (tools/bench/fields.sh) ---------------------------------------
# The corpus split by language, as ../shared/bench/corpus holds it, with queries beside.
mkdir -p "$WORK/fields/corpus" "$WORK/fields/queries"
for lang in de es pt zh; do
  grep "\"lang\": \"$lang\"" "$WORK/corpus.jsonl" >"$WORK/fields/corpus/$lang.jsonl"
done
printf 'Stiftung Gründung\nnummer7\n' >"$WORK/fields/queries/de.txt"
printf 'fundación\n' >"$WORK/fields/queries/es.txt"
printf 'fundação\n' >"$WORK/fields/queries/pt.txt"
printf '研究\n' >"$WORK/fields/queries/zh.txt"
FIELDS_BENCH="$(dirname "$BIN_ABS")/polysearch_fields_bench"
BENCH="$FIELDS_BENCH" CORPUS_DIR="$WORK/fields/corpus" QUERIES_DIR="$WORK/fields/queries" \
  bash "$TOOLS/fields.sh" --queries 2 --rounds 1 --work "$WORK/fields/work" \
  >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
collect "fields.sh"
expect_exit "fields.sh on a tiny corpus" 0
expect_contains "fields.sh: all 200 documents, both indexes" "$OUT" "200 documents"
expect_match "fields.sh: the index size with fields and its verdict" "$OUT" \
  "index size with fields: [+-][0-9.]+% written, [+-][0-9.]+% compacted \((met|MISSED)"
expect_eq "fields.sh: one row per kind of request" 11 \
  "$(grep -c '^| [a-z].* | [0-9]* | [0-9]* | [0-9.]* | [0-9.]* | [0-9.]* |' <<<"$OUT")"
expect_contains "fields.sh: no facet queries in so small a corpus" "$OUT" \
  "no query matches 10000 documents: facets not measured"
expect_no_file "fields.sh: the indexes are removed" "$WORK/fields/work/fields"
BENCH="$FIELDS_BENCH" CORPUS_DIR="$WORK/fields/nothing" bash "$TOOLS/fields.sh" \
  >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
collect "fields.sh without a corpus"
expect_exit "fields.sh without a corpus skips" 0
expect_contains "fields.sh says why it skipped" "$ERR" "skipped: no bench corpus"

finish bench_scripts_test
