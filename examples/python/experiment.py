#!/usr/bin/env python3
"""A retrieval experiment with polysearch: does RM3 query expansion beat plain BM25?

Indexes a collection (docs.jsonl, queries.tsv, qrels.txt in one directory), runs its
queries with two settings, scores both runs with trec_eval's measures and tests whether
the difference in nDCG@10 is significant.  Each "# %%" cell below is one step, in the
order a notebook would run them.

    PYTHONPATH=build/release/python /usr/bin/python3 examples/python/experiment.py [COLLECTION]
        [--workdir DIR] [--runs DIR]

COLLECTION defaults to ../shared/data/retrieval/xquadr/de beside the repository.  The
same experiment with the CLI is in README.md next to this file.
"""

# %% Settings of the experiment
import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import polysearch
from polysearch import eval as pe

REPO = Path(__file__).resolve().parents[2]
DEFAULT_COLLECTION = REPO.parent / "shared" / "data" / "retrieval" / "xquadr" / "de"

DEPTH = 100  # hits per query: recall.100 needs a run this deep
MEASURES = ["ndcg_cut.10", "map", "recall.100"]
# evaluate() names a measure as trec_eval prints it: the cutoff after "_" instead of ".".
COLUMNS = [measure.replace(".", "_") for measure in MEASURES]
COMPARED = "ndcg_cut.10"

# The two runs: name -> batch_search settings.  literal=True searches each query as plain
# words, as `polysearch run --literal` does, so that a stray quote or "-" in a natural
# question does not change its meaning.  The first is the baseline of the comparison.
SETTINGS = {
    "bm25": {"literal": True},
    "bm25+rm3": {"literal": True, "prf": "rm3"},
}

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("collection", nargs="?", type=Path, default=DEFAULT_COLLECTION,
                    help="directory with docs.jsonl, queries.tsv and qrels.txt "
                         f"(default: {DEFAULT_COLLECTION})")
parser.add_argument("--workdir", type=Path,
                    help="keep the index in DIR/index (default: a temporary directory)")
parser.add_argument("--runs", type=Path, metavar="DIR",
                    help="also write each run as DIR/NAME.run (TREC format)")
args = parser.parse_args()

collection = args.collection
files = {name: collection / name for name in ("docs.jsonl", "queries.tsv", "qrels.txt")}
missing = [name for name, path in files.items() if not path.is_file()]
if missing:
    print(f"experiment.py: {collection} is not a collection: no {', '.join(missing)}\n"
          "(expected a directory with docs.jsonl, queries.tsv and qrels.txt; the default is "
          "../shared's xquadr/de beside the repository)", file=sys.stderr)
    sys.exit(1)

# %% Index the documents
# A temporary directory unless --workdir keeps the index for another look (`polysearch
# search --db DIR/index ...`).  mode="overwrite" starts afresh when the script runs again.
temporary = None if args.workdir else tempfile.TemporaryDirectory(prefix="polysearch-experiment-")
workdir = args.workdir or Path(temporary.name)
workdir.mkdir(parents=True, exist_ok=True)


def documents(path: Path):
    """The JSON Lines documents one at a time: add_many batches them, so a collection
    larger than memory streams through."""
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


started = time.perf_counter()
with polysearch.Index(workdir / "index", mode="overwrite") as index:
    added = index.add_many(documents(files["docs.jsonl"]))["added"]
print(f"indexed {added} documents of {collection} in {time.perf_counter() - started:.1f} s")

# %% Run the queries under each setting
queries = pe.read_topics(files["queries.tsv"])  # {qid: text}, in the file's order
qrels = pe.read_qrels(files["qrels.txt"])  # read once, used by every evaluation below
runs: dict[str, dict[str, list[polysearch.Hit]]] = {}
seconds: dict[str, float] = {}
with polysearch.Searcher(workdir / "index") as searcher:
    for name, settings in SETTINGS.items():
        started = time.perf_counter()
        runs[name] = searcher.batch_search(queries, k=DEPTH, **settings)  # on every core
        seconds[name] = time.perf_counter() - started

if args.runs:
    # The files `polysearch run --tag NAME` writes, byte for byte: for trec_eval and co.
    args.runs.mkdir(parents=True, exist_ok=True)
    for name, hits in runs.items():
        pe.write_run(hits, args.runs / f"{name}.run", tag=name)

# %% Score the runs
# The figures of trec_eval -c: a judged query without hits counts 0 in every mean.
scores = {name: pe.evaluate(qrels, hits, MEASURES) for name, hits in runs.items()}

print(f"\n{len(queries)} queries, {len(qrels)} judged, {DEPTH} hits each")
width = max(len("setting"), *map(len, runs))
print(f"{'setting':<{width}}  " + "  ".join(f"{column:>11}" for column in COLUMNS)
      + f"  {'seconds':>7}")
for name, figures in scores.items():
    print(f"{name:<{width}}  " + "  ".join(f"{figures[column]:>11.4f}" for column in COLUMNS)
          + f"  {seconds[name]:>7.2f}")

# %% Is the second setting better than the first?
# Paired tests over the same queries: a t-test and a randomization test (random sign flips
# of the per-query differences), both two-sided, as `polysearch compare` runs them.
baseline, candidate = list(runs)
result = pe.compare(qrels, runs[baseline], runs[candidate], COMPARED)[COMPARED.replace(".", "_")]
print(f"\n{candidate} vs {baseline} on {COMPARED} over {result['queries']} queries: "
      f"difference {result['mean_difference']:+.4f} "
      f"({result['wins']} better, {result['losses']} worse, {result['ties']} tied)")
# Exact over all 2^n sign flips when there are few differing queries, else sampled.
flips = "exact" if result["randomization_exact"] else f"{result['randomization_samples']} samples"
print(f"  paired t-test p = {result['t_test_p']:.4g}, "
      f"randomization test p = {result['randomization_p']:.4g} ({flips})")

if temporary:
    temporary.cleanup()
