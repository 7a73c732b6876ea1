#!/usr/bin/env bash
# Every ranking model (--weight) with its default parameters, on the retrieval collections
# of ../shared/data/retrieval: each collection is indexed once (defaults), then each model
# runs its questions as plain words (--literal, top 100) and `polysearch eval` scores the
# run as trec_eval -c does.  Prints one Markdown table of nDCG@10 and keeps the runs, so
# that `polysearch compare` can test any model against BM25.
#
#   tools/bench/weighting_experiments.sh [POLYSEARCH_BINARY] [OUTPUT_DIR]
#
# Defaults: build/release/polysearch and build/weighting.  POLYSEARCH_RETRIEVAL_DATA moves
# the data; WEIGHTING_COLLECTIONS and WEIGHTING_MODELS (space-separated) choose a subset.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
binary=${1:-$root/build/release/polysearch}
out=${2:-$root/build/weighting}
data=${POLYSEARCH_RETRIEVAL_DATA:-$root/../shared/data/retrieval}
read -r -a collections <<<"${WEIGHTING_COLLECTIONS:-xquadr/de xquadr/es xquadr/zh-Hans stard/zh-Hans xquad/de xquad/es squad11ptsample/pt xquad/zh-Hans cmrc2018/zh-Hans}"
read -r -a models <<<"${WEIGHTING_MODELS:-bm25 bm25+ lm-dirichlet lm-two-stage lm-jelinek-mercer pl2 pl2+ dph dlh inl2 ifb2 ineb2 bb2 tfidf}"

if [[ ! -d $data ]]; then
  echo "skipped: no retrieval collections at $data (set POLYSEARCH_RETRIEVAL_DATA)" >&2
  exit 0
fi
[[ -x $binary ]] || { echo "error: no polysearch binary at $binary" >&2; exit 1; }
mkdir -p "$out"

header="| model |"
rule="| --- |"
for c in "${collections[@]}"; do
  header+=" $c |"
  rule+=" --- |"
  index=$out/index/${c//\//-}
  if [[ ! -d $index ]]; then
    echo "indexing $c" >&2
    "$binary" index --quiet --db "$index" "$data/$c/docs.jsonl"
  fi
done
echo "$header"
echo "$rule"
for model in "${models[@]}"; do
  row="| $model |"
  for c in "${collections[@]}"; do
    run=$out/runs/${c//\//-}.${model}.run
    mkdir -p "$out/runs"
    "$binary" run --db "$out/index/${c//\//-}" --queries "$data/$c/queries.tsv" --literal \
      -k 100 --weight "$model" --tag "$model" -q -o "$run"
    ndcg=$("$binary" eval --qrels "$data/$c/qrels.txt" -m ndcg_cut.10 "$run" | awk '$2 == "all" { print $3 }')
    row+=" $ndcg |"
  done
  echo "$row"
done
