"""Command palette search over lessons, steps and glossary terms, in both languages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Protocol

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from tui.content.language import Language
from tui.content.model import Course
from tui.i18n import STRINGS, t
from tui.quiz.records import SessionKind


class Navigable(Protocol):
    course: Course
    language: Language

    def jump_to_step(self, step_id: str) -> None: ...

    def open_term(self, term_id: str) -> None: ...

    def request_quiz(self, kind: SessionKind = "new") -> None: ...

    def request_appraise(self) -> None: ...


QUIZ_KINDS: tuple[SessionKind, ...] = ("new", "mistakes", "due")


def quiz_commands(language: Language) -> list[tuple[str, SessionKind]]:
    return [(t(f"palette.quiz.{kind}", language), kind) for kind in QUIZ_KINDS]


def search_entries(course: Course, language: Language) -> list[tuple[str, str, str]]:
    """(searchable text, help text, target) for every lesson, step and term."""
    entries: list[tuple[str, str, str]] = []
    for n, lesson in enumerate(course.lessons, 1):
        entries.append(
            (
                f"{n}. {lesson.title.en} / {lesson.title.ja}",
                t("palette.lesson", language),
                f"step:{lesson.steps[0].id}",
            )
        )
        for m, step in enumerate(lesson.steps, 1):
            entries.append(
                (
                    f"{n}.{m} {step.title.en} / {step.title.ja}",
                    t("palette.step", language, lesson=lesson.title.get(language)),
                    f"step:{step.id}",
                )
            )
    for term in course.terms:
        entries.append(
            (f"{term.ja} ({term.reading}) {term.en}", t("palette.term", language), f"term:{term.id}")
        )
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
        language = target.language
        for text, kind in quiz_commands(language):
            yield DiscoveryHit(
                Content(text), partial(target.request_quiz, kind), help=t("palette.quiz", language)
            )
        appraise = t("palette.appraise", language)
        yield DiscoveryHit(Content(appraise), target.request_appraise, help=t("palette.workshop", language))
        for text, help_text, where in search_entries(target.course, language):
            if help_text == t("palette.lesson", language):
                yield DiscoveryHit(Content(text), self._callback(target, where), help=help_text)

    async def search(self, query: str) -> Hits:
        target = self._target()
        if target is None:
            return
        matcher = self.matcher(query)
        language = target.language
        for text, kind in quiz_commands(language):
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(escape(text)),
                    partial(target.request_quiz, kind),
                    text=text,
                    help=t("palette.quiz", language),
                )
        appraise = t("palette.appraise", language)
        score = max(matcher.match(appraise), matcher.match("DISCERN"))
        if score > 0:
            yield Hit(
                score,
                matcher.highlight(escape(appraise)),
                target.request_appraise,
                text=appraise,
                help=t("palette.workshop", language),
            )
        for text, help_text, where in search_entries(target.course, language):
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(escape(text)),
                    self._callback(target, where),
                    text=text,
                    help=help_text,
                )


def localise_system_commands(
    commands: Iterable[SystemCommand], language: Language
) -> Iterator[SystemCommand]:
    """Textual's own palette commands (theme, quit, keys…) named in the interface language."""
    for command in commands:
        key = f"system.{command.title.lower()}"
        if f"{key}.title" in STRINGS:
            yield command._replace(title=t(f"{key}.title", language), help=t(f"{key}.help", language))
        else:
            yield command
