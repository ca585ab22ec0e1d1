"""One answer as it is saved: the review record and the in-session result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from tui.content.model import Question
from tui.quiz.cards import question_hash
from tui.quiz.grading import Answer, Grade, describe_answer
from tui.quiz.store import Record

SessionKind = Literal["new", "due", "mistakes"]


@dataclass(frozen=True)
class Result:
    """An answered question in this session."""

    question: Question
    answer: Answer
    grade: Grade


def make_record(result: Result, lesson_id: str, when: datetime) -> Record:
    """The review-log record of one answer (answers are described in English for export)."""
    q = result.question
    return {
        "question": q.id,
        "hash": question_hash(q),
        "lesson": lesson_id,
        "time": when.isoformat(),
        "correct": result.grade.correct,
        "score": round(result.grade.score, 3),
        "answer": describe_answer(q, result.answer, "en"),
    }


Verdict = Literal["myth", "fact"]
