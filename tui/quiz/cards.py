"""Spaced repetition with FSRS: card keys, ratings, and card states replayed from the review log."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from fsrs import Card, Rating, Scheduler

from tui.content.model import Question

RATINGS: tuple[Rating, ...] = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)


@lru_cache(maxsize=4096)  # questions are frozen; the summary asks for every card key often
def question_hash(question: Question) -> str:
    """A short hash of everything that defines a question, so edits are noticed.

    Options are hashed in a canonical (sorted) order: showing or authoring them in another
    order does not change what the question asks, so it never resets a learner's card.
    """
    data = asdict(question)
    data.pop("sources", None)  # re-citing a question does not change what it asks
    data.pop("explanation", None)
    if data.get("options"):
        data["options"] = sorted(data["options"], key=lambda o: json.dumps(o, sort_keys=True))
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]


def card_key(question: Question) -> str:
    return f"{question.id}@{question_hash(question)}"


def make_scheduler() -> Scheduler:
    """FSRS with fuzzing off: the same answers always give the same schedule."""
    return Scheduler(enable_fuzzing=False)


def default_rating(correct: bool) -> Rating:
    """What enter/n records: Good for a right answer, Again for a wrong one."""
    return Rating.Good if correct else Rating.Again


def allowed_ratings(correct: bool) -> tuple[Rating, ...]:
    """A wrong answer is always Again; a right one may be Hard, Good or Easy (or Again)."""
    return RATINGS if correct else (Rating.Again,)


def rating_of(record: Mapping[str, Any]) -> Rating:
    """The record's rating; records from before ratings: Good if correct, else Again."""
    value = record.get("rating")
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4:
        return Rating(value)
    return default_rating(bool(record["correct"]))


@dataclass
class CardState:
    card: Card
    reviews: int
    last_correct: bool | None
    last_time: str = ""  # ISO time of the latest review applied

    def to_json(self) -> str:
        return json.dumps(
            {
                "card": self.card.to_dict(),
                "reviews": self.reviews,
                "last_correct": self.last_correct,
                "last_time": self.last_time,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> CardState:
        data = json.loads(text)
        return cls(Card.from_dict(data["card"]), data["reviews"], data["last_correct"], data["last_time"])


def review(
    state: CardState | None, record: Mapping[str, Any], scheduler: Scheduler | None = None
) -> CardState:
    """The card state after one more review (a new card if `state` is None)."""
    scheduler = scheduler or make_scheduler()
    when = datetime.fromisoformat(str(record["time"]))
    if state is None:
        state = CardState(Card(card_id=1, due=when), 0, None)
    card, _ = scheduler.review_card(state.card, rating_of(record), review_datetime=when)
    return CardState(card, state.reviews + 1, bool(record["correct"]), str(record["time"]))


def replay(reviews: Iterable[Mapping[str, Any]], scheduler: Scheduler | None = None) -> dict[str, CardState]:
    """Card state per card key, from the review log in time order (deterministic)."""
    scheduler = scheduler or make_scheduler()
    states: dict[str, CardState] = {}
    for record in sorted(reviews, key=lambda r: str(r["time"])):
        key = f"{record['question']}@{record['hash']}"
        states[key] = review(states.get(key), record, scheduler)
    return states


def preview(
    state: CardState | None, when: datetime, scheduler: Scheduler | None = None
) -> dict[Rating, datetime]:
    """When the card would next be due for each rating given at `when` (Anki's button labels)."""
    scheduler = scheduler or make_scheduler()
    card = state.card if state is not None else Card(card_id=1, due=when)
    return {rating: scheduler.review_card(card, rating, review_datetime=when)[0].due for rating in RATINGS}
