#!/usr/bin/env bash
# What `polysearch index` and `bench` make of their input (issue 15): ids of files from
# several folders, the index directory, JSON lines in unsupported languages, empty files,
# text in other encodings, pooled collections with the same ids; and the help texts and
# messages a new user reads first.
#
#   bash tests/cli/input_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup input_test "$@"

# ids_in DB: the ids of every document, sorted, on one line.
ids_in() {
  "$BIN" search --db "$1" --json --no-snippets -k 100 -- "$2" 2>/dev/null |
    sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | sort | tr '\n' ' ' | sed 's/ $//'
}

doc_count() { "$BIN" info --db "$1" --json | sed -n 's/.*"documents":\([0-9]*\).*/\1/p'; }

# --- files of the same name in two folders ---------------------------------------------

mkdir -p "$WORK/pair/c1" "$WORK/pair/c2"
ln -s pair/c1 "$WORK/c1"
ln -s pair/c2 "$WORK/c2"
echo "Die Stiftung plant einen Neubau in Berlin." >"$WORK/c1/notes.txt"
echo "La fundación abre una sede en Madrid." >"$WORK/c2/notes.txt"
run index --db "$WORK/db-two" "$WORK/c1/" "$WORK/c2/"
expect_exit "two folders with notes.txt" 2
expect_one_error_line "two folders with notes.txt"
expect_contains "the colliding id is named" "$ERR" "id 'notes.txt'"
expect_contains "both files are named" "$ERR" "c1/notes.txt"
expect_contains "both files are named" "$ERR" "c2/notes.txt"
expect_no_file "nothing indexed on a collision" "$WORK/db-two"

run index --db "$WORK/db-two" "$WORK/c1/notes.txt" "$WORK/c2/notes.txt"
expect_exit "two files named notes.txt" 2
expect_contains "two files named notes.txt" "$ERR" "id 'notes.txt'"

# Their common parent gives each its path below it.
run index --db "$WORK/db-same" --json --quiet "$WORK/c1" "$WORK/c1/notes.txt"
expect_exit "the same file twice is no collision" 0
expect_contains "the same file twice: replaced" "$OUT" '"replaced":1'
run index --db "$WORK/db-common" --json --quiet "$WORK/pair"
expect_exit "common parent" 0
expect_contains "nothing replaced" "$OUT" '"replaced":0'
expect_eq "ids below the common parent" "c1/notes.txt c2/notes.txt" \
  "$(ids_in "$WORK/db-common" "stiftung OR fundacion")"

# A single folder keeps the ids of earlier versions: the path below it.
run index --db "$WORK/db-one" --quiet "$WORK/c1"
expect_exit "one folder" 0
expect_eq "one folder: id is the path below it" "notes.txt" "$(ids_in "$WORK/db-one" stiftung)"
run index --db "$WORK/db-one" --json --quiet "$WORK/c1"
expect_contains "indexing the same file again replaces it" "$OUT" '"replaced":1'

# --- the index directory -----------------------------------------------------------------

mkdir -p "$WORK/user-files"
echo "my own notes" >"$WORK/user-files/todo.txt"
run index --db "$WORK/user-files" "$WORK/c1"
expect_exit "a non-empty directory that is no index" 3
expect_one_error_line "a non-empty directory that is no index"
expect_contains "says why" "$ERR" "not empty and holds no index"
expect_eq "no Xapian files among the user's" "todo.txt" "$(ls "$WORK/user-files" | tr '\n' ' ' | sed 's/ $//')"
expect_contains "says how to insist" "$ERR" "--allow-nonempty-db"
run index --db "$WORK/user-files" --allow-nonempty-db --quiet "$WORK/c1"
expect_exit "--allow-nonempty-db" 0
expect_eq "--allow-nonempty-db: indexed there" "notes.txt" "$(ids_in "$WORK/user-files" stiftung)"
expect_eq "--allow-nonempty-db: the user's file is left alone" "my own notes" "$(cat "$WORK/user-files/todo.txt")"
run index --db "$WORK/user-files" --quiet "$WORK/c1"
expect_exit "once an index is there, it opens without the flag" 0

mkdir -p "$WORK/empty-dir"
run index --db "$WORK/empty-dir" --quiet "$WORK/c1"
expect_exit "an empty directory becomes an index" 0
echo "notes beside the index" >"$WORK/empty-dir/README"
run index --db "$WORK/empty-dir" --quiet "$WORK/c1"
expect_exit "an index with another file beside it still opens" 0

# --- JSON lines in languages polysearch does not support ----------------------------------

cat >"$WORK/langs.jsonl" <<'EOF'
{"id": "en1", "text": "The foundation opens a new office in London.", "lang": "en"}
{"id": "en2", "text": "The foundation was founded in 2021.", "lang": "en"}
{"id": "fr1", "text": "La fondation ouvre un bureau à Paris.", "lang": "fr"}
{"id": "bad1", "text": "x", "lang": "xx!"}
{"id": "bad2", "text": "x", "lang": 7}
{"id": "de1", "text": "Die Stiftung.", "lang": "de"}
EOF
run index --db "$WORK/db-langs" --json --quiet "$WORK/langs.jsonl"
expect_exit "garbage lang codes are still errors" 3
expect_contains "en and fr indexed as und" "$OUT" '"languages":{"de":1,"und":3}'
expect_contains "two lines skipped" "$OUT" '"skipped":2'
expect_eq "one warning per unsupported code" 2 "$(grep -c "not supported" <<<"$ERR")"
expect_contains "the warning names the code" "$ERR" "lang 'en' is not supported"
expect_contains "the warning says what is done" "$ERR" "indexed as und"
expect_contains "a malformed code is an error" "$ERR" "langs.jsonl:4: unknown lang 'xx!'"
expect_contains "a number is an error" "$ERR" "langs.jsonl:5: 'lang' must be a string"
expect_eq "the English documents are searchable" "en1 en2" "$(ids_in "$WORK/db-langs" foundation)"
run index --db "$WORK/db-langs-es" --json --quiet --fallback-lang es "$WORK/langs.jsonl"
expect_contains "--fallback-lang decides, as for detection" "$OUT" '"languages":{"de":1,"es":3}'

# --- CLI11's messages keep their upper-case names -------------------------------------------

run index --db "$WORK/db-x"
expect_contains "PATH is required" "$ERR" "PATH is required"
run analyze
expect_contains "TEXT is required" "$ERR" "TEXT is required"
run delete --db "$WORK/db-one"
expect_contains "ID is required" "$ERR" "ID is required"
run compare --qrels "$WORK/none" a.run
expect_contains "RUN_B is required" "$ERR" "RUN_B is required"
run search --db "$WORK/db-one" --frobnicate x
expect_exit "an unknown flag" 2
expect_contains "a capitalized word is lowercased" "$ERR" "polysearch: error: the following argument was not expected"

# --- empty and blank files ----------------------------------------------------------------

mkdir -p "$WORK/blanks"
echo "Die Stiftung plant einen Neubau." >"$WORK/blanks/good.txt"
: >"$WORK/blanks/empty.txt"
printf ' \n\t\r\n\n' >"$WORK/blanks/blank.txt"
printf '\xef\xbb\xbf\n' >"$WORK/blanks/bom-only.md"
run index --db "$WORK/db-blanks" "$WORK/blanks"
expect_exit "empty files are no error" 0
expect_contains "summary counts them as skipped" "$ERR" "indexed 1 document (de 1)"
expect_contains "summary counts them as skipped" "$ERR" "; 3 skipped (3 empty)"
expect_contains "says which and why" "$ERR" "blank.txt: no text (empty or only white space); document skipped"
expect_eq "only the document with text is indexed" 1 "$(doc_count "$WORK/db-blanks")"
run index --db "$WORK/db-blanks2" --json --quiet "$WORK/blanks"
expect_contains "JSON summary" "$OUT" '"skipped":3'
expect_contains "JSON summary" "$OUT" '"empty":3'

# --- --no-fold-diacritics: a help text that says what it does -------------------------------

run index --help
expect_not_contains "--no-fold-diacritics no longer promises Gründung != Grundung" "$OUT" "Gründung and Grundung differ"
expect_contains "--no-fold-diacritics says what it does" "$OUT" "no accent folding"
run analyze --no-fold-diacritics --lang es --json "fundación fundacion"
expect_eq "--no-fold-diacritics: Spanish accents make different terms" \
  '"fundación" "fundacion"' "$(sed -n 's/.*"term":\("[^"]*"\).*/\1/p' <<<"$OUT" | tr '\n' ' ' | sed 's/ $//')"
run analyze --no-fold-diacritics --lang de --json "Gründung Grundung"
expect_eq "--no-fold-diacritics: German terms keep the umlaut" \
  '"gründung" "grundung"' "$(sed -n 's/.*"term":\("[^"]*"\).*/\1/p' <<<"$OUT" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "--no-fold-diacritics: Snowball still gives both one stem, as the help says" \
  '"grundung" "grundung"' "$(sed -n 's/.*"stem":\("[^"]*"\).*/\1/p' <<<"$OUT" | tr '\n' ' ' | sed 's/ $//')"
run index --help
expect_contains "--no-fold-diacritics help: stems" "$OUT" "Snowball itself drops German umlauts"

# --- hybrid Chinese segmentation, as the help texts describe it ------------------------------

run segment --help
expect_not_contains "segment --help: no 'bigrams inside'" "$OUT" "bigrams inside it)"
expect_contains "segment --help: bigrams across words" "$OUT" "across"
expect_contains "segment --help: the example it gives" "$OUT" "清华大学的学生 gives 学的"
run index --help
expect_not_contains "--chinese-segmentation: no 'bigrams inside them'" "$OUT" "bigrams inside them"
expect_contains "--chinese-segmentation: across word boundaries" "$OUT" "across word boundaries too"
run_stdin $'清华大学的学生\n' segment --mode hybrid
# What the help promises, not every piece: the list may grow (single characters, say).
for piece in 清华大学 学生 清华 华大 大学 学的 的学; do
  expect_match "hybrid gives $piece, as segment --help says" " $OUT " " $piece "
done

# --- text in other encodings -------------------------------------------------------------------

mkdir -p "$WORK/enc"
printf 'Die Gr\xfcndung der Stiftung\n' >"$WORK/enc/latin1.txt"
printf '\x93Fundaci\xf3n\x94 cuesta 5 \x80\n' >"$WORK/enc/cp1252.txt"
printf '\xc7\xe5\xbb\xaa\xb4\xf3\xd1\xa7\xb5\xc4\xd1\xa7\xc9\xfa\n' >"$WORK/enc/gb.txt"      # 清华大学的学生
printf '\xb2\x4d\xb5\xd8\xa4\x6a\xbe\xc7\n' >"$WORK/enc/big5.txt"                         # 清華大學

run index --db "$WORK/db-latin1" --repair-utf8 --quiet "$WORK/enc/latin1.txt"
run index --db "$WORK/db-latin1b" --encoding latin1 --json --quiet "$WORK/enc/latin1.txt"
expect_exit "--encoding latin1" 0
expect_eq "Latin-1 ü is found" "latin1.txt" "$(ids_in "$WORK/db-latin1b" '"Gründung"')"
run search --db "$WORK/db-latin1b" --no-snippets --json Gründung
expect_contains "the stored text is UTF-8" "$OUT" '"id":"latin1.txt"'
run index --db "$WORK/db-cp1252" --encoding windows-1252 --quiet "$WORK/enc/cp1252.txt"
expect_exit "--encoding windows-1252" 0
run search --db "$WORK/db-cp1252" --json '"fundación"'
expect_contains "Windows-1252 quotes and euro sign" "$OUT" '"snippet":"“Fundación” cuesta 5 €"'
run index --db "$WORK/db-gb" --encoding gb18030 --quiet "$WORK/enc/gb.txt"
expect_exit "--encoding gb18030" 0
expect_eq "GB18030 text is found" "gb.txt" "$(ids_in "$WORK/db-gb" 学生)"
run index --db "$WORK/db-big5" --encoding big5 --quiet "$WORK/enc/big5.txt"
expect_exit "--encoding big5" 0
expect_eq "Big5 text is found (Simplified query)" "big5.txt" "$(ids_in "$WORK/db-big5" 清华)"

run index --db "$WORK/db-bad-enc" --encoding klingon-8 "$WORK/enc/latin1.txt"
expect_exit "unknown encoding" 2
expect_one_error_line "unknown encoding"
expect_contains "unknown encoding" "$ERR" "unknown encoding 'klingon-8'"
expect_no_file "no index for a usage error" "$WORK/db-bad-enc"

printf 'gut \x81\x20 und\n' >"$WORK/enc/not-gb.txt"
run index --db "$WORK/db-not-gb" --encoding gb18030 "$WORK/enc/not-gb.txt" "$WORK/enc/gb.txt"
expect_exit "bytes the encoding cannot have" 3
expect_contains "bytes the encoding cannot have: where" "$ERR" "not-gb.txt: invalid gb18030"
expect_contains "bytes the encoding cannot have: offset" "$ERR" "at byte 4"
expect_contains "the other file is indexed" "$ERR" "indexed 1 document"

run_stdin '{"id": "a", "text": "x"}' index --db "$WORK/db-enc-stdin" --encoding latin1 -
expect_exit "--encoding with JSON Lines on stdin" 2
expect_contains "--encoding with JSON Lines on stdin" "$ERR" "JSON Lines"
printf '{"id": "j1", "text": "Gr\xc3\xbcndung"}\n' >"$WORK/enc/utf8.jsonl"
run index --db "$WORK/db-enc-jsonl" --encoding latin1 --json "$WORK/enc/utf8.jsonl"
expect_exit "a .jsonl file is read as UTF-8 whatever --encoding says" 0
expect_contains "a .jsonl file: warned" "$ERR" "read as UTF-8"
expect_eq "a .jsonl file is read as UTF-8" "j1" "$(ids_in "$WORK/db-enc-jsonl" Gründung)"

"$BIN" analyze --encoding latin1 --lang de --json - <"$WORK/enc/latin1.txt" >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
collect analyze
expect_exit "analyze --encoding" 0
expect_contains "analyze --encoding" "$OUT" '"text":"Gründung"'
"$BIN" segment --encoding big5 "$WORK/enc/big5.txt" >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
collect segment
expect_exit "segment --encoding" 0
expect_eq "segment --encoding" "清華大學" "$OUT"

# --- bench --pooled: collections with the same ids --------------------------------------------

make_collection() {  # DIR DOC1 DOC2 QUERY1 QUERY2
  mkdir -p "$1"
  printf '{"id": "d1", "text": "%s", "lang": "de"}\n{"id": "d2", "text": "%s", "lang": "de"}\n' \
    "$2" "$3" >"$1/docs.jsonl"
  printf 'q1\t%s\nq2\t%s\n' "$4" "$5" >"$1/queries.tsv"
  printf 'q1 0 d1 1\nq2 0 d2 1\n' >"$1/qrels.txt"
}
make_collection "$WORK/pool/fruit" "Der Apfel wächst am Baum." "Die Birne liegt im Garten." Apfel Birne
make_collection "$WORK/pool/berry" "Die Kirsche ist rot." "Die Pflaume ist blau." Kirsche Pflaume
run bench --quiet --pooled --collection "$WORK/pool/fruit" --collection "$WORK/pool/berry" \
  --workdir "$WORK/pool-index" --runs "$WORK/pool-runs" --json "$WORK/pool.json"
expect_exit "pooled collections with the same ids" 0
expect_match "pooled: fruit keeps its documents" "$OUT" '^pool/fruit +4 .* 1\.0000 +1\.0000 +1\.0000 +1\.0000$'
expect_match "pooled: berry keeps its documents" "$OUT" '^pool/berry +4 .* 1\.0000 +1\.0000 +1\.0000 +1\.0000$'
expect_eq "the pooled index holds all four" 4 "$(doc_count "$WORK/pool-index/pooled")"
expect_eq "a run file names the collection's own documents by their ids" "q1 Q0 d1 1" \
  "$(head -1 "$WORK/pool-runs/pool-fruit.run" | cut -d' ' -f1-4)"

run bench --quiet --pooled --collection "$WORK/pool/fruit" --collection "$WORK/pool/fruit/"
expect_exit "the same collection twice, pooled" 2
expect_contains "the same collection twice, pooled" "$ERR" "both named 'pool/fruit'"

mkdir -p "$WORK/pool/dup"
cp "$WORK/pool/fruit/"* "$WORK/pool/dup/"
echo '{"id": "d1", "text": "Noch ein Apfel.", "lang": "de"}' >>"$WORK/pool/dup/docs.jsonl"
run bench --quiet --collection "$WORK/pool/dup"
expect_exit "an id repeated within a collection" 3
expect_contains "an id repeated within a collection" "$ERR" "docs.jsonl:3: id 'd1' repeats"

finish input_test
