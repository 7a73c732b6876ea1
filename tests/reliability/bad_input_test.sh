#!/usr/bin/env bash
# The bad-input matrix of docs/RELIABILITY.md through the command line: each class of bad
# document, JSON line, query and index gives one clear message and the documented exit
# status (2 usage, 3 data error, 1 no results), and the rest of the input is still indexed.
#
#   bash tests/reliability/bad_input_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
#
# Checks that need root tricks (a read-only directory for root, a small tmpfs) fall back to
# something equivalent or say "skipped: …".  RELIABILITY_MAX_RSS_MB (default 450) bounds the
# peak memory of indexing a 200 MB document; a sanitized build sets it higher.
set -u

# shellcheck source=tests/cli/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
setup bad_input_test "$@"
MAX_RSS_MB=${RELIABILITY_MAX_RSS_MB:-450}

skip() { echo "skipped: $1"; }

# index_expect NAME STATUS ARGS...: runs `index` and checks the exit status.
index_expect() {
  local name=$1 status=$2
  shift 2
  run index --quiet "$@"
  expect_exit "$name" "$status"
}

# doc_count DB: the number of documents, from info --json.
doc_count() { "$BIN" info --db "$1" --json | jq -r .documents; }

# hits DB QUERY: the ids found, sorted, space-separated.
hits() {
  "$BIN" search --db "$1" --json -k 100 --no-snippets -- "$2" 2>/dev/null | jq -r .id | sort |
    tr '\n' ' ' | sed 's/ $//'
}

# peak_rss_kb COMMAND...: runs COMMAND under GNU time; sets RC, ERR and RSS_KB (empty
# when /usr/bin/time is missing).
peak_rss_kb() {
  RSS_KB=""
  if [[ -x /usr/bin/time ]] && /usr/bin/time -f %M true >/dev/null 2>&1; then
    /usr/bin/time -o "$WORK/time" -f %M "$@" >"$WORK/stdout" 2>"$WORK/stderr"
    RC=$?
    RSS_KB=$(tail -1 "$WORK/time")
  else
    "$@" >"$WORK/stdout" 2>"$WORK/stderr"
    RC=$?
  fi
  collect "$*"
}

# --- 1. documents -----------------------------------------------------------------------

D="$WORK/docs"
mkdir -p "$D"
printf 'Gültiger Text über die Stiftung.\n' >"$D/good.txt"
printf 'ein \xc0\xaf Schrägstrich\n' >"$D/overlong.txt"
printf 'ein \xe0\x80\xaf drei Bytes\n' >"$D/overlong3.txt"
printf 'ein \xed\xa0\x80 Surrogat\n' >"$D/surrogate.txt"
printf 'abgeschnitten \xe4\xb8' >"$D/truncated.txt"
printf 'Mitte \xf0\x9f\x98 abgeschnitten\n' >"$D/truncated4.txt"
printf 'abc\0def\n' >"$D/nul.txt"
printf '\xff\xfeS\0t\0i\0f\0t\0u\0n\0g\0' >"$D/utf16le.txt"
printf '\xfe\xff\0S\0t\0i\0f\0t\0u\0n\0g' >"$D/utf16be.txt"
printf 'S\0t\0i\0f\0t\0u\0n\0g\0' >"$D/utf16-no-bom.txt"
head -c 4096 "$BIN" >"$D/binary-elf.txt"                        # an ELF header: NUL bytes
awk 'BEGIN { srand(3); for (i = 0; i < 3000; i++) printf "%c", 128 + int(rand() * 127) }' \
  >"$D/binary-high.txt"                                          # no NUL, not UTF-8
: >"$D/empty.txt"
printf '!!! ... ??? ,,, ;;; --- *** «» „“ 「」。，…\n' >"$D/punctuation.txt"
run index --db "$WORK/db-docs" "$D"
expect_exit "a folder with bad files" 3
expect_contains "good file indexed" "$ERR" "indexed 2 documents"
expect_contains "skipped counted, the empty file apart" "$ERR" "; 12 skipped (1 empty)"
for pair in "overlong.txt:invalid UTF-8 (overlong encoding) at byte 4" \
  "overlong3.txt:invalid UTF-8 (overlong or out-of-range sequence) at byte 4" \
  "surrogate.txt:invalid UTF-8 (encoded surrogate) at byte 4" \
  "truncated.txt:invalid UTF-8 (truncated sequence) at byte 14" \
  "truncated4.txt:invalid UTF-8 (truncated sequence) at byte 6" \
  "nul.txt:NUL byte at byte 3" \
  "utf16le.txt:UTF-16 is not supported, convert to UTF-8" \
  "utf16be.txt:UTF-16 is not supported, convert to UTF-8" \
  "utf16-no-bom.txt:NUL byte at byte 1" \
  "binary-elf.txt:NUL byte at byte" \
  "binary-high.txt:invalid UTF-8" \
  "empty.txt:no text (empty or only white space); document skipped"; do
  expect_contains "${pair%%:*} reported" "$ERR" "polysearch: warning: $D/${pair%%:*}: ${pair#*:}"
done
expect_eq "punctuation-only and good files are documents, an empty one is not" 2 \
  "$(doc_count "$WORK/db-docs")"
expect_eq "the good file is searchable" "good.txt" "$(hits "$WORK/db-docs" stiftung)"

run index --db "$WORK/db-docs" --repair-utf8 "$D/overlong.txt" "$D/surrogate.txt" "$D/truncated.txt"
expect_exit "--repair-utf8 indexes them" 0
expect_eq "repaired documents are searchable" "surrogate.txt" "$(hits "$WORK/db-docs" surrogat)"

# A 1 MB line without spaces, 100,000 Chinese characters without punctuation, words mixing
# scripts, and every Unicode White_Space character between words.
awk 'BEGIN { printf "vorher "; for (i = 0; i < 1000000; i++) printf "x"; print " nachher" }' \
  >"$D/long-word.txt"
awk 'BEGIN { srand(5); split("告 別 安 穩 高 薪 毫 不 猶 豫 投 身 創 立 神 秘 公 司 研 究 生", c, " ")
  for (i = 0; i < 100000; i++) printf "%s", c[1 + int(rand() * 21)] }' >"$D/chinese.txt"
printf 'Linux操作系统 東京Tokyo straßeКиевαβγ ＰｙＴｏｒｃｈ框架\n' >"$D/mixed.txt"
printf 'w0\tw1\nw2\vw3\fw4\rw5 w6\u0085w7\u00a0w8\u1680w9\u2000w10\u2001w11\u2002w12\u2003w13\u2004w14\u2005w15\u2006w16\u2007w17\u2008w18\u2009w19\u200aw20\u2028w21\u2029w22\u202fw23\u205fw24\u3000w25\n' \
  >"$D/spaces.txt"
start=$(date +%s%N)
run index --db "$WORK/db-odd" "$D/long-word.txt" "$D/chinese.txt" "$D/mixed.txt" "$D/spaces.txt"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
expect_exit "odd but valid documents" 0
expect_contains "odd but valid documents are indexed" "$ERR" "indexed 4 documents"
echo "indexing the 1 MB word, 100k Chinese characters, mixed scripts and spaces: $elapsed_ms ms"
CHECKS=$((CHECKS + 1))
((elapsed_ms < 30000)) || fail "odd documents index in bounded time" "took $elapsed_ms ms"
expect_eq "words around a 1 MB word" "long-word.txt" "$(hits "$WORK/db-odd" nachher)"
expect_eq "a word inside 100k Chinese characters" "chinese.txt" "$(hits "$WORK/db-odd" 研究生)"
for query in linux 操作系统 东京 tokyo pytorch; do
  expect_eq "mixed scripts: $query" "mixed.txt" "$(hits "$WORK/db-odd" "$query")"
done
for i in $(seq 0 25); do printf 'q%s\tw%s\n' "$i" "$i"; done >"$WORK/space-queries.tsv"
run run --db "$WORK/db-odd" --queries "$WORK/space-queries.tsv" -k 1 -q
expect_exit "every word between White_Space characters: run" 0
expect_eq "every word between White_Space characters is its own term" 26 \
  "$(grep -c ' spaces.txt 1 ' <<<"$OUT")"

# A 200 MB document, streamed from a generator through a FIFO: refused, memory bounded.
generate_big() {
  printf '{"id": "before", "text": "Die Stiftung davor", "lang": "de"}\n{"id": "huge", "text": "'
  head -c 209715200 /dev/zero | tr '\0' a
  printf '"}\n{"id": "after", "text": "Die Gründung danach", "lang": "de"}\n'
}
mkfifo "$WORK/huge.jsonl"
generate_big >"$WORK/huge.jsonl" &
peak_rss_kb "$BIN" index --db "$WORK/db-huge" "$WORK/huge.jsonl"
wait
expect_exit "a 200 MB JSON line" 3
expect_contains "a 200 MB JSON line is skipped with its line number" "$ERR" \
  "polysearch: warning: $WORK/huge.jsonl:2: line longer than 134217728 bytes (documents are limited to 67108864); line skipped"
expect_contains "the lines around it are indexed" "$ERR" "indexed 2 documents"
if [[ -n "$RSS_KB" ]]; then
  echo "a 200 MB JSON line: peak RSS $((RSS_KB / 1024)) MB"
  CHECKS=$((CHECKS + 1))
  ((RSS_KB < MAX_RSS_MB * 1024)) || fail "peak RSS for a 200 MB line" "$((RSS_KB / 1024)) MB >= $MAX_RSS_MB MB"
else
  skip "peak RSS of the 200 MB document: GNU time absent"
fi
mkfifo "$WORK/huge.txt"
head -c 209715200 /dev/zero | tr '\0' a >"$WORK/huge.txt" &
peak_rss_kb "$BIN" index --db "$WORK/db-huge" "$WORK/huge.txt"
wait
expect_exit "a 200 MB text file" 3
expect_contains "a 200 MB text file is refused at the limit" "$ERR" \
  "polysearch: warning: $WORK/huge.txt: larger than the limit of 67108864 bytes; document skipped"
if [[ -n "$RSS_KB" ]]; then
  echo "a 200 MB text file: peak RSS $((RSS_KB / 1024)) MB"
  CHECKS=$((CHECKS + 1))
  ((RSS_KB < MAX_RSS_MB * 1024)) || fail "peak RSS for a 200 MB file" "$((RSS_KB / 1024)) MB >= $MAX_RSS_MB MB"
fi
# Just over the library's limit: the JSON line is read, the library refuses the document.
awk 'BEGIN { printf "{\"id\": \"big\", \"text\": \""; for (i = 0; i < 65; i++) {
  s = "a"; while (length(s) < 1048576) s = s s; printf "%s", s }; print "\"}" }' >"$WORK/big.jsonl"
run index --db "$WORK/db-huge" "$WORK/big.jsonl"
rm -f "$WORK/big.jsonl"
expect_exit "a 65 MiB document" 3
expect_contains "a 65 MiB document is refused by the library" "$ERR" \
  "big.jsonl:1: document 'big': 68157440 bytes is larger than the limit of 67108864; document skipped"
expect_eq "nothing else changed" 2 "$(doc_count "$WORK/db-huge")"

# --- 2. JSON Lines ----------------------------------------------------------------------

J="$WORK/lines.jsonl"
{
  printf '\xef\xbb\xbf{"id": "j1", "text": "Die Stiftung fördert Forschung.", "lang": "de"}\r\n'
  printf '%s\n' '{"id": "j2", "text": "unterminated'
  printf '%s\n' '{"text": "no id"}'
  printf '%s\n' '{"id": "", "text": "empty id"}'
  printf '%s\n' '{"id": 1.5, "text": "float id"}'
  printf '%s\n' '{"id": true, "text": "bool id"}'
  printf '%s\n' '{"id": "j7", "title": 5}'
  printf '%s\n' '{"id": "j8", "text": ["a", "b"]}'
  printf '%s\n' '{"id": "j9", "text": "x", "lang": 7}'
  printf '%s\n' '{"id": "j10", "text": "x", "body": "y"}'
  printf '%s\n' '{"id": "j11", "text": "nul \u0000 inside"}'
  printf '%s\n' '{"id": "j12", "text": "x"} trailing'
  printf '%s\n' '"just a string"'
  printf '%s\n' '{"id": "j14"}'
  printf '%s\n' '{"id": "dup", "text": "erste Fassung", "lang": "de"}'
  printf '%s\n' '{"id": "dup", "text": "zweite Fassung", "lang": "de"}'
  printf '%s\n' '{"id": "dup", "text": "dritte Fassung", "lang": "de"}'
  printf '%s\n' '{"id": 17, "text": "Zahl als id", "lang": "de", "extra": ["stored", 1, 2]}'
  awk 'BEGIN { for (i = 0; i < 100; i++) printf "["; for (i = 0; i < 100; i++) printf "]"; print "" }'
  printf '{"id": "j19", "text": "caf\xe9"}\n'
} >"$J"
run index --db "$WORK/db-lines" --batch 1000 "$J"
expect_exit "JSON Lines with bad lines" 3
for pair in "2:invalid JSON at byte" "3:missing 'id'" "4:empty 'id'" \
  "5:'id' must be a string or an integer, not number" \
  "6:'id' must be a string or an integer, not boolean" "7:'title' must be a string, not number" \
  "8:'text' must be a string, not array" "9:'lang' must be a string, not number" \
  "10:both 'text' and 'body' given" "11:'text' contains a NUL character" "12:invalid JSON at byte" \
  "13:expected a JSON object, got string" "19:JSON nested deeper than 64 levels" \
  "20:invalid UTF-8 (truncated sequence) at byte"; do
  expect_contains "line ${pair%%:*} reported with its number" "$ERR" \
    "polysearch: warning: $J:${pair%%:*}: ${pair#*:}"
done
expect_contains "JSON Lines summary" "$ERR" "indexed 6 documents (de 5, und 1)"
expect_contains "JSON Lines summary: replaced and skipped" "$ERR" "2 replaced, 14 skipped"
expect_eq "a BOM and CRLF do not hurt" "j1" "$(hits "$WORK/db-lines" forschung)"
expect_eq "a numeric id becomes a string" "17" "$(hits "$WORK/db-lines" zahl)"
expect_eq "the same id three times in one batch: one document, the last" "dup" \
  "$(hits "$WORK/db-lines" fassung)"
expect_eq "the first versions are gone" "" "$(hits "$WORK/db-lines" 'erste OR zweite')"
expect_eq "documents" 4 "$(doc_count "$WORK/db-lines")"

# --- 3. queries -------------------------------------------------------------------------

Q="$WORK/db-docs"
query_error() {
  local name=$1 status=$2 needle=$3
  shift 3
  run search --db "$Q" "$@"
  expect_exit "query: $name" "$status"
  expect_one_error_line "query: $name"
  expect_contains "query: $name" "$ERR" "$needle"
}
query_error "empty" 2 "empty query" ""
query_error "only spaces" 2 "empty query" "   "
query_error "unbalanced quote" 2 "unterminated phrase at byte 4" 'die "stiftung'
query_error "unbalanced parenthesis" 2 "unbalanced parenthesis at byte 0" "(stiftung"
query_error "closing parenthesis" 2 "unbalanced parenthesis at byte 8" "stiftung)"
query_error "star alone" 2 "wildcard '*' at byte 0 needs a prefix" "*"
query_error "unknown field" 2 "unknown field 'autor'" "autor:x"
query_error "unknown language in lang:" 2 "unknown language 'xx' in lang:" "lang:xx stiftung"
query_error "unknown --lang" 2 "unknown language 'tlh'" --lang tlh stiftung
printf 'caf\xc3 stiftung' >"$WORK/bad-query.txt"
"$BIN" search --db "$Q" - <"$WORK/bad-query.txt" >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
collect "search - (invalid UTF-8)"
expect_exit "query: invalid UTF-8" 2
expect_one_error_line "query: invalid UTF-8"
expect_contains "query: invalid UTF-8" "$ERR" "query is not valid UTF-8 (truncated sequence) at byte 3"
run search --db "$Q" -k 1 "der die das"
expect_exit "query: only stop words still searches" 0
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "w%d ", i; print "" }' >"$WORK/10k.txt"
start=$(date +%s%N)
"$BIN" search --db "$Q" - <"$WORK/10k.txt" >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
collect "search - (10k terms)"
expect_exit "query: 10,000 terms" 2
expect_one_error_line "query: 10,000 terms"
expect_contains "query: 10,000 terms" "$ERR" "(at most 1024 terms)"
CHECKS=$((CHECKS + 1))
((elapsed_ms < 5000)) || fail "query: 10,000 terms are refused at once" "took $elapsed_ms ms"

# --- 4. indexes -------------------------------------------------------------------------

data_error() {
  local name=$1 needle=$2
  shift 2
  run "$@"
  expect_exit "$name" 3
  expect_one_error_line "$name"
  expect_contains "$name" "$ERR" "$needle"
}
data_error "missing index" "no such directory" search --db "$WORK/nope" stiftung
printf 'x' >"$WORK/a-file"
data_error "index path is a file: search" "not a directory" search --db "$WORK/a-file" stiftung
data_error "index path is a file: index" "not a directory" index --db "$WORK/a-file" "$D/good.txt"
data_error "index path is a file: info" "not a directory" info --db "$WORK/a-file"
mkdir -p "$WORK/not-an-index"
data_error "a directory that is no index" "open index" search --db "$WORK/not-an-index" stiftung

if command -v xapian-metadata >/dev/null 2>&1; then
  cp -R "$Q" "$WORK/db-v99"
  xapian-metadata set "$WORK/db-v99" polysearch.schema 99
  data_error "another schema version: search" "schema version 99, but this polysearch reads version 1" \
    search --db "$WORK/db-v99" stiftung
  data_error "another schema version: index" "schema version 99" index --db "$WORK/db-v99" "$D/good.txt"
else
  skip "another schema version: xapian-metadata absent (xapian-tools)"
fi

# first_crash_frame LOG: the first frame of a sanitizer report outside the C/C++ runtime
# and the sanitizer ("" when the log has no stack).
first_crash_frame() {
  grep -E '^ *#[0-9]+ 0x' "$1" | grep -Ev 'libasan|libubsan|sanitizer_common|libstdc\+\+|libc\.so|libc-start|libgcc|/usr/include/c\+\+/' |
    head -1 | sed 's/^ *//'
}

# A table block whose directory end is even.  Xapian 1.4 does not check it when reading
# the block, and its binary search in the block (GlassTable::find_in_leaf) then never
# ends: `index` spun at 100% CPU for ever, and the first SIGTERM only set a flag.  The
# stall watchdog checks the index after 5 s without progress and finds the damage.
# docdata.glass of db-lines is one block, its root; bytes 9-10 (big-endian) are its
# directory end, odd in a sound block (2-byte entries from byte 11).
loop_db() {
  rm -rf "$1"
  cp -R "$WORK/db-lines" "$1"
  local end
  end=$(od -An -tu1 -j9 -N2 "$1/docdata.glass" | awk '{ print $1 * 256 + $2 }')
  printf -v end '\\x%02x\\x%02x' $(((end - 1) >> 8)) $(((end - 1) & 255))
  printf '%b' "$end" | dd of="$1/docdata.glass" bs=1 seek=9 conv=notrunc status=none
}
# run_bounded SECONDS ARGS...: runs "$BIN" ARGS in the background; sets PID.  wait_bounded
# then waits up to SECONDS for it (SIGKILL after that: status 137) and sets RC, ERR and
# ELAPSED_MS, the time from the start.
run_bounded() {
  BOUND=$1
  shift
  STARTED=$(date +%s%N)
  "$BIN" "$@" </dev/null >"$WORK/stdout" 2>"$WORK/stderr" &
  PID=$!
}
wait_bounded() {
  local tenths=$((BOUND * 10))
  while ((tenths-- > 0)) && kill -0 "$PID" 2>/dev/null; do sleep 0.1; done
  kill -KILL "$PID" 2>/dev/null
  wait "$PID"
  RC=$?
  ELAPSED_MS=$((($(date +%s%N) - STARTED) / 1000000))
  collect "(in the background)"
}
# wait_spinning: waits (up to 20 s) until PID has used 0.1 s of CPU, 3 times what a whole
# run takes on a sound index: it is in the loop.  A sanitized build starts ten times
# slower (ASan's start-up, ICU's data), so there it waits for 1 s.
SPIN_TICKS=10
ldd "$BIN" 2>/dev/null | grep -q libasan && SPIN_TICKS=100
wait_spinning() {
  local ticks tries=200
  while ((tries-- > 0)); do
    ticks=$(awk '{ print $14 + $15 }' "/proc/$PID/stat" 2>/dev/null) || break
    ((ticks >= SPIN_TICKS)) && break
    sleep 0.1
  done
}
expect_faster() {
  CHECKS=$((CHECKS + 1))
  ((ELAPSED_MS < $2)) || fail "$1: in time" "took $ELAPSED_MS ms, expected under $2 ms"
}
expect_eq "db-lines' docdata table is one block" 8192 "$(stat -c %s "$WORK/db-lines/docdata.glass")"
loop_db "$WORK/db-loop"
run_bounded 30 index --db "$WORK/db-loop" --quiet "$D/good.txt"
wait_bounded
expect_exit "a block Xapian loops on: index" 3
expect_one_error_line "a block Xapian loops on: index"
expect_contains "a block Xapian loops on: index says why" "$ERR" \
  "polysearch: error: write to index '$WORK/db-loop': the index is corrupt: docdata table: Block 0: directory end pointer invalid (found when Xapian had made no progress for"
expect_faster "a block Xapian loops on: index" 15000
echo "a block Xapian loops on: index ended in $ELAPSED_MS ms"
# SIGTERM while stuck inside Xapian: the process ends 3 s later (it used to spin on, the
# signal's flag unread).
loop_db "$WORK/db-loop"
run_bounded 20 index --db "$WORK/db-loop" --quiet "$D/good.txt"
wait_spinning
kill -TERM "$PID"
wait_bounded
expect_exit "SIGTERM while stuck in Xapian" 143
expect_one_error_line "SIGTERM while stuck in Xapian"
expect_contains "SIGTERM while stuck in Xapian says so" "$ERR" \
  "polysearch: error: interrupted; still busy 3 s after the signal, so ended at once"
expect_faster "SIGTERM while stuck in Xapian" 8000
# A second signal ends it at once.
loop_db "$WORK/db-loop"
run_bounded 20 index --db "$WORK/db-loop" --quiet "$D/good.txt"
wait_spinning
kill -TERM "$PID"
sleep 0.2
kill -INT "$PID"
wait_bounded
expect_exit "a second signal ends it at once" 130
expect_faster "a second signal ends it at once" 3000
rm -rf "$WORK/db-loop"

# Corrupt: flipped bytes in the tables.  An error (3, one line) or an answer (0 or 1); a
# crash is tolerated only inside libxapian (Xapian 1.4 does not check every offset it reads
# from a table; docs/RELIABILITY.md), and is listed as X.
corrupt_summary=""
for seed in 1 2 3 4 5 6 7 8; do
  copy="$WORK/db-corrupt-$seed"
  rm -rf "$copy"
  cp -R "$WORK/db-lines" "$copy"
  table=postlist.glass
  ((seed > 5)) && table=docdata.glass
  size=$(stat -c %s "$copy/$table")
  # RANDOM is read in this shell only: a subshell (a pipeline, $(…)) reseeds it, which made
  # these copies differ from run to run.
  RANDOM=$seed
  for _ in $(seq 1 $((seed * 10))); do
    byte=$((RANDOM % 256))
    offset=$(((RANDOM * 32768 + RANDOM) % size))
    printf -v byte '\\x%02x' "$byte"
    printf '%b' "$byte" | dd of="$copy/$table" bs=1 seek="$offset" conv=notrunc status=none
  done
  for command in "info --db $copy" "search --db $copy --json fassung" "search --db $copy stiftung" \
    "index --db $copy --quiet $D/good.txt"; do
    # A block Xapian loops on (db-loop above) hangs a search for ever: a search is not
    # watched, and killed after 60 s it is listed as H, a known gap.  `index` is watched
    # and must end.
    # shellcheck disable=SC2086  # the command is split on purpose
    timeout -s KILL 60 "$BIN" $command </dev/null >"$WORK/stdout" 2>"$WORK/stderr"
    RC=$?
    ERR=$(cat "$WORK/stderr")
    CHECKS=$((CHECKS + 1))
    if [[ $RC -eq 137 && -z $(first_crash_frame "$WORK/stderr") ]]; then
      echo "corrupt index ($table, seed $seed): $command HUNG (killed after 60 s)"
      [[ $command != index* ]] || fail "corrupt index ($table, seed $seed): $command hung"
      corrupt_summary+="H"
      continue
    fi
    frame=$(first_crash_frame "$WORK/stderr")
    if [[ -n $frame || $RC -ge 128 ]]; then
      echo "corrupt index ($table, seed $seed): $command died (status $RC) in ${frame:-an unknown frame}"
      [[ -z $frame || $frame == *libxapian* ]] ||
        fail "corrupt index ($table, seed $seed): $command crashed outside libxapian" "$frame"
      corrupt_summary+="X"
      continue
    fi
    case $RC in
      0 | 1) ;;
      3) expect_one_error_line "corrupt index ($table, seed $seed): $command" ;;
      *) fail "corrupt index ($table, seed $seed): $command" "exit status $RC" "${ERR:0:300}" ;;
    esac
    corrupt_summary+="$RC"
  done
  corrupt_summary+=" "
done
echo "corrupt indexes, exit statuses of info/search/search/index per copy: $corrupt_summary"

# Read-only: root ignores permissions, so as root the commands run as nobody (setpriv).
cp -R "$WORK/db-lines" "$WORK/db-ro"
mkdir -p "$WORK/ro-parent"
chmod 555 "$WORK/ro-parent"
chmod -R a+rX "$WORK"
AS_USER=()
if [[ $(id -u) -eq 0 ]]; then
  if command -v setpriv >/dev/null 2>&1 &&
    setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" info --db "$WORK/db-ro" >/dev/null 2>&1; then
    AS_USER=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  fi
else
  chmod -R a-w "$WORK/db-ro"
  AS_USER=(env)
fi
if [[ ${#AS_USER[@]} -gt 0 ]]; then
  "${AS_USER[@]}" "$BIN" search --db "$WORK/db-ro" -k 1 --no-snippets fassung >"$WORK/stdout" 2>"$WORK/stderr"
  RC=$?
  collect "search read-only"
  expect_exit "a read-only index can be searched" 0
  "${AS_USER[@]}" "$BIN" index --db "$WORK/db-ro" "$D/good.txt" >"$WORK/stdout" 2>"$WORK/stderr"
  RC=$?
  collect "index read-only"
  expect_exit "writing a read-only index" 3
  expect_one_error_line "writing a read-only index"
  expect_contains "writing a read-only index: not 'locked'" "$ERR" \
    "cannot lock it for writing: Unable to get write lock on $WORK/db-ro: Couldn't open lockfile: Permission denied"
  "${AS_USER[@]}" "$BIN" index --db "$WORK/ro-parent/new" "$D/good.txt" >"$WORK/stdout" 2>"$WORK/stderr"
  RC=$?
  collect "index in a read-only directory"
  expect_exit "creating an index in a read-only directory" 3
  expect_one_error_line "creating an index in a read-only directory"
  expect_contains "creating an index in a read-only directory" "$ERR" "Permission denied"
  expect_eq "the read-only index is unchanged" 4 "$(doc_count "$WORK/db-ro")"
else
  skip "read-only index: running as root without a working setpriv"
fi
chmod -R u+w "$WORK"

# A full disk: a 3 MB tmpfs when mounting works (root with CAP_SYS_ADMIN), else a file size
# limit (ulimit -f, SIGXFSZ ignored so that writes fail with EFBIG).
awk 'BEGIN { for (i = 0; i < 3000; i++) {
  printf "{\"id\": \"f%d\", \"text\": \"Stiftung Forschung Berlin Projekt Wissenschaft einzig%d ", i, i
  for (j = 0; j < 40; j++) printf "wort%d ", (i * j) % 997
  print "\", \"lang\": \"de\"}" } }' >"$WORK/full.jsonl"
head -200 "$WORK/full.jsonl" >"$WORK/first.jsonl"
FULL="$WORK/full-disk"
mkdir -p "$FULL"
LIMIT=()
if mount -t tmpfs -o size=3m polysearch-test "$FULL" 2>/dev/null; then
  trap 'mountpoint -q "$FULL" && umount "$FULL"' EXIT
  echo "full disk: a 3 MB tmpfs"
else
  echo "full disk: no tmpfs (not root or no CAP_SYS_ADMIN); ulimit -f 1536 instead"
  LIMIT=(bash -c 'trap "" XFSZ; ulimit -f 1536; exec "$@"' limited)
fi
run index --db "$FULL/idx" --batch 100 "$WORK/first.jsonl"
expect_exit "full disk: the first documents fit" 0
"${LIMIT[@]}" "$BIN" index --db "$FULL/idx" --batch 100 "$WORK/full.jsonl" >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
collect "index onto a full disk"
expect_exit "indexing onto a full disk" 3
expect_one_error_line "indexing onto a full disk"
expect_match "indexing onto a full disk: the error says why" "$ERR" \
  "^polysearch: error: (commit to|write to) index '$FULL/idx': .*(No space left on device|File too large)"
committed=$(doc_count "$FULL/idx")
echo "full disk: $committed documents committed before the write failed"
CHECKS=$((CHECKS + 1))
((committed >= 200 && committed < 3000 && committed % 100 == 0)) ||
  fail "full disk: whole batches committed" "$committed documents"
expect_eq "full disk: an early document is searchable" f7 "$(hits "$FULL/idx" einzig7)"
last=$((committed - 1))
expect_eq "full disk: the last committed document is searchable" "f$last" "$(hits "$FULL/idx" "einzig$last")"
expect_eq "full disk: the next one is not there" "" "$(hits "$FULL/idx" "einzig$committed")"
# A new index built on several writers: the error says why, the index stays (empty, as
# it was) and no part is left behind.
"${LIMIT[@]}" "$BIN" index --db "$FULL/new" --threads 2 "$WORK/full.jsonl" >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
collect "building a new index onto a full disk"
expect_exit "building a new index onto a full disk" 3
expect_one_error_line "building a new index onto a full disk"
expect_match "building a new index onto a full disk: the error says why" "$ERR" \
  "^polysearch: error: (write to|merge) index '$FULL/new': .*(No space left on device|File too large)"
expect_eq "building a new index onto a full disk: the index is empty" 0 "$(doc_count "$FULL/new")"
expect_no_file "building a new index onto a full disk: no parts left" "$FULL/new.indexing"
rm -rf "$FULL/new"
# With room again, the same index takes the rest.
if mountpoint -q "$FULL"; then
  mount -o remount,size=32m "$FULL"
fi
run index --db "$FULL/idx" --quiet --batch 100 "$WORK/full.jsonl"
expect_exit "full disk: with space again, indexing completes" 0
expect_eq "full disk: with space again, every document is there" 3000 "$(doc_count "$FULL/idx")"
if mountpoint -q "$FULL"; then
  umount "$FULL"
fi

finish bad_input_test
