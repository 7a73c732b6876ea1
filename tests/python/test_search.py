"""Searcher: queries, paging, filters, sorting, facets, ranking settings, batch_search."""

from __future__ import annotations

import pytest

import polysearch

PRODUCTS = [
    {"id": "p1", "title": "Laptop", "text": "Ein leichter Laptop für die Reise", "category": "it",
     "price": 900, "date": "2024-01-10"},
    {"id": "p2", "title": "Tablet", "text": "Ein Tablet für die Reise und das Sofa",
     "category": "it", "price": 300, "date": "2024-03-05"},
    {"id": "p3", "title": "Koffer", "text": "Ein Koffer für die Reise", "category": "travel",
     "price": 120, "date": "2023-11-20"},
    {"id": "p4", "title": "Rucksack", "text": "Ein Rucksack für Wanderungen",
     "category": "travel", "price": 80},
]
SCHEMA = {"category": {"type": "keyword"}, "price": {"type": "number"}, "date": {"type": "date"}}


@pytest.fixture(scope="module")
def products(tmp_path_factory) -> polysearch.Searcher:
    path = tmp_path_factory.mktemp("products") / "idx"
    with polysearch.Index(path, schema=SCHEMA) as index:
        index.add_many(PRODUCTS)
    return polysearch.Searcher(path)


def test_hits_and_paging(products):
    page = products.search("Reise", k=2)
    assert len(page) == 2 and page.total == 3 and page.total_exact
    rest = products.search("Reise", k=2, offset=2)
    assert [hit.rank for hit in rest] == [3]
    ids = [hit.id for hit in page] + [hit.id for hit in rest]
    assert sorted(ids) == ["p1", "p2", "p3"]
    assert all(hit.docid == hit.id for hit in page)
    assert page[0].score >= page[1].score > 0
    assert "SearchResults" in repr(page) and "Hit(rank=1" in repr(page[0])


def test_snippets_and_highlights_are_character_offsets(products):
    hit = products.search("Sofa")[0]
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "Sofa"
    assert products.search("Sofa", snippets=False)[0].snippet == ""


def test_filters_as_dict_and_as_queries(products):
    def ids(**kwargs):
        return sorted(hit.id for hit in products.search("Reise OR Wanderungen", k=10, **kwargs))

    assert ids(filters={"category": "travel"}) == ["p3", "p4"]
    assert ids(filters={"category": ["it", "travel"], "price": (100, 500)}) == ["p2", "p3"]
    assert ids(filters={"price": (None, 100)}) == ["p4"]
    assert ids(filters={"-category": "it"}) == ["p3", "p4"]
    assert ids(filters={"date": ("2024-01-01", None)}) == ["p1", "p2"]
    assert ids(filters="category:it") == ["p1", "p2"]
    assert ids(filters=["category:travel", "price:..100"]) == ["p4"]
    with pytest.raises(polysearch.InvalidArgumentError):
        ids(filters={"color": "red"})


def test_sort_facets_collapse(products):
    by_price = products.search("Ein", sort="price:desc")
    assert [hit.id for hit in by_price] == ["p1", "p2", "p3", "p4"]
    faceted = products.search("Ein", facets=["category", "price:..100,100.."])
    assert faceted.facets["category"]["counts"] == [{"value": "it", "count": 2},
                                                   {"value": "travel", "count": 2}]
    buckets = faceted.facets["price"]["counts"]
    assert [bucket["count"] for bucket in buckets] == [1, 3]
    collapsed = products.search("Ein", collapse="category")
    assert len(collapsed) == 2 and sum(hit.collapsed for hit in collapsed) == 2


def test_ranking_settings_change_scores(products):
    base = products.search("Reise Koffer")[0].score
    assert products.search("Reise Koffer", bm25=(1.2, 0.75))[0].score != base
    assert products.search("Reise Koffer", weight="lm-dirichlet:mu=800")[0].score != base
    with pytest.raises(polysearch.InvalidArgumentError):
        products.search("Reise", weight="nonsense")
    assert products.search("Reise", all_words=True, k=10).total == 3
    assert products.search("Reise Wanderungen", all_words=True).total == 0


def test_query_syntax_errors_and_literal(products):
    with pytest.raises(polysearch.QuerySyntaxError) as raised:
        products.search('"Reise')
    assert isinstance(raised.value, ValueError) and raised.value.byte_offset == 0
    assert [hit.id for hit in products.search('"Koffer', literal=True)] == ["p3"]
    with pytest.raises(polysearch.QuerySyntaxError):
        products.search('" ( )', literal=True)


def test_feedback_reports_its_expansion(seed_index):
    result = polysearch.Searcher(seed_index).search("Linux", prf="rm3:docs=2,terms=5")
    assert isinstance(result.expansion, list)
    assert polysearch.Searcher(seed_index).search("Linux", prf=False).expansion == []


def test_batch_search_matches_search(products):
    queries = {"q1": "Reise", "q2": "Koffer OR Rucksack", "q3": "Sofa"}
    batch = products.batch_search(queries, k=5, threads=3)
    assert list(batch) == ["q1", "q2", "q3"]
    for qid, text in queries.items():
        single = products.search(text, k=5, snippets=False)
        assert [(h.id, h.score) for h in batch[qid]] == [(h.id, h.score) for h in single]
    pairs = products.batch_search([("a", "Laptop"), ("b", "Tablet")], k=1, threads=1)
    assert [hits[0].id for hits in pairs.values()] == ["p1", "p2"]


def test_batch_search_warns_for_queries_it_could_not_parse(products):
    with pytest.warns(RuntimeWarning, match="q1: searched as its plain words"):
        batch = products.batch_search({"q1": '"Koffer', "q2": "Laptop"})
    assert [hit.id for hit in batch["q1"]] == ["p3"]


def test_shards_searched_as_one(tmp_path):
    paths = []
    for shard in range(2):
        path = tmp_path / f"shard{shard}"
        with polysearch.Index(path) as index:
            index.add_many({"id": f"{shard}-{i}", "text": f"gemeinsam Wort{i}"} for i in range(5))
        paths.append(path)
    assert polysearch.Searcher(paths).search("gemeinsam", k=20).total == 10


def test_seed_queries_find_their_relevant_documents(seed_index, seed_queries):
    qrels = polysearch.eval.read_qrels(
        __import__("conftest").SEEDS / "qrels.txt")
    run = polysearch.Searcher(seed_index).batch_search(seed_queries, k=10, literal=True)
    for qid, relevant in qrels.items():
        wanted = {doc for doc, grade in relevant.items() if grade > 0}
        assert wanted & {hit.id for hit in run[qid]}, qid
