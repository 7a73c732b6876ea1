#!/usr/bin/env bash
# German compounds where whole words cannot succeed (issue 18): a query set mined from the
# bench corpus by tools/bench/compound_queries.py, each query a noun that occurs in its
# relevant documents only inside compounds ("Runde" in "Finanzierungsrunde").  The corpus is
# indexed with compound splitting (on, the default) and without (--no-german-compounds),
# the queries run as plain words (--literal, top 100), and recall@10, recall@100, nDCG@10
# and MAP of both printed, with `polysearch compare` of off (A) against on (B).
#
# Two more views, from runs to depth 10000: the recall at any depth (what the splitter finds
# at all), and "on, word left out": the on run without the documents that have the query
# word itself (those the off index finds), which rank first by design and are not judged
# (the set judges only compound-only documents): how the compound-only documents rank
# among themselves.
#
#   tools/bench/compound_recall.sh [POLYSEARCH_BINARY] [WORK_DIR]
#
# Defaults: build/release/polysearch and build/compound-recall.  CORPUS chooses the German
# JSON Lines corpus (default ../shared/bench/corpus/de.jsonl, else
# /work/bench-copy/corpus/de.jsonl); CORPUS_MB, when set, indexes and mines only the first
# that many MB of its lines (a deterministic subset).  Indexing the 27 MB twice takes a few
# minutes.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$root/tools/bench/common.sh"
binary=${1:-$root/build/release/polysearch}
out=${2:-$root/build/compound-recall}
if [[ -z ${CORPUS:-} ]]; then
  CORPUS=$root/../shared/bench/corpus/de.jsonl
  [[ -f $CORPUS ]] || CORPUS=/work/bench-copy/corpus/de.jsonl
fi

if [[ ! -f $CORPUS ]]; then
  echo "skipped: no German bench corpus at $CORPUS (set CORPUS, or build it with ../shared/bench/build_corpus.sh)" >&2
  exit 0
fi
ensure_release_binary "$binary" "$root"
[[ -x $binary ]] || { echo "error: no polysearch binary at $binary" >&2; exit 1; }
fresh_directory "$out"

corpus=$CORPUS
if [[ -n ${CORPUS_MB:-} ]]; then
  # Whole lines up to CORPUS_MB MB, from the start: the same subset on every run.
  corpus=$out/corpus.jsonl
  LC_ALL=C awk -v limit=$((CORPUS_MB * 1000000)) '{ size += length($0) + 1; if (size > limit) exit; print }' \
    "$CORPUS" >"$corpus"
fi
echo "corpus: $CORPUS${CORPUS_MB:+ (first $CORPUS_MB MB of lines: $(wc -l <"$corpus") documents)}"
echo

/usr/bin/python3 "$root/tools/bench/compound_queries.py" "$corpus" "$out/set"
echo

for setting in off on; do
  flags=()
  [[ $setting == off ]] && flags=(--no-german-compounds)
  start=$(date +%s.%N)
  "$binary" index --db "$out/index-$setting" --quiet "${flags[@]}" "$corpus"
  seconds=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  echo "indexed, compounds $setting: $seconds s"
  "$binary" run --db "$out/index-$setting" --queries "$out/set/queries.tsv" -k 100 --literal -q \
    -o "$out/$setting.run"
  "$binary" run --db "$out/index-$setting" --queries "$out/set/queries.tsv" -k 10000 --literal \
    -q -o "$out/$setting-deep.run"
done
echo
# The on run without the documents the off index finds for the query, top 100 kept.
awk 'NR == FNR { found[$1 " " $3] = 1; next }
     !(($1 " " $3) in found) && ++kept[$1] <= 100' \
  "$out/off-deep.run" "$out/on-deep.run" >"$out/on-word-left-out.run"

# measure SETTING MEASURE: the figure over all queries.
measure() {
  awk -v m="$2" '$1 == m && $2 == "all" { print $3 }' "$out/$1.eval"
}
for setting in off on on-word-left-out; do
  "$binary" eval --qrels "$out/set/qrels.txt" -m recall.10,100 -m ndcg_cut.10 -m map \
    "$out/$setting.run" >"$out/$setting.eval"
done
for setting in off on; do
  "$binary" eval --qrels "$out/set/qrels.txt" -m recall.10000 -m num_ret \
    "$out/$setting-deep.run" >"$out/$setting-deep.eval"
done
echo "| compounds | recall@10 | recall@100 | nDCG@10 | MAP | recall, any depth |"
echo "| --- | --- | --- | --- | --- | --- |"
for setting in off on; do
  echo "| $setting | $(measure "$setting" recall_10) | $(measure "$setting" recall_100) |" \
    "$(measure "$setting" ndcg_cut_10) | $(measure "$setting" map) |" \
    "$(measure "$setting-deep" recall_10000) |"
done
setting=on-word-left-out
echo "| on, word left out | $(measure $setting recall_10) | $(measure $setting recall_100) |" \
  "$(measure $setting ndcg_cut_10) | $(measure $setting map) | |"
echo
echo "documents with the query word itself (off, depth 10000): $(measure off-deep num_ret)" \
  "over $(wc -l <"$out/set/queries.tsv") queries"
echo
echo "polysearch compare, A = off, B = on:"
"$binary" compare --qrels "$out/set/qrels.txt" -m recall.100 -m ndcg_cut.10 \
  "$out/off.run" "$out/on.run"
