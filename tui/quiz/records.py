"""One answer as it is saved: the review record and the in-session result."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from fsrs import Rating

from tui.content.model import Question
from tui.quiz.cards import default_rating, question_hash
from tui.quiz.grading import Answer, Grade, plain_answer
from tui.quiz.store import Record

SessionKind = Literal["new", "due", "mistakes"]


@dataclass(frozen=True)
class Result:
    """An answered question in this session.

    `shown` is the order the options were displayed in (authored indices); `rating` is the
    learner's FSRS rating of their recall; `id` identifies the answer when it is re-rated.
    """

    question: Question
    answer: Answer
    grade: Grade
    shown: tuple[int, ...] = ()
    rating: Rating | None = None
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def final_rating(self) -> Rating:
        """The rating saved: the learner's, else the default (a wrong answer is always Again)."""
        if not self.grade.correct:
            return Rating.Again
        return self.rating if self.rating is not None else default_rating(True)


@dataclass(frozen=True)
class Schedule:
    """When the card comes back for each rating given at `now` (Anki shows these on its buttons)."""

    now: datetime
    due: dict[Rating, datetime]

    def interval(self, rating: Rating) -> timedelta:
        return self.due[rating] - self.now


def make_record(result: Result, lesson_id: str, when: datetime) -> Record:
    """The review-log record of one answer.

    Answers are kept as authored option indices and plain English text, never as letters:
    letters depend on the shuffle of one presentation.
    """
    q = result.question
    return {
        "id": result.id,
        "question": q.id,
        "hash": question_hash(q),
        "lesson": lesson_id,
        "time": when.isoformat(),
        "correct": result.grade.correct,
        "score": round(result.grade.score, 3),
        "answer": plain_answer(q, result.answer),
        "rating": int(result.final_rating),
        "choices": sorted(result.answer.choices),
        "options_shown": list(result.shown),
    }


Verdict = Literal["myth", "fact"]
