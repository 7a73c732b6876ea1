#!/usr/bin/env bash
# What documents' own fields cost (issue 16): the bench corpus with five metadata fields
# added (date, category, tags, price, author; derived from each id), indexed without and
# with them, then filtered, sorted, faceted and collapsed searches beside plain ones, each
# request's p50 / p95 and whether the issue's targets are met (polysearch_fields_bench,
# tools/bench/fields.cpp).  ~5 min on 2 cores; figures in docs/BENCHMARKS.md.
#
#   tools/bench/fields.sh
#   CORPUS_DIR=../bench-copy/corpus tools/bench/fields.sh --queries 50 --rounds 2
#
# Environment: BENCH (default build/release/polysearch_fields_bench, built if missing),
# CORPUS_DIR (default: ../shared/bench/corpus, or build/bench-harness/corpus, which
# tools/bench/peers.sh makes), QUERIES_DIR (default: the queries/ folder beside the corpus).
# Arguments go to the program (--max-docs N, --queries N a language, --rounds N, --work DIR).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=${BENCH:-$REPO/build/release/polysearch_fields_bench}

if [[ -z ${CORPUS_DIR:-} ]]; then
  for dir in "$REPO/../shared/bench/corpus" "$REPO/build/bench-harness/corpus"; do
    [[ -s $dir/de.jsonl ]] && CORPUS_DIR=$dir && break
  done
fi
if [[ -z ${CORPUS_DIR:-} || ! -s $CORPUS_DIR/zh.jsonl ]]; then
  echo "skipped: no bench corpus (../shared/bench/corpus: run ../shared/bench/build_corpus.sh," \
    "or tools/bench/peers.sh); or set CORPUS_DIR to a folder of {de,es,pt,zh}.jsonl" >&2
  exit 0
fi
QUERIES_DIR=${QUERIES_DIR:-$CORPUS_DIR/../queries}
if [[ ! -s $QUERIES_DIR/zh.txt ]]; then
  echo "skipped: no bench queries in $QUERIES_DIR ({de,es,pt,zh}.txt, made with the corpus);" \
    "or set QUERIES_DIR" >&2
  exit 0
fi
if [[ ! -x $BENCH ]]; then
  (cd "$REPO" && cmake --preset release >/dev/null &&
    cmake --build --preset release --target polysearch_fields_bench >/dev/null)
fi

echo "corpus: $CORPUS_DIR; queries: $QUERIES_DIR; $(nproc) cores"
"$BENCH" "$@" "$CORPUS_DIR" "$QUERIES_DIR"
