"""Which questions a class quiz can show on a projector."""

from __future__ import annotations

from tui.content.model import Course, Question, QuestionType

# Every type a room can answer by hand: order and match are read aloud as letter sequences.
CLASS_TYPES: tuple[QuestionType, ...] = ("single", "multiple", "myth_fact", "order", "match", "recall")


def class_questions(course: Course, lesson_id: str) -> list[Question]:
    steps = {step.id: lesson.id for lesson, step in course.steps()}
    return [q for q in course.questions if steps.get(q.step) == lesson_id and q.type in CLASS_TYPES]
