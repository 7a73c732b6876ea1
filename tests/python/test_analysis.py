"""analyze(), detect() and segment() on the seed texts of every language."""

from __future__ import annotations

import pytest

import polysearch


def test_analyze_german_splits_compounds_at_the_word_position():
    tokens = polysearch.analyze("Die Fußballweltmeisterschaft", "de")
    whole = tokens[1]
    assert (whole.text, whole.term, whole.position, whole.part) == (
        "Fußballweltmeisterschaft", "fussballweltmeisterschaft", 1, False)
    assert {"fussball", "weltmeisterschaft"} <= {t.term for t in tokens if t.compound}
    assert all(t.position == 1 and t.part for t in tokens if t.compound)
    assert tokens[0].stopword


def test_analyze_offsets_index_the_python_string():
    text = "Ärger über 告別 und Gründung"
    for token in polysearch.analyze(text, "de"):
        assert text[token.start:token.end] == token.text
    assert polysearch.analyze("告別", "zh")[0].term == "告别"


def test_analyze_settings_and_detection():
    stemmed = polysearch.analyze("las fundaciones", "es")
    plain = polysearch.analyze("las fundaciones", "es", analysis={"stemming": False})
    assert stemmed[1].stem != plain[1].stem == "fundaciones"
    detected = polysearch.analyze("Las fundaciones de software libre crecen en toda España.")
    assert detected[1].stem == stemmed[1].stem
    with pytest.raises(polysearch.InvalidArgumentError):
        polysearch.analyze("x", "xx")
    with pytest.raises(polysearch.InvalidArgumentError, match="unknown analysis setting"):
        polysearch.analyze("x", "de", analysis={"stemmming": False})


def test_detect_every_seed_language(seed_docs):
    for document in seed_docs:
        detection = polysearch.detect(document["text"])
        assert detection.lang == document["lang"][:2], document["id"]
        assert 0 < detection.confidence <= 1
    english = polysearch.detect("The quick brown fox jumps over the lazy dog again and again.",
                                fallback="es")
    assert english.detected == "en" and english.lang == "es" and english.fell_back


def test_segment_modes_and_terms(tmp_path):
    assert polysearch.segment("清华大学的学生") == ["清华大学", "的", "学生"]
    hybrid = polysearch.segment("清華大學", mode="hybrid", terms=True)
    assert "清华大学" in hybrid and "华大" in hybrid
    assert polysearch.segment("新智元发布", mode="words") != ["新智元", "发布"]
    dictionary = tmp_path / "words.txt"
    dictionary.write_text("新智元\n", encoding="utf-8")
    assert polysearch.segment("新智元发布", dictionary=dictionary)[0] == "新智元"
    with pytest.raises(polysearch.InvalidArgumentError):
        polysearch.segment("x", mode="trigrams")


def test_a_german_compound_dictionary(tmp_path):
    splits = tmp_path / "splits.txt"
    splits.write_text("Stau+becken\nKrankenhaus\n", encoding="utf-8")
    analysis = {"german_compound_dictionary": splits}
    parts = [t.term for t in polysearch.analyze("Staubecken", "de", analysis=analysis) if t.part]
    assert parts == ["stau", "becken"]
    assert not [t for t in polysearch.analyze("Krankenhaus", "de", analysis=analysis) if t.part]
    with polysearch.Index(tmp_path / "idx", analysis=analysis) as index:
        assert index.analysis["german_compound_dictionary_entries"] == 2
        index.add({"id": "s1", "text": "Das Staubecken ist voll.", "lang": "de"})
    assert [hit.id for hit in polysearch.Searcher(tmp_path / "idx").search("Becken")] == ["s1"]
    splits.write_text("Stau++becken\n", encoding="utf-8")
    with pytest.raises(polysearch.InputError, match="splits.txt:1"):
        polysearch.analyze("Staubecken", "de", analysis=analysis)


def test_split_compounds_as_the_cli_prints_them(tmp_path):
    assert polysearch.split_compound("Fußballweltmeisterschaft") == {
        "word": "Fußballweltmeisterschaft", "split": "Fuß+ball|welt+meisterschaft",
        "parts": ["Fuß", "ball", "welt", "meisterschaft"], "head": 2, "ambiguous": False}
    stube, verbrauch, stubentuer = polysearch.split_compounds(
        ["Wachstube", "Verbrauch", "Stubentür"])
    assert (stube["split"], stube["head"], stube["ambiguous"]) == ("Wachstube", 0, True)
    assert verbrauch["parts"] == ["Verbrauch"] and not verbrauch["ambiguous"]
    assert stubentuer["split"] == "Stuben|tür"
    splits = tmp_path / "splits.txt"
    splits.write_text("Stau+becken\n", encoding="utf-8")
    assert polysearch.split_compound("Staubecken", compound_dict=splits)["split"] == "Stau|becken"
    with pytest.raises(polysearch.InputError):
        polysearch.split_compound("Haus\udcff")
