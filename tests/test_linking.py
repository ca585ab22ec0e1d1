"""Term linking and glossary search (pure model)."""

from __future__ import annotations

from dataclasses import replace

from tests.conftest import MINI
from tui.content.linking import TermFilter, TermIndex
from tui.content.loader import load_course

COURSE = load_course(MINI)


def test_links_longest_whole_word_forms_with_plurals() -> None:
    index = TermIndex(COURSE.terms)
    text = "Stem cells and exosomes; stemcells no; 幹細胞とエクソソーム. EXOSOME."
    found = [(text[s.start : s.end], s.term) for s in index.find(text)]
    assert found == [
        ("Stem cells", "stem-cell"),
        ("exosomes", "exosome"),
        ("幹細胞", "stem-cell"),
        ("エクソソーム", "exosome"),
        ("EXOSOME", "exosome"),
    ]


def test_filter_by_japanese_reading_english_and_width() -> None:
    search = TermFilter(COURSE.terms)
    assert [t.id for t in search.filter("えくそ")] == ["exosome"]
    assert [t.id for t in search.filter("ＥＸＯ")] == ["exosome"]
    assert [t.id for t in search.filter(" 幹細胞 ")] == ["stem-cell"]
    assert [t.id for t in search.filter("s")] == ["stem-cell", "exosome"]
    assert search.filter("") == list(COURSE.terms)
    assert search.filter("zzz") == []


def test_filter_scales_to_many_terms() -> None:
    many = [replace(t, id=f"{t.id}-{k}", en=f"{t.en} {k}") for k in range(5000) for t in COURSE.terms]
    search = TermFilter(many)
    assert len(search.filter("exosome")) == 5000
    assert [t.id for t in search.filter("exosome 4999")] == ["exosome-4999"]
