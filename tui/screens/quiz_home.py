"""The quiz home: owns the review store and the sessions; shows score, mastery, due and streak."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from tui.content.language import Language
from tui.content.model import Course, Text
from tui.i18n import t
from tui.quiz.records import Result, SessionKind, make_record
from tui.quiz.session import QuizRequest, Summary, lesson_of, select, summarise
from tui.quiz.store import Record, ReviewStore
from tui.screens.base import LocalisedScreen
from tui.screens.quiz import QuizScreen
from tui.widgets.labels import pick

SPARK = "▁▂▃▄▅▆▇█"


def bar(share: float, width: int = 16) -> str:
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled)


def spark(values: list[float]) -> str:
    return "".join(SPARK[min(len(SPARK) - 1, int(v * (len(SPARK) - 1) + 0.5))] for v in values[-14:])


def home_content(course: Course, summary: Summary, results: list[Result], lang: Language) -> Content:
    lines: list[Content] = []
    if results:
        right = sum(r.grade.correct for r in results)
        lines.append(
            Content.styled(f"{t('home.session', lang)}: {right}/{len(results)}", "bold $text-accent")
        )
        by_lesson: dict[str, list[bool]] = {}
        steps = lesson_of(course)
        for r in results:
            by_lesson.setdefault(steps[r.question.step], []).append(r.grade.correct)
        for lesson in course.lessons:
            if lesson.id in by_lesson:
                marks = by_lesson[lesson.id]
                lines.append(Content(f"  {sum(marks)}/{len(marks)}  {pick(lesson.title, lang)}"))
        lines.append(Content(""))
    lines.append(Content.styled(t("home.mastery", lang), "bold $text-accent"))
    for n, lesson in enumerate(course.lessons, 1):
        mastered, total = summary.per_lesson.get(lesson.id, (0, 0))
        share = mastered / total if total else 0.0
        history = spark([s for _, s in summary.history.get(lesson.id, [])])
        lines.append(
            Content.assemble(
                f"{n:>3}. ",
                (bar(share), "$text-success"),
                f" {mastered:>2}/{total:<3} ",
                (history.ljust(14), "$text-accent"),
                f" {pick(lesson.title, lang)}",
            )
        )
    lines.append(Content(""))
    lines.append(
        Content.assemble(
            (t("home.due", lang), "bold"),
            f"{summary.due_count}   ",
            (t("home.streak", lang), "bold"),
            f"{t('home.days', lang, n=summary.streak)}   ",
            (t("home.mistakes", lang), "bold"),
            f"{summary.mistakes}   ",
            (t("home.answers", lang), "bold"),
            str(summary.answered),
        )
    )
    lines.append(Content(""))
    lines.append(Content.styled(t("home.keys", lang), "italic $text-muted"))
    return Content("\n").join(lines)


class QuizHome(LocalisedScreen[None]):
    """The quiz mode's base screen. It runs sessions (pushed on top) and saves every answer."""

    BINDINGS = [
        Binding("m", "start('mistakes')", "key.mistakes"),
        Binding("d", "start('due')", "key.due"),
        Binding("enter", "start('new')", "key.new_quiz"),
        Binding("w", "app.switch_mode('walkthrough')", "key.walkthrough"),
        Binding("l", "app.cycle_language", "key.language"),
        Binding("q", "app.quit", "key.quit"),
    ]

    def __init__(
        self,
        course: Course,
        store: ReviewStore | None,
        *,
        language: str = "en",
        now: Callable[[], datetime],
        start: QuizRequest | None = None,
    ) -> None:
        super().__init__(language)
        self.first = start
        self.course = course
        self.store = store
        self.now = now
        self.results: list[Result] = []
        self._lessons = lesson_of(course)
        self._save_warned = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="quiz-home"):
            yield Static(id="quiz-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_summary()
        if self.first is not None:
            self.call_after_refresh(self.start, self.first)
            self.first = None

    def on_screen_resume(self) -> None:
        self.refresh_summary()

    def language_changed(self) -> None:
        self.refresh_summary()

    def refresh_summary(self) -> None:
        summary = summarise(self.course, self.records(), self.now())
        self.query_one("#quiz-summary", Static).update(
            home_content(self.course, summary, self.results, self.language)
        )

    def records(self) -> list[Record]:
        if self.store is None:
            return []
        records = self.store.load()
        for notice in self.store.notices:
            self.notify(
                notice, title=t("quiz.history", self.language), severity="warning", timeout=10, markup=False
            )
        self.store.notices.clear()
        return records

    # -- sessions -------------------------------------------------------------------

    def action_start(self, kind: SessionKind) -> None:
        self.start(QuizRequest(count=10 if kind == "new" else None, kind=kind))

    def start(self, request: QuizRequest) -> bool:
        """Start a session; returns False (with a notice) when there is nothing to ask."""
        questions = select(
            self.course,
            self.records(),
            lesson=request.lesson,
            count=request.count,
            due_only=request.kind == "due",
            mistakes_only=request.kind == "mistakes",
            seed=request.seed,
            now=self.now(),
        )
        if not questions:
            self.notify(
                t(f"quiz.none.{request.kind}", self.language), title=t("quiz.title", self.language), timeout=5
            )
            return False
        lesson = next((x for x in self.course.lessons if x.id == request.lesson), None)
        title = Text(
            *(
                f"{t('quiz.title', lang)} · "
                + (
                    lesson.title.get(lang)
                    if lesson and request.kind == "new"
                    else t(f"quiz.kind.{request.kind}", lang)
                )
                for lang in ("en", "ja")
            )
        )
        self.app.push_screen(
            QuizScreen(
                self.course,
                questions,
                language=self.language,
                seed=request.seed or 0,
                title=title,
                on_answer=self.save,
            ),
            self._finished,
        )
        return True

    def save(self, result: Result) -> None:
        """Save one answer at once; a failure is told once and the quiz goes on."""
        if self.store is None:
            return
        record = make_record(result, self._lessons[result.question.step], self.now())
        try:
            self.store.add(record)
        except OSError as error:
            if not self._save_warned:
                self._save_warned = True
                reason = error.strerror or str(error)
                self.notify(
                    t("quiz.cant_save", self.language, reason=reason),
                    severity="warning",
                    timeout=10,
                    markup=False,
                )

    def _finished(self, results: list[Result] | None) -> None:
        self.results = results or []
        self.refresh_summary()
