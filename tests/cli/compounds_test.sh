#!/usr/bin/env bash
# End-to-end test of German compounds (issue 18): 'compounds' splitting words and scoring
# the gold list, 'analyze' showing the parts, an index where a part finds the compound
# and a compound finds its parts written apart, --no-german-compounds, the stored setting,
# and the errors (no splitter for the language, a malformed gold list, missing dictionaries).
#
#   bash tests/cli/compounds_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup compounds_test "$@"

run compounds Krankenversicherungsbeitrag Verbrauch Wachstube
expect_exit "compounds: words" 0
expect_match "compounds: the head after |" "$OUT" "Krankenversicherungsbeitrag +→ +Kranken\+versicherungs\|beitrag"
expect_match "compounds: a simple word whole" "$OUT" "Verbrauch +→ +Verbrauch *$"
expect_contains "compounds: doubt is said" "$OUT" "(ambiguous: left whole)"

run compounds --json Fußballweltmeisterschaft
expect_eq "compounds --json" '{"word":"Fußballweltmeisterschaft","split":"Fuß+ball|welt+meisterschaft","parts":["Fuß","ball","welt","meisterschaft"],"head":2,"ambiguous":false}' "$OUT"

run compounds --gold "$FIXTURES/german-compounds/gold.tsv" --json
expect_exit "compounds --gold" 0
expect_match "compounds --gold: 560 compounds" "$OUT" '"compounds":560,'
head_accuracy=$(sed -E 's/.*"head_accuracy":([0-9.]+).*/\1/' <<<"$OUT")
expect_eq "compounds --gold: head accuracy at least 0.84" 1 "$(awk -v a="$head_accuracy" 'BEGIN { print (a >= 0.84) }')"

run compounds --gold "$FIXTURES/german-compounds/ambiguous.tsv" --misses
expect_exit "compounds --gold ambiguous" 0
expect_match "compounds --gold ambiguous: counted" "$OUT" "ambiguous words +27"

printf 'Hausbau\tHaus+bau\n' >"$WORK/bad.tsv"
run compounds --gold "$WORK/bad.tsv"
expect_exit "compounds --gold: a cut without a head" 3
expect_contains "compounds --gold: names the line" "$ERR" "bad.tsv:1"
run compounds --lang es Fußball
expect_exit "compounds --lang es" 2
expect_one_error_line "compounds --lang es"
run compounds
expect_exit "compounds without words" 2

run analyze --lang de --json Weltmeisterschaft
expect_contains "analyze --json: a part" "$OUT" '"part":true'
expect_contains "analyze --json: the head's part" "$OUT" '"term":"meisterschaft"'
run analyze --lang de Weltmeisterschaft
expect_contains "analyze: parts marked" "$OUT" "(compound part)"
run analyze --lang de --no-german-compounds --json Weltmeisterschaft
expect_not_contains "analyze --no-german-compounds" "$OUT" '"part":true'

DOCS="$WORK/docs.jsonl"
cat >"$DOCS" <<'JSON'
{"id": "a1", "text": "Der FC Bayern gewann die Fußballweltmeisterschaft der Herzen.", "lang": "de"}
{"id": "a2", "text": "Der Beitrag zur Krankenversicherung steigt im nächsten Jahr.", "lang": "de"}
{"id": "a3", "text": "Ein Beitrag über die Geschichte des Vereins.", "lang": "de"}
{"id": "a4", "text": "Die Weltmeisterschaft wird im Sommer ausgetragen.", "lang": "de"}
JSON
run index --db "$WORK/db" --quiet "$DOCS"
expect_exit "index" 0
run info --db "$WORK/db"
expect_contains "info: the setting" "$OUT" "German compounds on"
for query in Weltmeisterschaft Fußball Fussball Meisterschaft; do
  run search --db "$WORK/db" --json "$query"
  expect_contains "search $query finds the compound" "$OUT" '"id":"a1"'
done
run search --db "$WORK/db" --json Weltmeisterschaft
expect_match "the word itself ranks first" "$(head -1 <<<"$OUT")" '"id":"a4"'
run search --db "$WORK/db" --json Krankenversicherungsbeitrag
expect_contains "a compound finds its parts written apart" "$OUT" '"id":"a2"'
expect_not_contains "but not one part alone" "$OUT" '"id":"a3"'
run search --db "$WORK/db" --json '"Fußballweltmeisterschaft der Herzen"'
expect_contains "phrases match the words" "$OUT" '"id":"a1"'

run index --db "$WORK/off" --quiet --no-german-compounds "$DOCS"
run search --db "$WORK/off" --json Weltmeisterschaft
expect_not_contains "--no-german-compounds: parts not indexed" "$OUT" '"id":"a1"'
run info --db "$WORK/off"
expect_contains "info: off" "$OUT" "German compounds off"

POLYSEARCH_GERMAN_DICTIONARY="$WORK/nowhere/de_DE" run index --db "$WORK/missing" --quiet "$DOCS"
expect_exit "missing dictionary" 3
expect_contains "missing dictionary: says which package" "$ERR" "hunspell-de-de"
expect_contains "missing dictionary: says how to turn it off" "$ERR" "--no-german-compounds"

# A compound dictionary: the user's splits, stored with the index.
SPLITS="$WORK/splits.txt"
printf '# ours\nStau+becken\nKrankenhaus\n' >"$SPLITS"
run compounds Staubecken
expect_not_contains "without the dictionary: whole" "$OUT" "Stau|becken"
run compounds --compound-dict "$SPLITS" Staubecken Staubeckens Krankenhaus
expect_contains "the dictionary splits" "$OUT" "Stau|becken"
expect_contains "with an inflection ending" "$OUT" "Stau|beckens"
expect_not_contains "and forbids" "$OUT" "Kranken|haus"
printf '{"id": "s1", "text": "Das Staubecken ist voll, das Krankenhaus auch.", "lang": "de"}\n' >"$WORK/stau.jsonl"
run index --db "$WORK/stau" --quiet --compound-dict "$SPLITS" "$WORK/stau.jsonl"
expect_exit "index --compound-dict" 0
run info --db "$WORK/stau"
expect_contains "info: the compound dictionary" "$OUT" "German compound dictionary of 2 entries"
run search --db "$WORK/stau" --json Becken
expect_contains "a part of the user's split finds the word" "$OUT" '"id":"s1"'
run search --db "$WORK/stau" --json Haus
expect_not_contains "a forbidden split indexes no parts" "$OUT" '"id":"s1"'
run index --db "$WORK/stau" --quiet "$WORK/stau.jsonl"
expect_exit "appending keeps the stored dictionary" 0
printf 'Stau+becken\n' >"$WORK/other.txt"
run index --db "$WORK/stau" --quiet --compound-dict "$WORK/other.txt" "$WORK/stau.jsonl"
expect_exit "another dictionary for an existing index" 2
printf 'Stau++becken\n' >"$WORK/bad.txt"
run compounds --compound-dict "$WORK/bad.txt" Staubecken
expect_exit "a malformed entry" 3
expect_contains "a malformed entry: file and line" "$ERR" "bad.txt:1:"

finish compounds_test
