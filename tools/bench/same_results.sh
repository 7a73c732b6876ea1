#!/usr/bin/env bash
# Did a change that should change no behaviour (a refactor) change any?  Runs two polysearch
# binaries through the same jobs and compares every output byte for byte: run files of
# indexes built with each analysis setting (xquad de/es/zh in every Chinese mode, squad pt,
# xquadr de, xquadr es detected, a user dictionary, Traditional queries on a Simplified
# index, a mixed-language index), `info --json`, a search with every operator, and
# analyze, segment and detect on query lines, seeds and the segmentation sets.
#
#   tools/bench/same_results.sh OLD_BINARY NEW_BINARY [WORK_DIR]
#
# Prints one line per output that differs and exits 1 if any does.  About two minutes.
# Needs ../shared/data (or POLYSEARCH_SHARED_DATA) and uconv (Debian: icu-devtools).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
old=$1
new=$2
work=${3:-$root/build/same-results}
data=${POLYSEARCH_SHARED_DATA:-$root/../shared/data}
retrieval=$data/retrieval
if [[ ! -d $retrieval ]]; then
  echo "skipped: no collections at $retrieval (set POLYSEARCH_SHARED_DATA)" >&2
  exit 0
fi
command -v uconv >/dev/null || { echo "error: uconv is needed (apt-get install icu-devtools)" >&2; exit 1; }

# index_and_run BINARY OUT NAME COLLECTION [INDEX FLAGS...]
index_and_run() {
  local bin=$1 out=$2 name=$3 collection=$4
  shift 4
  local db=$out/db-$name
  "$bin" index --db "$db" --quiet "$@" "$retrieval/$collection/docs.jsonl" >/dev/null
  "$bin" run --db "$db" --queries "$retrieval/$collection/queries.tsv" -k 100 --literal \
    -o "$out/$name.run" -q
  "$bin" run --db "$db" --queries "$retrieval/$collection/queries.tsv" -k 20 \
    -o "$out/$name.syntax.run" -q
  "$bin" info --db "$db" --json | sed "s|$out|OUT|g" >"$out/$name.info.json"
  rm -rf "$db"
}

# outputs BINARY OUT: every output of one binary, into OUT.
outputs() {
  local bin=$1 out=$2
  rm -rf "$out"
  mkdir -p "$out"
  index_and_run "$bin" "$out" xquad-de xquad/de
  index_and_run "$bin" "$out" xquad-es xquad/es
  index_and_run "$bin" "$out" squad-pt squad11ptsample/pt
  index_and_run "$bin" "$out" xquadr-de xquadr/de
  index_and_run "$bin" "$out" xquadr-es-detected xquadr/es --lang auto
  index_and_run "$bin" "$out" xquad-zh xquad/zh-Hans
  index_and_run "$bin" "$out" xquad-zh-words xquad/zh-Hans --chinese-segmentation words
  index_and_run "$bin" "$out" xquad-zh-bigrams xquad/zh-Hans --chinese-segmentation bigrams
  index_and_run "$bin" "$out" xquad-zh-unfolded xquad/zh-Hans --no-fold-chinese-script
  index_and_run "$bin" "$out" xquad-de-plain xquad/de --no-stemming --no-fold-diacritics
  printf '新智元\t5\n深度學習\n清华大学\n' >"$out/dict.txt"
  index_and_run "$bin" "$out" cmrc-dictionary cmrc2018/zh-Hans --dict "$out/dict.txt"

  uconv -x 'Simplified-Traditional' "$retrieval/xquad/zh-Hans/queries.tsv" >"$out/traditional.tsv"
  "$bin" index --db "$out/db-zh" --quiet "$retrieval/xquad/zh-Hans/docs.jsonl" >/dev/null
  "$bin" run --db "$out/db-zh" --queries "$out/traditional.tsv" -k 100 --literal \
    -o "$out/xquad-zh-traditional-queries.run" -q
  rm -rf "$out/db-zh"

  local lang
  for lang in de es zh-Hans; do
    sed "s/\"id\": *\"/\"id\":\"$lang-/" "$retrieval/xquad/$lang/docs.jsonl"
  done >"$out/mixed.jsonl"
  { head -400 "$retrieval/xquad/de/queries.tsv"; head -400 "$retrieval/xquad/es/queries.tsv"; } \
    >"$out/mixed.tsv"
  "$bin" index --db "$out/db-mixed" --quiet --lang auto "$out/mixed.jsonl" >/dev/null
  "$bin" run --db "$out/db-mixed" --queries "$out/mixed.tsv" -k 50 -o "$out/mixed.run" -q
  "$bin" search --db "$out/db-mixed" --json -k 5 \
    'Gründung lang:de OR "fundación" NOT 告别 tit*' | sed "s|$out|OUT|g" >"$out/mixed.search.json"
  rm -rf "$out/db-mixed"

  for lang in de es pt zh und auto; do
    head -300 "$retrieval/xquad/de/queries.tsv" | cut -f2 |
      "$bin" analyze --json --lang "$lang" - >"$out/analyze-$lang-de.json"
    head -300 "$retrieval/xquad/zh-Hans/queries.tsv" | cut -f2 |
      "$bin" analyze --json --lang "$lang" - >"$out/analyze-$lang-zh.json"
  done
  local seed
  for seed in "$root"/fixtures/seeds/*; do
    local name
    name=$(basename "$seed")
    "$bin" analyze --json --lang auto - <"$seed" >"$out/analyze-$name.json"
    "$bin" detect --json - <"$seed" >"$out/detect-$name.json"
  done
  local mode
  for mode in words bigrams hybrid; do
    "$bin" segment --mode "$mode" --terms - <"$data/segmentation/ud-gsd-zh-hant/dev.raw.txt" \
      >"$out/segment-$mode.txt"
    "$bin" segment --mode "$mode" --dict "$out/dict.txt" - \
      <"$data/segmentation/ud-gsd-zh-hans/dev.raw.txt" >"$out/segment-dictionary-$mode.txt"
  done
}

outputs "$old" "$work/old"
outputs "$new" "$work/new"
compared=0
differ=0
for file in "$work"/old/*; do
  [[ -f $file ]] || continue
  compared=$((compared + 1))
  name=$(basename "$file")
  if ! cmp -s "$file" "$work/new/$name"; then
    echo "differs: $name (diff $file $work/new/$name)"
    differ=$((differ + 1))
  fi
done
echo "$compared outputs compared, $differ differ"
((differ == 0))
