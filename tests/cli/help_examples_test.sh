#!/usr/bin/env bash
# Runs every example of every --help (the main one and each command's) and checks that it
# exits 0, so that the examples stay true.  Each example runs in a fresh copy of a sandbox
# that holds the files the examples name: ./idx (the seeds and docs.jsonl; shard-1 and
# shard-2 hold one each), ./news (articles with fields), queries.tsv,
# qrels.txt, run files, Chinese texts, a segmentation gold standard and small test
# collections.  An example that pipes into jq is skipped when jq is absent.
#
#   bash tests/cli/help_examples_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup help_examples_test "$@"
SANDBOX="$WORK/sandbox"
BINDIR="$WORK/bin"
mkdir -p "$SANDBOX" "$BINDIR"
ln -s "$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")" "$BINDIR/polysearch"
export PATH="$BINDIR:$PATH"
unset NO_COLOR

# --- the sandbox ---------------------------------------------------------------------

cd "$SANDBOX" || exit 1
mkdir -p fixtures notes
cp -R "$FIXTURES/seeds" fixtures/seeds
cp -R "$FIXTURES/german-compounds" fixtures/german-compounds
cat >docs.jsonl <<'EOF'
{"id": "a1", "title": "Gründung", "text": "Die Gründung der Stiftung im Jahr 2021 wurde in Berlin gefeiert.", "lang": "de"}
{"id": "a2", "text": "La Fundación Linux anunció un nuevo certificado profesional.", "lang": "es"}
EOF
printf 'Notizen über die Stiftung und ihre Gründung.\n' >notes/stiftung.txt
printf '# Nachtrag\n\nDie Stiftung wächst.\n' >extra.md
printf 'Die Gr\xfcndung der Stiftung\n' >old-notes.txt  # Latin-1
cat >news.jsonl <<'EOF'
{"id": "n1", "text": "清华大学的学生告别了北京。", "lang": "zh"}
{"id": "n2", "text": "新智元報道：達摩克利斯之劍。", "lang": "zh"}
EOF
printf '新智元報道 達摩克利斯之劍\n清华大学的学生\n' >news.txt
printf '卸下「PyTorch之父」的皇冠僅24小時，他便告別了安穩的高薪。\n' >article.txt
printf '新智元\n达摩克利斯 5\n' >names.txt
printf 'Stau+becken\nKrankenhaus\n' >splits.txt
printf '清华大学的学生\n他们告别了北京\n' >test.raw.txt
printf '清华 大学 的 学生\n他们 告别 了 北京\n' >test.gold.txt
printf '清华\n大学\n学生\n北京\n' >training_words.txt
printf 'q1\tfundacion linux\nq2\tGründung\nq3\t告别\nq4\tPyTorch\n' >queries.tsv
cat >qrels.txt <<'EOF'
q1 0 002_a9c86b4b737a7e46.txt 1
q1 0 a2 1
q2 0 001_e3980215772cbfcf.txt 2
q2 0 a1 1
q3 0 003_0f7fea0c1696b0fa.txt 1
q4 0 000_0723e8c9340345ff.txt 1
EOF
cat >topics.txt <<'EOF'
<top>
<num> Number: 301
<title> fundacion linux
<desc> Description:
La Fundación Linux y PyTorch
</top>
EOF
# Test collections for bench: the seeds as JSON Lines, with the sandbox's queries.
make_collection() {
  mkdir -p "$1"
  for file in fixtures/seeds/*.txt; do
    jq -cn --arg id "$(basename "$file")" --rawfile text "$file" '{id: $id, text: $text}' 2>/dev/null ||
      python3 -c 'import json, sys; print(json.dumps({"id": sys.argv[1], "text": open(sys.argv[2]).read()}))' \
        "$(basename "$file")" "$file"
  done >"$1/docs.jsonl"
  cp queries.tsv "$1/queries.tsv"
  cp qrels.txt "$1/qrels.txt"
}
make_collection xquad/de
make_collection xquad/es
make_collection cmrc2018/zh-Hans

setup_step() {
  if ! "$@" >/dev/null 2>"$WORK/setup-stderr"; then
    echo "sandbox setup failed: $*" >&2
    cat "$WORK/setup-stderr" >&2
    exit 1
  fi
}
setup_step polysearch index --db idx fixtures/seeds docs.jsonl
# ./news: articles with fields, for search's --filter, --sort, --facet and --collapse.
cat >news-schema.json <<'EOF'
{"fields": {"date": {"type": "date"}, "category": {"type": "keyword", "fold": true},
            "author": {"type": "keyword"}}}
EOF
cat >articles.jsonl <<'EOF'
{"id": "b1", "lang": "de", "text": "Bayern gewinnt das Spiel.", "date": "2024-05-01", "category": "Sport", "author": "müller"}
{"id": "b2", "lang": "de", "text": "Bayern verliert im Pokal.", "date": "2023-11-02", "category": "sport", "author": "müller"}
EOF
setup_step polysearch index --db news --schema news-schema.json articles.jsonl
setup_step polysearch index --db shard-1 fixtures/seeds
setup_step polysearch index --db shard-2 docs.jsonl
setup_step polysearch run --db idx --queries queries.tsv -q -o run.txt
setup_step polysearch run --db idx --queries queries.tsv -q -o baseline.run --tag baseline
setup_step polysearch run --db idx --queries queries.tsv -q -o new.run --tag new --and --bm25 1.2,0.75
polysearch segment <test.raw.txt >test.seg.txt
cd "$WORK" || exit 1

# --- every example -------------------------------------------------------------------

# examples_of HELP: the lines under "Examples:", without their indentation; a line ending
# in a backslash continues on the next.
examples_of() {
  awk '/^Examples:$/ { on = 1; next }
       on && /^  / { sub(/^ +/, ""); line = line $0
                     if (line ~ /\\$/) { sub(/\\$/, " ", line); next }
                     print line; line = ""; next }
       on { exit }' <<<"$1"
}

COMMANDS=$(polysearch --help |
  awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }')
EXAMPLES=0
for command in "" $COMMANDS; do
  # shellcheck disable=SC2086  # no command: the main help
  help=$(polysearch $command --help)
  while IFS= read -r example; do
    [[ -n "$example" ]] || continue
    if [[ "$example" == *"| jq"* ]] && ! command -v jq >/dev/null 2>&1; then
      echo "skipped: $example (jq absent)"
      continue
    fi
    EXAMPLES=$((EXAMPLES + 1))
    rm -rf "$WORK/run"
    cp -R "$SANDBOX" "$WORK/run"
    (cd "$WORK/run" && bash -o pipefail -c "$example") </dev/null >"$WORK/stdout" 2>"$WORK/stderr"
    RC=$?
    collect "$example"
    expect_exit "example of 'polysearch ${command:-(main)} --help': $example" 0
  done < <(examples_of "$help")
done
CHECKS=$((CHECKS + 1))
((EXAMPLES >= 40)) || fail "expected at least 40 examples, found $EXAMPLES"

finish help_examples_test
