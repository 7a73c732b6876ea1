"""Bad input and unusable indexes raise the package's exceptions, never crash."""

from __future__ import annotations

import subprocess
import sys

import pytest

import polysearch


def test_the_hierarchy_follows_python_conventions():
    for name in ("InvalidArgumentError", "InputError", "QuerySyntaxError"):
        cls = getattr(polysearch, name)
        assert issubclass(cls, polysearch.Error) and issubclass(cls, ValueError), name
    assert issubclass(polysearch.IndexAccessError, OSError)
    assert issubclass(polysearch.Error, Exception)
    assert not hasattr(polysearch, "IndexError")  # never shadows the builtin
    assert polysearch.InputError.__module__ == "polysearch"


@pytest.mark.parametrize("bad_id", [1.5, True, None, b"bytes", ["a"]])
def test_ids_that_are_not_str_or_int(tmp_path, bad_id):
    with polysearch.Index(tmp_path / "idx") as index:
        expected = polysearch.InputError if bad_id is None else TypeError
        with pytest.raises(expected, match="id"):
            index.add({"id": bad_id, "text": "x"})
        with pytest.raises(polysearch.InvalidArgumentError, match="id"):
            index.add({"id": "", "text": "x"})
        assert index.delete(5) is False
        with pytest.raises(TypeError):
            index.delete(2.5)


def test_lone_surrogates_are_input_errors_with_their_byte_offset(tmp_path):
    text = "ok \udcff"  # what surrogateescape makes of an invalid byte
    with polysearch.Index(tmp_path / "idx") as index:
        for document in ({"id": "a", "text": text}, {"id": "a", "title": text},
                         {"id": text}, {"id": "a", "color": text}):
            with pytest.raises(polysearch.InputError) as raised:
                index.add(document)
            assert raised.value.byte_offset == 3 and "surrogate" in str(raised.value)
        index.add({"id": "a", "text": "fine"})
    with pytest.raises(polysearch.InputError):
        polysearch.Searcher(tmp_path / "idx").search(text)
    with pytest.raises(polysearch.InputError):
        polysearch.analyze(text, "de")


def test_wrong_types_and_values(tmp_path):
    with polysearch.Index(tmp_path / "idx", schema={"price": {"type": "number"}}) as index:
        with pytest.raises(TypeError, match="dict"):
            index.add(["id", "text"])
        with pytest.raises(TypeError, match="'text'"):
            index.add({"id": "a", "text": 5})
        with pytest.raises(TypeError, match="field 'color'"):
            index.add({"id": "a", "color": {"nested": 1}})
        with pytest.raises(polysearch.InputError, match="finite"):
            index.add({"id": "a", "price": float("nan")})
        with pytest.raises(polysearch.InputError, match="aliases"):
            index.add({"id": "a", "text": "x", "body": "y"})
        with pytest.raises(polysearch.InvalidArgumentError):
            index.add({"id": "a", "lang": "klingon"})
        with pytest.raises(polysearch.InputError):
            index.add({"id": "a", "text": "x" * (64 * 1024 * 1024 + 1)})
        assert index.pending == 0
    with pytest.raises(polysearch.InvalidArgumentError):
        polysearch.Index(tmp_path / "other", schema='{"fields": {"x": {"type": "colour"}}}')


def test_a_second_writer_is_refused_and_the_first_keeps_working(tmp_path):
    with polysearch.Index(tmp_path / "idx") as first:
        with pytest.raises(polysearch.IndexAccessError, match="lock") as raised:
            polysearch.Index(tmp_path / "idx")
        assert raised.value.path.endswith("idx")
        first.add({"id": "a", "text": "eins"})
    assert polysearch.Searcher(tmp_path / "idx").info()["documents"] == 1


def test_missing_and_corrupt_indexes(tmp_path):
    with pytest.raises(OSError, match="no such directory"):
        polysearch.Searcher(tmp_path / "missing")
    with polysearch.Index(tmp_path / "idx") as index:
        index.add({"id": "a", "text": "eins zwei drei"})
    for table in (tmp_path / "idx").glob("*.glass"):
        table.write_bytes(b"\0" * 100)
    with pytest.raises(polysearch.IndexAccessError):
        polysearch.Searcher(tmp_path / "idx").search("eins")


def test_closed_searcher(seed_index):
    searcher = polysearch.Searcher(seed_index)
    searcher.close()
    with pytest.raises(polysearch.InvalidArgumentError, match="closed"):
        searcher.search("x")
    with polysearch.Searcher(seed_index) as again:
        assert len(again.search("Linux")) > 0
    assert again.closed


def test_bad_search_arguments(seed_index):
    searcher = polysearch.Searcher(seed_index)
    with pytest.raises(polysearch.InvalidArgumentError):
        searcher.search("x", lang="tlh")
    with pytest.raises(polysearch.InvalidArgumentError):
        searcher.search("x", sort="price:sideways")
    with pytest.raises(polysearch.InvalidArgumentError):
        searcher.batch_search({"q": "x"}, threads=0)
    with pytest.raises(TypeError):
        searcher.search(b"bytes")


def test_errors_in_a_subprocess_never_crash_the_interpreter(tmp_path):
    # A mistake Python code makes easily: writing while a searcher reads, then deleting
    # the directory under both.  The interpreter must report errors, not abort.
    script = f"""
import shutil, polysearch
index = polysearch.Index({str(tmp_path / 'idx')!r})
index.add({{"id": "a", "text": "eins"}}); index.commit()
searcher = polysearch.Searcher({str(tmp_path / 'idx')!r})
index.close()
shutil.rmtree({str(tmp_path / 'idx')!r})
try:
    searcher.reopen(); searcher.search("eins")
except polysearch.Error as error:
    print("error:", type(error).__name__)
else:
    print("no error")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(("error:", "no error"))


@pytest.mark.parametrize("arguments, error", [
    ({"k": -1}, polysearch.InvalidArgumentError),
    ({"k": "10"}, TypeError),
    ({"k": 10**30}, polysearch.InvalidArgumentError),
    ({"offset": 1.5}, TypeError),
    ({"bm25": (1.2,)}, polysearch.InvalidArgumentError),
    ({"bm25": (1.2, "b")}, TypeError),
    ({"title_weight": float("inf")}, polysearch.InvalidArgumentError),
    ({"snippet_width": -5}, polysearch.InvalidArgumentError),
    ({"collapse": "category", "collapse_max": True}, TypeError),
])
def test_bad_numbers_name_the_argument(seed_index, arguments, error):
    with pytest.raises(error, match=next(iter(arguments)) if error is not TypeError else None):
        polysearch.Searcher(seed_index).search("Linux", **arguments)


def test_bad_index_numbers_and_eval_values(tmp_path):
    with pytest.raises(polysearch.InvalidArgumentError, match="title_wdf"):
        polysearch.Index(tmp_path / "a", title_wdf=-1)
    with pytest.raises(TypeError, match="batch_size"):
        polysearch.Index(tmp_path / "b", batch_size="many")
    with pytest.raises(TypeError, match="grade"):
        polysearch.eval.evaluate({"q": {"d": "1"}}, {"q": {"d": 1.0}}, "map")
    with pytest.raises(TypeError, match="score"):
        polysearch.eval.evaluate({"q": {"d": 1}}, {"q": {"d": "high"}}, "map")
