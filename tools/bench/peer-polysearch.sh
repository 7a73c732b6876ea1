#!/bin/bash
# polysearch as a peer of ../shared/bench (the harness's contract: peers/ourtool.sh.example).
# Install it with tools/bench/peers.sh, which links it as ../shared/bench/peers/polysearch.sh;
# it finds the repository through that link and uses build/release/polysearch (POLYSEARCH=
# overrides).  Defaults throughout: detected language per document ("lang" of the corpus
# lines wins), stemming and accent folding, hybrid Chinese segmentation with script
# folding, stored text and positions; queries are ranked with any word (polysearch's
# default operator), top 10, ids only (no snippets).  Indexing writes two shards in
# parallel and compacts them into one index (`index --shards 2` + `compact`).
#   setup | prepare LANG CORPUS WORK | index LANG WORK IDX | search LANG IDX QUERIES | cli LANG IDX QUERY | describe LANG
set -euo pipefail
REPO=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
POLYSEARCH=${POLYSEARCH:-$REPO/build/release/polysearch}
cmd=$1; shift
case $cmd in
setup)
  [[ -x $POLYSEARCH ]] ||
    (cd "$REPO" && cmake --preset release >/dev/null && cmake --build --preset release >/dev/null) ;;
prepare) ln -sf "$2" "$3/input.jsonl" ;;
index)
  # Two shards written on two threads (the machine's cores), then merged by compaction
  # into one plain index; PEER_SHARDS=1 indexes on one thread.
  rm -rf "$3"
  "$POLYSEARCH" index --quiet --shards "${PEER_SHARDS:-2}" --db "$3" --lang "$1" "$2/input.jsonl"
  exec "$POLYSEARCH" compact --db "$3" >/dev/null ;;
search) exec "$POLYSEARCH" search --db "$2" --queries "$3" -k 10 --no-snippets ;;
cli) "$POLYSEARCH" search --db "$2" -k 10 "$3" >/dev/null || (($? == 1)) ;;  # 1: no hit
describe)
  case $1 in
    de|es|pt) echo "polysearch $("$POLYSEARCH" --version | cut -d' ' -f2): Snowball stems + accent folding, BM25+, any word" ;;
    zh) echo "polysearch $("$POLYSEARCH" --version | cut -d' ' -f2): ICU words + bigrams (hybrid), Traditional folded, BM25+, any word" ;;
  esac ;;
*) echo "usage: $0 setup|prepare|index|search|cli|describe ..." >&2; exit 2 ;;
esac
