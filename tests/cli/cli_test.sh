#!/usr/bin/env bash
# End-to-end test of the polysearch command-line tool.
#
#   bash tests/cli/cli_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
#
# Runs every check, prints each failure (expected vs got) and exits 1 if any failed.
# POLYSEARCH_UPDATE_GOLDEN=1 rewrites the golden files in tests/cli/golden/ (review the diff).
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup cli_test "$@"
GOLDEN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/golden"
DB="$WORK/db"
unset NO_COLOR

# json_field FIELD: FIELD of the first JSON line of OUT (python3 if present, else sed).
json_field() {
  if command -v python3 >/dev/null 2>&1; then
    printf '%s\n' "$OUT" | python3 -c '
import json, sys
line = sys.stdin.readline()
print(json.loads(line).get(sys.argv[1], "") if line.strip() else "")' "$1"
  else
    printf '%s\n' "$OUT" | sed -n "1s/.*\"$1\":\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p"
  fi
}

# expect_valid_jsonl NAME: every line of OUT parses as JSON.
expect_valid_jsonl() {
  CHECKS=$((CHECKS + 1))
  command -v python3 >/dev/null 2>&1 || return 0
  local problem
  if ! problem=$(printf '%s\n' "$OUT" |
    python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin if l.strip()]' 2>&1); then
    fail "$1: output is not JSON Lines" "$problem" "got: ${OUT:0:400}"
  fi
}

# expect_first_hit QUERY SEED_PREFIX [SEARCH-OPTIONS...]: the top hit's id starts with it.
expect_first_hit() {
  local query=$1 prefix=$2
  shift 2
  run search --db "$DB" --json -k 5 "$@" -- "$query"
  expect_exit "search '$query'" 0
  local id ids
  id=$(json_field id)
  ids=$(printf '%s\n' "$OUT" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | tr '\n' ' ')
  CHECKS=$((CHECKS + 1))
  if [[ "$id" != "$prefix"* ]]; then
    fail "search '$query' should rank seed $prefix first" "expected: ${prefix}_….txt" \
      "got:      ${id:-<no hits>}" "all ids:  $ids"
  fi
}

# expect_golden NAME FILE: OUT equals tests/cli/golden/FILE.
expect_golden() {
  local golden="$GOLDEN_DIR/$2"
  CHECKS=$((CHECKS + 1))
  if [[ "${POLYSEARCH_UPDATE_GOLDEN:-}" == 1 ]]; then
    mkdir -p "$GOLDEN_DIR"
    printf '%s\n' "$OUT" >"$golden"
    echo "updated $golden"
    return
  fi
  if [[ ! -f "$golden" ]]; then
    fail "$1: golden file missing" "$golden (run with POLYSEARCH_UPDATE_GOLDEN=1)"
  elif ! diff -u "$golden" <(printf '%s\n' "$OUT") >"$WORK/diff"; then
    fail "$1: differs from $2" "$(cat "$WORK/diff")"
  fi
}

doc_count() {
  run info --db "$1" --json
  json_field documents
}

# --- general -------------------------------------------------------------------------

run --version
expect_exit "--version" 0
expect_match "--version" "$OUT" '^polysearch [0-9]+\.[0-9]+\.[0-9]+$'

run --help
expect_exit "--help" 0
expect_contains "--help" "$OUT" "Examples:"
for command in index search info analyze delete detect; do
  run "$command" --help
  expect_exit "$command --help" 0
  expect_contains "$command --help" "$OUT" "Examples:"
done

run frobnicate
expect_exit "unknown command" 2
expect_one_error_line "unknown command"
expect_contains "unknown command" "$ERR" "unknown command 'frobnicate'"

run
expect_exit "no command" 2
expect_one_error_line "no command"

run index "$FIXTURES/seeds"
expect_exit "index without --db" 2
expect_one_error_line "index without --db"

run index --db "$DB"
expect_exit "index without PATH" 2
expect_one_error_line "index without PATH"

run index --db "$DB" --lang klingon "$FIXTURES/seeds"
expect_exit "index --lang klingon" 2
expect_one_error_line "index --lang klingon"

# --- index the seeds -----------------------------------------------------------------

run index --db "$DB" "$FIXTURES/seeds"
expect_exit "index seeds" 0
expect_contains "index seeds summary" "$ERR" "indexed 5 documents (de 1, es 2, pt 1, zh 1)"
expect_contains "index seeds summary" "$ERR" "; 0 skipped"
expect_eq "info documents after indexing the seeds" 5 "$(doc_count "$DB")"

run info --db "$DB"
expect_exit "info" 0
expect_match "info shows 5 documents" "$OUT" '^documents +5$'
expect_match "info per-language table" "$OUT" '^es +Spanish +2 +[0-9]+$'
expect_match "info per-language table" "$OUT" '^zh +Chinese +1 +[0-9]+$'
run info --db "$DB" --json
expect_valid_jsonl "info --json"

# --- ranking: each query ranks the named seed first -----------------------------------

expect_first_hit "Umstrukturierung" 001
expect_first_hit "Gruendung" 001
expect_first_hit "Mitgründer" 001
expect_first_hit "fundacion linux" 002
expect_first_hit "contratacion" 000
expect_first_hit '"certificado profesional"' 000
expect_first_hit "supervisionar" 004
expect_first_hit "recessao" 004
expect_first_hit "告别" 003
expect_first_hit "拒信" 003
expect_first_hit "毫不犹豫" 003

run search --db "$DB" --json -k 10 PyTorch
expect_exit "search PyTorch" 0
expect_valid_jsonl "search --json"
expect_eq "PyTorch hits" 5 "$(printf '%s\n' "$OUT" | grep -c '"id"')"

# JSON fields, and highlights as code point ranges that slice the snippet to a match.
if command -v python3 >/dev/null 2>&1; then
  run search --db "$DB" --json -k 5 "毫不犹豫 fundacion"
  CHECKS=$((CHECKS + 1))
  if ! problem=$(printf '%s\n' "$OUT" | python3 -c '
import json, sys
lines = [json.loads(l) for l in sys.stdin if l.strip()]
assert lines, "no hits"
for hit in lines:
    for key in ("rank", "id", "score", "title", "lang", "snippet", "source", "highlights"):
        assert key in hit, "missing " + key
    for begin, end in hit["highlights"]:
        word = hit["snippet"][begin:end].lower()
        assert word in ("毫不猶豫", "毫不犹豫", "fundación", "fundacion"), "highlight %r" % word
' 2>&1); then
    fail "search --json highlights slice the snippet in code points" "$problem" "got: ${OUT:0:600}"
  fi
fi

# Readable output: header, rank line, ** markers when stdout is not a terminal.
run search --db "$DB" -k 3 fundacion linux
expect_exit "search readable" 0
expect_match "search header" "$OUT" '^3 of [0-9]+ results for "fundacion linux"$'
expect_match "search hit line" "$OUT" \
  '^1\. 002_a9c86b4b737a7e46\.txt  \[es\]  score [0-9]+\.[0-9]{3}$'
expect_contains "search highlights" "$OUT" "**Fundación**"
expect_not_contains "no ANSI escapes when not a terminal" "$OUT" $'\e['

run search --db "$DB" --no-snippets -k 1 fundacion
expect_not_contains "--no-snippets" "$OUT" "**"

run search --db "$DB" --and --json fundacion pytorch meta
expect_exit "search --and" 0

run search --db "$DB" --json --offset 1 -k 2 PyTorch
expect_eq "search --offset: first rank" 2 "$(json_field rank)"

run_stdin "fundacion linux" search --db "$DB" --json -
expect_exit "search query from stdin" 0
expect_contains "search query from stdin" "$(json_field id)" "002_"

run search --db "$DB" --bm25 1.2,0.75 --json linux
expect_exit "search --bm25 1.2,0.75" 0

# The count of matches is exact (counted, not estimated) on a small index, whatever -k:
# "-k 1" used to say "about 2" of a query whose default search said 1.
run search --db "$DB" -k 1 --no-snippets fundacion linux
expect_match "search -k 1: exact total" "$OUT" '^1 of 4 results for "fundacion linux"$'
run search --db "$DB" -k 1 --no-snippets 告别
expect_match "search -k 1: the count of the default search" "$OUT" '^1 of 1 result for "告别"$'
run search --db "$DB" -k 3 --json fundacion linux
expect_valid_jsonl "search --json with totals"
expect_eq "--json: every hit has the total" "4 4 4" \
  "$(python3 -c 'import json,sys; print(" ".join(str(json.loads(l)["total"]) for l in sys.stdin))' <<<"$OUT")"
expect_eq "--json: the total is exact" "true" "$(json_field total_exact | tr 'T' 't')"
run search --db "$DB" -k 0 --json fundacion linux
expect_exit "search -k 0 --json" 0
expect_eq "search -k 0 --json: the count alone" '{"total":4,"total_exact":true}' "$OUT"
run search --db "$DB" --offset 10 fundacion linux
expect_exit "search past the last hit" 1
expect_eq "search past the last hit: exact total" 'no more results for "fundacion linux" (4 in all)' "$OUT"

# A leading NOT means everything except (it was "'NOT' at byte 0 has nothing on its left").
run search --db "$DB" --json "NOT linux"
expect_exit "search NOT linux" 0
expect_eq "NOT linux: the seeds without linux" "000 001" \
  "$(python3 -c 'import json,sys; print(" ".join(sorted(json.loads(l)["id"][:3] for l in sys.stdin)))' <<<"$OUT")"
run search --db "$DB" --json "pytorch (NOT linux)"
expect_exit "search pytorch (NOT linux)" 0
expect_eq "pytorch (NOT linux): two hits" 2 "$(grep -c . <<<"$OUT")"
run search --db "$DB" --json "NOT lang:es"
expect_exit "search NOT lang:es" 0
expect_eq "NOT lang:es: three hits" 3 "$(grep -c . <<<"$OUT")"
run search --db "$DB" "a OR NOT b"
expect_exit "OR NOT" 2
expect_one_error_line "OR NOT"
expect_contains "OR NOT asks for parentheses" "$ERR" "write OR (NOT"

# Queries that used to find nothing silently are syntax errors with a byte offset.
run search --db "$DB" "title:"
expect_exit "title: alone" 2
expect_one_error_line "title: alone"
expect_contains "title: alone" "$ERR" "title: at byte 0 needs a word, a phrase or a group"
run search --db "$DB" '"fund* linux"'
expect_exit "wildcard in a phrase" 2
expect_one_error_line "wildcard in a phrase"
expect_contains "wildcard in a phrase" "$ERR" "wildcard 'fund*' at byte 1 in a phrase"
run search --db "$DB" '*学'
expect_exit "leading wildcard" 2
expect_one_error_line "leading wildcard"
expect_contains "leading wildcard" "$ERR" "wildcard '*学' at byte 0 needs a prefix"

# Highlights: stop words dropped from the query are not highlighted, phrase words only
# where the phrase occurs.
run search --db "$DB" -k 1 "sobre la gobernanza"
expect_contains "the searched word is highlighted" "$OUT" "**gobernanza**"
expect_not_contains "a dropped stop word is not" "$OUT" "**la**"
run search --db "$DB" -k 1 '"de la Fundación"'
expect_contains "the phrase is highlighted" "$OUT" "**de** **la** **Fundación**"
expect_eq "phrase words elsewhere are not" 3 "$(grep -o '\*\*[^*]*\*\*' <<<"$OUT" | wc -l)"

# --- a file of queries (one process, per-query time and ids) ---------------------------

run_stdin $'fundacion linux\n\nzzzqqq nichts\nGründung\n' search --db "$DB" --queries - -k 2 --no-snippets
expect_exit "search --queries" 0
expect_eq "one line per non-empty query, numbered by input line" "1 3 4" \
  "$(cut -f1 <<<"$OUT" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "the first query's first id" "002_a9c86b4b737a7e46.txt" \
  "$(sed -n 1p <<<"$OUT" | cut -f4 | cut -d' ' -f1)"
expect_eq "at most -k ids" "2" "$(sed -n 1p <<<"$OUT" | cut -f4 | wc -w)"
expect_eq "a query without hits: 0 matches, no ids" $'3\t0\t' "$(sed -n 2p <<<"$OUT" | cut -f1,3,4)"
expect_eq "times are whole microseconds" "" "$(cut -f2 <<<"$OUT" | grep -v '^[0-9][0-9]*$')"
# A line that is not valid syntax is searched as plain words, as `run` does (it used to
# stop the whole file with exit 2); one with no words even so is an error, and exit 3.
run_stdin $'"fundacion linux\nGründung\n' search --db "$DB" --queries - --no-snippets
expect_exit "search --queries with a syntax error" 0
expect_eq "the bad line and the next were searched" "1 2" "$(cut -f1 <<<"$OUT" | tr '\n' ' ' | sed 's/ $//')"
expect_contains "the bad line is searched as plain words" "$(sed -n 1p <<<"$OUT")" "002_a9c86b4b737a7e46.txt"
expect_eq "one warning naming the line" \
  "polysearch: warning: --queries line 1: unterminated phrase at byte 0; searched as plain words" "$ERR"
run_stdin $'***\nGründung\n' search --db "$DB" --queries - --no-snippets
expect_exit "search --queries with a line that has no words" 3
expect_eq "the other line was searched" "2" "$(cut -f1 <<<"$OUT")"
expect_one_error_line "search --queries with a line that has no words"
expect_contains "the line is named" "$ERR" "--queries line 1: wildcard '*' at byte 0 needs a prefix"
printf 'zzzqqq\n' >"$WORK/nothing.txt"
run search --db "$DB" --queries "$WORK/nothing.txt"
expect_exit "search --queries: no query found anything" 1
run search --db "$DB" --queries "$WORK/nothing.txt" linux
expect_exit "search --queries with a QUERY too" 2
expect_one_error_line "search --queries with a QUERY too"
run search --db "$DB" --queries "$WORK/no-such-file.txt"
expect_exit "search --queries: missing file" 3
expect_one_error_line "search --queries: missing file"
run search --db "$DB"
expect_exit "search without a query" 2

# --- search errors -------------------------------------------------------------------

run search --db "$WORK/no-such-db" linux
expect_exit "search on a missing db" 3
expect_one_error_line "search on a missing db"

run search --db "$DB" --lang xx linux
expect_exit "search --lang xx" 2
expect_one_error_line "search --lang xx"

run search --db "$DB" "(linux"
expect_exit "query syntax error" 2
expect_one_error_line "query syntax error"

for bad in "1.2" "x,0.5" "1.2,1.5" "-1,0.5"; do
  run search --db "$DB" --bm25 "$bad" linux
  expect_exit "search --bm25 $bad" 2
  expect_one_error_line "search --bm25 $bad"
done

# --weight picks a ranking model of Xapian's; the seed about the Linux Foundation stays first.
for model in dph lm-dirichlet:mu=500 pl2:c=2 bm25+; do
  run search --db "$DB" --weight "$model" --json fundacion linux
  expect_exit "search --weight $model" 0
  expect_contains "search --weight $model ranks 002 first" "$(json_field id | head -1)" "002_"
done
for bad in okapi "pl2:x=1" "bm25:b=2" "dph:c=1" "bm25:k1"; do
  run search --db "$DB" --weight "$bad" linux
  expect_exit "search --weight $bad" 2
  expect_one_error_line "search --weight $bad"
  expect_contains "search --weight $bad says why" "$ERR" "invalid --weight"
done

# --- analyze and detect ---------------------------------------------------------------

run analyze --lang de Gruendung
expect_exit "analyze --lang de" 0
expect_match "analyze Gruendung" "$OUT" '^0 +Gruendung +→ +grundung'

run analyze --lang de "Die Gründung der Stiftung"
expect_golden "analyze --lang de" analyze_de.txt

run analyze --lang es --json "La Fundación Linux"
expect_exit "analyze --json" 0
expect_valid_jsonl "analyze --json"
expect_contains "analyze --json" "$OUT" '"stem":"linux"'

run analyze --lang auto "Buenas noticias para la comunidad de código abierto:" \
  "ahora Pytorch pertenece a la Fundación Linux"
expect_exit "analyze --lang auto" 0
expect_match "analyze --lang auto" "$OUT" \
  '^language: es \(detected es, confidence [0-9.]+, (un)?reliable\)$'

printf 'abc\xff def' >"$WORK/bad-query.txt"
"$BIN" analyze --lang de - <"$WORK/bad-query.txt" >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
collect analyze --lang de -
expect_exit "analyze invalid UTF-8" 3
expect_one_error_line "analyze invalid UTF-8"
expect_contains "analyze invalid UTF-8" "$ERR" "at byte 3"

run detect "Die Gründung der Stiftung wurde gestern in Berlin bekannt gegeben."
expect_exit "detect" 0
expect_match "detect German" "$OUT" '^de [01]\.[0-9]{2} (un)?reliable$'

run detect --fallback-lang und "This is plainly an English sentence about the weather today."
expect_match "detect fallback" "$OUT" '^und \(fallback; detected en [01]\.[0-9]{2} (un)?reliable\)$'

# Issue 15: one short sentence each, which CLD2 alone took for Galician (mapped to
# Portuguese) and for Indonesian (fallback).
run detect --json "La contratación de profesores aumentó."
expect_exit "detect --json short Spanish" 0
expect_contains "detect --json short Spanish" "$OUT" '"lang":"es"'
expect_contains "detect --json short Spanish, detected" "$OUT" '"detected":"es"'
run detect --json "A casa é bonita e grande."
expect_exit "detect --json short Portuguese" 0
expect_contains "detect --json short Portuguese" "$OUT" '"lang":"pt"'
expect_contains "detect --json short Portuguese, not a fallback" "$OUT" '"fell_back":false'

# --- invalid input files --------------------------------------------------------------

BADDIR="$WORK/bad-utf8"
mkdir -p "$BADDIR"
printf 'abc\xff\xfe def' >"$BADDIR/x.txt"
printf 'Ein gültiges Dokument über Stiftungen und Gründungen.\n' >"$BADDIR/y.txt"
run index --db "$WORK/db-bad" "$BADDIR"
expect_exit "index invalid UTF-8 file" 3
expect_contains "invalid UTF-8 reported with byte offset" "$ERR" \
  "polysearch: warning: $BADDIR/x.txt: invalid UTF-8 (invalid byte) at byte 3; document skipped"
expect_contains "valid file indexed despite a bad one" "$ERR" "indexed 1 document"
expect_contains "skip counted" "$ERR" "; 1 skipped"
expect_eq "documents after a skipped file" 1 "$(doc_count "$WORK/db-bad")"

run index --db "$WORK/db-bad" --repair-utf8 "$BADDIR/x.txt"
expect_exit "index --repair-utf8" 0
expect_contains "--repair-utf8 warns" "$ERR" "invalid sequences replaced with U+FFFD"
expect_eq "documents after --repair-utf8" 2 "$(doc_count "$WORK/db-bad")"
run search --db "$WORK/db-bad" --json def
expect_eq "repaired document is searchable" "x.txt" "$(json_field id)"

printf 'abc\0def\n' >"$WORK/nul.txt"
printf '\xff\xfeh\0i\0' >"$WORK/utf16.txt"
run index --db "$WORK/db-bad" "$WORK/nul.txt" "$WORK/utf16.txt" "$WORK/does-not-exist.txt"
expect_exit "index NUL, UTF-16 and missing files" 3
expect_contains "NUL byte reported" "$ERR" "nul.txt: NUL byte at byte 3; document skipped"
expect_contains "UTF-16 reported" "$ERR" "utf16.txt: UTF-16 is not supported, convert to UTF-8"
expect_contains "missing path reported" "$ERR" \
  "polysearch: error: cannot read '$WORK/does-not-exist.txt': no such file or directory"

# --- JSON Lines -----------------------------------------------------------------------

JSONL="$WORK/docs.jsonl"
{
  printf '%s\n' '{"id": "j1", "title": "Erste", "text": "Die Stiftung fördert Forschung.", "lang": "de"}'
  printf '%s\n' '{"id": "j2", "text": broken}'
  printf '\n'
  printf '%s\n' '{"id": 42, "body": "La fundación apoya la investigación abierta.", "lang": "es"}'
  printf '%s\n' '["not", "an", "object"]'
  printf '%s\n' '{"id": "j5", "text": "x", "lang": "tl h"}'
  printf '%s\n' '{"title": "no id"}'
  printf '{"id": "j8", "text": "caf\xe9"}\n'
} >"$JSONL"
run index --db "$WORK/db-jsonl" --verbose "$JSONL"
expect_exit "index JSONL with bad lines" 3
expect_contains "JSONL bad JSON" "$ERR" "$JSONL:2: invalid JSON"
expect_contains "JSONL not an object" "$ERR" "$JSONL:5: expected a JSON object, got array"
expect_contains "JSONL unknown lang" "$ERR" "$JSONL:6: unknown lang 'tl h'"
expect_contains "JSONL missing id" "$ERR" "$JSONL:7: missing 'id'"
expect_contains "JSONL invalid UTF-8" "$ERR" "$JSONL:8: invalid UTF-8 (truncated sequence) at byte 25"
expect_contains "JSONL verbose line" "$ERR" "j1  de  1.00"
expect_contains "JSONL numeric id" "$ERR" "42  es"
expect_contains "JSONL summary" "$ERR" "indexed 2 documents (de 1, es 1)"
expect_contains "JSONL summary" "$ERR" "; 5 skipped"
run search --db "$WORK/db-jsonl" --json title:erste
expect_eq "JSONL title indexed" j1 "$(json_field id)"

run_stdin '{"id":"s1","text":"Um projeto da fundação.","lang":"pt"}' index --db "$WORK/db-jsonl" -
expect_exit "index JSONL from stdin" 0
expect_contains "index JSONL from stdin" "$ERR" "indexed 1 document (pt 1)"

# Markdown: the first heading is the title.
MDDIR="$WORK/md"
mkdir -p "$MDDIR/sub" "$MDDIR/.hidden"
# shellcheck disable=SC2016  # the backquotes are a Markdown code fence
printf '```\n# not a title\n```\n## Die Gründung der Stiftung ##\nText über die Stiftung.\n' \
  >"$MDDIR/sub/note.md"
printf 'versteckt\n' >"$MDDIR/.hidden/secret.txt"
printf 'ignored\n' >"$MDDIR/sub/image.png"
run index --db "$WORK/db-md" --lang de "$MDDIR"
expect_exit "index markdown" 0
expect_contains "hidden and unknown files skipped" "$ERR" "indexed 1 document (de 1)"
run search --db "$WORK/db-md" --json Stiftung
expect_eq "markdown id is relative to the directory" "sub/note.md" "$(json_field id)"
expect_eq "markdown title" "Die Gründung der Stiftung" "$(json_field title)"

# Options: --lang forces the language, an explicit file's id is its name, '-' only once.
printf 'Ein kurzer Text.\n' >"$WORK/kurz.txt"
run index --db "$WORK/db-forced" --lang pt --verbose "$WORK/kurz.txt"
expect_exit "index --lang pt" 0
expect_contains "index --lang pt" "$ERR" "kurz.txt  pt  1.00"
run index --db "$WORK/db-forced" - -
expect_exit "'-' twice" 2
expect_one_error_line "'-' twice"
run index --db "$WORK/db-forced" --batch 0 "$WORK/kurz.txt"
expect_exit "--batch 0" 2
run index --db "$WORK/db-forced" --fallback-lang auto "$WORK/kurz.txt"
expect_exit "--fallback-lang auto" 2
run analyze --lang xx text
expect_exit "analyze --lang xx" 2
run search --db "$WORK/db-forced" -k x text
expect_exit "search -k x" 2
expect_one_error_line "search -k x"

# --- re-index and delete --------------------------------------------------------------

run index --db "$DB" "$FIXTURES/seeds"
expect_exit "re-index seeds" 0
expect_contains "re-index replaces" "$ERR" "5 replaced"
expect_eq "re-index does not duplicate" 5 "$(doc_count "$DB")"

run delete --db "$DB" 000_0723e8c9340345ff.txt
expect_exit "delete" 0
expect_eq "delete output" "deleted 1, not found 0" "$OUT"
expect_eq "documents after delete" 4 "$(doc_count "$DB")"

run delete --db "$DB" 000_0723e8c9340345ff.txt 001_e3980215772cbfcf.txt
expect_exit "delete with one id missing" 0
expect_eq "delete with one id missing: output" "deleted 1, not found 1" "$OUT"
expect_contains "delete names the missing id" "$ERR" \
  "polysearch: warning: not found: '000_0723e8c9340345ff.txt'"
expect_eq "documents after second delete" 3 "$(doc_count "$DB")"

run delete --db "$DB" 000_0723e8c9340345ff.txt no-such-id
expect_exit "delete with every id missing: no results" 1
expect_eq "delete with every id missing: output" "deleted 0, not found 2" "$OUT"

run delete --db "$WORK/no-such-db" x
expect_exit "delete on a missing db" 3
expect_one_error_line "delete on a missing db"

# --- analysis settings are stored in the index ----------------------------------------

ZHDB="$WORK/zh-bigrams"
run index --db "$ZHDB" --chinese-segmentation bigrams --no-stemming "$FIXTURES/seeds"
expect_exit "index with analysis options" 0
run info --db "$ZHDB"
expect_contains "info shows the settings" "$OUT" "stemming off, diacritic folding on, word parts on, German compounds on, Chinese script folding on, Chinese variant folding on, Chinese segmentation bigrams"
run info --db "$ZHDB" --json
expect_contains "info --json settings" "$OUT" '"chinese_segmentation":"bigrams"'
expect_contains "info --json stemming" "$OUT" '"stemming":false'
run search --db "$ZHDB" --json -k 1 '"請研"'
expect_eq "a bigram inside a word is found with stored settings" "003_0f7fea0c1696b0fa.txt" "$(json_field id)"
run index --db "$ZHDB" "$FIXTURES/seeds"
expect_exit "re-index with the stored settings" 0
run index --db "$ZHDB" --no-fold-diacritics "$FIXTURES/seeds"
expect_exit "different settings for an existing index" 2
expect_one_error_line "different settings for an existing index"
expect_contains "the error names the stored settings" "$ERR" "chinese=bigrams"
run index --db "$WORK/bad-seg" --chinese-segmentation trigrams "$FIXTURES/seeds"
expect_exit "unknown segmentation" 2
expect_one_error_line "unknown segmentation"
run analyze --lang zh --chinese-segmentation bigrams 清華大學
expect_match "analyze shows bigrams" "$OUT" "^1 +華大 +→ +华大"

# ---------------------------------------------------------------------------------------

finish cli_test
