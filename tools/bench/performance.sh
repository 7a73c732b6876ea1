#!/usr/bin/env bash
# The performance measurements of docs/BENCHMARKS.md in one command, on an otherwise idle
# machine: polysearch beside the peer engines of ../shared/bench (tools/bench/peers.sh,
# ~25 min), the scaling curve 10%-300% (tools/bench/scaling.sh, ~4 min), and where
# indexing time goes, per stage, one thread and one thread per shard
# (polysearch_index_stages, ~2 min), and what documents' own fields cost: filters, sort,
# facets (tools/bench/fields.sh, ~5 min).
#
#   tools/bench/performance.sh 2>&1 | tee build/performance.txt
#   SKIP_PEERS=1 tools/bench/performance.sh      # without the peers
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO"
cmake --preset release >/dev/null && cmake --build --preset release >/dev/null

if [[ -z ${SKIP_PEERS:-} ]]; then
  echo "== polysearch and its peers (tools/bench/peers.sh)"
  tools/bench/peers.sh
fi

echo "== scaling (tools/bench/scaling.sh)"
tools/bench/scaling.sh

echo "== fields: filters, sort, facets (tools/bench/fields.sh)"
tools/bench/fields.sh --index-rounds 2

corpus=""
for dir in ../shared/bench/corpus build/bench-harness/corpus; do
  [[ -s $dir/zh.jsonl ]] && corpus=$dir && break
done
if [[ -z $corpus ]]; then
  echo "skipped: index stages (no bench corpus; tools/bench/peers.sh builds one)" >&2
  exit 0
fi
for lang in de zh; do
  for shards in 1 2; do
    echo "== index stages: $lang, $shards shard(s) (polysearch_index_stages)"
    build/release/polysearch_index_stages --shards "$shards" "$corpus/$lang.jsonl"
  done
done
