"""`report class` with `export appraisals` files: the room's hands and the learners' own DISCERN
ratings per question beside the reference, in HTML and Markdown; duplicates count once; bad
appraisal files are named like bad results files."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.test_handout import parse
from tui.cli import main
from tui.content.discern import load_discern
from tui.content.loader import default_course_root, load_course
from tui.quiz.appraisals import ArticleRating, ClassTally, export_appraisals
from tui.quiz.classreport import ResultsError
from tui.quiz.discernreport import discern_figures, looks_like_appraisals, merge_appraisals, read_appraisals

COURSE = load_course(default_course_root())
DISCERN = load_discern(default_course_root(), [s.seed for s in COURSE.sources], None)
SEED = "001_6a4e017ff932e135.txt"
T0 = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    """The teacher's export (two class sessions on 001) and two learners' (one also rated 001)."""
    teacher = tmp_path / "teacher.json"
    teacher.write_text(
        export_appraisals(
            COURSE,
            DISCERN,
            [],
            [
                ClassTally("s1", SEED, 1, (0, 2, 5, 1, 0), T0.isoformat()),
                ClassTally("s2", SEED, 1, (1, 1, 3, 0, 0), T0.isoformat()),
                ClassTally("s2", SEED, 2, (0, 0, 0, 4, 0), T0.isoformat()),
            ],
            "json",
            "Teacher",
        ),
        "utf-8",
    )
    aiko = tmp_path / "aiko.csv"
    aiko.write_text(
        export_appraisals(
            COURSE,
            DISCERN,
            [ArticleRating(SEED, 1, 4, T0.isoformat()), ArticleRating(SEED, 16, 1, T0.isoformat())],
            [],
            "csv",
            "Aiko",
        ),
        "utf-8",
    )
    ben = tmp_path / "ben.json"  # no name in the export: credited to the file
    ben.write_text(
        export_appraisals(
            COURSE, DISCERN, [ArticleRating(SEED, 1, 2, (T0 + timedelta(minutes=1)).isoformat())], [], "json"
        ),
        "utf-8",
    )
    return [teacher, aiko, ben]


def test_files_are_told_apart_from_results(files: list[Path], tmp_path: Path) -> None:
    assert all(looks_like_appraisals(path) for path in files)
    results = tmp_path / "results.csv"
    results.write_text("learner,time,question,correct\nA,2026-01-01T00:00:00+00:00,q,true\n", "utf-8")
    assert not looks_like_appraisals(results) and not looks_like_appraisals(tmp_path / "missing.json")


def test_figures_per_question(files: list[Path]) -> None:
    merged = merge_appraisals([*files, files[0]])  # the teacher's file twice: counted once
    assert merged.failures == [] and [name for name, _ in merged.files][-1] == str(files[0])
    (article,) = discern_figures(DISCERN, merged.rows)
    assert (article.seed, article.sessions, article.learners) == (SEED, 2, 2)
    first, second = article.questions[0], article.questions[1]
    assert first.room == (1, 3, 8, 1, 0) and first.room_median == 3.0
    assert first.learners == (0, 1, 0, 1, 0) and first.learners_median == 3.0  # Aiko 4, ben 2
    assert second.room == (0, 0, 0, 4, 0) and second.learners == (0, 0, 0, 0, 0)
    assert article.questions[15].learners == (1, 0, 0, 0, 0)
    assert all(q.reference == DISCERN.appraisal(SEED).rating(q.number).score for q in article.questions)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ('[{"who": "teacher", "article": "001_x.txt", "question": 1, "time": "t"}]', "who"),
        (
            '[{"who": "learner", "article": "001_x.txt", "question": 17, "rating": 3, "time": "t"}]',
            "question",
        ),
        ('[{"who": "learner", "article": "001_x.txt", "question": 1, "rating": 9, "time": "t"}]', "rating"),
        ('[{"who": "class", "article": "001_x.txt", "question": 1, "hands": [1, 2], "time": "t"}]', "hands"),
        (
            '[{"who": "class", "article": "a\\nb", "question": 1, "hands": [0, 0, 0, 0, 1], "time": "t"}]',
            "article",
        ),
        ("who,article,question,rating,time\nlearner,001_x.txt,1,,t\n", "rating"),
    ],
)
def test_a_bad_row_is_named(tmp_path: Path, content: str, field: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, "utf-8")
    with pytest.raises(ResultsError) as raised:
        read_appraisals(path)
    assert raised.value.key == "report.bad_row" and raised.value.values["field"] == field


def test_report_class_shows_the_class_beside_the_reference(
    files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    md = tmp_path / "report.md"
    assert main(["report", "class", *map(str, files), "-o", str(md)]) == 0
    text = md.read_text("utf-8")
    assert "## DISCERN: the class's ratings beside the reference" in text
    assert "### 001 · 五良会クリニック白金高輪" in text and "2 class session(s) · 2 learner(s)" in text
    reference = DISCERN.appraisal(SEED).rating(1).score  # type: ignore[union-attr]
    assert f"| 1 | Clear aims | the room (hands) | 1 | 3 | 8 | 1 | 0 | 3 | {reference} |" in text
    assert f"|  |  | learners | 0 | 1 | 0 | 1 | 0 | 3 | {reference} |" in text
    assert "| 3 | Relevant | — | — | — | — | — | — | — |" in text  # no one rated question 3
    page = tmp_path / "report.html"
    assert main(["report", "class", *map(str, files), "-o", str(page), "--lang", "ja"]) == 0
    html = page.read_text("utf-8")
    doc = parse(html)
    assert doc.errors == [] and doc.stack == [] and "script" not in doc.tags
    assert "DISCERN: クラスの評価と参照評価" in html and "クラス(挙手)" in html


def test_a_bad_appraisal_file_is_named_and_the_rest_reported(
    files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"who": "class", "article": SEED, "question": 1, "hands": "x", "time": "t"}]))
    out = tmp_path / "r.md"
    assert main(["report", "class", str(files[0]), str(bad), "-o", str(out)]) == 1
    assert "bad.json: row 1: 'hands' is missing or not valid" in capsys.readouterr().err
    assert "1 class session(s)" not in out.read_text("utf-8") and "2 class session(s)" in out.read_text(
        "utf-8"
    )
