"""Choose questions for a session and summarise progress from the review log."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tui.content.model import Course, Question
from tui.quiz.cards import card_key, question_hash, replay
from tui.quiz.records import SessionKind
from tui.quiz.store import Record


@dataclass(frozen=True)
class QuizRequest:
    """What to ask: a lesson or the course, how many, and which kind of session."""

    lesson: str | None = None
    count: int | None = 10
    kind: SessionKind = "new"
    seed: int | None = None


def lesson_of(course: Course) -> dict[str, str]:
    """Step id → lesson id."""
    return {step.id: lesson.id for lesson, step in course.steps()}


def latest_by_question(records: list[Record]) -> dict[str, Record]:
    latest: dict[str, Record] = {}
    for record in sorted(records, key=lambda r: r["time"]):
        latest[record["question"]] = record
    return latest


def mistakes(course: Course, records: list[Record]) -> list[Question]:
    """Questions whose most recent answer was wrong."""
    latest = latest_by_question(records)
    return [q for q in course.questions if q.id in latest and not latest[q.id]["correct"]]


def due(course: Course, records: list[Record], now: datetime) -> list[Question]:
    """Seen questions (current version) whose FSRS card is due, most overdue first."""
    states = replay(records)
    found = [(states[card_key(q)].card.due, q) for q in course.questions if card_key(q) in states]
    return [q for when, q in sorted(found, key=lambda x: x[0]) if when <= now]


def status(question: Question, records: list[Record]) -> str:
    """'new', 'seen', or 'changed' (answered before, but the question has since been edited)."""
    hashes = {r["hash"] for r in records if r["question"] == question.id}
    if not hashes:
        return "new"
    return "seen" if question_hash(question) in hashes else "changed"


def select(
    course: Course,
    records: list[Record],
    *,
    lesson: str | None = None,
    count: int | None = None,
    due_only: bool = False,
    mistakes_only: bool = False,
    seed: int | None = None,
    now: datetime,
) -> list[Question]:
    """The session's questions: due first, then new, then the rest (shuffled by `seed`)."""
    steps = lesson_of(course)
    if mistakes_only:
        pool = mistakes(course, records)
    elif due_only:
        pool = due(course, records, now)
    else:
        pool = list(course.questions)
    if lesson is not None:
        pool = [q for q in pool if steps.get(q.step) == lesson]
    rng = random.Random(seed)
    if not (due_only or mistakes_only):
        due_ids = {q.id for q in due(course, records, now)}
        rng.shuffle(pool)
        pool.sort(key=lambda q: 0 if q.id in due_ids else 1 if status(q, records) != "seen" else 2)
    else:
        rng.shuffle(pool)
    return pool[:count] if count else pool


@dataclass
class Summary:
    per_lesson: dict[str, tuple[int, int]]  # lesson → (questions mastered, questions)
    history: dict[str, list[tuple[date, float]]]  # lesson → mastery at the end of each day
    due_count: int
    streak: int  # consecutive days with answers, ending today (or yesterday)
    mistakes: int
    answered: int


def summarise(course: Course, records: list[Record], now: datetime) -> Summary:
    steps = lesson_of(course)
    by_lesson: dict[str, list[str]] = defaultdict(list)
    for q in course.questions:
        by_lesson[steps[q.step]].append(q.id)
    latest = latest_by_question(records)
    per_lesson = {
        lesson.id: (
            sum(1 for qid in by_lesson[lesson.id] if latest.get(qid, {}).get("correct")),
            len(by_lesson[lesson.id]),
        )
        for lesson in course.lessons
    }
    history: dict[str, list[tuple[date, float]]] = {lesson.id: [] for lesson in course.lessons}
    days = sorted({datetime.fromisoformat(r["time"]).date() for r in records})
    ordered = sorted(records, key=lambda r: r["time"])
    for day in days:
        upto = [r for r in ordered if datetime.fromisoformat(r["time"]).date() <= day]
        day_latest = latest_by_question(upto)
        for lesson in course.lessons:
            ids = by_lesson[lesson.id]
            if ids and any(qid in day_latest for qid in ids):
                share = sum(1 for qid in ids if day_latest.get(qid, {}).get("correct")) / len(ids)
                history[lesson.id].append((day, share))
    streak = 0
    answered_days = set(days)
    cursor = now.date() if now.date() in answered_days else now.date() - timedelta(days=1)
    while cursor in answered_days:
        streak += 1
        cursor -= timedelta(days=1)
    return Summary(
        per_lesson,
        history,
        len(due(course, records, now)),
        streak,
        len(mistakes(course, records)),
        len(records),
    )
