#!/usr/bin/env bash
# Smoke check of retrieval quality on a collection of ../shared/data/retrieval (docs.jsonl,
# queries.tsv, qrels.txt with one relevant document per query): indexes it, runs every
# query through `polysearch search --json`, prints nDCG@10, MRR@10 and Recall@100.
# A stopgap until polysearch has its own evaluator (issue 3); with one relevant document
# per query these measures need no trec_eval subtleties.
#
#   tools/bench/retrieval_smoke.sh BINARY COLLECTION_DIR [SEARCH_FLAGS...]
#   tools/bench/retrieval_smoke.sh build/release/polysearch ../shared/data/retrieval/xquad/de
set -euo pipefail

if (($# < 2)); then
  echo "usage: $0 POLYSEARCH_BINARY COLLECTION_DIR [SEARCH_FLAGS...]" >&2
  exit 2
fi
binary=$1 collection=$2
shift 2
for file in docs.jsonl queries.tsv qrels.txt; do
  if [[ ! -f $collection/$file ]]; then
    echo "skipped: $collection/$file absent" >&2
    exit 0
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$binary" index --db "$work/index" "$collection/docs.jsonl" 2>/dev/null

# One JSON line per hit, tagged with its query id.  Query syntax characters are blanked:
# these are natural-language questions, not queries in polysearch's syntax.
while IFS=$'\t' read -r qid text; do
  text=${text//[\"()*:+\-„“”]/ }
  "$binary" search --db "$work/index" --json --no-snippets -k 100 "$@" -- "$text" 2>/dev/null |
    sed "s/^/$qid\t/" || true
done < "$collection/queries.tsv" > "$work/run.tsv"

python3 - "$collection/qrels.txt" "$collection/queries.tsv" "$work/run.tsv" "$collection" <<'PY'
import json, math, sys
qrels_path, queries_path, run_path, name = sys.argv[1:]
relevant = {}
for line in open(qrels_path, encoding="utf-8"):
    qid, _, doc, grade = line.split()
    if int(grade) > 0:
        relevant.setdefault(qid, set()).add(doc)
qids = [line.split("\t", 1)[0] for line in open(queries_path, encoding="utf-8") if line.strip()]
ranks = {}
for line in open(run_path, encoding="utf-8"):
    qid, hit = line.rstrip("\n").split("\t", 1)
    hit = json.loads(hit)
    if hit["id"] in relevant.get(qid, ()) and qid not in ranks:
        ranks[qid] = hit["rank"]
n = len(qids)
ndcg = sum(1 / math.log2(ranks[q] + 1) for q in qids if ranks.get(q, 999) <= 10) / n
mrr = sum(1 / ranks[q] for q in qids if ranks.get(q, 999) <= 10) / n
recall = sum(1 for q in qids if q in ranks) / n
print(f"{name}\tqueries {n}\tnDCG@10 {ndcg:.4f}\tMRR@10 {mrr:.4f}\tRecall@100 {recall:.4f}")
PY
