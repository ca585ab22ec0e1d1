"""Choose questions for a session and summarise progress from the review log."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tui.content.model import Course, Question
from tui.quiz.cards import CardState, card_key, question_hash, replay
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


def by_time(records: list[Record]) -> list[Record]:
    return sorted(records, key=lambda r: r["time"])  # linear when already in order (the DB's)


def latest_by_question(records: list[Record]) -> dict[str, Record]:
    latest: dict[str, Record] = {}
    for record in by_time(records):
        latest[record["question"]] = record
    return latest


def mistakes(course: Course, records: list[Record]) -> list[Question]:
    """Questions whose most recent answer was wrong."""
    latest = latest_by_question(records)
    return [q for q in course.questions if q.id in latest and not latest[q.id]["correct"]]


def due(
    course: Course, records: list[Record], now: datetime, states: dict[str, CardState] | None = None
) -> list[Question]:
    """Seen questions (current version) whose FSRS card is due, most overdue first."""
    states = replay(records) if states is None else states
    found = [(states[card_key(q)].card.due, q) for q in course.questions if card_key(q) in states]
    return [q for when, q in sorted(found, key=lambda x: x[0]) if when <= now]


def status(question: Question, records: list[Record], hashes: dict[str, set[str]] | None = None) -> str:
    """'new', 'seen', or 'changed' (answered before, but the question has since been edited)."""
    seen = (hashes or answered_hashes(records)).get(question.id, set())
    if not seen:
        return "new"
    return "seen" if question_hash(question) in seen else "changed"


def answered_hashes(records: list[Record]) -> dict[str, set[str]]:
    """Question id → the versions (hashes) of it that were answered."""
    found: dict[str, set[str]] = defaultdict(set)
    for r in records:
        found[r["question"]].add(r["hash"])
    return found


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
    states: dict[str, CardState] | None = None,
) -> list[Question]:
    """The session's questions: due first, then new, then the rest (shuffled by `seed`)."""
    steps = lesson_of(course)
    states = replay(records) if states is None else states
    if mistakes_only:
        pool = mistakes(course, records)
    elif due_only:
        pool = due(course, records, now, states)
    else:
        pool = list(course.questions)
    if lesson is not None:
        pool = [q for q in pool if steps.get(q.step) == lesson]
    rng = random.Random(seed)
    if not (due_only or mistakes_only):
        due_ids = {q.id for q in due(course, records, now, states)}
        hashes = answered_hashes(records)
        rng.shuffle(pool)
        pool.sort(key=lambda q: 0 if q.id in due_ids else 1 if status(q, records, hashes) != "seen" else 2)
    else:
        rng.shuffle(pool)
    return pool[:count] if count else pool


FORECAST_DAYS = 7


@dataclass
class Summary:
    per_lesson: dict[str, tuple[int, int]]  # lesson → (questions mastered, questions)
    history: dict[str, list[tuple[date, float]]]  # lesson → mastery at the end of each day
    due_count: int
    streak: int  # consecutive days with answers, ending today (or yesterday)
    mistakes: int
    answered: int
    forecast: list[int] = field(default_factory=list)  # cards due today (and overdue), tomorrow, …
    retention: float | None = None  # share of reviews of already-seen cards answered right
    retention_reviews: int = 0


def forecast(
    course: Course, states: dict[str, CardState], now: datetime, days: int = FORECAST_DAYS
) -> list[int]:
    """How many of the course's cards fall due on each of the next `days` days (today first)."""
    counts = [0] * days
    today = now.date()
    for q in course.questions:
        state = states.get(card_key(q))
        if state is None:
            continue
        offset = (state.card.due.astimezone(now.tzinfo).date() - today).days
        if offset < days:
            counts[max(0, offset)] += 1
    return counts


def retention(records: list[Record]) -> tuple[float | None, int]:
    """(share right, count) over reviews of cards seen before: recall, not first encounters."""
    seen: set[tuple[str, str]] = set()
    right = total = 0
    for r in by_time(records):
        key = (r["question"], r["hash"])
        if key in seen:
            total += 1
            right += bool(r["correct"])
        seen.add(key)
    return (right / total if total else None), total


def summarise(
    course: Course, records: list[Record], now: datetime, states: dict[str, CardState] | None = None
) -> Summary:
    """Progress from the review log in one pass over it (fast with 100,000 reviews)."""
    steps = lesson_of(course)
    states = replay(records) if states is None else states
    lesson_ids = [lesson.id for lesson in course.lessons]
    lesson_of_question = {q.id: steps[q.step] for q in course.questions}
    sizes: dict[str, int] = defaultdict(int)
    for qid in lesson_of_question.values():
        sizes[qid] += 1
    ordered = by_time(records)
    latest: dict[str, bool] = {}
    mastered: dict[str, int] = defaultdict(int)
    touched: set[str] = set()
    history: dict[str, list[tuple[date, float]]] = {lid: [] for lid in lesson_ids}
    days: list[date] = []

    def close_day(day: date) -> None:
        days.append(day)
        for lid in lesson_ids:
            if sizes[lid] and lid in touched:
                history[lid].append((day, mastered[lid] / sizes[lid]))

    current: date | None = None
    current_key = ""
    for r in ordered:
        time = r["time"]
        if current is None or not time.startswith(current_key):  # a new day: parse only then
            if current is not None:
                close_day(current)
            current = datetime.fromisoformat(time).date()
            current_key = current.isoformat()
        qid = r["question"]
        lid = lesson_of_question.get(qid)
        was = latest.get(qid, False)
        now_right = bool(r["correct"])
        latest[qid] = now_right
        if lid is not None:
            touched.add(lid)
            mastered[lid] += int(now_right) - int(was)
    if current is not None:
        close_day(current)
    per_lesson = {lid: (mastered[lid], sizes[lid]) for lid in lesson_ids}
    streak = 0
    answered_days = set(days)
    cursor = now.date() if now.date() in answered_days else now.date() - timedelta(days=1)
    while cursor in answered_days:
        streak += 1
        cursor -= timedelta(days=1)
    share, reviewed = retention(ordered)
    wrong = sum(1 for q in course.questions if q.id in latest and not latest[q.id])
    return Summary(
        per_lesson,
        history,
        len(due(course, records, now, states)),
        streak,
        wrong,
        len(records),
        forecast(course, states, now),
        share,
        reviewed,
    )
