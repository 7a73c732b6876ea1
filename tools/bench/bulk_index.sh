#!/usr/bin/env bash
# Bulk indexing on every core (issue 20), in one run on the same files: per language of the
# bench corpus, the baseline (plain Xapian::TermGenerator, one thread:
# polysearch_termgenerator_baseline), `polysearch index` on one core (taskset: one writer,
# one thread) and on every core (the default: N writers into parts, merged), with the wall
# seconds (median of R runs, the three alternating), peak RSS, the merge's time, the
# index's size beside a compacted single-writer index, and whether the two indexes rank
# alike (`polysearch run` on the bench queries, byte for byte).
#
#   tools/bench/bulk_index.sh                 # ~12 min on 2 cores; figures in docs/BENCHMARKS.md
#   LANGS="de zh" R=1 tools/bench/bulk_index.sh
#
# Environment: POLYSEARCH (default build/release/polysearch, built if missing), BASELINE
# (default: polysearch_termgenerator_baseline beside it), CORPUS_DIR (default
# ../shared/bench/corpus), LANGS (default "de es pt zh"), R (runs, default 3), WORK
# (scratch; default build/bulk-index).  Needs GNU time and taskset (util-linux).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
POLYSEARCH=${POLYSEARCH:-$REPO/build/release/polysearch}
BASELINE=${BASELINE:-$(dirname "$POLYSEARCH")/polysearch_termgenerator_baseline}
CORPUS_DIR=${CORPUS_DIR:-$REPO/../shared/bench/corpus}
LANGS=${LANGS:-de es pt zh}
R=${R:-3}
WORK=${WORK:-$REPO/build/bulk-index}

# shellcheck source=tools/bench/common.sh
source "$REPO/tools/bench/common.sh"
require_gnu_time bulk_index.sh
ensure_release_binary "$POLYSEARCH" "$REPO"
if [[ ! -s $CORPUS_DIR/de.jsonl ]]; then
  echo "skipped: no bench corpus in $CORPUS_DIR (run ../shared/bench/build_corpus.sh)" >&2
  exit 0
fi
fresh_directory "$WORK"
CORES=$(nproc)

# timed OUT_PREFIX COMMAND...: runs it, leaving "<rss_kb> <seconds>" in OUT_PREFIX.time.
timed() {
  local out=$1
  shift
  /usr/bin/time -o "$out.time" -f '%M %e' "$@" >"$out.stdout" 2>"$out.stderr"
}

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# run_once NAME COMMAND... (the index directory is $WORK/NAME, emptied first): appends the
# seconds to $WORK/NAME.seconds and the peak RSS in MB to $WORK/NAME.rss.
run_once() {
  local name=$1
  shift
  rm -rf "${WORK:?}/$name"
  timed "$WORK/$name" "$@"
  read -r kb s <"$WORK/$name.time"
  echo "$s" >>"$WORK/$name.seconds"
  echo $((kb / 1024)) >>"$WORK/$name.rss"
}

row() { printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$@"; }

echo "$("$POLYSEARCH" --version); $CORES cores; R=$R (median seconds); $(date -u +%F)"
row lang "text MB" "TermGenerator s" "1 core s" "$CORES cores s" "merge s" \
  "× TermGenerator" "1→$CORES cores" "peak RSS MB" "index MB (1 writer compacted)" "same ranking"
row --- ---: ---: ---: ---: ---: ---: ---: ---: ---: ---
for lang in $LANGS; do
  file=$CORPUS_DIR/$lang.jsonl
  text_mb=$(jq -j '.title // "", .text // ""' "$file" | wc -c | awk '{ printf "%.1f", $1 / 1e6 }')
  cjk=()
  [[ $lang == zh ]] && cjk=(--cjk)
  rm -f "$WORK"/*.seconds "$WORK"/*.rss
  # The three alternate, so that a slow spell of the machine hits each alike.
  for _ in $(seq "$R"); do
    run_once tg "$BASELINE" "${cjk[@]}" --db "$WORK/tg" "$file"
    run_once one taskset -c 0 "$POLYSEARCH" index --db "$WORK/one" --quiet "$file"
    run_once all "$POLYSEARCH" index --db "$WORK/all" --quiet --json "$file"
  done
  tg_s=$(median <"$WORK/tg.seconds")
  one_s=$(median <"$WORK/one.seconds")
  all_s=$(median <"$WORK/all.seconds")
  rss=$(sort -n "$WORK/all.rss" | tail -1)
  merge_s=$(jq -r '.merge_seconds * 100 | round / 100' "$WORK/all.stdout")
  "$POLYSEARCH" compact --db "$WORK/one" >/dev/null
  one_mb=$(du -sm "$WORK/one" | cut -f1)
  all_mb=$(du -sm "$WORK/all" | cut -f1)
  queries=$REPO/../shared/bench/queries/$lang.txt
  same=n/a
  if [[ -s $queries ]]; then
    awk '{ print NR "\t" $0 }' "$queries" >"$WORK/topics.tsv"
    "$POLYSEARCH" run --db "$WORK/one" --queries "$WORK/topics.tsv" --literal --output "$WORK/one.run" -k 100 --quiet
    "$POLYSEARCH" run --db "$WORK/all" --queries "$WORK/topics.tsv" --literal --output "$WORK/all.run" -k 100 --quiet
    if cmp -s "$WORK/one.run" "$WORK/all.run"; then same=yes; else same=NO; fi
  fi
  row "$lang" "$text_mb" "$tg_s" "$one_s" "$all_s" "$merge_s" \
    "$(awk -v a="$tg_s" -v b="$all_s" 'BEGIN { printf "%.2f", a / b }')" \
    "$(awk -v a="$one_s" -v b="$all_s" 'BEGIN { printf "%.2f", a / b }')" \
    "$rss" "$all_mb ($one_mb)" "$same"
  rm -rf "${WORK:?}"/{tg,one,all}
done
