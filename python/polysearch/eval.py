"""TREC files and trec_eval's measures, with dicts in pytrec_eval's shape.

A run is {qid: {docid: score}} (or batch_search's {qid: [Hit]}), qrels are
{qid: {docid: grade}}; wherever one is taken, a file path may be given
instead.  evaluate() gives the figures of `polysearch eval`, which are
trec_eval 9.0.8's with -c: a judged query the run lacks counts 0.

    run = searcher.batch_search(polysearch.eval.read_topics("queries.tsv"), k=100)
    polysearch.eval.evaluate("qrels.txt", run, ["ndcg_cut.10", "map"])
    # {'map': 0.61, 'ndcg_cut_10': 0.70}
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

import warnings

from ._core import InvalidArgumentError
from ._core import eval as _core_eval

__all__ = [
    "read_qrels",
    "read_run",
    "read_topics",
    "write_run",
    "evaluate",
    "compare",
    "known_measures",
    "DEFAULT_MEASURES",
]

# typing is not imported at run time (polysearch/__init__.py says why).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Union

    Run = Mapping[str, Any]
    Qrels = Mapping[str, Mapping[str, int]]
    PathLike = Union[str, os.PathLike[str]]

#: The measures of `polysearch eval` without -m (runid aside).
DEFAULT_MEASURES: tuple[str, ...] = (
    "num_q", "num_ret", "num_rel", "num_rel_ret", "map", "recip_rank", "P.10", "recall.100",
    "ndcg_cut.10",
)


def _is_path(value: Any) -> bool:
    return isinstance(value, str) or hasattr(value, "__fspath__")


def read_qrels(path: PathLike) -> dict[str, dict[str, int]]:
    """Reads a TREC qrels file: {qid: {docid: grade}}."""
    return _core_eval.read_qrels(os.fspath(path))


def read_run(path: PathLike, *, with_name: bool = False) -> Any:
    """Reads a TREC run file: {qid: {docid: score}}, documents in file order.

    with_name=True returns (name, run) instead, the name being the run's tag (its last
    column; trec_eval's runid).
    """
    name, run = _core_eval.read_run(os.fspath(path))
    return (name, run) if with_name else run


def read_topics(path: PathLike, field: str = "title") -> dict[str, str]:
    """Reads a query set (TSV `qid<TAB>text` or TREC topics): {qid: text}, in file order.

    field: for TREC topics, "title", "desc" or "title+desc"; a topic without that
    field is read with the text it has, with a RuntimeWarning (as `polysearch run` warns).
    """
    if field not in ("title", "desc", "title+desc"):
        raise InvalidArgumentError(f"unknown field {field!r} (expected title, desc or title+desc)")
    topics, notes = _core_eval.read_topics(os.fspath(path), field)
    for note in notes:  # a TREC topic without the field asked for: read with the one it has
        warnings.warn(note, RuntimeWarning, stacklevel=2)
    return topics


def _ranked(documents: Any) -> Any:
    """One query's documents for format_run: (docid, score) pairs best first, or Hits."""
    if isinstance(documents, Mapping):
        # Stable: documents of equal score keep their order.
        return sorted(documents.items(), key=lambda item: -item[1])
    return documents  # Hits, read in C++


def _run_dict(run: Run | PathLike) -> Run:
    """A run as dicts or lists of Hits (read in C++), from a file if it is a path."""
    if _is_path(run):
        return read_run(run)
    return run if isinstance(run, dict) else dict(run)


def _qrels_dict(qrels: Qrels | PathLike) -> Qrels:
    return read_qrels(qrels) if _is_path(qrels) else qrels


def write_run(run: Run, path: PathLike, tag: str = "polysearch") -> None:
    """Writes a TREC run file, `qid Q0 docid rank score tag` per line.

    Hits of batch_search are written in their order, exactly as `polysearch
    run` writes them (scores with six decimals); {docid: score} dicts best
    score first.  Queries in the order of the dict.
    """
    if not tag or any(c.isspace() for c in tag):
        raise InvalidArgumentError(f"invalid tag {tag!r} (expected a name without spaces)")
    text = _core_eval.format_run({qid: _ranked(docs) for qid, docs in run.items()}, tag)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)


def _measure_list(measures: str | Iterable[str] | None) -> list[str]:
    if measures is None:
        return list(DEFAULT_MEASURES)
    if isinstance(measures, str):
        return [measures]
    return list(measures)


def evaluate(
    qrels: Qrels | PathLike,
    run: Run | PathLike,
    measures: str | Iterable[str] | None = None,
    *,
    per_query: bool = False,
    relevance_level: int = 1,
) -> dict:
    """Evaluates a run with trec_eval's measures.

    measures: names as trec_eval takes them ("map", "ndcg_cut.10", "P.5,10",
    "recall.100", "all_trec"); default DEFAULT_MEASURES.  Returns
    {measure: value} over every judged query (keys as trec_eval prints them:
    "ndcg_cut_10", "P_5"), or with per_query=True {qid: {measure: value}} for
    the judged queries the run has.  relevance_level: the lowest grade that
    counts as relevant (trec_eval -l).
    """
    return _core_eval.evaluate(_qrels_dict(qrels), _run_dict(run), _measure_list(measures),
                               relevance_level, per_query)


def compare(
    qrels: Qrels | PathLike,
    run_a: Run | PathLike,
    run_b: Run | PathLike,
    measures: str | Iterable[str] = "ndcg_cut.10",
    *,
    trials: int = 10000,
    seed: int = 1,
    relevance_level: int = 1,
) -> dict:
    """Is run B better than run A?  The paired tests of `polysearch compare`.

    Returns {measure: {"a", "b", "mean_difference", "wins", "losses",
    "ties", "t", "df", "t_test_p", "randomization_p",
    "randomization_samples", "randomization_exact", "queries",
    "per_query": {qid: (a, b)}}} over every judged query (a query a run
    lacks scores 0).  The randomization test draws `trials` sign flips
    with `seed` (all of them, exactly, when there are few queries).
    """
    qrels_dict = _qrels_dict(qrels)
    result = _core_eval.compare(qrels_dict, _run_dict(run_a), _run_dict(run_b),
                                _measure_list(measures), trials, seed, relevance_level)
    if not result:
        raise InvalidArgumentError("no measure with per-query values to compare "
                         "(num_q, gm_map, gm_bpref and runid have none)")
    return result


def known_measures() -> list[str]:
    """The measure names evaluate() accepts, in trec_eval's order."""
    return _core_eval.known_measures()

