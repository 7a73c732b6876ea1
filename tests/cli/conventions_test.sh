#!/usr/bin/env bash
# The command-line conventions every command follows: help texts, exit statuses, '-' for
# standard input, --json for jq, colour and progress only on a terminal.
#
#   bash tests/cli/conventions_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
#
# Runs every check, prints each failure (expected vs got) and exits 1 if any failed.
# Checks that need jq or script(1) say "skipped: …" when the tool is absent.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup conventions_test "$@"
DB="$WORK/db"
unset NO_COLOR

# skip WHAT: says that a group of checks did not run.
skip() { echo "skipped: $1"; }

HAVE_JQ=0
command -v jq >/dev/null 2>&1 && HAVE_JQ=1
HAVE_SCRIPT=0
script -qec true /dev/null >/dev/null 2>&1 && HAVE_SCRIPT=1

# expect_jq NAME FILTER: OUT is one or more JSON values and FILTER is true of each.
expect_jq() {
  [[ $HAVE_JQ == 1 ]] || return 0
  CHECKS=$((CHECKS + 1))
  local verdict
  if ! verdict=$(printf '%s\n' "$OUT" | jq -e -s "length > 0 and all(.[]; $2)" 2>&1); then
    fail "$1: jq -e '$2'" "jq said: $verdict" "got: ${OUT:0:600}"
  fi
}

# run_tty COMMAND: runs the shell COMMAND under script(1), so that its stdout and stderr
# are a terminal; OUT gets both streams (with their carriage returns), RC the status.
run_tty() {
  script -qec "$1" /dev/null </dev/null >"$WORK/tty" 2>&1
  RC=$?
  OUT=$(cat "$WORK/tty")
}

q() { printf '%q' "$1"; }

"$BIN" index --db "$DB" "$FIXTURES/seeds" >/dev/null 2>&1

# --- 1. every command has a description and examples ---------------------------------

run --help
MAIN_HELP=$OUT
COMMANDS=$(awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }' \
  <<<"$MAIN_HELP")
expect_eq "the main help lists the commands" \
  "index search info analyze segment segeval compounds delete compact detect run eval compare fuse tune bench" \
  "$(tr '\n' ' ' <<<"$COMMANDS" | sed 's/ $//')"
for command in $COMMANDS; do
  listed=$(awk -v c="$command" '$1 == c { $1 = ""; sub(/^ +/, ""); print; exit }' <<<"$MAIN_HELP")
  CHECKS=$((CHECKS + 1))
  [[ -n "$listed" ]] || fail "$command: no description in the main --help"
  run "$command" --help
  expect_exit "$command --help" 0
  expect_eq "$command --help starts with its description" "$listed" "$(head -1 <<<"$OUT")"
  examples=$(awk '/^Examples:$/ { on = 1; next } on && /^  / { print; next } on { exit }' <<<"$OUT")
  expect_match "$command --help has an example of 'polysearch $command'" "$examples" \
    "polysearch $command( |$)"
done
expect_contains "the main --help lists the exit statuses" "$MAIN_HELP" "Exit status:"
for status in "  0    success" "  1    no results" "  2    usage error" "  3    data error" \
  "  130  interrupted"; do
  expect_contains "the main --help explains exit status '${status:2:3}'" "$MAIN_HELP" "$status"
done

# --- 2. exit statuses ----------------------------------------------------------------

run search --db "$DB" fundacion
expect_exit "search with hits" 0

run search --db "$DB" zzzqqqxxx
expect_exit "search without hits: no results" 1
expect_eq "search without hits says so" 'no results for "zzzqqqxxx"' "$OUT"
expect_eq "no results is not an error" "" "$ERR"
run search --db "$DB" --json zzzqqqxxx
expect_exit "search --json without hits" 1
expect_eq "search --json without hits prints nothing" "" "$OUT"
run search --db "$DB" --offset 100 PyTorch
expect_exit "search past the last hit" 1
run search --db "$DB" -k 0 PyTorch
expect_exit "search -k 0 with matches" 0
run search --db "$DB" -k 0 zzzqqqxxx
expect_exit "search -k 0 without matches" 1

run delete --db "$DB" no-such-id other-id
expect_exit "delete: no id found" 1
expect_eq "delete: no id found: output" "deleted 0, not found 2" "$OUT"
run_stdin "" delete --db "$DB" -
expect_exit "delete: no id on stdin" 1

# Usage errors: 2 and one error line.
usage_error() {
  local name=$1
  shift
  run "$@"
  expect_exit "$name" 2
  expect_one_error_line "$name"
}
usage_error "unknown flag" search --db "$DB" --frobnicate linux
usage_error "unknown command" frobnicate
usage_error "missing argument" search --db "$DB"
usage_error "unknown language" analyze --lang xx text
usage_error "unknown language for index" index --db "$WORK/never" --lang tlh "$FIXTURES/seeds"
usage_error "query syntax" search --db "$DB" '"unbalanced'
usage_error "bad value" search --db "$DB" -k many linux
usage_error "unknown measure" eval --qrels x -m nope y
expect_no_file "a usage error creates no index" "$WORK/never"

# Data errors: 3 and one error line.
data_error() {
  local name=$1
  shift
  run "$@"
  expect_exit "$name" 3
  expect_one_error_line "$name"
}
data_error "missing index: search" search --db "$WORK/no-such-index" linux
data_error "missing index: info" info --db "$WORK/no-such-index"
data_error "missing index: delete" delete --db "$WORK/no-such-index" x
mkdir -p "$WORK/corrupt"
cp -R "$DB/." "$WORK/corrupt/"
printf 'junk' >"$WORK/corrupt/iamglass"
data_error "corrupt index" search --db "$WORK/corrupt" linux
expect_contains "corrupt index" "$ERR" "corrupt"
data_error "unreadable input: a directory as --qrels" eval --qrels "$WORK" "$WORK/run"
run index --db "$WORK/db-missing-input" "$WORK/nothing.txt"
expect_exit "unreadable input: no such file" 3
expect_contains "unreadable input: no such file" "$ERR" \
  "polysearch: error: cannot read '$WORK/nothing.txt': no such file or directory"
printf 'q1 0 d1 x\n' >"$WORK/bad-qrels.txt"
printf 'q1 Q0 d1 1 1.0 r\n' >"$WORK/one.run"
data_error "invalid input: malformed qrels" eval --qrels "$WORK/bad-qrels.txt" "$WORK/one.run"
"$BIN" search --db "$DB" -k 1 fundacion >/dev/full 2>"$WORK/stderr"
RC=$?
collect "search > /dev/full"
expect_exit "search > /dev/full" 3
expect_one_error_line "search > /dev/full"
expect_contains "search > /dev/full" "$ERR" "cannot write to standard output"

# Skipped input documents: the rest is indexed, the status is 3.
mkdir -p "$WORK/mixed"
printf 'bad \xff byte\n' >"$WORK/mixed/bad.txt"
printf 'Die Stiftung fördert Forschung.\n' >"$WORK/mixed/good.txt"
run index --db "$WORK/db-mixed" "$WORK/mixed"
expect_exit "index with a skipped document" 3
expect_contains "the good document is still indexed" "$ERR" "indexed 1 document"

# A locked index: a writer waiting for stdin holds the lock.
mkfifo "$WORK/fifo"
"$BIN" index --db "$WORK/locked" - <"$WORK/fifo" >/dev/null 2>&1 &
WRITER=$!
exec 7>"$WORK/fifo"
for _ in $(seq 1 200); do
  [[ -e "$WORK/locked/iamglass" ]] && break
  sleep 0.05
done
data_error "locked index" index --db "$WORK/locked" "$FIXTURES/seeds"
expect_contains "locked index" "$ERR" "locked"
exec 7>&-
wait "$WRITER"

# Interrupted: 128 + the signal; what was added before it is committed.  The indexer reads
# JSON Lines from a FIFO; after the signal one more line wakes it up.
mkfifo "$WORK/fifo-term"
"$BIN" index --db "$WORK/db-term" --json - <"$WORK/fifo-term" >"$WORK/stdout" 2>"$WORK/stderr" &
INDEXER=$!
exec 8>"$WORK/fifo-term"
printf '%s\n' '{"id": "t1", "text": "Die Stiftung", "lang": "de"}' >&8
for _ in $(seq 1 200); do
  [[ -e "$WORK/db-term/iamglass" ]] && break
  sleep 0.05
done
sleep 0.2
kill -TERM "$INDEXER"
printf '%s\n' '{"id": "t2", "text": "Die Gründung", "lang": "de"}' >&8
exec 8>&-
wait "$INDEXER"
RC=$?
collect index SIGTERM
expect_exit "index interrupted by SIGTERM" 143
expect_one_error_line "index interrupted by SIGTERM"
expect_match "index interrupted by SIGTERM" "$ERR" \
  '^polysearch: error: interrupted; [0-9]+ documents added before the signal were committed'
expect_jq "index --json when interrupted" '.interrupted == true'

# --- 3. '-' reads standard input -----------------------------------------------------

run_stdin "Die Gründung" analyze --lang de -
expect_exit "analyze -" 0
expect_match "analyze - reads stdin" "$OUT" "Gründung +→ +grundung"
run_stdin "Die Gründung der Stiftung wurde gestern in Berlin bekannt gegeben." detect -
expect_match "detect -" "$OUT" '^de '
run_stdin "Die Gründung der Stiftung wurde gestern in Berlin bekannt gegeben." detect
expect_match "detect without TEXT reads stdin" "$OUT" '^de '
run_stdin "清华大学的学生" segment -
expect_eq "segment -" "清华大学 的 学生" "$OUT"
run_stdin "fundacion linux" search --db "$DB" --json -
expect_exit "search -" 0
expect_contains "search -" "$OUT" '"id":"002_a9c86b4b737a7e46.txt"'
run_stdin '{"id": "s1", "text": "Um projeto da fundação.", "lang": "pt"}' index --db "$WORK/db-stdin" -
expect_exit "index -" 0
expect_contains "index -" "$ERR" "indexed 1 document (pt 1)"
run_stdin $'s1\nnot-there\n' delete --db "$WORK/db-stdin" -
expect_exit "delete -" 0
expect_eq "delete -" "deleted 1, not found 1" "$OUT"

printf 'q1\tfundacion linux\nq2\tGründung\nq3\t告别\n' >"$WORK/queries.tsv"
{
  printf 'q1 0 002_a9c86b4b737a7e46.txt 1\nq1 0 004_acc0ddc987c2db30.txt 1\n'
  printf 'q2 0 001_e3980215772cbfcf.txt 2\nq3 0 003_0f7fea0c1696b0fa.txt 1\n'
} >"$WORK/qrels.txt"
run run --db "$DB" --queries "$WORK/queries.tsv" -q -o "$WORK/file.run"
run_stdin "$(cat "$WORK/queries.tsv")" run --db "$DB" --queries - -q
expect_exit "run --queries -" 0
expect_eq "run --queries - gives the run of the file" "$(cat "$WORK/file.run")" "$OUT"
run eval --qrels "$WORK/qrels.txt" "$WORK/file.run"
FROM_FILE=$OUT
run_stdin "$(cat "$WORK/file.run")" eval --qrels "$WORK/qrels.txt" -
expect_exit "eval RUN -" 0
expect_eq "eval RUN - equals eval RUN" "$FROM_FILE" "$OUT"
run_stdin "$(cat "$WORK/qrels.txt")" eval --qrels - "$WORK/file.run"
expect_exit "eval --qrels -" 0
expect_eq "eval --qrels - equals eval --qrels FILE" "$FROM_FILE" "$OUT"
run_stdin "$(cat "$WORK/file.run")" compare --qrels "$WORK/qrels.txt" "$WORK/file.run" -
expect_exit "compare RUN_B -" 0
expect_contains "compare RUN_B -" "$OUT" "B: - "
run_stdin "x" eval --qrels - -
expect_exit "eval: stdin twice" 2
expect_one_error_line "eval: stdin twice"
expect_contains "eval: stdin twice" "$ERR" "--qrels and RUN cannot both be standard input"
run_stdin "x" compare --qrels "$WORK/qrels.txt" - -
expect_exit "compare: stdin twice" 2
expect_one_error_line "compare: stdin twice"

# --- 4. --json for jq ----------------------------------------------------------------

if [[ $HAVE_JQ == 1 ]]; then
  run search --db "$DB" --json -k 3 PyTorch
  expect_jq "search --json" '(.rank | type) == "number" and (.id | type) == "string" and (.highlights | type) == "array"'
  expect_jq "search --json: the total in every hit" '.total == 5 and .total_exact == true'
  run search --db "$DB" --json -k 0 PyTorch
  expect_jq "search --json -k 0: the count alone" '.total == 5 and .total_exact == true and (has("id") | not)'
  run info --db "$DB" --json
  expect_jq "info --json" '.documents == 5 and (.languages | map(.code) | sort) == ["de", "es", "pt", "zh"]'
  run analyze --lang es --json "La Fundación Linux"
  expect_jq "analyze --json" '(.term | type) == "string" and .lang == "es"'
  run detect --json "Die Gründung der Stiftung wurde gestern in Berlin bekannt gegeben."
  expect_jq "detect --json" '.lang == "de" and (.confidence | type) == "number"'
  run index --db "$WORK/db-json" --json "$FIXTURES/seeds"
  expect_exit "index --json" 0
  expect_jq "index --json summary" '.indexed == 5 and .skipped == 0 and .languages.es == 2 and .interrupted == false'
  expect_eq "index --json: no text summary on stderr" "" "$ERR"
  run index --db "$WORK/db-json" --json "$WORK/mixed"
  expect_exit "index --json with a skipped document" 3
  expect_jq "index --json counts the skipped document" '.indexed == 1 and .skipped == 1'
  run eval --qrels "$WORK/qrels.txt" --json "$WORK/file.run"
  expect_jq "eval --json" '.measures.map.all >= 0'
  run compare --qrels "$WORK/qrels.txt" --json "$WORK/file.run" "$WORK/file.run"
  expect_jq "compare --json" '.measures.ndcg_cut_10.ties == 3'
else
  skip "--json checks with jq: jq absent"
fi

# --- 5. colour only on a terminal, never with NO_COLOR ---------------------------------

run search --db "$DB" -k 1 fundacion
expect_not_contains "no escapes into a pipe" "$OUT" $'\e['
expect_contains "markers into a pipe" "$OUT" "**"
if [[ $HAVE_SCRIPT == 1 ]]; then
  search_command="$(q "$BIN") search --db $(q "$DB") -k 1 fundacion"
  run_tty "$search_command"
  expect_exit "search on a terminal" 0
  expect_contains "bold on a terminal" "$OUT" $'\e[1m'
  expect_not_contains "no markers on a terminal" "$OUT" "**"
  NO_COLOR=1 run_tty "$search_command"
  expect_not_contains "NO_COLOR=1: no escapes on a terminal" "$OUT" $'\e['
  expect_contains "NO_COLOR=1: markers on a terminal" "$OUT" "**"
  NO_COLOR="" run_tty "$search_command"
  expect_contains "an empty NO_COLOR counts as unset" "$OUT" $'\e[1m'
else
  skip "colour on a terminal: script(1) absent"
fi

# --- 6. progress on stderr, only on a terminal ----------------------------------------

# About 4 MB of JSON Lines: indexing takes long enough for the progress line to show.
awk 'BEGIN {
  split("Stiftung Gründung Forschung Berlin Linux PyTorch Projekt Wissenschaft Jahr neue", w, " ")
  for (i = 1; i <= 6000; i++) {
    text = ""
    for (j = 1; j <= 80; j++) text = text w[(i * j) % 10 + 1] " "
    printf "{\"id\": \"p%d\", \"text\": \"%s\", \"lang\": \"de\"}\n", i, text
  }
}' >"$WORK/progress.jsonl"

run index --db "$WORK/db-progress-pipe" "$WORK/progress.jsonl"
expect_exit "index, stderr not a terminal" 0
expect_not_contains "no progress line when stderr is not a terminal" "$ERR" $'\r'

if [[ $HAVE_SCRIPT == 1 ]]; then
  start=$(date +%s%N)
  run_tty "$(q "$BIN") index --db $(q "$WORK/db-progress") $(q "$WORK/progress.jsonl")"
  elapsed_ms=$((($(date +%s%N) - start) / 1000000))
  expect_exit "index on a terminal" 0
  expect_match "progress line: documents, docs/s, MB/s, share and ETA" "$(tr '\r' '\n' <<<"$OUT")" \
    '^[0-9]+ documents, [0-9]+ docs/s, [0-9.]+ MB/s, [0-9]+%, ETA [0-9]+:[0-9]{2} *$'
  expect_match "the progress line is erased before the summary" "$OUT" \
    $'\r +\rindexed 6000 documents \\(de 6000\\)'
  frames=$(tr -cd '\r' <<<"$OUT" | wc -c)
  # Each drawing starts with one \r, the erasing takes two (and the pty adds one per line).
  CHECKS=$((CHECKS + 1))
  if ((frames < 3 || frames > elapsed_ms / 250 + 5)); then
    fail "progress is redrawn at most 4 times a second" "$frames carriage returns in $elapsed_ms ms"
  fi

  run_tty "$(q "$BIN") index --quiet --db $(q "$WORK/db-progress-quiet") $(q "$WORK/progress.jsonl")"
  expect_exit "index --quiet on a terminal" 0
  expect_eq "index --quiet prints nothing" "" "$OUT"

  run_tty "cat $(q "$WORK/progress.jsonl") | $(q "$BIN") index --db $(q "$WORK/db-progress-stdin") -"
  expect_match "from a pipe the size is unknown: no share or ETA" "$(tr '\r' '\n' <<<"$OUT")" \
    '^[0-9]+ documents, [0-9]+ docs/s, [0-9.]+ MB/s *$'
  run_tty "$(q "$BIN") index --db $(q "$WORK/db-progress-file") - < $(q "$WORK/progress.jsonl")"
  expect_match "from a redirected file the size is known" "$(tr '\r' '\n' <<<"$OUT")" \
    '^[0-9]+ documents, .*, [0-9]+%, ETA [0-9]+:[0-9]{2} *$'
else
  skip "progress on a terminal: script(1) absent"
fi

# ---------------------------------------------------------------------------------------

finish conventions_test
