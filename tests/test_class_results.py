"""Class results: the learner's name (asked once, saved, exported on every row) and honest
errors for a data folder that holds no answers."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import MINI
from tui.app import make_app
from tui.cli import main
from tui.content.loader import load_course
from tui.quiz.cards import question_hash
from tui.quiz.db import ReviewDB
from tui.quiz.learner import clean_name
from tui.quiz.session import QuizRequest
from tui.screens.learner_name import LearnerNameScreen
from tui.screens.quiz import QuizScreen
from tui.state import StateStore, UiState

COURSE = load_course(MINI)
NOW = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def answered(folder: Path) -> Path:
    q = COURSE.questions[0]
    db = ReviewDB(folder)
    db.add(
        {
            "question": q.id,
            "hash": question_hash(q),
            "lesson": "basics",
            "time": NOW.isoformat(),
            "correct": True,
            "score": 1.0,
            "answer": ["x"],
        }
    )
    db.close()
    return folder


def export(folder: Path, *extra: str) -> list[str]:
    return ["export", "results", "--content", str(MINI), "--data-dir", str(folder), *extra]


def test_clean_name() -> None:
    assert clean_name("  Hana   Sato ") == "Hana Sato"
    assert clean_name("佐藤 花子") == "佐藤 花子"
    assert clean_name("") is None and clean_name("   ") is None
    assert clean_name("a\x1b[31m") is None and clean_name("x\u202ey") is None
    assert clean_name("x" * 81) is None and clean_name("x" * 80) == "x" * 80


def test_saved_name_is_checked_on_load() -> None:
    assert UiState.from_json({"schema": 1, "learner": "Ann"}).learner == "Ann"  # type: ignore[union-attr]
    for bad in ("", "a\x00", 5, "x" * 300, " Ann"):
        assert UiState.from_json({"schema": 1, "learner": bad}).learner is None  # type: ignore[union-attr]


def test_name_is_on_every_row_and_saved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = answered(tmp_path / "d")
    assert main(export(folder, "--format", "json", "--name", " Hana  Sato ")) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(row["learner"] == "Hana Sato" for row in rows)
    assert StateStore(folder).load().learner == "Hana Sato"
    assert main(export(folder)) == 0  # remembered
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and all(row["learner"] == "Hana Sato" for row in rows)


def test_no_saved_name_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = answered(tmp_path / "d")
    assert main(export(folder, "--format", "json")) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)[0]["learner"] == "" and "--name NAME" in err


def test_bad_name_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(export(answered(tmp_path / "d"), "--name", "a\x1bb"))
    assert exit_info.value.code == 2 and "plain text" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", "handout", "--name", "Ann"])


def test_missing_data_dir_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    typo = tmp_path / "dta"
    assert main(export(typo)) == 1
    out, err = capsys.readouterr()
    assert out == "" and f"the folder {typo} does not exist (check --data-dir)" in err
    assert not typo.exists()


def test_data_dir_without_answers_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(export(empty, "--format", "json")) == 1
    out, err = capsys.readouterr()
    assert out == "" and f"{empty} holds no answer database (reviews.sqlite3)" in err
    assert list(empty.iterdir()) == []  # nothing was created there


def test_default_data_dir_without_answers_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "results", "--content", str(MINI)]) == 1
    assert "no answers to export" in capsys.readouterr().err


# -- the quiz asks once -------------------------------------------------------------------


def quiz(tmp_path: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    request = QuizRequest(lesson="basics", count=2, seed=0)
    return make_app(COURSE, tmp_path / "data", quiz=request, now=lambda: NOW, **kwargs)  # type: ignore[arg-type]


async def test_quiz_asks_the_name_once_and_saves_it(tmp_path: Path) -> None:
    app = quiz(tmp_path, ask_name=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LearnerNameScreen)
        await pilot.press("enter")  # empty: refused, the question stays
        await pilot.pause()
        assert isinstance(app.screen, LearnerNameScreen)
        await pilot.press(*"Ann Lee", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)  # then the quiz asked for starts
        await pilot.press("escape", "q")
    assert StateStore(tmp_path / "data").load().learner == "Ann Lee"
    again = quiz(tmp_path, ask_name=True)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, QuizScreen)  # remembered: not asked again


async def test_skipping_the_name_starts_the_quiz(tmp_path: Path) -> None:
    app = quiz(tmp_path, ask_name=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("escape", "q")
    assert StateStore(tmp_path / "data").load().learner is None


async def test_name_given_overrides_and_is_saved(tmp_path: Path) -> None:
    StateStore(tmp_path / "data").save(UiState(learner="Old"))
    app = quiz(tmp_path, ask_name=True, learner="New")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("escape", "q")
    assert StateStore(tmp_path / "data").load().learner == "New"
