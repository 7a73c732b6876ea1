"""Full-text search for German, Spanish, Portuguese and Chinese.

polysearch indexes and searches text with language-aware analysis: Unicode
normalization, stemming, German compound splitting and Chinese word
segmentation (Traditional and Simplified alike), on Xapian's BM25 and other
ranking models.  The C++ library does the work, with the GIL released.

    import polysearch
    with polysearch.Index("idx") as index:
        index.add({"id": "a1", "text": "Die Fußballweltmeisterschaft der Herzen."})
    for hit in polysearch.Searcher("idx").search("Weltmeisterschaft"):
        print(hit.rank, hit.id, hit.score, hit.snippet)

polysearch.eval reads and writes TREC files and computes trec_eval's measures
(docs/PYTHON.md has the whole API).
"""

from __future__ import annotations

import os as _os
import warnings as _warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice as _islice

from . import _core
from ._core import (
    Detection,
    Error,
    Hit,
    IndexAccessError,
    InputError,
    InvalidArgumentError,
    QuerySyntaxError,
    Token,
)
from . import eval  # noqa: A004  (the submodule, as in polysearch.eval.evaluate)
from ._dataframe import to_dataframe

__version__: str = _core.__version__

__all__ = [
    "Index",
    "build_index",
    "Searcher",
    "SearchResults",
    "Hit",
    "Token",
    "Detection",
    "analyze",
    "detect",
    "segment",
    "split_compound",
    "split_compounds",
    "eval",
    "to_dataframe",
    "Error",
    "InvalidArgumentError",
    "InputError",
    "QuerySyntaxError",
    "IndexAccessError",
]

# Neither typing nor json is imported at run time: together they are a third of the
# package's import time (docs/PYTHON.md, "Start-up"); annotations are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Union

    PathLike = Union[str, _os.PathLike[str]]

_MODES = ("create_or_open", "create", "open", "overwrite")


def _schema_json(schema: Any) -> str | None:
    if schema is None or isinstance(schema, str):
        return schema
    if not isinstance(schema, Mapping):
        raise TypeError(f"schema must be a dict or a JSON str, not {type(schema).__name__}")
    # {"fields": {...}} or the fields alone.
    import json

    return json.dumps(schema if "fields" in schema else {"fields": dict(schema)})


def _schema_dict(schema_json: str) -> dict:
    import json

    return json.loads(schema_json)["fields"] if schema_json else {}


class Index:
    """A writable index: documents in, committed in batches.

    Index(path, mode="create_or_open", *, schema=None, analysis=None,
          title_wdf=None, shards=0, batch_size=1000, fallback_lang=None,
          allow_other_files=False)

    mode: "create_or_open" (the default), "create" (fail if an index exists),
    "open" (fail if there is none) or "overwrite" (start a new, empty index).
    A new index goes only into a new or empty directory unless
    allow_other_files is set.

    schema: the documents' own fields, {name: {"type": "keyword"|"number"|
    "date"|"text"|"stored", ...}} (docs/FIELDS.md); a field not in it is only
    stored.  analysis: settings of a new index, a dict of stemming,
    fold_diacritics, word_parts, german_compounds, chinese_segmentation
    ("hybrid", "words", "bigrams"), chinese_unigrams, fold_chinese_script,
    fold_chinese_variants, chinese_dictionary (a file) and
    german_compound_dictionary (a file of splits: Stau+becken, Staubecken).  An existing index
    keeps the schema, analysis and title_wdf it was made with; giving others
    raises InvalidArgumentError.

    Holds the index's write lock until close(): a second writer, in this
    process or another, gets IndexAccessError.  Used as a context manager it
    closes (committing what was added) on leaving the block.  Safe to share
    between threads (calls take turns).
    """

    def __init__(
        self,
        path: PathLike,
        mode: str = "create_or_open",
        *,
        schema: Mapping[str, Any] | str | None = None,
        analysis: Mapping[str, Any] | None = None,
        title_wdf: int | None = None,
        shards: int = 0,
        batch_size: int = 1000,
        fallback_lang: str | None = None,
        allow_other_files: bool = False,
    ) -> None:
        if mode not in _MODES:
            raise InvalidArgumentError(f"unknown mode {mode!r} (expected {', '.join(_MODES)})")
        options = {
            "schema": _schema_json(schema),
            "analysis": dict(analysis) if analysis is not None else None,
            "title_wdf": title_wdf,
            "shards": shards,
            "batch_size": batch_size,
            "fallback_lang": fallback_lang,
            "allow_other_files": allow_other_files,
        }
        self._batch_size = batch_size
        self._writer = _core._IndexWriter(path, mode, options)

    def add(self, document: Mapping[str, Any]) -> dict:
        """Adds a document, replacing any with the same id.

        A document is a dict as a JSON Lines line: "id" (str or int, required),
        "title", "text" (or "body"), "lang" (a code; absent or "auto": detected),
        "source", and any other key a field: a str, int, float, date or
        datetime, or a list of them.  Returns {"lang", "detected",
        "confidence", "replaced"}.  Raises InputError for invalid text or field
        values, TypeError for values of the wrong type.
        """
        return self._writer.add(document)

    def add_many(
        self,
        documents: Iterable[Mapping[str, Any]],
        batch_size: int | None = None,
        on_error: str = "raise",
    ) -> dict:
        """Adds documents in batches on two cores or more (the GIL released).

        Each batch of batch_size documents (the index's batch_size by default)
        is analyzed on one thread and written on another, as `polysearch
        index` does.  A document add() would refuse does not stop its batch:
        with on_error="raise" the first such error is raised once its batch is
        written (the error's `failed` lists every refused document of that
        batch); with on_error="skip" they are counted and listed.  Returns
        {"added", "replaced", "failed": [(position, id, error)]}, position
        counting from 0 over all documents given.
        """
        if on_error not in ("raise", "skip"):
            raise InvalidArgumentError(f"unknown on_error {on_error!r} (expected raise or skip)")
        size = batch_size or self._batch_size
        if size < 1:
            raise InvalidArgumentError("batch_size must be at least 1")
        totals: dict = {"added": 0, "replaced": 0, "failed": []}
        position = 0
        iterator = iter(documents)
        while True:
            batch = list(_islice(iterator, size))
            if not batch:
                return totals
            result = self._writer.add_batch(batch)
            totals["added"] += result["added"]
            totals["replaced"] += result["replaced"]
            failed = [(position + i, doc_id, error) for i, doc_id, error in result["errors"]]
            totals["failed"].extend(failed)
            position += len(batch)
            if failed and on_error == "raise":
                first = failed[0][2]
                first.failed = failed
                raise first

    def delete(self, id: str | int) -> bool:  # noqa: A002  (the document's id)
        """Deletes the document with this id; returns False if there was none."""
        return self._writer.remove(id)

    def commit(self) -> None:
        """Makes every change so far durable and visible to searchers."""
        self._writer.commit()

    def close(self) -> None:
        """Commits and releases the index (and its lock).  Closing twice is harmless."""
        self._writer.close()

    @property
    def closed(self) -> bool:
        """Whether close() was called."""
        return self._writer.closed

    @property
    def path(self) -> str:
        """The index directory."""
        return self._writer.path

    @property
    def pending(self) -> int:
        """Changes not yet committed."""
        return self._writer.pending

    @property
    def analysis(self) -> dict:
        """The index's analysis settings (stored in it)."""
        return self._writer.analysis

    @property
    def schema(self) -> dict:
        """The index's fields, {name: spec} (stored in it; {} for none)."""
        return _schema_dict(self._writer.schema_json)

    @property
    def title_wdf(self) -> int:
        """How many times a title word counts among the index's words."""
        return self._writer.title_wdf

    @property
    def shard_count(self) -> int:
        """Shards written: 1 for a plain index."""
        return self._writer.shard_count

    def info(self) -> dict:
        """The committed contents: documents, words, languages, settings (see Searcher.info)."""
        with Searcher(self.path) as searcher:
            return searcher.info()

    def __enter__(self) -> "Index":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else f"{self.pending} pending"
        return f"<polysearch.Index {self.path!r} ({state})>"


class SearchResults(Sequence[Hit]):
    """One page of hits (a sequence of Hit), with the counts around it.

    total: the number of matching documents (exact when total_exact, else
    Xapian's estimate); facets: {field: {"counts": [{"value" or "from"/"to",
    "count"}], "distinct_values", "missing"}}; expansion: [(term, weight)]
    added by pseudo-relevance feedback; query: the Xapian query, for debugging.
    """

    __slots__ = ("hits", "total", "total_exact", "facets", "expansion", "query")

    def __init__(self, result: dict) -> None:
        self.hits: list[Hit] = result["hits"]
        self.total: int = result["total"]
        self.total_exact: bool = result["total_exact"]
        self.facets: dict = result["facets"]
        self.expansion: list[tuple[str, float]] = result["expansion"]
        self.query: str = result["query"]

    def __getitem__(self, index):  # type: ignore[override]
        return self.hits[index]

    def __len__(self) -> int:
        return len(self.hits)

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __repr__(self) -> str:
        exact = "" if self.total_exact else "about "
        return f"<SearchResults: {len(self.hits)} hits of {exact}{self.total}>"


def build_index(
    path: PathLike,
    documents: Iterable[Mapping[str, Any]],
    *,
    threads: int = 0,
    schema: Mapping[str, Any] | str | None = None,
    analysis: Mapping[str, Any] | None = None,
    title_wdf: int | None = None,
    fallback_lang: str | None = None,
    on_error: str = "raise",
) -> dict:
    """Builds a new index from documents on every core, as `polysearch index` does.

    path must be new, an empty directory or an index with no documents.
    threads writers (0: one per core) each write runs of consecutive
    documents into parts that are merged at the end, in order, into one
    compacted index holding what Index.add_many would have written; the GIL
    is released while they work.  Documents are dicts as for Index.add;
    schema, analysis, title_wdf and fallback_lang as for Index.  Nothing is
    searchable before the end; an error (a writer's, or a refused document
    with on_error="raise") leaves the index as it was.  With on_error="skip"
    refused documents are counted and listed.  Returns {"added", "replaced",
    "failed": [(position, id, error)], "documents", "writers", "parts",
    "merge_seconds", "bytes"}.
    """
    options = {
        "schema": _schema_json(schema),
        "analysis": dict(analysis) if analysis is not None else None,
        "title_wdf": title_wdf,
        "shards": 0,
        "batch_size": 1000,
        "fallback_lang": fallback_lang,
        "allow_other_files": False,
    }
    return _core.build_index(path, documents, options, threads, on_error)


def _filters(filters: Any) -> tuple[list, list]:
    """Field filters and filter queries from search()'s `filters`."""
    if filters is None:
        return [], []
    if isinstance(filters, str):
        return [], [filters]
    if not isinstance(filters, Mapping):
        return [], [str(query) if not isinstance(query, str) else query for query in filters]
    specs = []
    for field, value in filters.items():
        exclude = field.startswith("-")
        name = field[1:] if exclude else field
        if isinstance(value, tuple):
            if len(value) != 2:
                raise InvalidArgumentError(f"filter {field!r}: a range is a (from, to) pair")
            ends = [None if end is None else _value_text(end) for end in value]
            specs.append(("range", name, ends[0], ends[1], exclude))
        else:
            values = value if isinstance(value, (list, set, frozenset)) else [value]
            specs.append(("any", name, [_value_text(v) for v in values], exclude))
    return specs, []


def _value_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"a filter value must be a str, number or date, not {type(value).__name__}")
    return repr(value)


def _settings(
    k: int,
    offset: int,
    lang: str | None,
    literal: bool,
    all_words: bool,
    filters: Any,
    sort: str | None,
    facets: Sequence[str] | None,
    fields: Sequence[str] | None,
    collapse: str | None,
    collapse_max: int,
    bm25: tuple[float, float] | None,
    weight: str | None,
    prf: str | bool | None,
    title_weight: float,
    language_boost: float,
    snippets: bool,
    snippet_width: int,
    snippet_field: str | None,
) -> dict:
    field_filters, filter_queries = _filters(filters)
    if prf is True:
        prf = "rm3"
    elif prf is False:
        prf = None
    return {
        "k": k,
        "offset": offset,
        "lang": lang,
        "literal": literal,
        "all_words": all_words,
        "filters": field_filters,
        "filter_queries": filter_queries,
        "sort": sort,
        "facets": [facets] if isinstance(facets, str) else list(facets or []),
        "fields": [fields] if isinstance(fields, str) else list(fields or []),
        "collapse": collapse,
        "collapse_max": collapse_max,
        "bm25": tuple(bm25) if bm25 is not None else None,
        "weight": weight,
        "prf": prf,
        "title_weight": title_weight,
        "language_boost": language_boost,
        "snippets": snippets,
        "snippet_width": snippet_width,
        "snippet_field": snippet_field,
    }


class Searcher:
    """Searches an index, or several shards as one.

    Searcher(path) opens an index directory; Searcher([path_or_url, ...])
    searches shards (directories or tcp://HOST:PORT of xapian-tcpsrv) with the
    statistics of one index.  Results reflect the index as of opening or the
    last reopen().  Safe to share between threads (searches take turns; give
    each thread its own Searcher to search in parallel, or use batch_search).
    """

    def __init__(self, path: PathLike | Sequence[PathLike]) -> None:
        if isinstance(path, (str, bytes)) or hasattr(path, "__fspath__"):
            locations = [_os.fspath(path)]
        else:
            locations = [_os.fspath(location) for location in path]
        self._searcher = _core._Searcher(locations)

    def search(
        self,
        query: str,
        k: int = 10,
        offset: int = 0,
        *,
        lang: str | None = None,
        literal: bool = False,
        all_words: bool = False,
        filters: Mapping[str, Any] | Sequence[str] | str | None = None,
        sort: str | None = None,
        facets: Sequence[str] | None = None,
        fields: Sequence[str] | None = None,
        collapse: str | None = None,
        collapse_max: int = 1,
        bm25: tuple[float, float] | None = None,
        weight: str | None = None,
        prf: str | bool | None = None,
        title_weight: float = 0.0,
        language_boost: float = 4.0,
        snippets: bool = True,
        snippet_width: int = 200,
        snippet_field: str | None = None,
    ) -> SearchResults:
        """Runs a query; returns the page of k hits after `offset`, best first.

        query: words, "phrases", prefix*, +required, -excluded, AND/OR/NOT,
        title:word, lang:de and the schema's fields (category:sport,
        price:10..20); literal=True searches the text as plain words, ignoring
        that syntax (as `polysearch run --literal`).  lang: the language to
        analyze the query in (default: every language of the index).
        all_words: every word required (default: any, more ranking higher).
        filters: {field: value, field: [values], field: (from, to),
        "-field": value to exclude}, or filter queries in the query syntax.
        sort: "relevance", "FIELD", "FIELD:desc", "FIELD:asc,relevance".
        facets: ["category", "price:..10,10..20,20.."] counted over all
        matches.  fields: document fields to return ("*": all).  collapse: a
        keyword field, at most collapse_max hits per value.  bm25: (k1, b);
        weight: a model, "lm-dirichlet:mu=800", "pl2", "bm25:k1=1.2,b=0.75";
        prf: pseudo-relevance feedback, True or "rm3:docs=10,terms=10" or
        "bo1"; title_weight: query-time weight of title matches (0: off).
        Raises QuerySyntaxError for a query that does not parse.
        """
        settings = _settings(k, offset, lang, literal, all_words, filters, sort, facets, fields,
                             collapse, collapse_max, bm25, weight, prf, title_weight,
                             language_boost, snippets, snippet_width, snippet_field)
        return SearchResults(self._searcher.search(query, settings))

    def batch_search(
        self,
        queries: Mapping[str, str] | Iterable[tuple[str, str]],
        k: int = 10,
        *,
        threads: int | None = None,
        lang: str | None = None,
        literal: bool = False,
        all_words: bool = False,
        filters: Mapping[str, Any] | Sequence[str] | str | None = None,
        bm25: tuple[float, float] | None = None,
        weight: str | None = None,
        prf: str | bool | None = None,
        title_weight: float = 0.0,
        language_boost: float = 4.0,
        snippets: bool = False,
        fields: Sequence[str] | None = None,
    ) -> dict[str, list[Hit]]:
        """Runs many queries on `threads` threads (default: every core), GIL released.

        queries: {qid: text} or (qid, text) pairs.  Returns {qid: [Hit]} in
        the order given, as Pyserini's batch_search does; the settings are
        search()'s.  As `polysearch run`: a query that does not parse is
        searched as its plain words (with a warning), and one that cannot be
        searched at all gets no hits and a warning.  Snippets are off by
        default, as a run file needs none.
        """
        pairs = list(queries.items()) if isinstance(queries, Mapping) else list(queries)
        settings = _settings(k, 0, lang, literal, all_words, filters, None, None, fields, None, 1,
                             bm25, weight, prf, title_weight, language_boost, snippets, 200, None)
        count = threads if threads is not None else (_os.cpu_count() or 1)
        if count < 1:
            raise InvalidArgumentError("threads must be at least 1")
        hits, warnings = self._searcher.batch_search(pairs, settings, count, literal)
        for qid, plain_words, message in warnings:
            what = "searched as its plain words" if plain_words else "not searched"
            _warnings.warn(f"query {qid}: {what}: {message}", RuntimeWarning, stacklevel=2)
        return hits

    def info(self) -> dict:
        """Documents, words and distinct terms, per language too, and the index's settings.

        Walks every document: takes time in proportion to the index's size.
        """
        info = self._searcher.info()
        info["schema"] = _schema_dict(info.pop("schema_json"))
        return info

    def languages(self) -> list[str]:
        """The codes of the languages that have documents in the index."""
        return self._searcher.languages()

    def reopen(self) -> None:
        """Sees the commits made since opening."""
        self._searcher.reopen()

    def close(self) -> None:
        """Releases the index.  Closing twice is harmless."""
        self._searcher.close()

    @property
    def closed(self) -> bool:
        """Whether close() was called."""
        return self._searcher.closed

    def __enter__(self) -> "Searcher":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def analyze(text: str, lang: str | None = None, *, analysis: Mapping[str, Any] | None = None
            ) -> list[Token]:
    """The tokens the index makes of `text`: terms, stems, offsets, parts.

    lang: the language's analyzer ("de", "es", "pt", "zh", "und"); None or
    "auto" detects it.  analysis: settings as Index's.  Token.start and .end
    index the given str.
    """
    return _core._analyze(text, lang, dict(analysis) if analysis is not None else None)


def detect(text: str, fallback: str | None = None) -> Detection:
    """Detects the language of a document's text (a few words are too few).

    fallback: the language to use when the text is in none with an analyzer
    (default: "und", the neutral analyzer).
    """
    return _core._detect(text, fallback)


def segment(
    text: str,
    mode: str = "words",
    *,
    dictionary: PathLike | None = None,
    terms: bool = False,
    fold_script: bool = True,
    fold_variants: bool = True,
) -> list[str]:
    """Chinese text cut as the index cuts it (as `polysearch segment`).

    mode "words": words and punctuation as written; "bigrams" or "hybrid":
    the pieces each index term comes from.  terms=True gives the index terms
    themselves (Simplified, case-folded).  dictionary: a user dictionary file
    of words to keep whole.
    """
    return _core._segment(text, mode, dictionary, terms, fold_script, fold_variants)


def split_compounds(
    words: Iterable[str], *, compound_dict: PathLike | None = None
) -> list[dict]:
    """German words split as the index splits them (as `polysearch compounds --json`).

    Each word gives {"word", "split", "parts", "head", "ambiguous"}: "split" marks
    the parts with "+" and the immediate head with "|" (Fuß+ball|welt+meisterschaft),
    "parts" lists them, "head" is the index in "parts" where the head begins (0: not
    split), "ambiguous" says a doubtful word was left whole.  compound_dict: a file of
    splits of your own (`--compound-dict`).  Needs hunspell-de-de and wngerman.
    """
    return _core._split_compounds(list(words), compound_dict)


def split_compound(word: str, *, compound_dict: PathLike | None = None) -> dict:
    """One German word split as the index splits it: see split_compounds()."""
    return _core._split_compounds([word], compound_dict)[0]
