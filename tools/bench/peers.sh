#!/bin/bash
# Measures polysearch beside the peer engines of ../shared/bench in one run: links
# tools/bench/peer-polysearch.sh in as peers/polysearch.sh, builds the release binary,
# runs the harness and prints its table (also in ../shared/bench/results/TABLE.md).
#
#   tools/bench/peers.sh                       # every peer and polysearch, de es pt zh (~25 min)
#   PEERS="polysearch xapian" LANGS=zh tools/bench/peers.sh
#
# The harness builds its corpus first if it is missing (../shared/bench/build_corpus.sh,
# Debian packages, ~3 min) and installs the peers' packages (as root).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench=${BENCH_DIR:-$root/../shared/bench}
if [[ ! -f $bench/run_all.sh ]]; then
  echo "skipped: no peer harness at $bench (expected ../shared/bench/run_all.sh)" >&2
  exit 0
fi
# The harness writes its corpus, work and results beside itself: a read-only copy (as
# ../shared is in CI) is copied to build/bench-harness first, once.
if [[ ! -w $bench ]]; then
  copy=$root/build/bench-harness
  if [[ ! -f $copy/run_all.sh ]]; then
    mkdir -p "$copy" && cp -R "$bench/." "$copy/" && chmod -R u+w "$copy"
  fi
  echo "note: $bench is read-only; using the copy in $copy" >&2
  bench=$copy
fi
(cd "$root" && cmake --preset release >/dev/null && cmake --build --preset release >/dev/null)
ln -sf "$root/tools/bench/peer-polysearch.sh" "$bench/peers/polysearch.sh"
mkdir -p "$bench/results"
export PEERS=${PEERS:-"xapian xapian-stemall postgres sqlite sqlite-bigram sphinx lucene lucene-cjk polysearch"}
export LANGS=${LANGS:-"de es pt zh"}
"$bench/run_all.sh"
cat "$bench/results/TABLE.md"
