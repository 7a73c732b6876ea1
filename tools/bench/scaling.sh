#!/usr/bin/env bash
# How indexing cost grows with the corpus and the cores: indexes 10%, 30%, 100% and 300%
# of the bench corpus (all four languages; below 100% an even sample of lines, above it the
# corpus repeated with new ids) on 1 core and on 2 (taskset), then compacts, and prints one
# row per size and core count: documents, input MB, seconds, MB/s, peak RSS, index MB
# before and after compaction, and the compacted index's size over the input's.
#
#   tools/bench/scaling.sh                    # ~8 min on 2 cores; figures in docs/BENCHMARKS.md
#   SCALES="0.1 1" CORES="2" tools/bench/scaling.sh
#
# Environment: POLYSEARCH (default build/release/polysearch, built if missing), CORPUS
# (one JSON Lines file; default: the four files of ../shared/bench/corpus, or of
# build/bench-harness/corpus, which tools/bench/peers.sh makes), SCALES (default
# "0.1 0.3 1 3"), CORES (how many cores each run may use, taskset -c 0..N-1; default "1 2";
# polysearch builds a new index on every core it may use), SHARDS (index --shards; default
# none), WORK (scratch; default build/scaling).  Needs GNU time (/usr/bin/time) and taskset.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
POLYSEARCH=${POLYSEARCH:-$REPO/build/release/polysearch}
SCALES=${SCALES:-0.1 0.3 1 3}
SHARDS=${SHARDS:-}
CORES=${CORES:-1 2}
WORK=${WORK:-$REPO/build/scaling}

# shellcheck source=tools/bench/common.sh
source "$REPO/tools/bench/common.sh"
require_gnu_time scaling.sh
ensure_release_binary "$POLYSEARCH" "$REPO"
fresh_directory "$WORK"

if [[ -z ${CORPUS:-} ]]; then
  for dir in "$REPO/../shared/bench/corpus" "$REPO/build/bench-harness/corpus"; do
    if [[ -s $dir/de.jsonl ]]; then
      cat "$dir"/{de,es,pt,zh}.jsonl >"$WORK/corpus.jsonl"
      CORPUS="$WORK/corpus.jsonl"
      break
    fi
  done
fi
if [[ -z ${CORPUS:-} || ! -s $CORPUS ]]; then
  echo "skipped: no bench corpus (../shared/bench/corpus: run ../shared/bench/build_corpus.sh," \
    "or tools/bench/peers.sh); or set CORPUS=FILE.jsonl" >&2
  exit 0
fi

# input SCALE: the corpus at that scale on stdout.  Below 1, every line whose number falls
# in the first SCALE of each block of 100 (an even sample across the languages); from 1
# up, whole copies, copy k's ids prefixed "k-" so that none replaces another, and the
# fraction left over sampled the same way.
input() {
  awk -v scale="$1" '
    { lines[NR] = $0 }
    END {
      whole = int(scale); part = scale - whole
      for (k = 1; k <= whole + (part > 0); k++) {
        for (i = 1; i <= NR; i++) {
          if (k > whole && (i % 100) >= part * 100) continue
          line = lines[i]
          if (k > 1) sub(/"id": *"/, "&" k "-", line)
          print line
        }
      }
    }' "$CORPUS"
}

row() {
  printf '%6s  %5s  %8s  %8s  %8s  %6s  %11s  %8s  %10s  %7s\n' "$@"
}

shard_flags=()
[[ -n $SHARDS ]] && shard_flags=(--shards "$SHARDS")
echo "corpus: $CORPUS ($(wc -l <"$CORPUS") documents, $(du -m "$CORPUS" | cut -f1) MB of JSON Lines);" \
  "$("$POLYSEARCH" --version); index ${shard_flags[*]:-(defaults)}; $(nproc) cores"
row scale cores docs input_MB seconds MB/s peak_RSS_MB index_MB compact_MB x_input
for scale in $SCALES; do
  input "$scale" >"$WORK/input.jsonl"
  for cores in $CORES; do
    db="$WORK/idx-$scale"
    /usr/bin/time -o "$WORK/time" -f '%M %e' taskset -c "0-$((cores - 1))" "$POLYSEARCH" index \
      --db "$db" --quiet --json "${shard_flags[@]}" "$WORK/input.jsonl" >"$WORK/summary.json"
    read -r rss_kb seconds <"$WORK/time"
    docs=$(sed 's/.*"indexed":\([0-9]*\).*/\1/' "$WORK/summary.json")
    input_mb=$(awk -v b="$(stat -c %s "$WORK/input.jsonl")" 'BEGIN { printf "%.2f", b / 1e6 }')
    "$POLYSEARCH" compact --db "$db" --json >"$WORK/compact.json"
    read -r before after < <(sed 's/.*"bytes_before":\([0-9]*\),"bytes_after":\([0-9]*\).*/\1 \2/' \
      "$WORK/compact.json")
    row "$(awk -v s="$scale" 'BEGIN { printf "%d%%", s * 100 }')" "$cores" "$docs" "$input_mb" \
      "$seconds" "$(awk -v m="$input_mb" -v s="$seconds" 'BEGIN { printf "%.2f", (s > 0 ? m / s : 0) }')" \
      "$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')" \
      "$(awk -v b="$before" 'BEGIN { printf "%.1f", b / 1e6 }')" \
      "$(awk -v b="$after" 'BEGIN { printf "%.1f", b / 1e6 }')" \
      "$(awk -v b="$after" -v m="$input_mb" 'BEGIN { printf "%.2f", (m > 0 ? b / 1e6 / m : 0) }')"
    rm -rf "$db"
  done
  rm -f "$WORK/input.jsonl"
done
