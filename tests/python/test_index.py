"""Index: adding, replacing, deleting, committing and closing, with the settings stored."""

from __future__ import annotations

import datetime

import pytest

import polysearch


def test_add_then_search_finds_the_document_and_its_fields(tmp_path):
    with polysearch.Index(tmp_path / "idx", schema={"category": {"type": "keyword"},
                                                    "price": {"type": "number"},
                                                    "date": {"type": "date"}}) as index:
        result = index.add({"id": "a1", "title": "Fußball",
                            "text": "Der FC Bayern gewann die Fußballweltmeisterschaft der Herzen.",
                            "category": "sport", "price": 12.5,
                            "date": datetime.date(2024, 5, 1), "tags": ["a", "b"]})
        assert result["lang"] == "de" and result["replaced"] is False
    hits = polysearch.Searcher(tmp_path / "idx").search("Weltmeisterschaft", fields="*")
    assert [hit.id for hit in hits] == ["a1"]
    assert hits[0].fields == {"category": ["sport"], "date": ["2024-05-01"], "price": ["12.5"],
                              "tags": ["a", "b"]}
    assert hits[0].title == "Fußball" and hits[0].lang == "de"


def test_add_replaces_a_document_with_the_same_id_and_int_ids_are_decimal(tmp_path):
    with polysearch.Index(tmp_path / "idx") as index:
        index.add({"id": 7, "text": "erste Fassung"})
        assert index.add({"id": "7", "text": "zweite Fassung"})["replaced"] is True
    searcher = polysearch.Searcher(tmp_path / "idx")
    assert searcher.info()["documents"] == 1
    assert [hit.id for hit in searcher.search("zweite")] == ["7"]
    assert len(searcher.search("erste")) == 0


def test_add_many_counts_and_positions_refused_documents(tmp_path):
    documents = [{"id": f"d{i}", "text": f"Dokument Nummer {i}"} for i in range(25)]
    documents[13] = {"id": "bad", "text": "x", "price": "abc"}
    schema = {"price": {"type": "number"}}
    with polysearch.Index(tmp_path / "idx", schema=schema) as index:
        result = index.add_many(iter(documents), batch_size=10, on_error="skip")
        assert result["added"] == 24 and result["replaced"] == 0
        [(position, doc_id, error)] = result["failed"]
        assert (position, doc_id) == (13, "bad")
        assert isinstance(error, polysearch.InputError) and "price" in str(error)
    assert polysearch.Searcher(tmp_path / "idx").info()["documents"] == 24


def test_add_many_raises_the_first_error_after_writing_its_batch(tmp_path):
    schema = {"price": {"type": "number"}}
    with polysearch.Index(tmp_path / "idx", schema=schema) as index:
        with pytest.raises(polysearch.InputError) as raised:
            index.add_many([{"id": "ok", "text": "gut"}, {"id": "bad", "price": "abc"},
                            {"id": "later", "text": "später"}], batch_size=2)
        assert [item[1] for item in raised.value.failed] == ["bad"]
    ids = {hit.id for hit in polysearch.Searcher(tmp_path / "idx").search("gut OR später")}
    assert ids == {"ok"}  # the batch with the error was written; the next one was not


def test_build_index_writes_what_add_many_writes(tmp_path, seed_docs):
    documents = [dict(doc) for doc in seed_docs] + [
        {"id": f"n{i}", "title": "Nummer", "text": f"Dokument Nummer {i} Stiftung", "rank": i}
        for i in range(300)
    ] + [{"id": "n7", "text": "Neufassung sieben"}]
    with polysearch.Index(tmp_path / "one") as index:
        index.add_many(documents)
    built = polysearch.build_index(tmp_path / "built", iter(documents), threads=3)
    assert built["added"] == len(documents) and built["replaced"] == 1
    assert built["documents"] == len(documents) - 1 and built["writers"] == 3
    assert built["failed"] == [] and built["bytes"] > 0
    assert not (tmp_path / "built.indexing").exists()
    for query in ("Stiftung", "Nummer 7", "sieben", "Gründung"):
        one = [(hit.id, hit.score) for hit in polysearch.Searcher(tmp_path / "one").search(query, k=50)]
        two = [(hit.id, hit.score) for hit in polysearch.Searcher(tmp_path / "built").search(query, k=50)]
        assert one == two, query


def test_build_index_refused_documents_and_settings(tmp_path):
    schema = {"price": {"type": "number"}}
    documents = [{"id": "ok", "text": "gut", "price": 3}, {"id": "bad", "price": "abc"},
                 {"id": "later", "text": "später"}]
    result = polysearch.build_index(tmp_path / "skip", documents, schema=schema,
                                    analysis={"stemming": False}, on_error="skip")
    [(position, doc_id, error)] = result["failed"]
    assert (position, doc_id) == (1, "bad") and isinstance(error, polysearch.InputError)
    info = polysearch.Searcher(tmp_path / "skip").info()
    assert info["documents"] == 2 and info["analysis"]["stemming"] is False
    # Raising abandons the build: the index stays as it was, empty, with no parts left.
    with pytest.raises(polysearch.InputError, match="price"):
        polysearch.build_index(tmp_path / "raise", documents, schema=schema)
    assert polysearch.Searcher(tmp_path / "raise").info()["documents"] == 0
    assert not (tmp_path / "raise.indexing").exists()
    # Only a new index: one with documents is refused, and left alone.
    with pytest.raises(polysearch.InvalidArgumentError, match="only builds a new index"):
        polysearch.build_index(tmp_path / "skip", documents)
    assert polysearch.Searcher(tmp_path / "skip").info()["documents"] == 2
    with pytest.raises(TypeError):
        polysearch.build_index(tmp_path / "types", [["not", "a", "dict"]])
    with pytest.raises(polysearch.InvalidArgumentError, match="on_error"):
        polysearch.build_index(tmp_path / "x", documents, on_error="ignore")


def test_delete_commit_pending_and_close(tmp_path):
    index = polysearch.Index(tmp_path / "idx", batch_size=100)
    index.add({"id": "a", "text": "eins"})
    index.add({"id": "b", "text": "zwei"})
    assert index.pending == 2
    searcher = polysearch.Searcher(tmp_path / "idx")
    assert searcher.info()["documents"] == 0  # nothing committed yet
    index.commit()
    searcher.reopen()
    assert searcher.info()["documents"] == 2
    assert index.delete("a") is True and index.delete("nope") is False
    index.close()
    index.close()  # harmless
    assert index.closed
    with pytest.raises(polysearch.InvalidArgumentError, match="closed"):
        index.add({"id": "c", "text": "drei"})
    searcher.reopen()
    assert [hit.id for hit in searcher.search("eins OR zwei")] == ["b"]


def test_settings_are_stored_and_an_existing_index_keeps_them(tmp_path):
    analysis = {"stemming": False, "chinese_segmentation": "words", "german_compounds": False}
    with polysearch.Index(tmp_path / "idx", analysis=analysis, title_wdf=4,
                          schema={"category": {"type": "keyword", "fold": True}}) as index:
        assert index.analysis["stemming"] is False
        assert index.analysis["chinese_segmentation"] == "words"
        assert index.title_wdf == 4 and index.shard_count == 1
        assert index.schema == {"category": {"type": "keyword", "fold": True}}
    with polysearch.Index(tmp_path / "idx", mode="open") as index:
        assert index.analysis["german_compounds"] is False and index.title_wdf == 4
    with pytest.raises(polysearch.InvalidArgumentError):
        polysearch.Index(tmp_path / "idx", analysis={"stemming": True})
    info = polysearch.Searcher(tmp_path / "idx").info()
    assert info["title_wdf"] == 4 and info["schema"]["category"]["type"] == "keyword"


def test_modes(tmp_path):
    with pytest.raises(polysearch.IndexAccessError):
        polysearch.Index(tmp_path / "missing", mode="open")
    with polysearch.Index(tmp_path / "idx", mode="create") as index:
        index.add({"id": "a", "text": "eins"})
    with pytest.raises(polysearch.IndexAccessError):
        polysearch.Index(tmp_path / "idx", mode="create")
    polysearch.Index(tmp_path / "idx", mode="overwrite").close()
    assert polysearch.Searcher(tmp_path / "idx").info()["documents"] == 0
    with pytest.raises(polysearch.InvalidArgumentError, match="unknown mode"):
        polysearch.Index(tmp_path / "idx", mode="append")


def test_a_directory_of_other_files_is_refused_unless_allowed(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(polysearch.IndexAccessError):
        polysearch.Index(tmp_path)
    polysearch.Index(tmp_path, allow_other_files=True).close()
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_sharded_index(tmp_path):
    with polysearch.Index(tmp_path / "idx", shards=3) as index:
        index.add_many({"id": i, "text": f"Wort{i} gemeinsam"} for i in range(30))
        assert index.shard_count == 3
    searcher = polysearch.Searcher(tmp_path / "idx")
    assert searcher.search("gemeinsam", k=100).total == 30


def test_every_seed_language_is_detected_and_searchable(seed_index, seed_docs):
    info = polysearch.Searcher(seed_index).info()
    assert info["documents"] == len(seed_docs)
    assert set(info["languages"]) == {"de", "es", "pt", "zh"}


def test_info_of_the_index_object(tmp_path):
    with polysearch.Index(tmp_path / "idx") as index:
        index.add({"id": "a", "text": "Hola mundo, esto es una prueba en español.", "lang": "es"})
        index.commit()
        info = index.info()
    assert info["documents"] == 1 and info["languages"]["es"]["documents"] == 1
    assert info["analysis"]["german_compounds"] is True
