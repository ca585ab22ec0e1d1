"""DISCERN on paper: the worksheet and the answer key as Markdown and self-contained HTML, and
the `export appraisals | discern-worksheet | discern-key` commands."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.test_handout import parse
from tui.cli import main
from tui.content.discern import load_discern, section_scores
from tui.content.loader import default_course_root, load_course
from tui.handout import to_html
from tui.quiz.db import ReviewDB
from tui.storage import data_dir
from tui.worksheet import CSS, key_markdown, worksheet_markdown

COURSE = load_course(default_course_root())
SEEDS = [s.seed for s in COURSE.sources]
DISCERN = load_discern(default_course_root(), SEEDS, None)


def check_html(html: str) -> None:
    doc = parse(html)
    assert doc.errors == [] and doc.stack == []
    assert html.startswith("<!DOCTYPE html>") and "@media print" in html
    assert {"script", "iframe", "img", "link"}.isdisjoint(doc.tags) and doc.srcs == []
    assert all(h.startswith("#") for h in doc.hrefs), doc.hrefs[:5]  # nothing linked out or fetched


@pytest.mark.parametrize("lang", ["en", "ja", "both"])
def test_worksheet_has_every_question_boxes_and_notes(lang: str) -> None:
    md = worksheet_markdown(COURSE, DISCERN, SEEDS, lang)
    html = to_html(md, "DISCERN", lang, CSS)
    check_html(html)
    assert len(re.findall(r"<h1[ >]", html)) == 5  # one page per article
    for question in DISCERN.instrument.questions:
        for text in (question.ask, question.hint):
            shown = text.ja if lang == "ja" else text.en
            assert shown in md
        assert len(re.findall(rf"<h3[^>]*>{question.number}\. ", html)) == 5
    assert html.count("☐") == 5 * 16 * 5  # a row of five boxes per question
    assert html.count("<td>\xa0</td>") == 5 * 16 * 2  # room for notes
    assert DISCERN.instrument.reference.doi in md  # the instrument is cited
    for source in COURSE.sources:
        assert source.seed in md


def test_worksheet_for_one_article_in_japanese() -> None:
    md = worksheet_markdown(COURSE, DISCERN, [SEEDS[1]], "ja")
    assert md.count("\n# ") == 0 and md.startswith("# DISCERN評価シート: 001 · 五良会クリニック白金高輪")
    assert "| 1 いいえ | 2 | 3 部分的 | 4 | 5 はい |" in md
    assert "| 1 低い | 2 | 3 中程度 | 4 | 5 高い |" in md  # question 16 is rated low to high


def test_key_has_ratings_reasons_and_quotes_with_article_and_clinic() -> None:
    md = key_markdown(COURSE, DISCERN, SEEDS, "en")
    html = to_html(md, "key", "en", CSS)
    check_html(html)
    for appraisal in DISCERN.appraisals:
        source = COURSE.source(appraisal.seed)
        assert source is not None
        for rating in appraisal.ratings:
            assert rating.why.en in md
            for ref in rating.quotes:
                publisher = source.publisher or "(names no clinic)"
                assert f"「{ref.quote}」" in md and f"`{ref.seed}` · {publisher}" in md, ref
            for term in rating.searched:
                assert f"「{term}」" in md
    assert "### 16. Overall: 3/5" in md  # 004's overall rating
    best = section_scores(DISCERN.appraisals[4].scores)  # 004 ranks first
    row = (
        f"| 1 | 004 · (names no clinic) | {best.reliability:.1f} | {best.treatment:.1f} | 3 | {best.total} |"
    )
    assert row in md  # the reference ranking
    assert len(re.findall(r"^### \d+\. ", md, re.M)) == 80


def test_documents_escape_content() -> None:
    hostile = "<script>alert(1)</script> [bold]b[/]"
    first = dataclasses.replace(
        DISCERN.instrument.questions[0],
        hint=dataclasses.replace(DISCERN.instrument.questions[0].hint, en=hostile),
    )
    instrument = dataclasses.replace(DISCERN.instrument, questions=(first, *DISCERN.instrument.questions[1:]))
    discern = dataclasses.replace(DISCERN, instrument=instrument)
    html = to_html(worksheet_markdown(COURSE, discern, SEEDS[:1], "en"), "<t>", "en", CSS)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<title>&lt;t&gt;</title>" in html


def test_export_worksheet_and_key_commands(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.html"
    assert (
        main(
            [
                "export",
                "discern-worksheet",
                "--article",
                "001",
                "--format",
                "html",
                "--lang",
                "both",
                "-o",
                str(sheet),
            ]
        )
        == 0
    )
    text = sheet.read_text("utf-8")
    check_html(text)
    assert "001_6a4e017ff932e135.txt" in text and "000_2557f7202a19de30.txt" not in text
    key = tmp_path / "key.md"
    assert main(["export", "discern-key", "-o", str(key)]) == 0
    assert key.read_text("utf-8").startswith("# DISCERN answer key")


def test_export_refuses_unknown_articles_and_misplaced_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "discern-key", "--article", "009"]) == 2
    assert "no article '009' (articles: 000, 001, 002, 003, 004)" in capsys.readouterr().err
    for argv in (
        ["export", "handout", "--article", "001"],
        ["export", "appraisals", "--format", "md"],
        ["export", "discern-worksheet", "--format", "csv"],
    ):
        with pytest.raises(SystemExit) as stopped:
            main(argv)
        assert stopped.value.code == 2


def test_export_appraisals_includes_the_learner_and_the_class(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    when = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    db = ReviewDB(data_dir(tmp_path / "data"))
    db.rate_article(SEEDS[2], 4, 1, when)
    db.save_hands(when.isoformat(), SEEDS[2], 4, (5, 2, 0, 0, 0), when)
    db.close()
    assert main(["export", "appraisals", "--format", "json", "--data-dir", str(tmp_path / "data")]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["who"], r["article"], r["question"]) for r in rows] == [
        ("learner", SEEDS[2], 4),
        ("class", SEEDS[2], 4),
    ]
    assert rows[1]["hands"] == [5, 2, 0, 0, 0] and rows[1]["median"] == 1.0
    out = tmp_path / "appraisals.csv"
    assert main(["export", "appraisals", "--data-dir", str(tmp_path / "data"), "-o", str(out)]) == 0
    table = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert [r["who"] for r in table] == ["learner", "class"] and table[0]["reference"] == "2"
    assert "wrote 1 rating(s) and 1 class count(s)" in capsys.readouterr().err
