#!/usr/bin/env bash
# German compounds on the German retrieval collections: each collection indexed with and
# without compound splitting (--no-german-compounds), its questions run as plain words
# (--literal, top 100), nDCG@10 of both and `polysearch compare` of the two; and the
# indexing time of each (one run, wall clock: the splitter's cost, the dictionary load
# included).  Also scores the splitter on the gold list.  Prints Markdown.
#
#   tools/bench/compound_experiments.sh [POLYSEARCH_BINARY] [OUTPUT_DIR]
#
# Defaults: build/release/polysearch and build/compounds.  POLYSEARCH_RETRIEVAL_DATA moves
# the data; COMPOUND_COLLECTIONS (space-separated) chooses the collections.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
binary=${1:-$root/build/release/polysearch}
out=${2:-$root/build/compounds}
data=${POLYSEARCH_RETRIEVAL_DATA:-$root/../shared/data/retrieval}
read -r -a collections <<<"${COMPOUND_COLLECTIONS:-xquad/de xquadr/de}"

[[ -x $binary ]] || { echo "error: no polysearch binary at $binary" >&2; exit 1; }
mkdir -p "$out"

echo "Split quality on fixtures/german-compounds/gold.tsv:"
echo
"$binary" compounds --gold "$root/fixtures/german-compounds/gold.tsv"
echo

if [[ ! -d $data ]]; then
  echo "skipped: no retrieval collections at $data (set POLYSEARCH_RETRIEVAL_DATA)" >&2
  exit 0
fi
echo "| collection | compounds off | on | on − off | paired t-test p | index s (off) | index s (on) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for c in "${collections[@]}"; do
  name=${c//\//-}
  declare -A score seconds
  for setting in off on; do
    index=$out/index/$name-$setting
    run=$out/$name-$setting.run
    flags=()
    [[ $setting == off ]] && flags=(--no-german-compounds)
    rm -rf "$index"
    start=$(date +%s.%N)
    "$binary" index --quiet --db "$index" "${flags[@]}" "$data/$c/docs.jsonl"
    seconds[$setting]=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
    "$binary" run --db "$index" --queries "$data/$c/queries.tsv" --literal -k 100 -q -o "$run"
    score[$setting]=$("$binary" eval --qrels "$data/$c/qrels.txt" -m ndcg_cut.10 "$run" |
      awk '$2 == "all" { print $3 }')
  done
  comparison=$("$binary" compare --qrels "$data/$c/qrels.txt" -m ndcg_cut.10 \
    "$out/$name-off.run" "$out/$name-on.run")
  difference=$(awk '/B - A/ { print $NF }' <<<"$comparison")
  p=$(awk '/paired t-test/ { print $NF }' <<<"$comparison")
  echo "| $c | ${score[off]} | ${score[on]} | $difference | $p | ${seconds[off]} | ${seconds[on]} |"
done
