#!/usr/bin/env bash
# End-to-end test of `polysearch run`: query sets in, TREC run files out.
#
#   bash tests/cli/run_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
#
# Runs every check, prints each failure (expected vs got) and exits 1 if any failed.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup run_test "$@"
DB="$WORK/db"

# expect_same_file NAME A B: the files are byte-identical.
expect_same_file() {
  CHECKS=$((CHECKS + 1))
  if ! cmp -s "$2" "$3"; then
    fail "$1: files differ" "$(diff "$2" "$3" | head -10)"
  fi
}

# expect_valid_run NAME FILE TAG [MAX-RANK]: every line is "qid Q0 docid rank score TAG";
# per topic the ranks are 1..n and the scores do not increase; each topic's lines are
# together; with MAX-RANK, no rank exceeds it.
expect_valid_run() {
  CHECKS=$((CHECKS + 1))
  local problem
  problem=$(awk -v tag="$3" -v max="${4:-0}" '
    function bad(why) { print "line " NR ": " why ": " $0; exit }
    NF != 6 { bad("expected 6 columns") }
    $2 != "Q0" { bad("column 2 is not Q0") }
    $6 != tag { bad("tag is not " tag) }
    $4 !~ /^[0-9]+$/ { bad("rank is not a number") }
    $5 !~ /^-?[0-9]+\.[0-9][0-9][0-9][0-9][0-9][0-9]$/ { bad("score is not fixed with 6 decimals") }
    max > 0 && $4 + 0 > max { bad("rank above " max) }
    {
      if ($1 != qid) {
        if ($1 in seen) bad("topic " $1 " appears in two places")
        seen[$1] = 1; qid = $1; expected = 1; last = ""
      }
      if ($4 + 0 != expected) bad("rank should be " expected)
      if (last != "" && $5 + 0 > last + 0) bad("score higher than the line before")
      expected++; last = $5
    }' "$2")
  if [[ -n "$problem" ]]; then
    fail "$1: invalid run file $2" "$problem"
  fi
}

# topics_of FILE: the topic ids of a run in order of first appearance, space-separated.
topics_of() {
  awk '!($1 in seen) { seen[$1] = 1; printf "%s%s", sep, $1; sep = " " }' "$1"
}

# lines_of FILE QID: how many lines topic QID has in the run.
lines_of() {
  awk -v q="$2" '$1 == q { n++ } END { print n + 0 }' "$1"
}

# --- setup ---------------------------------------------------------------------------

run run --help
expect_exit "run --help" 0
expect_contains "run --help" "$OUT" "Examples:"
expect_contains "run --help" "$OUT" "--topic-field"

"$BIN" index --db "$DB" "$FIXTURES/seeds" >/dev/null 2>"$WORK/stderr"
RC=$?
collect index
expect_exit "index seeds" 0

# --- TSV -----------------------------------------------------------------------------

QUERIES="$WORK/queries.tsv"
printf 'q1\tfundacion linux\nq2\tGründung\n\nq3\t告别\nq4\tPyTorch\nq5\tzzzyyyxxx\n' >"$QUERIES"

run run --db "$DB" --queries "$QUERIES" --output "$WORK/run.txt" --tag test-run
expect_exit "run TSV" 0
expect_eq "run --output FILE prints nothing on stdout" "" "$OUT"
expect_file_exists "run file written" "$WORK/run.txt"
expect_no_file "no temporary file left" "$WORK/run.txt.tmp"
expect_valid_run "run TSV" "$WORK/run.txt" test-run
expect_eq "topics in input order, q5 without hits writes nothing" "q1 q2 q3 q4" \
  "$(topics_of "$WORK/run.txt")"
expect_match "first line" "$(head -1 "$WORK/run.txt")" \
  '^q1 Q0 002_a9c86b4b737a7e46\.txt 1 [0-9]+\.[0-9]{6} test-run$'
expect_match "q2 finds the German seed" "$(grep '^q2 ' "$WORK/run.txt" | head -1)" \
  '^q2 Q0 001_e3980215772cbfcf\.txt 1 '
expect_eq "PyTorch is in every seed" 5 "$(lines_of "$WORK/run.txt" q4)"
expect_match "summary" "$ERR" \
  '^5 queries, [0-9]+ threads?, [0-9.]+ s, [0-9]+ q/s, 0 failed; [0-9]+ lines, 1 without hits$'

run run --db "$DB" --queries "$QUERIES" --tag test-run
expect_exit "run to stdout" 0
expect_eq "stdout run equals the file run" "$(cat "$WORK/run.txt")" "$OUT"
run run --db "$DB" --queries "$QUERIES" --tag test-run --output -
expect_eq "--output - is stdout" "$(cat "$WORK/run.txt")" "$OUT"

run run --db "$DB" --queries "$QUERIES" --quiet -o "$WORK/quiet.txt"
expect_exit "run --quiet" 0
expect_eq "--quiet prints nothing on stderr" "" "$ERR"
expect_valid_run "default tag" "$WORK/quiet.txt" polysearch

# A FIFO (as /dev/null, a device) is written in place: renaming FILE.tmp over it would
# replace it with a regular file (as root, -o /dev/null did just that to /dev/null).
mkfifo "$WORK/fifo"
timeout 20 cat "$WORK/fifo" >"$WORK/from-fifo" &
reader=$!
run run --db "$DB" --queries "$QUERIES" --quiet -o "$WORK/fifo"
expect_exit "run -o FIFO" 0
wait "$reader"
expect_eq "the reader of the FIFO got the run" "0" "$?"
expect_eq "the FIFO is still a FIFO" "yes" "$([[ -p $WORK/fifo ]] && echo yes || echo no)"
expect_eq "no FIFO.tmp left" "no" "$([[ -e $WORK/fifo.tmp ]] && echo yes || echo no)"
expect_valid_run "run written through a FIFO" "$WORK/from-fifo" polysearch

# -k limits the lines per topic.
run run --db "$DB" --queries "$QUERIES" -k 2 -o "$WORK/k2.txt"
expect_exit "run -k 2" 0
expect_valid_run "run -k 2" "$WORK/k2.txt" polysearch 2
expect_eq "run -k 2: q4 has 2 lines" 2 "$(lines_of "$WORK/k2.txt" q4)"
run run --db "$DB" --queries "$QUERIES" -k 1 -o "$WORK/k1.txt"
expect_eq "run -k 1: one line per topic with hits" 4 "$(wc -l <"$WORK/k1.txt" | tr -d ' ')"

# Options that change the ranking still give valid runs.
run run --db "$DB" --queries "$QUERIES" --bm25 1.2,0.75 --and --lang es -o "$WORK/opts.txt"
expect_exit "run --bm25 --and --lang" 0
expect_valid_run "run --bm25 --and --lang" "$WORK/opts.txt" polysearch

# A byte order mark and CRLF line ends.
printf '\xef\xbb\xbfa\tfundacion linux\r\nb\tPyTorch\r\n' >"$WORK/bom.tsv"
run run --db "$DB" --queries "$WORK/bom.tsv" -o "$WORK/bom.txt"
expect_exit "run BOM + CRLF" 0
expect_eq "BOM + CRLF topics" "a b" "$(topics_of "$WORK/bom.txt")"
expect_valid_run "BOM + CRLF run" "$WORK/bom.txt" polysearch

# --- TREC topics ---------------------------------------------------------------------

TOPICS="$WORK/topics.trec"
cat >"$TOPICS" <<'EOF'
<top>
<num> Number: 301
<title> fundacion
linux

<desc> Description:
Gründung der Stiftung

<narr> Narrative:
Not used.
</top>

<top>
<num> Number: 302
<title> Topic: 告别
<desc> Description: PyTorch
</top>
EOF
run run --db "$DB" --queries "$TOPICS" -o "$WORK/trec-title.txt"
expect_exit "run TREC topics" 0
expect_valid_run "run TREC topics" "$WORK/trec-title.txt" polysearch
expect_eq "TREC topic ids" "301 302" "$(topics_of "$WORK/trec-title.txt")"
expect_match "TREC title over two lines" "$(head -1 "$WORK/trec-title.txt")" \
  '^301 Q0 002_a9c86b4b737a7e46\.txt 1 '

run run --db "$DB" --queries "$TOPICS" --topic-field desc -o "$WORK/trec-desc.txt"
expect_exit "run --topic-field desc" 0
expect_match "desc of 301 finds the German seed" "$(head -1 "$WORK/trec-desc.txt")" \
  '^301 Q0 001_e3980215772cbfcf\.txt 1 '
expect_eq "desc of 302 (PyTorch) matches every seed" 5 "$(lines_of "$WORK/trec-desc.txt" 302)"

run run --db "$DB" --queries "$TOPICS" --topic-field title+desc -o "$WORK/trec-td.txt"
expect_exit "run --topic-field title+desc" 0
expect_valid_run "run --topic-field title+desc" "$WORK/trec-td.txt" polysearch

# A topic without the field asked for is searched with the one it has, with a warning;
# it used to stop the whole run ("topic '303' has no <desc>", exit 3).
cat "$TOPICS" >"$WORK/nodesc.trec"
printf '<top>\n<num> Number: 303\n<title> Gründung\n</top>\n' >>"$WORK/nodesc.trec"
run run --db "$DB" --queries "$WORK/nodesc.trec" --topic-field title+desc -o "$WORK/trec-nodesc.txt"
expect_exit "title+desc with a topic without desc" 0
expect_eq "every topic ran" "301 302 303" "$(topics_of "$WORK/trec-nodesc.txt")"
expect_match "the topic without desc ran on its title" "$(grep '^303 ' "$WORK/trec-nodesc.txt" | head -1)" \
  '^303 Q0 001_e3980215772cbfcf\.txt 1 '
expect_eq "one warning, naming file, line and topic" \
  "polysearch: warning: $WORK/nodesc.trec:18: topic '303' has no <desc>; using its <title> alone" \
  "$(grep warning <<<"$ERR")"
run run --db "$DB" --queries "$WORK/nodesc.trec" --topic-field desc -q -o "$WORK/trec-nodesc-desc.txt"
expect_exit "desc with a topic without desc" 0
expect_eq "--quiet: no warning" "" "$ERR"
expect_eq "every topic ran on desc" "301 302 303" "$(topics_of "$WORK/trec-nodesc-desc.txt")"

printf '<top>\n<num> Number: 1\n<desc> no title\n</top>\n' >"$WORK/notitle.trec"
run run --db "$DB" --queries "$WORK/notitle.trec"
expect_exit "TREC topic without title" 0
expect_contains "TREC topic without title: warned" "$ERR" \
  "polysearch: warning: $WORK/notitle.trec:1: topic '1' has no <title>; using its <desc> instead"

printf '<top>\n<num> Number: 1\n<narr> neither title nor desc\n</top>\n' >"$WORK/notext.trec"
run run --db "$DB" --queries "$WORK/notext.trec"
expect_exit "TREC topic without title or desc" 3
expect_one_error_line "TREC topic without title or desc"
expect_contains "TREC error names file and line" "$ERR" \
  "notext.trec:1: topic '1' has no text in <title> or <desc>"

# --- queries with syntax errors ------------------------------------------------------

printf 'ok\tfundacion\nquote\t"fundacion linux\nparen\t(PyTorch OR\nop\tPyTorch AND\nstar\t***\nlast\tGründung\n' \
  >"$WORK/syntax.tsv"
run run --db "$DB" --queries "$WORK/syntax.tsv" -o "$WORK/syntax.txt"
expect_exit "a query with nothing left fails the run" 3
expect_contains "unterminated phrase searched as plain words" "$ERR" \
  "polysearch: warning: topic 'quote': unterminated phrase at byte 0; searched as plain words"
expect_contains "unbalanced parenthesis warned" "$ERR" "polysearch: warning: topic 'paren': "
expect_contains "dangling AND warned" "$ERR" "polysearch: warning: topic 'op': "
expect_contains "failed topic named" "$ERR" "polysearch: error: topic 'star': "
expect_match "summary counts the failure" "$ERR" '1 failed; [0-9]+ lines, 3 searched as plain words$'
expect_file_exists "the run is still written" "$WORK/syntax.txt"
expect_valid_run "run with syntax errors" "$WORK/syntax.txt" polysearch
expect_eq "every other topic ran" "ok quote paren op last" "$(topics_of "$WORK/syntax.txt")"
expect_match "plain words found the Spanish seed" "$(grep '^quote ' "$WORK/syntax.txt" | head -1)" \
  '^quote Q0 002_a9c86b4b737a7e46\.txt 1 '

run run --db "$DB" --queries "$WORK/syntax.tsv" --literal -q -o "$WORK/literal.txt"
expect_exit "--literal" 3
expect_not_contains "--literal: no warnings" "$ERR" "warning"
expect_eq "--literal runs the same topics" "ok quote paren op last" "$(topics_of "$WORK/literal.txt")"

# --- threads: the run does not depend on the thread count ----------------------------

MANY="$WORK/many.tsv"
words=(fundacion linux Gründung Stiftung 告别 拒信 PyTorch contratacion recessao supervisionar
  Umstrukturierung certificado profesional Meta projeto "\"fundacion linux\"" "fund*" title:linux)
: >"$MANY"
for i in $(seq 1 300); do
  a=${words[$((i % ${#words[@]}))]}
  b=${words[$(((i * 7) % ${#words[@]}))]}
  printf 't%03d\t%s %s\n' "$i" "$a" "$b" >>"$MANY"
done
run run --db "$DB" --queries "$MANY" --threads 1 -o "$WORK/t1.txt"
expect_exit "run --threads 1" 0
expect_match "summary names one thread" "$ERR" '^300 queries, 1 thread, '
run run --db "$DB" --queries "$MANY" --threads 2 -o "$WORK/t2.txt"
expect_exit "run --threads 2" 0
expect_match "summary names two threads" "$ERR" '^300 queries, 2 threads, '
run run --db "$DB" --queries "$MANY" --threads 7 -o "$WORK/t7.txt"
expect_exit "run --threads 7" 0
expect_valid_run "run --threads 2" "$WORK/t2.txt" polysearch
expect_same_file "threads 1 and 2 give the same run" "$WORK/t1.txt" "$WORK/t2.txt"
expect_same_file "threads 1 and 7 give the same run" "$WORK/t1.txt" "$WORK/t7.txt"
run run --db "$DB" --queries "$QUERIES" --threads 64 -o "$WORK/t64.txt"
expect_match "threads capped at the topic count" "$ERR" '^5 queries, 5 threads, '

# --- errors --------------------------------------------------------------------------

run run --db "$WORK/no-such-db" --queries "$QUERIES"
expect_exit "missing index" 3
expect_one_error_line "missing index"

run run --db "$DB" --queries "$WORK/no-such-queries.tsv"
expect_exit "missing queries file" 3
expect_one_error_line "missing queries file"
expect_contains "missing queries file" "$ERR" "no-such-queries.tsv': no such file or directory"

printf 'q1\tok\nq2 no tab\n' >"$WORK/notab.tsv"
run run --db "$DB" --queries "$WORK/notab.tsv"
expect_exit "TSV line without a TAB" 3
expect_one_error_line "TSV line without a TAB"
expect_contains "TSV error names file and line" "$ERR" "notab.tsv:2: "

printf 'q1\tok\nq1\tagain\n' >"$WORK/dup.tsv"
run run --db "$DB" --queries "$WORK/dup.tsv"
expect_exit "duplicate topic id" 3
expect_contains "duplicate topic id" "$ERR" "dup.tsv:2: duplicate topic id 'q1' (first on line 1)"

printf 'q1\tcaf\xe9\n' >"$WORK/badutf8.tsv"
run run --db "$DB" --queries "$WORK/badutf8.tsv"
expect_exit "invalid UTF-8 in queries" 3
expect_contains "invalid UTF-8 in queries" "$ERR" "badutf8.tsv:1: invalid UTF-8"

: >"$WORK/empty.tsv"
run run --db "$DB" --queries "$WORK/empty.tsv" -o "$WORK/empty-run.txt"
expect_exit "no topics" 3
expect_one_error_line "no topics"
expect_no_file "no run for no topics" "$WORK/empty-run.txt"

run run --queries "$QUERIES"
expect_exit "run without --db" 2
expect_one_error_line "run without --db"
run run --db "$DB"
expect_exit "run without --queries" 2
expect_one_error_line "run without --queries"

for bad in "--topic-field foo" "--tag" "--threads 0" "--threads x" "-k 0" "--bm25 1.2" \
  "--lang xx"; do
  # shellcheck disable=SC2086  # split on purpose
  run run --db "$DB" --queries "$QUERIES" $bad
  expect_exit "run $bad" 2
  expect_one_error_line "run $bad"
done
run run --db "$DB" --queries "$QUERIES" --tag "two words"
expect_exit "run --tag with a space" 2
expect_one_error_line "run --tag with a space"

# A document id with a space cannot be written to a run: that topic fails, others run.
printf '%s\n' '{"id": "a b", "text": "Stiftung", "lang": "de"}' \
  '{"id": "c", "text": "Stiftung Gründung", "lang": "de"}' '{"id": "d", "text": "Linux", "lang": "de"}' \
  >"$WORK/spaced.jsonl"
"$BIN" index --db "$WORK/db-spaced" "$WORK/spaced.jsonl" >/dev/null 2>&1
printf 'one\tStiftung\ntwo\tLinux\n' >"$WORK/spaced.tsv"
run run --db "$WORK/db-spaced" --queries "$WORK/spaced.tsv" -o "$WORK/spaced.txt"
expect_exit "document id with a space" 3
expect_contains "document id with a space" "$ERR" \
  "polysearch: error: topic 'one': run line: document id 'a b' holds whitespace"
expect_eq "the other topic is written" "two" "$(topics_of "$WORK/spaced.txt")"

# A failed run leaves an existing run file as it was and no temporary file.
cp "$WORK/run.txt" "$WORK/keep.txt"
run run --db "$DB" --queries "$QUERIES" -k 100000000 -o "$WORK/keep.txt"
expect_exit "-k above the library's limit" 2
expect_one_error_line "-k above the library's limit"
expect_same_file "existing run file kept" "$WORK/run.txt" "$WORK/keep.txt"
expect_no_file "no temporary file after an error" "$WORK/keep.txt.tmp"

run run --db "$DB" --queries "$QUERIES" -o "$WORK/no-such-dir/run.txt"
expect_exit "output directory missing" 3
expect_one_error_line "output directory missing"

# --- SIGINT --------------------------------------------------------------------------

# The run creates OUTPUT.tmp once its signal handler is in place; the signal is sent then,
# with enough queries left that the run is still going.
awk 'BEGIN { for (i = 1; i <= 100000; i++) printf "s%d\tfundacion linux PyTorch %d\n", i, i }' \
  >"$WORK/sigint.tsv"
"$BIN" run --db "$DB" --queries "$WORK/sigint.tsv" --threads 2 -o "$WORK/sigint.txt" \
  </dev/null >"$WORK/stdout" 2>"$WORK/stderr" &
PID=$!
for _ in $(seq 1 600); do
  [[ -e "$WORK/sigint.txt.tmp" ]] && break
  sleep 0.05
done
sleep 0.2
kill -INT "$PID"
wait "$PID"
RC=$?
collect run sigint
expect_exit "SIGINT" 130
expect_one_error_line "SIGINT"
expect_match "SIGINT message" "$ERR" \
  '^polysearch: error: interrupted after [0-9]+ of 100000 queries; no run file written$'
expect_no_file "SIGINT leaves no run file" "$WORK/sigint.txt"
expect_no_file "SIGINT leaves no temporary file" "$WORK/sigint.txt.tmp"

# ---------------------------------------------------------------------------------------

finish run_test
