"""The reading position in a course: one cursor that every mode moves, and the read marks.

A step counts as read when the learner has shown it and moved on with *next* (or stayed on it
for a while: the screen calls `mark_read`). Jumping past steps does not count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tui.content.model import Course, Lesson, Step


@dataclass
class Cursor:
    course: Course
    index: int = 0
    read: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._flat: list[tuple[Lesson, Step]] = self.course.steps()
        self._where = {step.id: n for n, (_, step) in enumerate(self._flat)}
        self.index = max(0, min(self.index, len(self._flat) - 1))
        self.read &= set(self._where)  # marks of steps the course no longer has are dropped

    @classmethod
    def at(
        cls,
        course: Course,
        step_id: str | None = None,
        lesson_id: str | None = None,
        read: Iterable[str] = (),
    ) -> Cursor:
        """At `step_id`, else the first step of `lesson_id`, else the start."""
        cursor = cls(course, 0, set(read))
        if not (step_id is not None and cursor.go(step_id)) and lesson_id is not None:
            cursor.go_lesson(lesson_id)
        return cursor

    # -- where ------------------------------------------------------------------

    @property
    def lesson(self) -> Lesson:
        return self._flat[self.index][0]

    @property
    def step(self) -> Step:
        return self._flat[self.index][1]

    @property
    def total(self) -> int:
        return len(self._flat)

    @property
    def lesson_number(self) -> int:
        """1-based."""
        return self.course.lessons.index(self.lesson) + 1

    @property
    def step_number(self) -> int:
        """1-based, within the lesson."""
        return self.lesson.steps.index(self.step) + 1

    @property
    def at_end(self) -> bool:
        return self.index == len(self._flat) - 1

    def find(self, step_id: str) -> int | None:
        return self._where.get(step_id)

    def peek(self, delta: int) -> Step | None:
        """The step `delta` away, if there is one."""
        found = self.peek_with_lesson(delta)
        return found[1] if found else None

    def peek_with_lesson(self, delta: int) -> tuple[Lesson, Step] | None:
        """The step `delta` away and its lesson, if there is one."""
        n = self.index + delta
        return self._flat[n] if 0 <= n < len(self._flat) else None

    # -- moving -------------------------------------------------------------------

    def next(self) -> bool:
        """Move on, marking the step just shown as read. False at the end (the step is marked)."""
        self.read.add(self.step.id)
        if self.at_end:
            return False
        self.index += 1
        return True

    def previous(self) -> bool:
        if self.index == 0:
            return False
        self.index -= 1
        return True

    def go(self, step_id: str) -> bool:
        """Jump to a step (marks nothing). False if the course has no such step."""
        where = self._where.get(step_id)
        if where is None:
            return False
        self.index = where
        return True

    def go_lesson(self, lesson_id: str) -> bool:
        lesson = next((lesson for lesson in self.course.lessons if lesson.id == lesson_id), None)
        return lesson is not None and self.go(lesson.steps[0].id)

    def jump_lesson(self, delta: int) -> bool:
        """To the first step of the lesson `delta` away."""
        n = self.lesson_number - 1 + delta
        if not 0 <= n < len(self.course.lessons):
            return False
        return self.go(self.course.lessons[n].steps[0].id)

    # -- read marks -------------------------------------------------------------

    def mark_read(self, step_id: str | None = None) -> None:
        self.read.add(step_id or self.step.id)

    def is_read(self, step_id: str) -> bool:
        return step_id in self.read

    def lesson_read(self, lesson: Lesson) -> tuple[int, int]:
        """(steps read, steps) of one lesson."""
        return sum(step.id in self.read for step in lesson.steps), len(lesson.steps)

    def course_read(self) -> tuple[int, int]:
        """(steps read, steps) of the whole course: 100% means every step was read."""
        return len(self.read), len(self._flat)
