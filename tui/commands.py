"""Command palette search over lessons, steps and glossary terms, in both languages."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from tui.content.model import Course


class Navigable(Protocol):
    course: Course

    def jump_to_step(self, step_id: str) -> None: ...

    def open_term(self, term_id: str) -> None: ...

    def request_quiz(self, kind: str = "new") -> None: ...


QUIZ_COMMANDS = [
    ("Quiz: this lesson / このレッスンの小テスト", "new"),
    ("Quiz: review my mistakes / 誤答の復習", "mistakes"),
    ("Quiz: due questions / 復習予定の問題", "due"),
]


def search_entries(course: Course) -> list[tuple[str, str, str]]:
    """(searchable text, help text, target) for every lesson, step and term."""
    entries: list[tuple[str, str, str]] = []
    for n, lesson in enumerate(course.lessons, 1):
        entries.append(
            (f"{n}. {lesson.title.en} / {lesson.title.ja}", "lesson", f"step:{lesson.steps[0].id}")
        )
        for m, step in enumerate(lesson.steps, 1):
            entries.append(
                (
                    f"{n}.{m} {step.title.en} / {step.title.ja}",
                    f"step · {lesson.title.en}",
                    f"step:{step.id}",
                )
            )
    for term in course.terms:
        entries.append((f"{term.ja} ({term.reading}) {term.en}", "glossary term", f"term:{term.id}"))
    return entries


class CourseCommands(Provider):
    """Jump to a lesson, step or glossary term."""

    def _target(self) -> Navigable | None:
        screen = self.screen
        return screen if hasattr(screen, "jump_to_step") else None  # type: ignore[return-value]

    def _callback(self, target: Navigable, where: str) -> Callable[[], None]:
        kind, _, ident = where.partition(":")
        return partial(target.jump_to_step if kind == "step" else target.open_term, ident)

    async def discover(self) -> Hits:
        target = self._target()
        if target is None:
            return
        for text, kind in QUIZ_COMMANDS:
            yield DiscoveryHit(Content(text), partial(target.request_quiz, kind), help="quiz")
        for text, help_text, where in search_entries(target.course):
            if help_text == "lesson":
                yield DiscoveryHit(Content(text), self._callback(target, where), help=help_text)

    async def search(self, query: str) -> Hits:
        target = self._target()
        if target is None:
            return
        matcher = self.matcher(query)
        for text, kind in QUIZ_COMMANDS:
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(escape(text)),
                    partial(target.request_quiz, kind),
                    text=text,
                    help="quiz",
                )
        for text, help_text, where in search_entries(target.course):
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(escape(text)),
                    self._callback(target, where),
                    text=text,
                    help=help_text,
                )
