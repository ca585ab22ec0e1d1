"""Spaced repetition with FSRS: card keys, and card states replayed from the review log."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime

from fsrs import Card, Rating, Scheduler

from tui.content.model import Question


def question_hash(question: Question) -> str:
    """A short hash of everything that defines a question, so edits are noticed."""
    data = asdict(question)
    data.pop("sources", None)  # re-citing a question does not change what it asks
    data.pop("explanation", None)
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]


def card_key(question: Question) -> str:
    return f"{question.id}@{question_hash(question)}"


def make_scheduler() -> Scheduler:
    return Scheduler(enable_fuzzing=False)


@dataclass
class CardState:
    card: Card
    reviews: int
    last_correct: bool | None


def replay(reviews: list[dict[str, object]], scheduler: Scheduler | None = None) -> dict[str, CardState]:
    """Card state per card key, from the review log in time order (deterministic)."""
    scheduler = scheduler or make_scheduler()
    states: dict[str, CardState] = {}
    for record in sorted(reviews, key=lambda r: str(r["time"])):
        key = f"{record['question']}@{record['hash']}"
        when = datetime.fromisoformat(str(record["time"]))
        state = states.get(key)
        if state is None:
            state = states[key] = CardState(Card(card_id=1, due=when), 0, None)
        rating = Rating.Good if record["correct"] else Rating.Again
        state.card, _ = scheduler.review_card(state.card, rating, review_datetime=when)
        state.reviews += 1
        state.last_correct = bool(record["correct"])
    return states
