#!/usr/bin/env bash
# `polysearch index` into a new index on several writers (IndexBuilder): the same results
# as one writer, duplicates and bad lines handled as one writer does, an existing index
# appended to by one writer, and a build interrupted or killed leaving the index usable
# and no parts behind (after the next run).
#
#   bash tests/cli/parallel_index_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"
setup parallel_index "$@"

# 6,000 documents in four languages, about 2 MB: several runs of documents per writer.
# Document i holds the word "unique<i>"; doc000100 comes again at the end with new text.
CORPUS=$WORK/corpus.jsonl
awk 'BEGIN {
  split("Stiftung Gründung Forschung Berlin Wissenschaft Jahr Versicherungsbeitrag", de, " ")
  split("fundación proyecto empresa investigación Madrid año ciudades", es, " ")
  split("fundação projeto empresa pesquisa Lisboa recessão cidades", pt, " ")
  split("告別 研究 公司 大學 北京 創立 圖書館", zh, " ")
  for (i = 0; i < 6000; i++) {
    k = i % 4
    text = ""
    for (j = 0; j < 40; j++) {
      w = 1 + (i * 7 + j * 3) % 7
      text = text (k == 0 ? de[w] : k == 1 ? es[w] : k == 2 ? pt[w] : zh[w]) " "
    }
    lang = k == 0 ? "de" : k == 1 ? "es" : k == 2 ? "pt" : "zh"
    printf "{\"id\": \"doc%06d\", \"title\": \"%s\", \"text\": \"%s unique%06d\"}\n", i, de[1 + i % 7], text, i
  }
  printf "{\"id\": \"doc000100\", \"text\": \"Neufassung des Dokuments hundert\"}\n"
}' >"$CORPUS"

run index --db "$WORK/one" --threads 1 --json --quiet "$CORPUS"
expect_exit "one writer" 0
expect_eq "one writer: writers" 1 "$(jq -r .writers <<<"$OUT")"
run index --db "$WORK/three" --threads 3 --json --quiet "$CORPUS"
expect_exit "three writers" 0
expect_eq "three writers: writers" 3 "$(jq -r .writers <<<"$OUT")"
expect_eq "three writers: indexed" 6001 "$(jq -r .indexed <<<"$OUT")"
expect_eq "three writers: the id given twice counts as replaced" 1 "$(jq -r .replaced <<<"$OUT")"
expect_eq "three writers: languages" '{"de":1501,"es":1500,"pt":1500,"zh":1500}' \
  "$(jq -c .languages <<<"$OUT")"
expect_no_file "three writers: no parts left" "$WORK/three.indexing"

run info --db "$WORK/three" --json
expect_eq "three writers: documents" 6000 "$(jq -r .documents <<<"$OUT")"
# The same ranking, scores and order: run files byte for byte.
printf '1\tForschung Berlin\n2\tunique000100\n3\thundert\n4\t北京 大學\n5\tciudades empresa\n' \
  >"$WORK/topics.tsv"
run run --db "$WORK/one" --queries "$WORK/topics.tsv" -k 50 --output "$WORK/one.run" --quiet
run run --db "$WORK/three" --queries "$WORK/topics.tsv" -k 50 --output "$WORK/three.run" --quiet
CHECKS=$((CHECKS + 1))
cmp -s "$WORK/one.run" "$WORK/three.run" ||
  fail "three writers rank as one does" "$(diff "$WORK/one.run" "$WORK/three.run" | head -5)"
expect_eq "the later version of doc000100 is the one kept" "doc000100" \
  "$(awk '$1 == 3 { print $3 }' "$WORK/three.run")"
expect_eq "the earlier version of doc000100 is gone" "" \
  "$(awk '$1 == 2 { print $3 }' "$WORK/three.run")"

# An index with documents is appended to by one writer.
run_stdin '{"id": "extra", "text": "Nachtrag zur Stiftung"}' index --db "$WORK/three" --json --quiet -
expect_exit "appending" 0
expect_eq "appending: one writer" 1 "$(jq -r .writers <<<"$OUT")"
run info --db "$WORK/three" --json
expect_eq "appending: documents" 6001 "$(jq -r .documents <<<"$OUT")"

# Bad lines are skipped as with one writer: exit 3, the rest indexed.
printf '%s\n' '{"id": "a", "text": "gut"}' '{"id": "", "text": "keine id"}' 'not json' \
  '{"id": "b", "text": "auch gut"}' >"$WORK/bad.jsonl"
run index --db "$WORK/bad" --threads 2 --json --quiet "$WORK/bad.jsonl"
expect_exit "bad lines" 3
expect_eq "bad lines: indexed" 2 "$(jq -r .indexed <<<"$OUT")"
expect_eq "bad lines: skipped" 2 "$(jq -r .skipped <<<"$OUT")"
expect_no_file "bad lines: no parts left" "$WORK/bad.indexing"

# An existing index's settings are kept; other ones are refused before anything is read.
run_stdin "" index --db "$WORK/empty" --threads 2 --quiet --no-stemming -
expect_exit "an empty index" 0
run index --db "$WORK/empty" --threads 2 --quiet --no-fold-diacritics "$WORK/bad.jsonl"
expect_exit "an empty index with other settings" 2
expect_contains "an empty index with other settings: says so" "$ERR" "analysis settings"

# Interrupted: what was read before the signal is merged, the index opens, no parts stay.
mkfifo "$WORK/pipe"
"$BIN" index --db "$WORK/interrupted" --threads 2 --quiet --json - <"$WORK/pipe" \
  >"$WORK/stdout" 2>"$WORK/stderr" &
pid=$!
{
  cat "$CORPUS"
  exec sleep 30 # killed below: the end of the input
} >"$WORK/pipe" &
feeder=$!
for _ in $(seq 1 100); do
  [[ -d $WORK/interrupted.indexing ]] && break
  sleep 0.1
done
sleep 1
# Ctrl-C on a terminal reaches the whole pipeline: the feeder ends too.
kill -INT "$pid"
kill "$feeder" 2>/dev/null
wait "$feeder" 2>/dev/null
wait "$pid"
RC=$?
collect
expect_exit "interrupted build" 130
expect_contains "interrupted build: says what was kept" "$ERR" "documents added before the signal were committed"
expect_eq "interrupted build: the summary says so" true "$(jq -r .interrupted <<<"$OUT")"
kept=$(jq -r '.indexed - .replaced' <<<"$OUT")
run info --db "$WORK/interrupted" --json
expect_eq "interrupted build: the index holds what it says" "$kept" "$(jq -r .documents <<<"$OUT")"
expect_no_file "interrupted build: no parts left" "$WORK/interrupted.indexing"

# Killed: the index opens, empty; the next run removes the parts and builds it whole.  A
# larger input (30,000 documents), so that the kill falls while parts are being written.
for copy in 1 2 3 4 5; do sed "s/\"doc/\"copy$copy-doc/" "$CORPUS"; done >"$WORK/large.jsonl"
"$BIN" index --db "$WORK/killed" --threads 2 --quiet "$WORK/large.jsonl" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 400); do
  compgen -G "$WORK/killed.indexing/part-*" >/dev/null && break
  sleep 0.05
done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
expect_file_exists "killed build: its parts are left" "$WORK/killed.indexing/polysearch-build"
run info --db "$WORK/killed" --json
expect_exit "killed build: the index opens" 0
expect_eq "killed build: with nothing in it" 0 "$(jq -r .documents <<<"$OUT")"
run index --db "$WORK/killed" --threads 2 --quiet "$WORK/large.jsonl"
expect_exit "after the kill" 0
expect_no_file "after the kill: no parts left" "$WORK/killed.indexing"
run info --db "$WORK/killed" --json
expect_eq "after the kill: every document" 30000 "$(jq -r .documents <<<"$OUT")"

finish parallel_index
