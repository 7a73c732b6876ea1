#!/usr/bin/env bash
# `polysearch tune` on the retrieval collections of ../shared/data/retrieval: each
# collection is indexed once (defaults), then tune runs its questions as plain words
# (--literal, top 100) over a grid of ranking models and BM25 parameters and chooses among
# them by 5-fold cross-validation on nDCG@10.  Keeps each report (COLLECTION.txt or .json, with
# every setting's mean), the cv run (COLLECTION.cv.run) and the time taken
# (COLLECTION.err) and every setting's score on each question (COLLECTION.scores.tsv, `tune
# --scores`).
#
#   tools/bench/tune_experiments.sh [POLYSEARCH_BINARY] [OUTPUT_DIR]
#
# Defaults: build/release/polysearch and build/tune.  POLYSEARCH_RETRIEVAL_DATA moves the
# data; TUNE_COLLECTIONS (space-separated) chooses the collections, TUNE_THREADS the
# threads (default 2), TUNE_GRID the grid (one `--grid` value a line; default below),
# TUNE_JSON=1 writes COLLECTION.json (`tune --json`) instead of the text report,
# TUNE_OPTIONS adds options to tune (the default setting: "--weight bm25 --bm25 0.9,0.4").
# The grid lists a default first, so that ties keep it.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
binary=${1:-$root/build/release/polysearch}
out=${2:-$root/build/tune}
data=${POLYSEARCH_RETRIEVAL_DATA:-$root/../shared/data/retrieval}
threads=${TUNE_THREADS:-2}
read -r -a collections <<<"${TUNE_COLLECTIONS:-xquadr/de stard/zh-Hans}"
default_grid='weight=bm25|bm25+|inl2|dlh
k1=0.9|0.6|1.2|1.5
b=0.4|0.3|0.6|0.75'
grid=()
while IFS= read -r line; do
  [[ -n $line ]] && grid+=(--grid "$line")
done <<<"${TUNE_GRID:-$default_grid}"
read -r -a extra <<<"${TUNE_OPTIONS:-}"
format=(--per-setting)
report=txt
if [[ ${TUNE_JSON:-0} == 1 ]]; then
  format+=(--json)
  report=json
fi

if [[ ! -d $data ]]; then
  echo "skipped: no retrieval collections at $data (set POLYSEARCH_RETRIEVAL_DATA)" >&2
  exit 0
fi
[[ -x $binary ]] || { echo "error: no polysearch binary at $binary" >&2; exit 1; }
mkdir -p "$out/index"

for c in "${collections[@]}"; do
  n=${c//\//-}
  index=$out/index/$n
  if [[ ! -d $index ]]; then
    echo "indexing $c" >&2
    "$binary" index --quiet --db "$index" "$data/$c/docs.jsonl"
  fi
  echo "tuning $c" >&2
  status=0
  "$binary" tune --db "$index" --queries "$data/$c/queries.tsv" --qrels "$data/$c/qrels.txt" \
    --literal -k 100 --threads "$threads" --folds 5 "${extra[@]}" \
    "${grid[@]}" "${format[@]}" --run "$out/$n.cv.run" --scores "$out/$n.scores.tsv" \
    >"$out/$n.$report" 2>"$out/$n.err" ||
    status=$?
  [[ $report == json ]] || cat "$out/$n.txt"
  tail -1 "$out/$n.err" >&2
  ((status == 0)) || { echo "error: tune on $c exited $status" >&2; exit "$status"; }
done
