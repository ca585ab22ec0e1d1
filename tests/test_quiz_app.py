"""Pilot tests of quiz sessions, feedback, persistence, restart and export."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import MINI, footer_overflow
from tests.conftest import plain as text
from tui.app import make_app
from tui.cli import main
from tui.content.loader import load_course
from tui.quiz.db import ReviewDB
from tui.quiz.session import QuizRequest
from tui.screens.quiz import QuizScreen
from tui.screens.quiz_home import QuizHome
from tui.screens.walkthrough import StepPeek, WalkthroughScreen

COURSE = load_course(MINI)
NOW = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def quiz_app(tmp_path: Path, **request: object):  # type: ignore[no-untyped-def]
    return make_app(COURSE, tmp_path / "data", quiz=QuizRequest(**request), now=clock)  # type: ignore[arg-type]


ANSWERS = {  # keys that answer each fixture question correctly
    "q-basics-1": ["1"],
    "q-basics-2": ["1", "2", "enter"],
    "q-basics-3": ["f"],
    "q-basics-5": None,
    "q-basics-4": None,
    "q-basics-6": None,
}


async def answer_current(pilot, screen: QuizScreen, correctly: bool) -> None:  # type: ignore[no-untyped-def]
    q = screen.question
    order = screen.order  # keys follow the displayed (shuffled) order
    if q.type == "single":
        right = next(i for i, o in enumerate(q.options) if o.correct)
        pick = right if correctly else (right + 1) % len(q.options)
        await pilot.press(str(order.index(pick) + 1))
    elif q.type == "multiple":
        keys = [str(order.index(i) + 1) for i, o in enumerate(q.options) if o.correct]
        await pilot.press(*(keys if correctly else keys[:1]), "enter")
    elif q.type == "myth_fact":
        await pilot.press("f" if (q.answer == "fact") == correctly else "m")
    elif q.type == "order":
        widget = screen.query_one("#quiz-input").children[0]
        if correctly:
            widget.order = list(range(len(q.sequence)))  # type: ignore[attr-defined]
        await pilot.press("enter")
    elif q.type == "match":
        widget = screen.query_one("#quiz-input").children[0]
        for left in range(len(q.pairs)):
            target = left if correctly else (left + 1) % len(q.pairs)
            await pilot.press(str(left + 1), "abcde"[widget.rights.index(target)])  # type: ignore[attr-defined]
        await pilot.press("enter")
    else:
        await pilot.press(*("かんさいぼう" if correctly else "nope"), "enter")
    await pilot.pause()


async def test_whole_session_every_type(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, count=None, seed=4)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen) and len(screen.questions) == 6
        seen = set()
        for n in range(6):
            seen.add(screen.question.type)
            await answer_current(pilot, screen, correctly=n % 2 == 0)
            feedback = text(screen.query_one("#quiz-feedback"))
            assert ("✔ Correct" in feedback) == (n % 2 == 0), feedback
            assert "Your answer:" in feedback and "Correct answer:" in feedback
            assert "「" in feedback and ".txt" in feedback
            await pilot.press("enter")
            await pilot.pause()
        assert seen == {"single", "multiple", "myth_fact", "order", "match", "recall"}
        assert isinstance(app.screen, QuizHome)
        summary = text(app.screen.query_one("#quiz-summary"))
        assert "This session: 3/6" in summary and "Streak: 1" in summary
    records = ReviewDB(tmp_path / "data").load()
    assert len(records) == 6 and sum(r["correct"] for r in records) == 3
    assert all(r["time"] == NOW.isoformat() for r in records)


async def test_wrong_choice_shows_why_and_labels(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, lesson="basics", count=None, seed=0)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        while screen.question.id != "q-basics-1":
            await answer_current(pilot, screen, True)
            await pilot.press("enter")
            await pilot.pause()
        shown = "ABC"[screen.order.index(1)]  # the vesicle, wherever the shuffle put it
        right = "ABC"[screen.order.index(0)]
        await pilot.press(shown.lower())
        await pilot.pause()
        feedback = text(screen.query_one("#quiz-feedback"))
        assert "✘ Not quite" in feedback
        assert f"Your answer:\n   {shown}. A vesicle" in feedback
        assert f"Correct answer:\n   {right}. A cell that can differentiate" in feedback
        assert f"Why {shown} is wrong:\nThat is the exosome." in feedback
        assert "「さまざまな細胞に分化できる細胞」" in feedback


async def test_restart_mid_session_keeps_answers_and_mistakes(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, count=None, seed=4)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        wrong_id = screen.question.id  # type: ignore[attr-defined]
        await answer_current(pilot, screen, correctly=False)
        await pilot.press("enter")
        await pilot.pause()
        await answer_current(pilot, screen, correctly=True)
        await pilot.press("q")  # quit halfway
    assert len(ReviewDB(tmp_path / "data").load()) == 2
    app = quiz_app(tmp_path, count=None, kind="mistakes")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert [q.id for q in screen.questions] == [wrong_id]


async def test_teaching_step_and_back(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, count=1, seed=1)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        await pilot.press("w")  # not answered yet: nothing happens
        assert app.screen is quiz
        await answer_current(pilot, quiz, True)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, StepPeek) and app.screen.step.id == quiz.question.step
        await pilot.press("escape")
        assert app.screen is quiz


async def test_quiz_from_walkthrough_key_uses_the_lesson(tmp_path: Path) -> None:
    app = make_app(COURSE, tmp_path / "data", now=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("right_square_bracket")  # lesson "claims" has no questions
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
        assert any("No questions" in n.message for n in app._notifications)
        await pilot.press("left_square_bracket", "x")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert {q.step.split(".")[0] for q in app.screen.questions} == {"basics"}


async def test_nothing_due(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, kind="due", count=None)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuizHome)
        assert any("No questions due" in n.message for n in app._notifications)


async def test_due_after_time_passes(tmp_path: Path) -> None:
    store = ReviewDB(tmp_path / "data")
    from tui.quiz.cards import question_hash

    q = COURSE.questions[0]
    store.add(
        {
            "question": q.id,
            "hash": question_hash(q),
            "lesson": "basics",
            "time": (NOW - timedelta(days=3)).isoformat(),
            "correct": False,
            "score": 0.0,
            "answer": [],
        }
    )
    app = quiz_app(tmp_path, kind="due", count=None)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and [x.id for x in app.screen.questions] == [q.id]


async def test_unsaveable_answers_warn_once(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder", "utf-8")
    app = quiz_app(tmp_path, count=2, seed=2)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        for _ in range(2):
            await answer_current(pilot, app.screen, True)  # type: ignore[arg-type]
            await pilot.press("enter")
            await pilot.pause()
        assert sum("can't be saved" in n.message for n in app._notifications) == 1


def test_export_csv_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tui.quiz.cards import question_hash

    q = COURSE.questions[0]
    ReviewDB(tmp_path).add(
        {
            "question": q.id,
            "hash": question_hash(q),
            "lesson": "basics",
            "time": NOW.isoformat(),
            "correct": True,
            "score": 1.0,
            "answer": ["A. x"],
        }
    )
    assert (
        main(
            [
                "export",
                "results",
                "--format",
                "json",
                "--content",
                str(MINI),
                "--data-dir",
                str(tmp_path),
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data[0]["question"] == q.id and data[0]["correct"] is True and data[0]["prompt_ja"]
    out = tmp_path / "results.csv"
    assert (
        main(
            [
                "export",
                "results",
                "--content",
                str(MINI),
                "--data-dir",
                str(tmp_path),
                "-o",
                str(out),
            ]
        )
        == 0
    )
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert rows[0]["question"] == q.id and rows[0]["answer"] == "A. x"


def test_quiz_cli_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["quiz", "--count", "0", "--content", str(MINI)])
    assert exit_info.value.code == 2
    assert main(["quiz", "--lesson", "nope", "--content", str(MINI)]) == 2
    assert "no lesson 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize("presses", [0, 1], ids=["en", "ja"])
def test_feedback_snapshot(snap_compare, tmp_path: Path, presses: int) -> None:  # type: ignore[no-untyped-def]
    app = make_app(COURSE, tmp_path / "data", now=clock, quiz=QuizRequest(lesson="basics", count=1, seed=0))

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        app.language = "ja" if presses else "en"
        await pilot.pause()
        await answer_current(pilot, app.screen, correctly=False)  # type: ignore[arg-type]

    assert snap_compare(app, terminal_size=(100, 40), run_before=run_before)


# -- ratings, forecast, the database ------------------------------------------------------


async def test_rating_keys_change_the_schedule_and_are_saved(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, lesson="basics", count=None, seed=0)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        for _ in range(len(screen.questions)):
            qtype = screen.question.type
            await answer_current(pilot, screen, correctly=qtype != "myth_fact")
            feedback = text(screen.query_one("#quiz-feedback"))
            if qtype == "single":
                assert "3 Good 10 min" in feedback and "Next review in 10 min" in feedback
                await pilot.press("4")
                await pilot.pause()
                assert "Next review in 8 days" in text(screen.query_one("#quiz-feedback"))
            elif qtype == "myth_fact":
                await pilot.press("4")  # a wrong answer stays Again
                await pilot.pause()
                assert "A wrong answer is rated Again" in text(screen.query_one("#quiz-feedback"))
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, QuizHome)
        summary = text(app.screen.query_one("#quiz-summary"))
        assert "Reviews due in the next 7 days" in summary and "today" in summary
        assert "Retention: " in summary
    ratings = {r["question"]: r["rating"] for r in ReviewDB(tmp_path / "data").load()}
    assert ratings["q-basics-1"] == 4 and ratings["q-basics-3"] == 1 and ratings["q-basics-2"] == 3


async def test_legacy_log_is_imported_with_a_notice(tmp_path: Path) -> None:
    from tui.quiz.cards import question_hash

    q = COURSE.questions[0]
    line = {
        "question": q.id,
        "hash": question_hash(q),
        "lesson": "basics",
        "time": (NOW - timedelta(days=2)).isoformat(),
        "correct": True,
        "score": 1.0,
        "answer": [],
    }
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "reviews.jsonl").write_text(json.dumps(line) + "\n", "utf-8")
    app = quiz_app(tmp_path, kind="due", count=None)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert any("were moved from reviews.jsonl" in n.message for n in app._notifications)
    assert (tmp_path / "data" / "reviews.jsonl.imported").exists()


async def test_unsaved_answers_are_retried_and_quit_asks_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    def full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    app = quiz_app(tmp_path, count=1, seed=2)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(ReviewDB, "_insert", full)
        await answer_current(pilot, app.screen, True)  # type: ignore[arg-type]
        assert "Not saved yet: 1 answer(s)" in text(app.screen.query_one("#quiz-feedback"))
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        assert any("Press q again" in n.message for n in app._notifications)
        monkeypatch.undo()
        await pilot.press("q")  # retried on quit: saved this time
        await pilot.pause()
    assert len(ReviewDB(tmp_path / "data").load()) == 1


def test_export_results_is_plain_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tui.quiz.cards import question_hash

    real = load_course()
    q = next(q for q in real.questions if "**" in q.prompt.en and q.type == "single")
    ReviewDB(tmp_path).add(
        {
            "question": q.id,
            "hash": question_hash(q),
            "lesson": "x",
            "time": NOW.isoformat(),
            "correct": False,
            "score": 0.0,
            "answer": ["**x**"],
            "choices": [2],
            "options_shown": [3, 2, 1, 0],
        }
    )
    assert main(["export", "results", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "**" not in out and q.prompt.en.replace("**", "") in out
    assert main(["export", "results", "--format", "json", "--data-dir", str(tmp_path)]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert row["choices"] == [2] and row["options_shown"] == [3, 2, 1, 0] and row["rating"] == "again"


def test_answer_key_seed_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    from tui.quiz.order import option_order

    q = COURSE.questions[0]
    assert main(["export", "answer-key", "--content", str(MINI), "--seed", "5"]) == 0
    out = capsys.readouterr().out
    first = q.options[option_order(q, 5)[0]].text.en
    assert f"**A.** {first}" in out


def test_close_spelling_and_pair_marks_in_feedback() -> None:
    from tui.quiz.grading import Answer, grade
    from tui.quiz.records import Result
    from tui.widgets.quiz_feedback import feedback_content

    terms = {t.id: t for t in COURSE.terms}
    recall = next(q for q in COURSE.questions if q.type == "recall")
    result = Result(recall, Answer(text="stemcell"), grade(recall, Answer(text="stemcell"), terms))
    assert "close: the exact spelling is stem cell" in feedback_content(COURSE, result, "en", terms).plain
    ja = feedback_content(COURSE, result, "ja", terms).plain
    assert "惜しい: 正しくは stem cell" in ja
    match = next(q for q in COURSE.questions if q.type == "match")
    answer = Answer(pairs=((0, 0), (1, 2), (2, 1)))
    plain = feedback_content(COURSE, Result(match, answer, grade(match, answer, terms)), "en", terms).plain
    assert "✓ a → 1" in plain and "✗ b → 3" in plain and "✗ c → 2" in plain


async def test_the_verdict_is_on_screen_at_80x24(tmp_path: Path) -> None:
    """A long question (5 pairs) pushes the feedback below the fold; answering scrolls to it."""
    from tui.content.paths import default_course_root

    course = load_course(default_course_root())
    question = max((q for q in course.questions if q.type == "match"), key=lambda q: len(q.pairs))
    lesson = next(lesson.id for lesson in course.lessons for step in lesson.steps if step.id == question.step)
    app = make_app(course, tmp_path / "data", now=clock, quiz=QuizRequest(lesson=lesson, count=None, seed=0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        screen.index = screen.questions.index(question)
        screen.show_question()
        await pilot.pause()
        await pilot.press("enter")  # an empty answer still gets its verdict
        await pilot.pause()
        await pilot.pause()
        feedback = screen.query_one("#quiz-feedback")
        top_line = feedback.region.y + 1  # the line under the box's border holds ✔ / ✘
        assert screen.query_one("#quiz").region.y <= top_line < screen.query_one("#quiz").region.bottom
        assert "✘" in text(feedback)


@pytest.mark.parametrize("kind", ["single", "multiple", "myth_fact", "order", "match", "recall"])
async def test_every_footer_key_fits_80_columns(tmp_path: Path, kind: str) -> None:
    """At 80×24, in English and Japanese, no question type pushes "end quiz" or "quit" off."""
    from dataclasses import replace

    course = load_course()
    only = replace(course, questions=tuple(q for q in course.questions if q.type == kind))
    for language in ("en", "ja"):
        app = make_app(only, tmp_path / language, save=False, quiz=QuizRequest(count=2, seed=1))
        async with app.run_test(size=(80, 24)) as pilot:
            app.language = language
            for _ in range(4):
                await pilot.pause()
            assert not footer_overflow(app)


@pytest.mark.parametrize("language", ["en", "ja"])
async def test_the_teaching_steps_footer_fits_80_columns(tmp_path: Path, language: str) -> None:
    app = quiz_app(tmp_path, count=1, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        app.language = language
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        await answer_current(pilot, quiz, True)
        await pilot.press("w")
        for _ in range(4):
            await pilot.pause()
        assert isinstance(app.screen, StepPeek)
        assert not footer_overflow(app)


async def test_a_term_asked_for_as_the_teaching_step_opens(tmp_path: Path) -> None:
    """w then t at once: the step's first term is shown before its glossary has been filled
    (its parts are made after the first frame); the reviewer saw this crash."""
    from textual import events

    from tui.widgets.glossary_panel import GlossaryPanel

    app = quiz_app(tmp_path, count=1, seed=1)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        await answer_current(pilot, quiz, True)
        app.post_message(events.Key("w", "w"))
        app.post_message(events.Key("t", "t"))
        for _ in range(5):
            await pilot.pause()
        peek = app.screen
        assert isinstance(peek, StepPeek)
        panel = peek.query_one(GlossaryPanel)
        assert panel.current is not None and panel.current.id == peek.step_terms(peek.step)[0]
        assert panel.current.en in text(panel.parts.card)


@pytest.mark.parametrize("seed", [1, 2, 3])  # these seeds open on myth/fact and single questions
async def test_the_feedback_is_in_the_first_frame_after_the_answer(tmp_path: Path, seed: int) -> None:
    """A single-choice (or myth/fact) key draws its feedback (and the chosen option) in one frame, not a frame
    of the highlighted option first and the feedback a refresh later."""
    app = quiz_app(tmp_path, count=1, seed=seed)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and quiz.question.type in ("single", "myth_fact")
        frames: list[bool] = []
        original = app._display

        def display(screen, renderable):  # type: ignore[no-untyped-def]
            frames.append(quiz.query_one("#quiz-feedback").display)
            return original(screen, renderable)

        app._display = display  # type: ignore[method-assign]
        await pilot.press("1")  # the first option, or "myth"
        for _ in range(3):
            await pilot.pause()
        assert frames and frames[0] is True


async def test_the_teaching_step_counts_what_the_learner_has_read(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, count=1, seed=1)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        assert app.reviews is not None
        for lesson in COURSE.lessons:
            for step in lesson.steps:
                app.reviews.mark_read(step.id, clock())
        await answer_current(pilot, quiz, True)
        await pilot.press("w")
        for _ in range(3):
            await pilot.pause()
        total = sum(len(lesson.steps) for lesson in COURSE.lessons)
        assert isinstance(app.screen, StepPeek)
        assert f"{total}/{total} read (100%)" in text(app.screen.query_one("#progress"))


async def test_each_question_starts_at_its_top(tmp_path: Path) -> None:
    """A long feedback scrolls the view down; the next question opens with its prompt in view,
    a recall question too (its input is focused on mount, which scrolls only to the input)."""
    from dataclasses import replace

    from textual.containers import VerticalScroll

    course = load_course()
    recall = replace(course, questions=tuple(q for q in course.questions if q.type == "recall"))
    app = make_app(recall, tmp_path / "data", quiz=QuizRequest(count=4, seed=1), now=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        view = quiz.query_one("#quiz", VerticalScroll)
        for _ in range(len(quiz.questions) - 1):
            await pilot.press(*"zzz", "enter")  # wrong: the feedback shows the whole answer
            for _ in range(5):
                await pilot.pause(0.02)  # the feedback is brought into view by a short timer
            view.scroll_end(animate=False)
            await pilot.pause()
            await pilot.press("enter")
            for _ in range(3):
                await pilot.pause()
            prompt = quiz.query_one("#quiz-prompt")
            assert prompt.virtual_region.y >= view.scroll_y, quiz.question.id  # its prompt in view
