#!/usr/bin/env bash
# What each language feature buys: runs `polysearch bench` on the retrieval collections of
# ../shared/data/retrieval with the defaults and with one feature off, on queries as users
# type them, and on all collections pooled into one mixed-language index; then prints one
# Markdown table of nDCG@10 (and writes every bench's JSON).  Queries are searched as plain
# words (--literal), as the peers in issue 3 were measured (OR queries).
#
#   tools/bench/retrieval_experiments.sh [POLYSEARCH_BINARY] [OUTPUT_DIR]
#
# Defaults: build/release/polysearch and build/experiments.  The data directory can be
# moved with POLYSEARCH_RETRIEVAL_DATA.  Needs uconv (Debian: icu-devtools) to make the
# typed query variants, and jq for the summary.  About 3 minutes on 2 cores.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
binary=${1:-$root/build/release/polysearch}
out=${2:-$root/build/experiments}
data=${POLYSEARCH_RETRIEVAL_DATA:-$root/../shared/data/retrieval}
collections=(xquad/de xquad/es squad11ptsample/pt xquad/zh-Hans cmrc2018/zh-Hans)
chinese=(xquad/zh-Hans cmrc2018/zh-Hans)

# shellcheck source=SCRIPTDIR/experiment_setup.sh
source "$root/tools/bench/experiment_setup.sh"
mkdir -p "$out"

# typed_queries COLLECTION: the queries as users type them, on stdout.
#   de: umlauts as ae/oe/ue and ß as ss; es, pt: accents (and cedillas, tildes) dropped;
#   zh-Hans: converted to Traditional script with ICU, while the documents stay Simplified.
typed_queries() {
  local queries=$data/$1/queries.tsv
  case $1 in
    */de) sed -e 's/ä/ae/g; s/ö/oe/g; s/ü/ue/g; s/Ä/Ae/g; s/Ö/Oe/g; s/Ü/Ue/g; s/ß/ss/g' "$queries" ;;
    */es | */pt) uconv -x '::NFD; ::[:Nonspacing Mark:] Remove; ::NFC;' "$queries" ;;
    */zh-Hans) uconv -x 'Simplified-Traditional' "$queries" ;;
  esac
}

# A copy of each collection whose queries.tsv is the typed variant (documents and qrels
# are links to the originals).
for c in "${collections[@]}"; do
  dir=$out/typed/$c
  mkdir -p "$dir"
  ln -sf "$data/$c/docs.jsonl" "$dir/docs.jsonl"
  ln -sf "$data/$c/qrels.txt" "$dir/qrels.txt"
  typed_queries "$c" >"$dir/queries.tsv"
done

original=() typed=() original_zh=()
for c in "${collections[@]}"; do original+=(--collection "$data/$c"); typed+=(--collection "$out/typed/$c"); done
for c in "${chinese[@]}"; do original_zh+=(--collection "$data/$c"); done

bench defaults "${original[@]}"
bench no-stemming --no-stemming "${original[@]}"
bench no-diacritic-folding --no-fold-diacritics "${original[@]}"
bench zh-bigrams --chinese-segmentation bigrams "${original_zh[@]}"
bench typed "${typed[@]}"
bench typed-no-diacritic-folding --no-fold-diacritics "${typed[@]}"
bench pooled --pooled --detect-language "${original[@]}"
bench pooled-typed --pooled --detect-language "${typed[@]}"

# ndcg NAME COLLECTION: nDCG@10 of that collection in NAME.json to 4 decimals, or "–".
ndcg() {
  local value
  value=$(jq -r --arg c "$2" '[.rows[] | select(.collection == $c) | .ndcg_cut_10][0] // empty' \
    "$out/$1.json" 2>/dev/null)
  if [[ -n $value ]]; then printf '%.4f' "$value"; else echo "–"; fi
}

{
  echo "| collection | defaults | no stemming | no diacritic folding | zh bigrams | typed queries | typed, no folding | pooled, detected | pooled, typed |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for c in "${collections[@]}"; do
    row="| $c"
    for run in defaults no-stemming no-diacritic-folding zh-bigrams typed typed-no-diacritic-folding pooled pooled-typed; do
      row+=" | $(ndcg "$run" "$c")"
    done
    echo "$row |"
  done
} | tee "$out/summary.md"
echo
echo "JSON of every run in $out; this table in $out/summary.md"
