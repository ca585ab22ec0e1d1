"""Command palette: lessons, steps and glossary terms by title, then every text of the course.

Our hits come first: titles (fuzzy-matched, as Textual matches commands) score above 2, text
hits between 1 and 2, and Textual's own commands (`SystemCommandsLast`) below 1.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import NamedTuple, Protocol

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape
from textual.system_commands import SystemCommandsProvider

from tui.content.language import Language
from tui.content.model import Course, Lesson, Step, Text
from tui.content.search import LIMIT, SearchIndex
from tui.i18n import STRINGS, t
from tui.quiz.records import SessionKind

TITLE_SCORE = 2.0
TEXT_SCORE = 1.0


class Navigable(Protocol):
    course: Course
    language: Language
    workshop: bool  # whether the course has a DISCERN workshop to open

    def jump_to_step(self, step_id: str, unit: int | None = None) -> None: ...

    def open_term(self, term_id: str) -> None: ...

    def request_quiz(self, kind: SessionKind = "new") -> None: ...

    def request_appraise(self) -> None: ...

    def open_matrix(self) -> None: ...


QUIZ_KINDS: tuple[SessionKind, ...] = ("new", "mistakes", "due")


def quiz_commands(language: Language) -> list[tuple[str, SessionKind]]:
    return [(t(f"palette.quiz.{kind}", language), kind) for kind in QUIZ_KINDS]


class Entry(NamedTuple):
    """A palette entry: matched in both languages, shown in the learner's."""

    match: str
    shown: str
    help: str
    target: str


def search_entries(course: Course, language: Language) -> list[Entry]:
    """Every lesson, step and term: searchable in English and Japanese, shown in `language`."""

    def title(text: Text) -> str:
        return f"{text.en} / {text.ja}" if language == "both" else text.get(language)

    entries: list[Entry] = []
    for n, lesson in enumerate(course.lessons, 1):
        both = f"{n}. {lesson.title.en} / {lesson.title.ja}"
        entries.append(
            Entry(
                both,
                f"{n}. {title(lesson.title)}",
                t("palette.lesson", language),
                f"step:{lesson.steps[0].id}",
            )
        )
        for m, step in enumerate(lesson.steps, 1):
            help_text = t("palette.step", language, lesson=lesson.title.get(language))
            both = f"{n}.{m} {step.title.en} / {step.title.ja}"
            entries.append(Entry(both, f"{n}.{m} {title(step.title)}", help_text, f"step:{step.id}"))
    for term in course.terms:
        text = f"{term.ja} ({term.reading}) {term.en}"
        entries.append(Entry(text, text, t("palette.term", language), f"term:{term.id}"))
    return entries


class CourseSearch:
    """A course's full-text index and where each step sits, built once, on first use."""

    _cache: dict[int, CourseSearch] = {}

    def __init__(self, course: Course) -> None:
        self.course = course
        self.index = SearchIndex.of(course)
        self.places: dict[str, tuple[str, Lesson, Step]] = {}
        for n, lesson in enumerate(course.lessons, 1):
            for m, step in enumerate(lesson.steps, 1):
                self.places[step.id] = (f"{n}.{m}", lesson, step)

    @classmethod
    def of(cls, course: Course) -> CourseSearch:
        found = cls._cache.get(id(course))
        if found is None or found.course is not course:
            cls._cache.clear()  # one course at a time: the app never swaps its course
            found = cls._cache[id(course)] = cls(course)
        return found


def _highlight(matcher: Matcher, text: str) -> Content:
    """`text` as plain content (never markup), its fuzzy match highlighted."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class CourseCommands(Provider):
    """Jump to a lesson, step or glossary term by its title, or to any text that mentions a word."""

    def _target(self) -> Navigable | None:
        screen = self.screen
        return screen if hasattr(screen, "jump_to_step") else None  # type: ignore[return-value]

    def _callback(self, target: Navigable, where: str) -> Callable[[], None]:
        kind, _, ident = where.partition(":")
        return partial(target.jump_to_step if kind == "step" else target.open_term, ident)

    async def startup(self) -> None:
        target = self._target()
        if target is not None:
            # Folding every text takes a moment on a big course: keep the palette responsive.
            await asyncio.to_thread(CourseSearch.of, target.course)

    async def discover(self) -> Hits:
        target = self._target()
        if target is None:
            return
        language = target.language
        for text, kind in quiz_commands(language):
            yield DiscoveryHit(
                Content(text), partial(target.request_quiz, kind), help=t("palette.quiz", language)
            )
        matrix = t("matrix.title", language)
        yield DiscoveryHit(Content(matrix), target.open_matrix, help=escape(t("claims.title", language)))
        if target.workshop:
            appraise = t("palette.appraise", language)
            yield DiscoveryHit(
                Content(appraise), target.request_appraise, help=t("palette.workshop", language)
            )
        for entry in search_entries(target.course, language):
            if entry.help == t("palette.lesson", language):
                yield DiscoveryHit(
                    Content(entry.shown), self._callback(target, entry.target), help=escape(entry.help)
                )

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
                    TITLE_SCORE + score,
                    _highlight(matcher, text),
                    partial(target.request_quiz, kind),
                    text=text,
                    help=t("palette.quiz", language),
                )
        matrix = t("matrix.title", language)
        # Found by its name in either language, like the titles.
        score = max(matcher.match(t("matrix.title", "en")), matcher.match(t("matrix.title", "ja")))
        if score > 0:
            yield Hit(
                TITLE_SCORE + score,
                _highlight(matcher, matrix),
                target.open_matrix,
                text=matrix,
                help=escape(t("claims.title", language)),
            )
        appraise = t("palette.appraise", language)
        score = max(matcher.match(appraise), matcher.match("DISCERN")) if target.workshop else 0
        if score > 0:
            yield Hit(
                TITLE_SCORE + score,
                _highlight(matcher, appraise),
                target.request_appraise,
                text=appraise,
                help=t("palette.workshop", language),
            )
        shown: set[str] = set()
        for entry in search_entries(target.course, language):
            score = matcher.match(entry.match)
            if score > 0 and entry.target not in shown:
                shown.add(entry.target)
                yield Hit(
                    TITLE_SCORE + score,
                    _highlight(matcher, entry.shown),
                    self._callback(target, entry.target),
                    text=entry.shown,
                    help=escape(entry.help),
                )
        for hit in self._text_hits(target, query, matcher, shown):
            yield hit

    def _text_hits(self, target: Navigable, query: str, matcher: Matcher, shown: set[str]) -> Iterator[Hit]:
        """Hits in every text of the course, best first, except places a title hit already offers."""
        search = CourseSearch.of(target.course)
        language = target.language
        for rank, found in enumerate(search.index.search(query)):
            where = found.target
            if where.term is not None:
                term = target.course.term(where.term)
                if term is None or f"term:{term.id}" in shown:
                    continue
                shown.add(f"term:{term.id}")
                head = f"{term.ja} ({term.reading}) {term.en}"
                help_text = t(f"palette.found.term.{found.field}", language)
                command = partial(target.open_term, term.id)
            else:
                assert where.step is not None
                if where.unit is None and f"step:{where.step}" in shown:
                    continue
                number, lesson, step = search.places[where.step]
                head = f"{number} {step.title.get(language)}"
                help_text = t(f"palette.found.{found.field}", language, lesson=lesson.title.get(language))
                command = partial(target.jump_to_step, where.step, where.unit)
            snippet = found.snippet
            display = Content(f"{head} — ") + Content(snippet.text).stylize(
                matcher.match_style, snippet.start, snippet.end
            )
            yield Hit(
                TEXT_SCORE + (LIMIT - rank) / (LIMIT + 1),
                display,
                command,
                text=display.plain,
                help=escape(help_text),
            )


class SystemCommandsLast(SystemCommandsProvider):
    """Textual's own commands (theme, keys, quit …), always listed after the course's."""

    async def discover(self) -> Hits:
        async for hit in super().discover():
            # Discovery hits all score 0 and keep arrival order, which depends on which
            # provider answers first; a negative score puts these after ours.
            yield Hit(-1.0, hit.prompt, hit.command, text=hit.text, help=hit.help)

    async def search(self, query: str) -> Hits:
        async for hit in super().search(query):
            if isinstance(hit, Hit):
                hit.score = hit.score / (1 + hit.score)  # fuzzy scores run above 1: squash below it
            yield hit


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
