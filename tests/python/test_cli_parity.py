"""The Python API gives the CLI's results: the same index, hits, run files and figures.

(a) on the seed collection (fixtures/collections/seeds), with an index written by
Index.add_many and one written by `polysearch index`; (b) on ../shared's xquad/de
(240 documents, 1190 queries) when it is there.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

import polysearch
from polysearch import eval as pe

from conftest import SEEDS, read_jsonl, run_cli, shared_collection

SEED_QUERIES = SEEDS / "queries.tsv"
SEED_QRELS = SEEDS / "qrels.txt"
# Queries whose syntax changes the results, so that literal=True has something to change.
SYNTAX_QUERIES = {
    "x1": "-linux pytorch",
    "x2": "fund*",
    "x3": "title:pytorch",
    "x4": "pytorch AND NOT meta",
    "x5": "+Gründung Stiftung",
}


def batch(index: str, queries: dict[str, str], **settings) -> dict[str, list[polysearch.Hit]]:
    """batch_search at k=100, its plain-words warnings (q12's unbalanced quote) silenced."""
    with polysearch.Searcher(index) as searcher, warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return searcher.batch_search(queries, k=100, **settings)


def ranking(hits: dict[str, list[polysearch.Hit]]) -> dict[str, list[tuple[int, str, float]]]:
    return {qid: [(hit.rank, hit.id, hit.score) for hit in found] for qid, found in hits.items()}


def cli_run(cli: str, index: str, queries: Path, output: Path, *options: str) -> bytes:
    run_cli(cli, "run", "--db", index, "--queries", str(queries), "-k", "100", "--quiet",
            "-o", str(output), *options)
    return output.read_bytes()


def python_run(hits: dict[str, list[polysearch.Hit]], output: Path) -> bytes:
    pe.write_run(hits, output)
    return output.read_bytes()


def queries_of_run(run: bytes) -> list[str]:
    """The query ids of a run file in order of first appearance."""
    seen: dict[str, None] = {}
    for line in run.decode().splitlines():
        seen.setdefault(line.split()[0], None)
    return list(seen)


@pytest.fixture(scope="module")
def mixed_queries(tmp_path_factory) -> Path:
    """The seed queries in reverse order, then the syntax queries: a file order that is
    not the ids' sorted order."""
    topics = {**dict(reversed(pe.read_topics(SEED_QUERIES).items())), **SYNTAX_QUERIES}
    path = tmp_path_factory.mktemp("queries") / "mixed.tsv"
    path.write_text("".join(f"{qid}\t{text}\n" for qid, text in topics.items()), encoding="utf-8")
    return path


# --- (a) the seed collection ---------------------------------------------------------------


@pytest.mark.parametrize("literal", [False, True])
def test_python_and_cli_indexes_rank_alike(seed_index: str, cli_seed_index: str,
                                           mixed_queries: Path, literal: bool) -> None:
    queries = pe.read_topics(mixed_queries)
    ours = ranking(batch(seed_index, queries, literal=literal))
    theirs = ranking(batch(cli_seed_index, queries, literal=literal))
    assert ours == theirs
    assert list(ours) == list(queries)
    assert sum(len(found) for found in ours.values()) > len(queries)


def test_batch_search_warns_of_queries_searched_as_plain_words(seed_index: str,
                                                               seed_queries: dict) -> None:
    with polysearch.Searcher(seed_index) as searcher:
        with pytest.warns(RuntimeWarning, match="query q12: searched as its plain words"):
            hits = searcher.batch_search(seed_queries, k=100)
    assert hits["q12"]  # searched nevertheless, as `polysearch run` does


@pytest.mark.parametrize("index_fixture", ["seed_index", "cli_seed_index"])
def test_write_run_is_byte_identical_to_cli_run(request, cli: str, index_fixture: str,
                                                tmp_path: Path) -> None:
    index = request.getfixturevalue(index_fixture)
    ours = python_run(batch(index, pe.read_topics(SEED_QUERIES)), tmp_path / "python.run")
    theirs = cli_run(cli, index, SEED_QUERIES, tmp_path / "cli.run")
    assert ours == theirs
    # The CLI's default --tag is write_run's default tag.
    assert {line.split()[5] for line in theirs.decode().splitlines()} == {"polysearch"}
    assert len(theirs.splitlines()) > 12


@pytest.mark.parametrize("literal", [False, True])
def test_query_order_and_literal_match_cli_run(seed_index: str, cli: str, mixed_queries: Path,
                                               literal: bool, tmp_path: Path) -> None:
    queries = pe.read_topics(mixed_queries)
    ours = python_run(batch(seed_index, queries, literal=literal), tmp_path / "python.run")
    theirs = cli_run(cli, seed_index, mixed_queries, tmp_path / "cli.run",
                     *(["--literal"] if literal else []))
    assert ours == theirs
    # Queries in the file's order (reversed ids), those without hits left out.
    order = queries_of_run(theirs)
    assert order == [qid for qid in queries if qid in order]
    assert order[:3] == ["q12", "q11", "q10"]


def test_literal_changes_the_syntax_queries(seed_index: str, mixed_queries: Path) -> None:
    """Guards the test above: literal=True must make a difference on these queries."""
    queries = pe.read_topics(mixed_queries)
    plain, literal = (ranking(batch(seed_index, queries, literal=flag)) for flag in (False, True))
    assert {qid for qid in queries if plain[qid] != literal[qid]} >= {"x1", "x2", "x3"}
    assert all(plain[qid] == literal[qid] for qid in queries if qid.startswith("q"))


@pytest.mark.parametrize("query", ["fundacion linux", "Gründung", "告别", "pytorch",
                                   '"certificado profesional"', "-linux pytorch"])
def test_search_equals_cli_search_json(cli: str, cli_seed_index: str, query: str) -> None:
    theirs = [json.loads(line) for line in
              run_cli(cli, "search", "--db", cli_seed_index, "--json", "--", query).splitlines()]
    with polysearch.Searcher(cli_seed_index) as searcher:
        results = searcher.search(query)
    assert theirs, "the CLI found nothing: the query no longer tests anything"
    assert [(h.rank, h.id, h.score) for h in results] == [
        (hit["rank"], hit["id"], hit["score"]) for hit in theirs]
    assert [(h.lang, h.source, h.snippet, [list(r) for r in h.highlights]) for h in results] == [
        (hit["lang"], hit["source"], hit["snippet"], hit["highlights"]) for hit in theirs]
    assert (results.total, results.total_exact) == (theirs[0]["total"], theirs[0]["total_exact"])


def test_query_syntax_error_as_in_cli(cli_seed_index: str) -> None:
    with polysearch.Searcher(cli_seed_index) as searcher:
        with pytest.raises(polysearch.QuerySyntaxError, match="unterminated phrase") as raised:
            searcher.search('"Linux Foundation')
        assert raised.value.byte_offset == 0
        # literal=True searches it as plain words, as `polysearch run --literal` does.
        assert [h.id for h in searcher.search('"Linux Foundation', literal=True)]


def test_evaluate_equals_cli_eval_on_seeds(seed_index: str, cli: str, tmp_path: Path) -> None:
    hits = batch(seed_index, pe.read_topics(SEED_QUERIES), literal=True)
    run = tmp_path / "cli.run"
    cli_run(cli, seed_index, SEED_QUERIES, run, "--literal")
    out = json.loads(run_cli(cli, "eval", "--qrels", str(SEED_QRELS), "--json", "-q", str(run)))
    ours = pe.evaluate(SEED_QRELS, hits)
    assert {name: value["all"] for name, value in out["measures"].items()} == ours
    per_query = pe.evaluate(SEED_QRELS, hits, per_query=True)
    assert per_query["q12"]["map"] == out["measures"]["map"]["per_query"]["q12"]


# --- (b) a real collection: xquad/de ---------------------------------------------------------


@pytest.fixture(scope="module")
def xquad(tmp_path_factory, cli: str) -> dict:
    """xquad/de indexed twice, by Index.add_many and by `polysearch index`."""
    collection = shared_collection("xquad", "de")
    workdir = tmp_path_factory.mktemp("xquad")
    python_index, cli_index = str(workdir / "python-idx"), str(workdir / "cli-idx")
    with polysearch.Index(python_index) as index:
        index.add_many(read_jsonl(collection / "docs.jsonl"))
    run_cli(cli, "index", "--db", cli_index, "--quiet", str(collection / "docs.jsonl"))
    return {"collection": collection, "python": python_index, "cli": cli_index, "dir": workdir}


@pytest.mark.parametrize("literal", [False, True])
def test_xquad_run_is_byte_identical_to_cli(xquad: dict, cli: str, literal: bool,
                                            tmp_path: Path) -> None:
    collection = xquad["collection"]
    queries = pe.read_topics(collection / "queries.tsv")
    assert len(queries) == 1190
    hits = batch(xquad["python"], queries, literal=literal)
    ours = python_run(hits, tmp_path / "python.run")
    theirs = cli_run(cli, xquad["cli"], collection / "queries.tsv", tmp_path / "cli.run",
                     *(["--literal"] if literal else []))
    assert ours == theirs
    assert len(theirs.splitlines()) > 10 * len(queries)

    # evaluate() on the hits in memory gives `polysearch eval`'s figures on the file.
    out = json.loads(run_cli(cli, "eval", "--qrels", str(collection / "qrels.txt"), "--json",
                             "-q", "-m", "all_trec", str(tmp_path / "cli.run")))
    qrels = pe.read_qrels(collection / "qrels.txt")
    summary = pe.evaluate(qrels, hits, "all_trec")
    assert {name: value["all"] for name, value in out["measures"].items()} == summary
    per_query = pe.evaluate(qrels, hits, ["ndcg_cut.10", "map"], per_query=True)
    for name in ("ndcg_cut_10", "map"):
        assert {qid: v[name] for qid, v in per_query.items()} == (
            out["measures"][name]["per_query"])
    assert 0.5 < summary["ndcg_cut_10"] < 1.0  # a working search, not an empty run
