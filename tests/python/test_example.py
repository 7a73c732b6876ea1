"""examples/python/experiment.py prints the figures of the CLI commands its README lists.

The script runs as a user runs it (a subprocess); its table and comparison are checked
against `polysearch run --literal`, `polysearch eval` and `polysearch compare` on the same
collection: the seed collection always, xquad/de of ../shared when it is there (the seeds
are too small for the two settings to score differently).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import SEEDS, SOURCE_DIR, run_cli, shared_collection

SCRIPT = SOURCE_DIR / "examples" / "python" / "experiment.py"
# The script's SETTINGS as `polysearch run` options (README.md's commands).
CLI_OPTIONS = {"bm25": ["--literal"], "bm25+rm3": ["--literal", "--prf", "rm3"]}
MEASURES = {"ndcg_cut.10": "ndcg_cut_10", "map": "map", "recall.100": "recall_100"}

ROW = re.compile(r"^(\S+)" + r"\s+(\d\.\d{4})" * 3 + r"\s+\d+\.\d\d$")
COMPARISON = re.compile(
    r"^(\S+) vs (\S+) on ndcg_cut\.10 over (\d+) queries: difference ([+-]\d\.\d{4}) "
    r"\((\d+) better, (\d+) worse, (\d+) tied\)$")
P_VALUES = re.compile(r"^  paired t-test p = (\S+), randomization test p = (\S+) \((.+)\)$")


def run_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          env=os.environ.copy())


def table_of(output: str) -> dict[str, list[str]]:
    """{setting: [figure as printed, per MEASURES]} from the script's table."""
    rows = {}
    for line in output.splitlines():
        match = ROW.match(line)
        if match:
            rows[match.group(1)] = list(match.groups()[1:])
    return rows


def check_against_cli(cli: str, collection: Path, tmp_path: Path) -> dict[str, list[str]]:
    """Runs the script on `collection` and checks its output; returns its table."""
    runs, workdir = tmp_path / "runs", tmp_path / "work"
    done = run_script(str(collection), "--runs", str(runs), "--workdir", str(workdir))
    assert done.returncode == 0, done.stderr
    output = done.stdout

    # The same index with the CLI, then each setting's run: byte for byte the script's.
    index = str(tmp_path / "cli-idx")
    run_cli(cli, "index", "--db", index, "--quiet", str(collection / "docs.jsonl"))
    qrels = str(collection / "qrels.txt")
    table = table_of(output)
    assert list(table) == list(CLI_OPTIONS)
    for name, options in CLI_OPTIONS.items():
        path = tmp_path / f"cli-{name}.run"
        run_cli(cli, "run", "--db", index, "--queries", str(collection / "queries.tsv"),
                "-k", "100", "--tag", name, "--quiet", "-o", str(path), *options)
        assert (runs / f"{name}.run").read_bytes() == path.read_bytes(), name
        measure_args = [arg for measure in MEASURES for arg in ("-m", measure)]
        figures = json.loads(run_cli(cli, "eval", "--qrels", qrels, "--json", *measure_args,
                                     str(path)))["measures"]
        assert table[name] == [f"{figures[key]['all']:.4f}" for key in MEASURES.values()], name

    comparison = json.loads(run_cli(
        cli, "compare", "--qrels", qrels, "--json", "-m", "ndcg_cut.10",
        str(tmp_path / "cli-bm25.run"), str(tmp_path / "cli-bm25+rm3.run")))
    expected = comparison["measures"]["ndcg_cut_10"]
    lines = output.splitlines()
    summary = next(filter(None, map(COMPARISON.match, lines)))
    assert summary.groups() == (
        "bm25+rm3", "bm25", str(comparison["queries"]), f"{expected['mean_difference']:+.4f}",
        str(expected["wins"]), str(expected["losses"]), str(expected["ties"]))
    p_values = next(filter(None, map(P_VALUES.match, lines)))
    flips = ("exact" if expected["randomization_exact"]
             else f"{expected['randomization_samples']} samples")
    assert p_values.groups() == (
        f"{expected['t_test_p']:.4g}", f"{expected['randomization_p']:.4g}", flips)
    return table


def test_example_on_the_seeds_equals_the_cli(cli: str, tmp_path: Path) -> None:
    check_against_cli(cli, SEEDS, tmp_path)


def test_example_on_xquad_equals_the_cli(cli: str, tmp_path: Path) -> None:
    collection = shared_collection("xquad", "de")
    table = check_against_cli(cli, collection, tmp_path)
    # Here the two settings score differently, so rows mixed up would show.
    assert table["bm25"] != table["bm25+rm3"]


def test_example_without_a_collection_exits_1(tmp_path: Path) -> None:
    done = run_script(str(tmp_path / "absent"))
    assert done.returncode == 1
    assert done.stdout == ""
    assert f"{tmp_path / 'absent'} is not a collection: no docs.jsonl" in done.stderr


def test_example_default_collection_is_xquadr_de_beside_the_repository() -> None:
    done = run_script("--help")
    assert done.returncode == 0, done.stderr
    default = SOURCE_DIR.resolve().parent / "shared" / "data" / "retrieval" / "xquadr" / "de"
    assert f"(default: {default})" in " ".join(done.stdout.split())
