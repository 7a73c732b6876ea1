"""to_dataframe(): results as pandas tables, when pandas is installed (never required)."""

from __future__ import annotations

from collections.abc import Mapping

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_HIT_COLUMNS = ("rank", "id", "score", "title", "lang", "source", "snippet")


def _hit_row(hit: Any) -> dict:
    return {column: getattr(hit, column) for column in _HIT_COLUMNS}


def _rows(value: Any) -> list[dict]:
    if isinstance(value, Mapping):
        rows = []
        for key, item in value.items():
            if isinstance(item, Mapping):  # evaluate(per_query=True) or compare()
                row = {"measure" if "randomization_p" in item else "query": key}
                row.update({k: v for k, v in item.items() if not isinstance(v, Mapping)})
                rows.append(row)
            elif isinstance(item, (int, float)):  # evaluate(): {measure: value}
                rows.append({"measure": key, "value": item})
            else:  # batch_search(): {qid: [Hit]}
                rows.extend({"query": key, **_hit_row(hit)} for hit in item)
        return rows
    return [_hit_row(hit) for hit in value]  # search() or a list of hits


def to_dataframe(value: Any) -> Any:
    """A pandas.DataFrame of search results, batch_search's {qid: [Hit]} (one row per
    hit, with a "query" column), evaluate()'s {measure: value} ("measure", "value") or
    per-query {qid: {measure: value}} (a "query" column and one per measure), or
    compare()'s result (one row per measure; per_query left out).

    Raises ImportError when pandas is not installed.
    """
    try:
        import pandas
    except ImportError as error:
        raise ImportError("polysearch.to_dataframe needs pandas (Debian: python3-pandas)") from error
    return pandas.DataFrame(_rows(value))
