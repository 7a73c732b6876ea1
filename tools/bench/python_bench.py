#!/usr/bin/python3
"""The Python package beside the CLI, on the same files, threads and build (issue 19):

  index:     Index.add_many (JSON parsed by Python's json, as an app would) against
             `polysearch index` on docs.jsonl, each into a new plain index;
  run:       Searcher.batch_search + eval.write_run against `polysearch run` on
             queries.tsv, k=100, the same threads; the two run files must be identical;
  start-up:  a new interpreter's `import polysearch` + Searcher(index) + its first query,
             timed inside the process (the interpreter's own start is printed apart).

Each figure is the best of --repeat runs, the two sides alternating.  Figures go to
docs/BENCHMARKS.md ("Python package").

  tools/bench/python_bench.py                             # stard (58k docs) + xquad/de
  tools/bench/python_bench.py --collection ../shared/data/retrieval/xquadr/de
  POLYSEARCH_BUILD_DIR=build/ci tools/bench/python_bench.py --repeat 1

POLYSEARCH_BUILD_DIR: the CMake build whose polysearch binary and python/ package are
measured (default build/release: `cmake --preset release && cmake --build --preset
release`).  Run with Debian's /usr/bin/python3, the interpreter the module is built for.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("POLYSEARCH_BUILD_DIR", REPO / "build" / "release")).resolve()
sys.path.insert(0, str(BUILD / "python"))

import polysearch  # noqa: E402  (from the build measured)

DEFAULT_COLLECTIONS = [REPO.parent / "shared" / "data" / "retrieval" / name
                       for name in ("stard/zh-Hans", "xquad/de")]


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def cli(*args: str) -> None:
    subprocess.run([str(BUILD / "polysearch"), *args], check=True, stdout=subprocess.DEVNULL)


def index_with_python(docs: Path, db: Path) -> None:
    def documents():
        with open(docs, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield json.loads(line)

    with polysearch.Index(db) as index:
        index.add_many(documents())


def compare_indexing(docs: Path, work: Path, repeat: int) -> tuple[float, float]:
    cli_best = python_best = float("inf")
    for _ in range(repeat):
        for name in ("cli", "python"):
            shutil.rmtree(work / name, ignore_errors=True)
        cli_best = min(cli_best, timed(lambda: cli("index", "--db", str(work / "cli"), "--quiet",
                                                   str(docs))))
        python_best = min(python_best, timed(lambda: index_with_python(docs, work / "python")))
    return cli_best, python_best


def compare_runs(collection: Path, db: Path, work: Path, threads: int,
                 repeat: int) -> tuple[float, float, bool]:
    queries = polysearch.eval.read_topics(collection / "queries.tsv")
    searcher = polysearch.Searcher(db)
    cli_best = python_best = float("inf")
    for _ in range(repeat):
        cli_best = min(cli_best, timed(lambda: cli(
            "run", "--db", str(db), "--queries", str(collection / "queries.tsv"), "-k", "100",
            "--threads", str(threads), "--quiet", "-o", str(work / "cli.run"))))

        def python_run():
            hits = searcher.batch_search(queries, k=100, threads=threads)
            polysearch.eval.write_run(hits, work / "python.run")

        python_best = min(python_best, timed(python_run))
    same = (work / "cli.run").read_bytes() == (work / "python.run").read_bytes()
    return cli_best, python_best, same


START_UP = """
import time
start = time.perf_counter()
import polysearch
imported = time.perf_counter()
searcher = polysearch.Searcher({db!r})
opened = time.perf_counter()
searcher.search({query!r}, literal=True)
done = time.perf_counter()
print(imported - start, opened - imported, done - opened)
"""


def start_up(db: Path, query: str, repeat: int) -> tuple[list[float], float]:
    """Best (import, open, first query) in seconds, and the bare interpreter's start."""
    environment = dict(os.environ, PYTHONPATH=str(BUILD / "python"))
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled once
    best = [float("inf")] * 3
    bare = float("inf")
    for _ in range(repeat + 1):  # the first run writes the bytecode
        out = subprocess.run([sys.executable, "-c", START_UP.format(db=str(db), query=query)],
                             env=environment, check=True, capture_output=True, text=True).stdout
        figures = [float(x) for x in out.split()]
        if sum(figures) < sum(best):
            best = figures
        bare = min(bare, timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True)))
    return best, bare


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--collection", type=Path, action="append",
                        help="a directory with docs.jsonl and queries.tsv (repeatable)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (BUILD / "polysearch").exists():
        print(f"no polysearch binary in {BUILD}: build it, or set POLYSEARCH_BUILD_DIR",
              file=sys.stderr)
        return 1
    collections = [c for c in (args.collection or DEFAULT_COLLECTIONS) if (c / "docs.jsonl").exists()]
    if not collections:
        print("skipped: no collection (../shared/data/retrieval is absent)", file=sys.stderr)
        return 0
    print(f"build {BUILD}, {args.threads} threads, best of {args.repeat}")
    print("| collection | docs MB | index (CLI) | add_many | ratio | run (CLI) | batch_search "
          "| ratio | same run | import | open | first query | python -c pass |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    for collection in collections:
        with tempfile.TemporaryDirectory(prefix="python-bench-") as scratch:
            work = Path(scratch)
            docs = collection / "docs.jsonl"
            cli_index, python_index = compare_indexing(docs, work, args.repeat)
            cli_run, python_run, same = compare_runs(collection, work / "cli", work,
                                                     args.threads, args.repeat)
            query = next(iter(polysearch.eval.read_topics(collection / "queries.tsv").values()))
            (imported, opened, first), bare = start_up(work / "cli", query, args.repeat)
        name = "/".join(collection.parts[-2:])
        ms = lambda seconds: f"{seconds * 1000:.1f} ms"  # noqa: E731
        print(f"| {name} | {docs.stat().st_size / 1e6:.1f} | {cli_index:.2f} s | "
              f"{python_index:.2f} s | {python_index / cli_index:.2f} | {cli_run:.2f} s | "
              f"{python_run:.2f} s | {python_run / cli_run:.2f} | {'yes' if same else 'NO'} | "
              f"{ms(imported)} | {ms(opened)} | {ms(first)} | {ms(bare)} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
