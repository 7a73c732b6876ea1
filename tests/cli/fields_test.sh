#!/usr/bin/env bash
# Documents with their own fields (issue 16): index --schema, JSON Lines keys as fields,
# filters and ranges in queries, search --fields, info showing the schema.
#
#   bash tests/cli/fields_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup fields_test "$@"

ids_in() {
  "$BIN" search --db "$1" --json --no-snippets -k 100 -- "$2" 2>/dev/null |
    sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | sort | tr '\n' ' ' | sed 's/ $//'
}

cat >"$WORK/schema.json" <<'JSON'
{"fields": {"date": {"type": "date"}, "category": {"type": "keyword", "fold": true},
            "tags": {"type": "keyword"}, "price": {"type": "number"}}}
JSON
cat >"$WORK/news.jsonl" <<'JSONL'
{"id": "a1", "title": "Bayern gewinnt", "text": "Bayern gewinnt das Spiel in München.", "date": "2024-05-01", "category": "Sport", "tags": ["fussball", "bundesliga"], "price": 2}
{"id": "a2", "title": "Neues Gesetz", "text": "Die Regierung beschließt das Gesetz.", "date": "2024-06-30T22:00:00+02:00", "category": "Politik", "price": 1.5, "url": "https://example.org/a2"}
{"id": "a3", "title": "Pokalfinale", "text": "Das Spiel im Pokal endet spät.", "date": "2024-07-02", "category": "sport"}
{"id": "bad1", "text": "Ein Datum, das keines ist.", "date": "gestern"}
{"id": "bad2", "text": "Ein Objekt als Feld.", "category": {"a": 1}}
{"id": "bad3", "text": "Zwei Preise.", "price": [1, 2]}
JSONL

run index --db "$WORK/db" --schema "$WORK/schema.json" --quiet "$WORK/news.jsonl"
expect_exit "bad field values skip their lines" 3
expect_contains "a bad date names line, field and value" "$ERR" "news.jsonl:4"
expect_contains "a bad date names the field" "$ERR" "field 'date'"
expect_contains "a bad date names the value" "$ERR" "'gestern'"
expect_contains "an object is refused" "$ERR" "news.jsonl:5"
expect_contains "an object is named" "$ERR" "field 'category' must be a string, a number or an array of them, not object"
expect_contains "two numbers for a number field" "$ERR" "news.jsonl:6"
expect_contains "keys outside the schema are named once" "$ERR" "stored without indexing (not in the index's schema): url"

expect_eq "keyword filter, folded" "a1 a3" "$(ids_in "$WORK/db" "category:SPORT")"
expect_eq "date range, whole last day" "a1 a2" "$(ids_in "$WORK/db" "date:2024-01-01..2024-06-30")"
expect_eq "open date range" "a3" "$(ids_in "$WORK/db" "date:2024-07-01..")"
expect_eq "number range" "a2" "$(ids_in "$WORK/db" "price:..1.5")"
expect_eq "filters on two fields AND" "a1" "$(ids_in "$WORK/db" "category:sport date:..2024-06-30")"
expect_eq "values of one field OR" "a1 a2 a3" "$(ids_in "$WORK/db" "category:sport category:politik")"
expect_eq "words and a filter" "a3" "$(ids_in "$WORK/db" "spiel date:2024-07-01..")"
expect_eq "exact keyword value" "a1" "$(ids_in "$WORK/db" 'tags:"fussball"')"

run search --db "$WORK/db" nothing:x
expect_exit "unknown field" 2
expect_contains "unknown field lists the schema's" "$ERR" "known fields: title, lang, category, date, price, tags"
run search --db "$WORK/db" "category:a..b"
expect_contains "a range on a keyword field" "$ERR" "field 'category' at byte 0 is a keyword field"
run search --db "$WORK/db" "price:cheap"
expect_contains "a bad number in a range" "$ERR" "'cheap' is not a number"

run search --db "$WORK/db" --fields date,url "gesetz"
expect_exit "search --fields" 0
expect_contains "fields under the hit" "$OUT" "date: 2024-06-30T22:00:00+02:00"
expect_contains "stored field returned" "$OUT" "url: https://example.org/a2"
run search --db "$WORK/db" --json --fields all "gesetz"
expect_contains "--json hits get a fields object" "$OUT" '"fields":{"category":["Politik"],"date":["2024-06-30T22:00:00+02:00"],"price":["1.5"],"url":["https://example.org/a2"]}'

run info --db "$WORK/db"
expect_contains "info shows the fields" "$OUT" "category (keyword, folded)"
run info --db "$WORK/db" --json
expect_contains "info --json shows the schema" "$OUT" '"schema":{"fields":{"category":{"fold":true,"type":"keyword"}'

# The schema stays with the index; another one is a usage error.
echo '{"fields": {"date": {"type": "keyword"}}}' >"$WORK/other.json"
run index --db "$WORK/db" --schema "$WORK/other.json" --quiet "$WORK/news.jsonl"
expect_exit "another schema for an existing index" 2
echo '{"fields": {"date": {"type": "when"}}}' >"$WORK/bad.json"
run index --db "$WORK/db-bad" --schema "$WORK/bad.json" --quiet "$WORK/news.jsonl"
expect_exit "a schema naming an unknown type" 2
expect_one_error_line "a schema naming an unknown type"
expect_contains "the unknown type is named" "$ERR" 'unknown type "when"'
echo '{"fields": ' >"$WORK/broken.json"
run index --db "$WORK/db-bad" --schema "$WORK/broken.json" --quiet "$WORK/news.jsonl"
expect_exit "a schema that is not JSON" 2
expect_contains "not JSON" "$ERR" "not JSON"

# Without a schema: fields are stored, and the run says so once.
run index --db "$WORK/db-plain" "$WORK/news.jsonl"
expect_contains "without a schema: one warning naming the keys" "$ERR" "stored without indexing (not in the index's schema): category, date, price, tags, url"
expect_contains "and how to declare them" "$ERR" "--schema FILE"
run search --db "$WORK/db-plain" --fields category spiel
expect_contains "stored fields still returned" "$OUT" "category: Sport"

# --filter, --sort, --facet, --collapse (the library's oracle is tests/schema).
ids_of() {  # ids in rank order, for sort checks
  "$BIN" search --json --no-snippets -k 100 "$@" 2>/dev/null |
    sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | tr '\n' ' ' | sed 's/ $//'
}
expect_eq "--filter alone browses" "a1 a3" "$(ids_of --db "$WORK/db" --filter category:sport --sort date)"
expect_eq "--sort date:desc" "a3 a1" "$(ids_of --db "$WORK/db" --filter category:sport --sort date:desc)"
expect_eq "--sort price: documents without it last" "a2 a1 a3" "$(ids_of --db "$WORK/db" --filter date:2024-01-01.. --sort price)"
expect_eq "--sort price:desc: without it last too" "a1 a2 a3" "$(ids_of --db "$WORK/db" --filter date:2024-01-01.. --sort price:desc)"
expect_eq "--filter with a query" "a3" "$(ids_of --db "$WORK/db" spiel --filter date:2024-07-01..)"
expect_eq "two --filter must both pass" "a1" "$(ids_of --db "$WORK/db" --filter category:sport --filter 'price:..5')"
expect_eq "--filter with OR and a negation" "a2 a3" "$(ids_of --db "$WORK/db" --filter 'category:politik OR -tags:fussball' --sort date)"
run search --db "$WORK/db" --filter 'date:2024-01-01..' --facet category --facet 'price:..1.5,1.5..' --no-snippets
expect_exit "facets" 0
expect_contains "keyword facet, folded values, by count" "$OUT" "category: sport 2, politik 1"
expect_contains "range buckets, ends inclusive" "$OUT" "price: ..1.5 1, 1.5.. 2 (1 without)"
run search --db "$WORK/db" --json --filter 'date:2024-01-01..' --facet category:1 --facet 'date:..2024-06-30' -k 1
expect_contains "--json facet line" "$OUT" '{"facet":"category","value":"sport","count":2}'
expect_contains "--json bucket line" "$OUT" '{"facet":"date","from":null,"to":"2024-06-30","count":2}'
expect_eq "--json: hits and facets apart" "1 2" "$(printf '%s\n' "$OUT" | grep -c '"id"') $(printf '%s\n' "$OUT" | grep -c '"facet"')"
run search --db "$WORK/db" --filter category:sport --collapse category --no-snippets
expect_contains "collapse keeps one per value" "$OUT" "1 of 1 result"
expect_contains "and says how many it left out" "$OUT" "(1 more like it collapsed)"
run search --db "$WORK/db" --json --filter category:sport --collapse category:2 --no-snippets
expect_contains "--collapse FIELD:N" "$OUT" '"collapsed":0'
for bad in "--sort category" "--sort date:up" "--facet url" "--facet category:..3" "--collapse date" "--collapse category:0" "--filter bayern" "--filter nope:x" "--filter price:abc.."; do
  # shellcheck disable=SC2086
  run search --db "$WORK/db" x $bad
  expect_exit "usage error: $bad" 2
  expect_one_error_line "usage error: $bad"
done
printf 'q1\tspiel\n' >"$WORK/topics.tsv"
run run --db "$WORK/db" --queries "$WORK/topics.tsv" --filter date:2024-07-01.. --quiet
expect_contains "run --filter" "$OUT" "q1 Q0 a3 1"
expect_eq "run --filter keeps only what passes" "1" "$(printf '%s\n' "$OUT" | grep -c Q0)"
run run --db "$WORK/db" --queries "$WORK/topics.tsv" --filter tags:
expect_exit "run --filter checked before the first query" 2
run analyze --keyword "Política Exterior"
expect_contains "analyze --keyword shows the folded value" "$OUT" "Política Exterior → politica exterior"

finish fields_test
