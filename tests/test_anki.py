"""`export anki`: an .apkg Anki opens, one note per question, stable ids, escaped HTML."""

from __future__ import annotations

import sqlite3
import zipfile
from dataclasses import replace
from pathlib import Path

import genanki
import pytest

from tests.conftest import MINI
from tui.cli import main
from tui.content.loader import load_course
from tui.quiz.anki import DECK_ID, MODEL_ID, anki_package

REAL = load_course()


def open_apkg(path: Path, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(path) as package:
        assert "collection.anki2" in package.namelist()
        target = tmp_path / f"{path.stem}.anki2"
        target.write_bytes(package.read("collection.anki2"))
    return sqlite3.connect(target)


def notes(conn: sqlite3.Connection) -> list[tuple[str, list[str], set[str]]]:
    rows = conn.execute("SELECT guid, flds, tags FROM notes ORDER BY id").fetchall()
    return [(guid, flds.split("\x1f"), set(tags.split())) for guid, flds, tags in rows]


@pytest.mark.parametrize("lang", ["en", "ja", "both"])
def test_export_anki_real_course(tmp_path: Path, lang: str) -> None:
    out = tmp_path / f"deck-{lang}.apkg"
    assert main(["export", "anki", "--lang", lang, "-o", str(out)]) == 0
    conn = open_apkg(out, tmp_path)
    found = notes(conn)
    assert len(found) == len(REAL.questions)
    steps = {step.id: lesson.id for lesson, step in REAL.steps()}
    by_guid = {guid: (fields, tags) for guid, fields, tags in found}
    for q in REAL.questions:
        fields, tags = by_guid[genanki.guid_for(q.id)]
        assert tags == {steps[q.step]}
        front, back, _ = fields
        assert "**" not in front + back  # Markdown is rendered, not left raw
        for ref in q.sources:
            assert ref.seed in back
        publisher = REAL.source(q.sources[0].seed).publisher  # type: ignore[union-attr]
        if publisher:
            assert publisher in back
    decks = conn.execute("SELECT decks, models FROM col").fetchone()
    assert str(DECK_ID) in decks[0] and str(MODEL_ID) in decks[1]


def test_choice_front_lists_options_in_authored_order_and_back_has_the_answer(tmp_path: Path) -> None:
    q = next(q for q in REAL.questions if q.type == "single")
    data = anki_package(replace(REAL, questions=(q,)), "en")
    (tmp_path / "one.apkg").write_bytes(data)
    [(_, (front, back, _), _)] = notes(open_apkg(tmp_path / "one.apkg", tmp_path))
    positions = [front.index(f"{chr(65 + i)}. ") for i in range(len(q.options))]
    assert positions == sorted(positions)
    right = next(i for i, o in enumerate(q.options) if o.correct)
    assert f"{chr(65 + right)}. " in back and q.sources[0].quote in back


def test_guids_and_ids_are_stable_across_exports(tmp_path: Path) -> None:
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    assert main(["export", "anki", "-o", str(first)]) == 0
    assert main(["export", "anki", "-o", str(second)]) == 0
    a = [guid for guid, _, _ in notes(open_apkg(first, tmp_path))]
    b = [guid for guid, _, _ in notes(open_apkg(second, tmp_path))]
    assert a == b and len(set(a)) == len(a)


def test_html_in_content_is_escaped(tmp_path: Path) -> None:
    course = load_course(MINI)
    q = course.questions[0]
    hostile = replace(
        q, prompt=replace(q.prompt, en='<script>alert(1)</script> <img src=x onerror="y"> **bold**')
    )
    (tmp_path / "x.apkg").write_bytes(anki_package(replace(course, questions=(hostile,)), "en"))
    [(_, (front, _, _), _)] = notes(open_apkg(tmp_path / "x.apkg", tmp_path))
    assert "<script>" not in front and "&lt;script&gt;" in front and "<img" not in front
    assert "<strong>bold</strong>" in front


def test_export_anki_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "anki"])
    assert exit_info.value.code == 2 and "-o FILE.apkg" in capsys.readouterr().err
