#!/usr/bin/env bash
# Chinese retrieval per segmentation mode (words, bigrams, hybrid): runs `polysearch bench`
# on the Chinese collections of ../shared/data/retrieval (xquad/zh-Hans, cmrc2018/zh-Hans)
# with Simplified queries (same script as the documents) and with the queries converted to
# Traditional (cross-script), each alone and pooled with the German, Spanish and Portuguese
# collections into one mixed-language index; plus words mode without Chinese script folding
# (ICU segmentation alone, as a system without folding sees Traditional queries).  Prints
# two Markdown tables (per Chinese collection and mode; every collection in the pooled
# runs) and writes every bench's JSON.  Queries are searched as plain words (--literal),
# as the peers in issue 3 were measured (OR queries).
#
#   tools/bench/chinese_experiments.sh [POLYSEARCH_BINARY] [OUTPUT_DIR]
#
# Defaults: build/release/polysearch and build/chinese-experiments.  The data directory can
# be moved with POLYSEARCH_RETRIEVAL_DATA.  Needs uconv (Debian: icu-devtools) to make the
# Traditional queries, and jq for the summary.  14 bench runs, about 5 minutes on 2 cores
# (indexing speeds are noisy when the machine is busy).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
binary=${1:-$root/build/release/polysearch}
out=${2:-$root/build/chinese-experiments}
data=${POLYSEARCH_RETRIEVAL_DATA:-$root/../shared/data/retrieval}
others=(xquad/de xquad/es squad11ptsample/pt)
chinese=(xquad/zh-Hans cmrc2018/zh-Hans)
modes=(words bigrams hybrid)

# shellcheck source=SCRIPTDIR/experiment_setup.sh
source "$root/tools/bench/experiment_setup.sh"
mkdir -p "$out"
start=$SECONDS

# A copy of each Chinese collection whose queries.tsv is converted to Traditional script
# with ICU, while the documents stay Simplified (documents and qrels are links to the
# originals).  The copy keeps the collection's name (its last two path components).
for c in "${chinese[@]}"; do
  dir=$out/traditional/$c
  mkdir -p "$dir"
  ln -sf "$data/$c/docs.jsonl" "$dir/docs.jsonl"
  ln -sf "$data/$c/qrels.txt" "$dir/qrels.txt"
  uconv -x 'Simplified-Traditional' "$data/$c/queries.tsv" >"$dir/queries.tsv"
done

same=() cross=() pooled=() pooled_cross=()
for c in "${chinese[@]}"; do
  same+=(--collection "$data/$c")
  cross+=(--collection "$out/traditional/$c")
done
for c in "${others[@]}"; do
  pooled+=(--collection "$data/$c")
  pooled_cross+=(--collection "$data/$c")
done
pooled+=("${same[@]}")
pooled_cross+=("${cross[@]}")

for mode in "${modes[@]}"; do
  segmentation=(--chinese-segmentation "$mode")
  bench "same-$mode" "${segmentation[@]}" "${same[@]}"
  bench "cross-$mode" "${segmentation[@]}" "${cross[@]}"
  bench "pooled-$mode" "${segmentation[@]}" --pooled --detect-language "${pooled[@]}"
  bench "pooled-cross-$mode" "${segmentation[@]}" --pooled --detect-language "${pooled_cross[@]}"
done
bench same-nofold --chinese-segmentation words --no-fold-chinese-script "${same[@]}"
bench cross-nofold --chinese-segmentation words --no-fold-chinese-script "${cross[@]}"

# value NAME COLLECTION FIELD: that field of the collection's row in NAME.json, or nothing.
value() {
  jq -r --arg c "$2" --arg f "$3" '[.rows[] | select(.collection == $c) | .[$f]][0] // empty' \
    "$out/$1.json" 2>/dev/null || true
}

# show DECIMALS NAME COLLECTION FIELD: that value with DECIMALS decimals, or "–".
show() {
  local v
  v=$(value "$2" "$3" "$4")
  if [[ -n $v ]]; then printf '%.*f' "$1" "$v"; else echo "–"; fi
}

# points SAME CROSS (run names) COLLECTION: nDCG@10 of CROSS minus SAME, ×100, one decimal.
points() {
  local a b
  a=$(value "$1" "$3" ndcg_cut_10)
  b=$(value "$2" "$3" ndcg_cut_10)
  if [[ -z $a || -z $b ]]; then echo "–"; return; fi
  awk -v a="$a" -v b="$b" 'BEGIN {
    d = (b - a) * 100
    if (d > -0.05 && d < 0.05) print "0.0"; else printf "%+.1f\n", d }'
}

# row COLLECTION LABEL SAME CROSS POOLED POOLED_CROSS (run names; "" for none)
row() {
  local c=$1 label=$2 s=$3 x=$4 p=$5 px=$6
  local in_pool="–" in_pool_cross="–"
  [[ -n $p ]] && in_pool=$(show 4 "$p" "$c" ndcg_cut_10)
  [[ -n $px ]] && in_pool_cross=$(show 4 "$px" "$c" ndcg_cut_10)
  echo "| $c | $label | $(show 4 "$s" "$c" ndcg_cut_10) | $(show 4 "$x" "$c" ndcg_cut_10)" \
    "| $(points "$s" "$x" "$c") | $in_pool | $in_pool_cross" \
    "| $(show 2 "$s" "$c" index_mb) | $(show 2 "$s" "$c" index_mb_per_second) |"
}

{
  echo "Table 1: nDCG@10 of the Chinese collections per segmentation mode; Simplified"
  echo "documents, queries in Simplified (same script) or Traditional (cross script);"
  echo "difference = cross − same in points (×100); index size and indexing speed of the"
  echo "same-script run (one collection per index)."
  echo
  echo "| collection | mode | same script | cross script | difference | pooled, same | pooled, cross | index MB | indexing MB/s |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for c in "${chinese[@]}"; do
    for mode in "${modes[@]}"; do
      row "$c" "$mode" "same-$mode" "cross-$mode" "pooled-$mode" "pooled-cross-$mode"
    done
    row "$c" "words, no script folding" same-nofold cross-nofold "" ""
  done
  echo
  echo "Table 2: nDCG@10 of every collection in the pooled runs (one index of all five"
  echo "collections, languages detected) per mode, with the Chinese queries in Simplified"
  echo "(same) or Traditional (cross); the other languages' queries are unchanged."
  echo
  header="| collection" rule="| ---"
  for mode in "${modes[@]}"; do
    header+=" | $mode, same | $mode, cross"
    rule+=" | --- | ---"
  done
  echo "$header |"
  echo "$rule |"
  for c in "${others[@]}" "${chinese[@]}"; do
    line="| $c"
    for mode in "${modes[@]}"; do
      line+=" | $(show 4 "pooled-$mode" "$c" ndcg_cut_10)"
      line+=" | $(show 4 "pooled-cross-$mode" "$c" ndcg_cut_10)"
    done
    echo "$line |"
  done
} | tee "$out/summary.md"
echo
echo "JSON of every run in $out; these tables in $out/summary.md ($((SECONDS - start)) s)"
