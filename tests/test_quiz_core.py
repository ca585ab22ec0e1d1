"""The quiz core: grading of every type, FSRS with fixed times, the review store and sessions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import MINI
from tui.content.loader import load_course
from tui.quiz.cards import card_key, question_hash, replay
from tui.quiz.grading import Answer, describe_answer, describe_correct, grade, normalise_answer
from tui.quiz.session import mistakes, select, status, summarise

COURSE = load_course(MINI)
Q = {q.id: q for q in COURSE.questions}
TERMS = {t.id: t for t in COURSE.terms}
T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def record(qid: str, correct: bool, when: datetime, lesson: str = "basics") -> dict[str, object]:
    q = Q[qid]
    return {
        "question": qid,
        "hash": question_hash(q),
        "lesson": lesson,
        "time": when.isoformat(),
        "correct": correct,
        "score": float(correct),
        "answer": [],
    }


# -- grading ------------------------------------------------------------------


def test_single_choice() -> None:
    q = Q["q-basics-1"]
    assert grade(q, Answer(choices=frozenset({0})), TERMS).correct
    wrong = grade(q, Answer(choices=frozenset({2})), TERMS)
    assert not wrong.correct and wrong.wrong_options == (2,) and wrong.missed_options == (0,)


def test_multiple_answer_partial_selection() -> None:
    q = Q["q-basics-2"]  # options 0 and 1 are correct
    full = grade(q, Answer(choices=frozenset({0, 1})), TERMS)
    assert full.correct and full.score == 1.0
    half = grade(q, Answer(choices=frozenset({0})), TERMS)
    assert not half.correct and half.score == 0.5 and half.missed_options == (1,)
    mixed = grade(q, Answer(choices=frozenset({0, 2})), TERMS)
    assert not mixed.correct and mixed.score == 0.0 and mixed.wrong_options == (2,)
    everything = grade(q, Answer(choices=frozenset({0, 1, 2})), TERMS)
    assert not everything.correct and everything.score == 0.5


def test_myth_fact() -> None:
    q = Q["q-basics-3"]
    assert grade(q, Answer(verdict="fact"), TERMS).correct
    assert not grade(q, Answer(verdict="myth"), TERMS).correct


def test_order() -> None:
    q = Q["q-basics-4"]
    assert grade(q, Answer(order=(0, 1, 2)), TERMS).correct
    swapped = grade(q, Answer(order=(1, 0, 2)), TERMS)
    assert not swapped.correct and swapped.score == pytest.approx(1 / 3)


def test_match() -> None:
    q = Q["q-basics-5"]
    assert grade(q, Answer(pairs=((0, 0), (1, 1), (2, 2))), TERMS).correct
    partial = grade(q, Answer(pairs=((0, 1), (1, 0), (2, 2))), TERMS)
    assert not partial.correct and partial.score == pytest.approx(1 / 3)
    incomplete = grade(q, Answer(pairs=((0, 0), (1, 1))), TERMS)
    assert not incomplete.correct


@pytest.mark.parametrize(
    "typed",
    [
        "幹細胞",
        "かんさいぼう",
        "カンサイボウ",
        "stem cell",
        "  STEM   Cell ",
        "ｓｔｅｍ　ｃｅｌｌ",
        "stem cells",
    ],
)
def test_recall_accepts_ja_reading_en_fullwidth(typed: str) -> None:
    assert grade(Q["q-basics-6"], Answer(text=typed), TERMS).correct


@pytest.mark.parametrize("typed", ["exosome", "stemcel", "stem  cal", "幹", "幹細", "sterncall"])
def test_recall_rejects(typed: str) -> None:
    assert not grade(Q["q-basics-6"], Answer(text=typed), TERMS).correct


@pytest.mark.parametrize(
    ("typed", "form"),
    [
        ("stemcell", "stem cell"),
        ("stem cel", "stem cell"),
        ("STEM CALL", "stem cell"),
        ("stem cellz", "stem cell"),
    ],
)
def test_recall_accepts_one_edit_away_and_names_the_spelling(typed: str, form: str) -> None:
    result = grade(Q["q-basics-6"], Answer(text=typed), TERMS)
    assert result.correct and result.close_to == form


def test_one_edit_only_for_long_forms() -> None:
    """幹細胞 and かんさいぼう are under 5 characters or exact: a slip there is another word."""
    assert not grade(Q["q-basics-6"], Answer(text="幹細包"), TERMS).correct  # 3 characters
    close = grade(Q["q-basics-6"], Answer(text="かんさいぼ"), TERMS)  # 6 characters: one slip is fine
    assert close.correct and close.close_to == "かんさいぼう"


@pytest.mark.parametrize("qid", sorted(Q))
def test_empty_answers_are_wrong(qid: str) -> None:
    result = grade(Q[qid], Answer(text="   "), TERMS)
    assert not result.correct and result.empty and result.score == 0
    assert describe_answer(Q[qid], Answer(), "en") == ["(no answer)"]


def test_normalise() -> None:
    assert normalise_answer("　ＡＢＣ　ｄｅ ") == "abc de"
    assert normalise_answer("エクソソーム") == "えくそそーむ"


def test_describe_labels_answers() -> None:
    q = Q["q-basics-1"]
    assert describe_answer(q, Answer(choices=frozenset({1})), "en") == ["B. A vesicle"]
    assert describe_correct(q, TERMS, "ja") == ["A. 分化できる細胞"]
    assert describe_correct(Q["q-basics-6"], TERMS, "en") == ["幹細胞 (かんさいぼう) / stem cell"]


# -- FSRS -----------------------------------------------------------------------


def test_fsrs_good_and_again_with_fixed_times() -> None:
    records = [record("q-basics-1", True, T0)]
    state = replay(records)[card_key(Q["q-basics-1"])]
    assert state.card.due == T0 + timedelta(minutes=10)  # first learning step after Good
    records.append(record("q-basics-1", True, T0 + timedelta(minutes=10)))
    state = replay(records)[card_key(Q["q-basics-1"])]
    assert state.card.due > T0 + timedelta(days=1)  # graduated
    records.append(record("q-basics-1", False, T0 + timedelta(days=5)))
    state = replay(records)[card_key(Q["q-basics-1"])]
    assert state.card.due == T0 + timedelta(days=5, minutes=10)  # Again: relearning step
    assert state.reviews == 3 and state.last_correct is False


def test_replay_is_deterministic() -> None:
    records = [record("q-basics-1", i % 2 == 0, T0 + timedelta(days=i)) for i in range(6)]
    a = replay(records)[card_key(Q["q-basics-1"])].card
    b = replay(list(reversed(records)))[card_key(Q["q-basics-1"])].card
    assert a.to_dict() == b.to_dict()


def test_edited_question_is_changed_relearn() -> None:
    q = Q["q-basics-1"]
    records = [record("q-basics-1", True, T0)]
    assert status(q, records) == "seen"
    edited = replace(q, prompt=replace(q.prompt, en="How, according to article 100, is a stem cell defined?"))
    assert status(edited, records) == "changed"
    assert card_key(edited) not in replay(records)
    assert status(Q["q-basics-2"], records) == "new"


# -- sessions -------------------------------------------------------------------


def test_select_due_mistakes_lesson_count_seed() -> None:
    records = [
        record("q-basics-1", False, T0),
        record("q-basics-2", True, T0),
        record("q-basics-3", True, T0 - timedelta(days=30)),
    ]
    now = T0 + timedelta(hours=1)
    assert [q.id for q in select(COURSE, records, mistakes_only=True, now=now)] == ["q-basics-1"]
    due_ids = {q.id for q in select(COURSE, records, due_only=True, now=now)}
    assert due_ids == {"q-basics-1", "q-basics-2", "q-basics-3"}
    assert len(select(COURSE, records, count=2, now=now)) == 2
    assert select(COURSE, records, seed=7, now=now) == select(COURSE, records, seed=7, now=now)
    assert select(COURSE, [], lesson="claims", now=now) == []
    first = select(COURSE, records, seed=1, now=now)
    assert {q.id for q in first[:3]} == due_ids  # due questions come first


def test_mistakes_use_the_latest_answer() -> None:
    records = [record("q-basics-1", False, T0), record("q-basics-1", True, T0 + timedelta(days=1))]
    assert mistakes(COURSE, records) == []


def test_summary_streak_and_mastery() -> None:
    records = [
        record("q-basics-1", True, T0 - timedelta(days=2)),
        record("q-basics-2", False, T0 - timedelta(days=1)),
        record("q-basics-2", True, T0),
    ]
    summary = summarise(COURSE, records, T0 + timedelta(hours=2))
    assert summary.streak == 3 and summary.answered == 3 and summary.mistakes == 0
    assert summary.per_lesson["basics"] == (2, 6)
    assert [share for _, share in summary.history["basics"]] == [1 / 6, 1 / 6, 2 / 6]


# -- ratings, forecast, retention ---------------------------------------------------


def test_replay_uses_the_rating_and_defaults_old_records() -> None:
    key = card_key(Q["q-basics-1"])
    old = replay([record("q-basics-1", True, T0)])[key].card.due
    good = replay([{**record("q-basics-1", True, T0), "rating": 3}])[key].card.due
    easy = replay([{**record("q-basics-1", True, T0), "rating": 4}])[key].card.due
    hard = replay([{**record("q-basics-1", True, T0), "rating": 2}])[key].card.due
    wrong = replay([record("q-basics-1", False, T0)])[key].card.due
    assert old == good and hard < good < easy and wrong < hard
    assert easy - T0 == timedelta(days=8)  # fuzzing off: the same every time


def test_forecast_and_retention() -> None:
    records = [
        record("q-basics-1", True, T0),
        record("q-basics-1", False, T0 + timedelta(days=1)),
        record("q-basics-1", True, T0 + timedelta(days=2)),
        record("q-basics-2", True, T0),
    ]
    summary = summarise(COURSE, records, T0 + timedelta(days=2, hours=1))
    assert summary.retention == 0.5 and summary.retention_reviews == 2  # first sightings don't count
    assert len(summary.forecast) == 7 and sum(summary.forecast) == 2
    assert summary.forecast[0] >= 1  # q-basics-2's learning step is long overdue
    first = summarise(COURSE, records[:1], T0)
    assert first.retention is None and first.forecast == [1, 0, 0, 0, 0, 0, 0]
