"""polysearch.eval: TREC files, trec_eval's figures, and parity with `polysearch eval/compare`.

fixtures/trec_eval/ holds trec_eval 9.0.8's own output on two tricky runs (ties, missing
queries, a query only in the run); evaluate() must print-match every line of it, as
tests/eval/measures_test.cpp checks for the C++ evaluator.
"""

from __future__ import annotations

import json
import math
import random
import sys
from pathlib import Path

import pytest

import polysearch
from polysearch import eval as pe

from conftest import FIXTURES_DIR, SEEDS, run_cli

TREC_EVAL = FIXTURES_DIR / "trec_eval"
QRELS = TREC_EVAL / "qrels.txt"
CASES = ("plain", "ties_missing")
# The measures of the *.expected.perquery.txt files (trec_eval -q -m ... as in the README).
PER_QUERY_MEASURES = ["map", "ndcg_cut.10", "recip_rank", "recall.100", "P.10"]


# --- helpers -----------------------------------------------------------------------------


def trec_eval_lines(path: Path) -> list[tuple[str, str, str]]:
    """(measure, query or "all", value as printed) per line of trec_eval's output."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        name, query, value = line.split("\t")
        lines.append((name.strip(), query, value))
    return lines


def printed(value: int | float) -> str:
    """A value as trec_eval prints it: integers plain, the rest with four decimals."""
    return str(value) if isinstance(value, int) else f"{value:.4f}"


def same_number(ours: float, cli: float | None) -> bool:
    """Exact equality, NaN standing for the CLI JSON's null."""
    return math.isnan(ours) if cli is None else ours == cli


def parse_qrels(path: Path) -> dict[str, dict[str, int]]:
    """An independent reading of a qrels file, to check read_qrels against."""
    out: dict[str, dict[str, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        query, _, document, grade = line.split()
        out.setdefault(query, {})[document] = int(grade)
    return out


def parse_run(path: Path) -> dict[str, list[tuple[str, float]]]:
    """An independent reading of a run file: [(docid, score)] per query in file order."""
    out: dict[str, list[tuple[str, float]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        query, _, document, _, score, _ = line.split()
        out.setdefault(query, []).append((document, float(score)))
    return out


def cli_json(cli: str, *args: str) -> dict:
    return json.loads(run_cli(cli, *args))


# --- reading TREC files ------------------------------------------------------------------


def test_read_qrels_reads_every_judgment() -> None:
    qrels = pe.read_qrels(QRELS)
    assert qrels == parse_qrels(QRELS)
    assert len(qrels) == 12
    assert all(isinstance(grade, int) for judged in qrels.values() for grade in judged.values())
    # q07 is judged but has nothing relevant: it must still be there.
    assert set(qrels["q07"].values()) == {0}


@pytest.mark.parametrize("case", CASES)
def test_read_run_keeps_documents_in_file_order(case: str) -> None:
    path = TREC_EVAL / f"{case}.run"
    expected = parse_run(path)
    run = pe.read_run(str(path))  # a str path as well as a Path
    assert list(run) == list(expected)
    for query, documents in expected.items():
        assert list(run[query].items()) == documents


def test_read_topics_tsv_in_file_order() -> None:
    path = SEEDS / "queries.tsv"
    expected = dict(line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines())
    topics = pe.read_topics(path)
    assert list(topics.items()) == list(expected.items())
    assert topics["q12"] == '"Linux Foundation'  # query syntax kept verbatim


def test_read_topics_trec_fields(tmp_path: Path) -> None:
    path = tmp_path / "topics.txt"
    path.write_text(
        "<top>\n<num> Number: 302\n<title> Gründung\n"
        "<desc> Description:\nWann wurde sie gegründet?\n</top>\n"
        "<top>\n<num> Number: 301\n<title> fundacion linux\n"
        "<desc> ¿Qué hace la fundación?\n</top>\n",
        encoding="utf-8",
    )
    assert list(pe.read_topics(path).items()) == [("302", "Gründung"), ("301", "fundacion linux")]
    assert pe.read_topics(path, "desc") == {
        "302": "Wann wurde sie gegründet?", "301": "¿Qué hace la fundación?"}
    assert pe.read_topics(path, "title+desc")["301"] == "fundacion linux ¿Qué hace la fundación?"
    with pytest.raises(polysearch.InvalidArgumentError, match="narr"):
        pe.read_topics(path, "narr")


def test_malformed_qrels_is_an_input_error_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad-qrels.txt"
    path.write_text("q1 0 d1 1\nq1 0 d2\n", encoding="utf-8")
    expected = f"{path}:2: expected 4 columns (query, iteration, document, grade), got 3"
    with pytest.raises(polysearch.InputError) as raised:
        pe.read_qrels(path)
    assert str(raised.value) == expected
    assert isinstance(raised.value, ValueError)
    # The same error through evaluate(), which reads the file itself.
    with pytest.raises(polysearch.InputError, match=f"^{path}:2: "):
        pe.evaluate(path, {"q1": {"d1": 1.0}})
    path.write_text("q1 0 d1 1.5\n", encoding="utf-8")
    with pytest.raises(polysearch.InputError, match=f"^{path}:1: grade '1.5' is not an integer$"):
        pe.read_qrels(path)


def test_malformed_run_and_missing_files_are_input_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.run"
    path.write_text("q1 Q0 d1 1 2.0 r\nq1 Q0 d2 2 high r\n", encoding="utf-8")
    with pytest.raises(polysearch.InputError, match=f"^{path}:2: score 'high' is not a number$"):
        pe.read_run(path)
    missing = tmp_path / "absent.txt"
    with pytest.raises(polysearch.InputError, match="cannot read .*absent.txt"):
        pe.read_qrels(missing)
    with pytest.raises(polysearch.InputError, match="cannot read .*absent.txt"):
        pe.read_topics(missing)


# --- evaluate() against trec_eval 9.0.8 ----------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_evaluate_all_trec_matches_trec_eval(case: str) -> None:
    lines = trec_eval_lines(TREC_EVAL / f"{case}.expected.all.txt")
    ours = pe.evaluate(QRELS, TREC_EVAL / f"{case}.run", "all_trec")
    # runid names the run, not a figure: evaluate() has no such key.
    figures = [(name, value) for name, query, value in lines if name != "runid"]
    assert len(figures) > 80
    assert set(ours) == {name for name, _ in figures}
    differences = [(name, value, printed(ours[name]))
                   for name, value in figures if printed(ours[name]) != value]
    assert differences == []


@pytest.mark.parametrize("case", CASES)
def test_evaluate_per_query_matches_trec_eval(case: str) -> None:
    lines = trec_eval_lines(TREC_EVAL / f"{case}.expected.perquery.txt")
    run = TREC_EVAL / f"{case}.run"
    per_query = pe.evaluate(QRELS, run, PER_QUERY_MEASURES, per_query=True)
    summary = pe.evaluate(QRELS, run, PER_QUERY_MEASURES)
    # trec_eval -q prints the judged queries the run has: not q13 (unjudged), and for
    # ties_missing not q03 and q09 (absent from the run).
    assert set(per_query) == {query for _, query, _ in lines if query != "all"}
    assert "q13" not in per_query
    differences = []
    for name, query, value in lines:
        ours = summary[name] if query == "all" else per_query[query][name]
        if printed(ours) != value:
            differences.append((name, query, value, printed(ours)))
    assert differences == []


def test_judged_queries_the_run_lacks_count_zero() -> None:
    run = TREC_EVAL / "ties_missing.run"
    per_query = pe.evaluate(QRELS, run, ["map", "num_q"], per_query=True)
    summary = pe.evaluate(QRELS, run, ["map", "num_q"])
    assert {"q03", "q09"}.isdisjoint(per_query)
    assert summary["num_q"] == 12 and isinstance(summary["num_q"], int)
    # trec_eval -c: the mean is over all 12 judged queries, the two missing ones scoring 0.
    assert "num_q" not in per_query["q01"]  # a summary-only measure has no per-query value
    assert summary["map"] == pytest.approx(sum(v["map"] for v in per_query.values()) / 12)
    assert summary["map"] < sum(v["map"] for v in per_query.values()) / len(per_query)


def test_ties_are_broken_by_document_id_descending_whatever_the_dict_order() -> None:
    qrels = {"q1": {"d2": 1, "d9": 0}}
    # All four tie: trec_eval ranks d9 > d3 > d2 > d10 (byte order, descending).
    for order in (["d10", "d2", "d3", "d9"], ["d9", "d2", "d10", "d3"]):
        run = {"q1": {document: 5.0 for document in order}}
        assert pe.evaluate(qrels, run, "recip_rank")["recip_rank"] == pytest.approx(1 / 3)
    # A higher score wins over the id.
    assert pe.evaluate(qrels, {"q1": {"d9": 5.0, "d2": 5.5}}, "recip_rank")["recip_rank"] == 1.0


def test_relevance_level() -> None:
    qrels = {"q": {"a": 2, "b": 1, "n": 0}}
    run = {"q": {"b": 3.0, "a": 2.0, "n": 1.0}}
    assert pe.evaluate(qrels, run, ["map", "num_rel"]) == {"num_rel": 2, "map": 1.0}
    strict = pe.evaluate(qrels, run, ["map", "num_rel"], relevance_level=2)
    assert strict == {"num_rel": 1, "map": 0.5}


# --- evaluate() with each kind of input ----------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_evaluate_dicts_equal_paths(case: str) -> None:
    path = TREC_EVAL / f"{case}.run"
    from_paths = pe.evaluate(QRELS, path, "all_trec")
    from_dicts = pe.evaluate(pe.read_qrels(QRELS), pe.read_run(path), "all_trec")
    assert from_dicts == from_paths
    judged = parse_qrels(QRELS)  # num_ret counts the judged queries' documents only
    assert from_dicts["num_ret"] == sum(
        len(docs) for query, docs in parse_run(path).items() if query in judged)


def test_evaluate_default_measures() -> None:
    result = pe.evaluate(QRELS, TREC_EVAL / "plain.run")
    assert list(result) == ["num_q", "num_ret", "num_rel", "num_rel_ret", "map", "recip_rank",
                            "P_10", "recall_100", "ndcg_cut_10"]
    assert printed(result["ndcg_cut_10"]) == "0.0090"  # plain.expected.perquery.txt's


def test_evaluate_batch_search_hits(seed_index: str, seed_queries: dict[str, str]) -> None:
    with polysearch.Searcher(seed_index) as searcher:
        hits = searcher.batch_search(seed_queries, k=100, literal=True)
    qrels = SEEDS / "qrels.txt"
    as_dicts = {qid: {hit.id: hit.score for hit in found} for qid, found in hits.items()}
    result = pe.evaluate(qrels, hits, per_query=True)
    assert result == pe.evaluate(qrels, as_dicts, per_query=True)
    assert set(result) == set(seed_queries)
    summary = pe.evaluate(qrels, hits)
    assert summary["num_ret"] == sum(len(found) for found in hits.values()) > len(seed_queries)
    assert summary["num_rel_ret"] > 0


def test_a_query_without_documents_counts_as_absent_like_in_a_run_file(tmp_path: Path) -> None:
    """batch_search gives [] for a query without hits; a run file has no line for it."""
    qrels = {"q1": {"d1": 1}, "q2": {"d2": 1}}
    run = {"q1": {"d1": 1.0, "d3": 0.5}, "q2": {}}
    path = tmp_path / "r.run"
    pe.write_run(run, path)
    assert path.read_text().count("q2") == 0
    from_dict = pe.evaluate(qrels, run, ["map", "num_q"], per_query=True)
    assert from_dict == pe.evaluate(qrels, path, ["map", "num_q"], per_query=True)
    assert list(from_dict) == ["q1"]
    assert pe.evaluate(qrels, run, "map") == {"map": 0.5}


def test_unknown_measure_is_an_invalid_argument_error() -> None:
    with pytest.raises(polysearch.InvalidArgumentError,
                       match="^unknown measure 'nDCG@10'") as raised:
        pe.evaluate(QRELS, TREC_EVAL / "plain.run", ["map", "nDCG@10"])
    assert isinstance(raised.value, ValueError)
    with pytest.raises(polysearch.InvalidArgumentError,
                       match="invalid parameters in measure 'P.5,x'"):
        pe.evaluate(QRELS, TREC_EVAL / "plain.run", "P.5,x")
    with pytest.raises(polysearch.InvalidArgumentError, match="unknown measure"):
        pe.compare(QRELS, TREC_EVAL / "plain.run", TREC_EVAL / "plain.run", "nDCG@10")


def test_known_measures_are_all_accepted() -> None:
    names = pe.known_measures()
    assert {"map", "ndcg_cut", "P", "recall", "bpref"} <= set(names)
    qrels = {"q": {"a": 1}}
    for name in names:
        pe.evaluate(qrels, {"q": {"a": 1.0}}, name)


# --- write_run ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_write_run_then_read_run(case: str, tmp_path: Path) -> None:
    original = pe.read_run(TREC_EVAL / f"{case}.run")
    path = tmp_path / "again.run"
    pe.write_run(original, path, tag="again")
    assert pe.read_run(path) == original
    assert pe.read_run(path, with_name=True) == ("again", original)
    # Written best score first, ranks renumbered from 1, scores with six decimals.
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == sum(len(docs) for docs in original.values())
    first = original["q01"]
    best = max(first, key=first.get)
    assert lines[0] == f"q01 Q0 {best} 1 {first[best]:.6f} again"
    assert pe.evaluate(QRELS, path, "all_trec") == pe.evaluate(QRELS, original, "all_trec")


def test_write_run_of_hits_keeps_their_order(seed_index: str, seed_queries: dict[str, str],
                                              tmp_path: Path) -> None:
    with polysearch.Searcher(seed_index) as searcher:
        hits = searcher.batch_search(seed_queries, k=100, literal=True)
    path = tmp_path / "seeds.run"
    pe.write_run(hits, path)
    parsed = parse_run(path)
    with_hits = {qid: found for qid, found in hits.items() if found}
    assert list(parsed) == list(with_hits)
    for qid, found in with_hits.items():
        assert [doc for doc, _ in parsed[qid]] == [hit.id for hit in found]
        assert [score for _, score in parsed[qid]] == pytest.approx(
            [hit.score for hit in found], abs=5e-7)
    assert all(line.endswith(" polysearch") for line in path.read_text().splitlines())


def test_write_run_queries_in_dict_order_and_valid_tags(tmp_path: Path) -> None:
    path = tmp_path / "order.run"
    pe.write_run({"b": {"x": 1.0}, "a": {"y": 2.0, "z": 3.0}}, path, tag="t1")
    assert path.read_text() == (
        "b Q0 x 1 1.000000 t1\n"
        "a Q0 z 1 3.000000 t1\n"
        "a Q0 y 2 2.000000 t1\n")
    for tag in ("", "two words"):
        with pytest.raises(polysearch.InvalidArgumentError, match="invalid tag"):
            pe.write_run({"a": {"y": 1.0}}, path, tag=tag)


# --- parity with the CLI -----------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_evaluate_equals_cli_eval_json(cli: str, case: str) -> None:
    run = TREC_EVAL / f"{case}.run"
    out = cli_json(cli, "eval", "--qrels", str(QRELS), "--json", "-q", "-m", "all_trec", str(run))
    summary = pe.evaluate(QRELS, run, "all_trec")
    per_query = pe.evaluate(QRELS, run, "all_trec", per_query=True)
    assert out["queries"] == summary["num_q"]
    assert set(out["measures"]) == set(summary)
    for name, value in summary.items():
        assert out["measures"][name]["all"] == value, name
    cli_per_query: dict[str, dict] = {}
    for name, values in out["measures"].items():
        for query, value in values.get("per_query", {}).items():
            cli_per_query.setdefault(query, {})[name] = value
    assert cli_per_query == per_query


def test_compare_equals_cli_compare_json(cli: str) -> None:
    a, b = TREC_EVAL / "plain.run", TREC_EVAL / "ties_missing.run"
    measures = ["ndcg_cut.10", "map", "P.5,10"]
    m_args = [arg for name in measures for arg in ("-m", name)]
    out = cli_json(cli, "compare", "--qrels", str(QRELS), "--json", "--per-query", *m_args,
                   str(a), str(b))
    ours = pe.compare(QRELS, a, b, measures)
    assert set(ours) == set(out["measures"]) == {"ndcg_cut_10", "map", "P_5", "P_10"}
    for name, result in ours.items():
        expected = out["measures"][name]
        for key, value in result.items():
            if key in ("per_query", "queries"):  # the CLI has these elsewhere or otherwise
                continue
            assert same_number(value, expected[key]) if isinstance(value, float) else (
                value == expected[key]), (name, key)
        assert result["queries"] == out["queries"] == 12
        cli_per_query = {q: (v["a"], v["b"]) for q, v in expected["per_query"].items()}
        assert cli_per_query == result["per_query"]
    assert ours["map"]["a"] != ours["map"]["b"]  # the runs differ: a real comparison


def test_compare_randomization_trials_and_seed_equal_cli(cli: str, tmp_path: Path) -> None:
    """Enough differing queries for a sampled (not exact) randomization test."""
    rng = random.Random(19)
    qrels, run_a, run_b = tmp_path / "qrels.txt", tmp_path / "a.run", tmp_path / "b.run"
    with open(qrels, "w") as q, open(run_a, "w") as ra, open(run_b, "w") as rb:
        for query in range(40):
            for doc in range(30):
                q.write(f"t{query} 0 d{doc} {int(rng.random() < 0.2)}\n")
            for out in (ra, rb):
                for rank, doc in enumerate(rng.sample(range(30), 20), 1):
                    out.write(f"t{query} Q0 d{doc} {rank} {100 - rank} r\n")
    ours = pe.compare(qrels, run_a, run_b, "map", trials=500, seed=7)["map"]
    out = cli_json(cli, "compare", "--qrels", str(qrels), "--json", "--trials", "500",
                   "--seed", "7", "-m", "map", str(run_a), str(run_b))["measures"]["map"]
    assert ours["randomization_exact"] is False and ours["randomization_samples"] == 500
    assert ours["randomization_p"] == out["randomization_p"]
    assert ours["t_test_p"] == out["t_test_p"]
    # The seed matters here, so equal p-values above show it reached the test.
    other = cli_json(cli, "compare", "--qrels", str(qrels), "--json", "--trials", "500",
                     "-m", "map", str(run_a), str(run_b))["measures"]["map"]
    assert other["randomization_p"] != out["randomization_p"]
    assert pe.compare(qrels, run_a, run_b, "map", trials=500)["map"]["randomization_p"] == (
        other["randomization_p"])


def test_compare_without_comparable_measure_is_a_value_error() -> None:
    with pytest.raises(polysearch.InvalidArgumentError, match="no measure with per-query values"):
        pe.compare(QRELS, TREC_EVAL / "plain.run", TREC_EVAL / "plain.run", "num_q")


# --- to_dataframe ------------------------------------------------------------------------


def test_to_dataframe_without_pandas_names_the_package(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now raises ImportError
    result = pe.evaluate(QRELS, TREC_EVAL / "plain.run", ["map"])
    with pytest.raises(ImportError, match="python3-pandas"):
        polysearch.to_dataframe(result)


def test_to_dataframe_frames(seed_index: str, seed_queries: dict[str, str]) -> None:
    pytest.importorskip("pandas")
    run = TREC_EVAL / "ties_missing.run"
    figures = pe.evaluate(QRELS, run, ["map", "P.10"])
    summary = polysearch.to_dataframe(figures)
    assert list(summary.columns) == ["measure", "value"]
    assert summary.set_index("measure")["value"].to_dict() == figures
    per_query = polysearch.to_dataframe(pe.evaluate(QRELS, run, ["map", "P.10"], per_query=True))
    assert list(per_query.columns) == ["query", "map", "P_10"]
    assert len(per_query) == 10  # q03 and q09 are missing from the run
    with polysearch.Searcher(seed_index) as searcher:
        hits = searcher.batch_search(seed_queries, k=100, literal=True)
    frame = polysearch.to_dataframe(hits)
    assert list(frame.columns) == ["query", "rank", "id", "score", "title", "lang", "source",
                                   "snippet"]
    assert len(frame) == sum(len(found) for found in hits.values())
    q04 = frame[frame["query"] == "q04"]
    assert q04["id"].tolist() == [hit.id for hit in hits["q04"]]
    assert q04["score"].tolist() == [hit.score for hit in hits["q04"]]


def test_read_topics_warns_for_a_topic_without_the_field_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "topics.txt"
    path.write_text("<top>\n<num> Number: 7\n<title> nur ein Titel\n</top>\n", encoding="utf-8")
    with pytest.warns(RuntimeWarning, match="has no <desc>"):
        assert pe.read_topics(path, "desc") == {"7": "nur ein Titel"}
