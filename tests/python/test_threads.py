"""Threads: several searchers in Python threads, one shared searcher, a writer beside them."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import polysearch


def test_searchers_in_threads_give_the_single_threaded_results(seed_index, seed_queries):
    expected = {qid: [(h.id, h.score) for h in polysearch.Searcher(seed_index).search(q, k=5, literal=True)]
                for qid, q in seed_queries.items()}

    def search_all(shared: polysearch.Searcher | None) -> dict:
        searcher = shared or polysearch.Searcher(seed_index)
        out = {}
        for _ in range(20):
            for qid, query in seed_queries.items():
                out[qid] = [(h.id, h.score) for h in searcher.search(query, k=5, literal=True)]
        return out

    with ThreadPoolExecutor(4) as pool:
        own = list(pool.map(search_all, [None] * 4))
        shared_searcher = polysearch.Searcher(seed_index)
        shared = list(pool.map(search_all, [shared_searcher] * 4))
    assert all(result == expected for result in own + shared)


def test_batch_search_threads_agree_with_one_thread(seed_index, seed_queries):
    searcher = polysearch.Searcher(seed_index)
    queries = {f"{qid}-{i}": q for i in range(10) for qid, q in seed_queries.items()}
    one = searcher.batch_search(queries, k=10, threads=1, literal=True)
    four = searcher.batch_search(queries, k=10, threads=4, literal=True)
    assert list(one) == list(four) == list(queries)
    assert {q: [(h.id, h.score) for h in hits] for q, hits in one.items()} == {
        q: [(h.id, h.score) for h in hits] for q, hits in four.items()}


def test_a_writer_thread_and_reader_threads(tmp_path):
    path = tmp_path / "idx"
    polysearch.Index(path).close()
    done = threading.Event()
    seen: list[int] = []
    errors: list[BaseException] = []

    def write():
        try:
            with polysearch.Index(path, batch_size=10) as index:
                index.add_many(({"id": i, "text": f"gemeinsam Nummer {i}"} for i in range(300)),
                               batch_size=10)
        except BaseException as error:  # noqa: BLE001  (reported by the assertion below)
            errors.append(error)
        finally:
            done.set()

    def read():
        searcher = polysearch.Searcher(path)
        while not done.is_set():
            searcher.reopen()
            total = searcher.search("gemeinsam", k=1).total
            assert total % 10 == 0  # whole commits only
            seen.append(total)

    writer = threading.Thread(target=write)
    readers = [threading.Thread(target=read) for _ in range(2)]
    writer.start()
    for reader in readers:
        reader.start()
    writer.join()
    for reader in readers:
        reader.join()
    assert not errors
    assert polysearch.Searcher(path).search("gemeinsam").total == 300
    assert seen  # the readers ran while the writer wrote
