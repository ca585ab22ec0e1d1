"""The quiz home: owns the review store and the sessions; shows score, mastery, due and streak."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Static

from tui.content.language import Language
from tui.content.model import Course, Text
from tui.i18n import Notice, t
from tui.quiz.cards import CardState, card_key, preview, review
from tui.quiz.db import ReviewDB
from tui.quiz.records import Result, Schedule, SessionKind, make_record
from tui.quiz.session import QuizRequest, Summary, lesson_of, select, summarise
from tui.quiz.store import Record
from tui.screens.base import LocalisedScreen
from tui.screens.learner_name import LearnerNameScreen
from tui.screens.quiz import QuizScreen
from tui.widgets.key_footer import KeyFooter
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
    lines.append(Content.styled(t("home.mastery_legend", lang), "italic $text-muted"))
    for n, lesson in enumerate(course.lessons, 1):
        mastered, total = summary.per_lesson.get(lesson.id, (0, 0))
        share = mastered / total if total else 0.0
        history = spark([s for _, s in summary.history.get(lesson.id, [])])
        # The title on its own line: at 80 columns it never wraps under the bars.
        lines.append(Content.assemble(f"{n:>3}. ", (lesson.title.get(lang), "bold")))
        lines.append(
            Content.assemble(
                "     ",
                (bar(share), "$text-success"),
                f" {mastered:>2}/{total:<3} ",
                (history, "$text-accent"),
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
    lines.append(
        Content.assemble(
            (t("home.retention", lang), "bold"),
            t("home.retention_value", lang, share=f"{summary.retention:.0%}", n=summary.retention_reviews)
            if summary.retention is not None
            else t("home.retention_none", lang),
        )
    )
    lines.append(Content(""))
    lines.extend(forecast_content(summary.forecast, lang))
    lines.append(Content(""))
    lines.append(Content.styled(t("home.keys_rated", lang), "italic $text-muted"))
    return Content("\n").join(lines)


def forecast_content(counts: list[int], lang: Language, width: int = 24) -> list[Content]:
    """One bar per day: how many cards fall due (today includes overdue ones)."""
    lines = [Content.styled(t("home.forecast", lang), "bold $text-accent")]
    top = max(counts, default=0)
    for day, count in enumerate(counts):
        label = t("home.today", lang) if day == 0 else t("home.in_days", lang, n=day)
        filled = round(count / top * width) if top else 0
        lines.append(
            Content.assemble(
                f"  {label:>6} ",
                ("█" * filled, "$text-warning" if day == 0 else "$text-accent"),
                f" {count}",
            )
        )
    return lines


class QuizHome(LocalisedScreen[None]):
    """The quiz mode's base screen. It runs sessions (pushed on top) and saves every answer.

    With `ask_name`, it first asks the learner's name (once: skipping is allowed) and announces
    it with `LearnerNamed`; the app keeps it with the saved settings.
    """

    BINDINGS = [
        Binding("m", "start('mistakes')", "key.mistakes"),
        Binding("d", "start('due')", "key.due"),
        Binding("enter", "start('new')", "key.new_quiz"),
        Binding("w", "app.switch_mode('walkthrough')", "key.walkthrough"),
        Binding("l", "app.cycle_language", "key.language"),
        Binding("q", "app.quit", "key.quit"),
    ]

    class LearnerNamed(Message):
        """The learner gave their name in the first-run question."""

        def __init__(self, learner: str) -> None:
            super().__init__()
            self.learner = learner

    def __init__(
        self,
        course: Course,
        store: ReviewDB | None,
        *,
        language: str = "en",
        now: Callable[[], datetime],
        start: QuizRequest | None = None,
        ask_name: bool = False,
    ) -> None:
        super().__init__(language)
        self.first = start
        self.ask_name = ask_name
        self.course = course
        self.store = store
        self.now = now
        self.results: list[Result] = []
        self._lessons = lesson_of(course)
        self._save_warned = False
        self._states: dict[str, CardState] = {}  # FSRS state per card, as of the last answer
        self._answers: dict[str, tuple[CardState | None, Schedule]] = {}  # answer id → before, preview

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="quiz-home"):
            yield Static(id="quiz-summary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_summary()
        if self.ask_name:
            self.ask_name = False
            self.app.push_screen(LearnerNameScreen(self.language), self._name_given)
        else:
            self._start_first()

    def _name_given(self, name: str | None) -> None:
        if name is not None:
            self.post_message(self.LearnerNamed(name))
        self._start_first()

    def _start_first(self) -> None:
        if self.first is not None:
            self.call_after_refresh(self.start, self.first)
            self.first = None

    def on_screen_resume(self) -> None:
        self.refresh_summary()

    def language_changed(self) -> None:
        self.refresh_summary()

    def refresh_summary(self) -> None:
        records = self.records()
        summary = summarise(self.course, records, self.now(), self.states())
        self.query_one("#quiz-summary", Static).update(
            home_content(self.course, summary, self.results, self.language)
        )

    def records(self) -> list[Record]:
        """The review log (without answer texts: the summary does not need them)."""
        if self.store is None:
            return []
        records = self.store.load(full=False)
        self.tell_notices()
        return records

    def states(self) -> dict[str, CardState]:
        """FSRS card states: the database's cache, or (without one) this session's answers."""
        if self.store is not None:
            self._states = self.store.cards()
            self.tell_notices()
        return self._states

    def tell_notices(self) -> None:
        if self.store is None:
            return
        for notice in self.store.notices:
            self.tell(notice)
        self.store.notices.clear()

    def tell(self, notice: Notice, severity: str = "warning") -> None:
        if notice.key == "store.unavailable":
            self._save_warned = True  # said once; the feedback keeps count of what waits
        self.notify(
            notice.text(self.language),
            title=t("store.title", self.language),
            severity=severity,  # type: ignore[arg-type]
            timeout=12,
            markup=False,
        )

    def unsaved(self) -> int:
        return len(self.store.pending) if self.store is not None else 0

    # -- sessions -------------------------------------------------------------------

    def action_start(self, kind: SessionKind) -> None:
        self.start(QuizRequest(count=10 if kind == "new" else None, kind=kind))

    def start(self, request: QuizRequest) -> bool:
        """Start a session; returns False (with a notice) when there is nothing to ask."""
        records = self.records()
        questions = select(
            self.course,
            records,
            lesson=request.lesson,
            count=request.count,
            due_only=request.kind == "due",
            mistakes_only=request.kind == "mistakes",
            seed=request.seed,
            now=self.now(),
            states=self.states(),
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
                seed=request.seed,
                title=title,
                on_answer=self.save,
                unsaved=self.unsaved,
                read=self.read_steps,
            ),
            self._finished,
        )
        return True

    def read_steps(self) -> frozenset[str]:
        return frozenset(self.store.read_steps()) if self.store is not None else frozenset()

    def save(self, result: Result) -> Schedule:
        """Save one answer at once (again when it is re-rated); returns when the card comes back.

        An answer that cannot be saved stays in the store's memory and is retried with the
        next answer and on quit; the learner is told once, and the feedback shows the count.
        """
        key = card_key(result.question)
        now = self.now()
        known = self._answers.get(result.id)
        if known is None:
            before = self._states.get(key)
            schedule = Schedule(now, preview(before, now))
            self._answers[result.id] = (before, schedule)
        else:
            before, schedule = known
        record = make_record(result, self._lessons[result.question.step], schedule.now)
        self._states[key] = review(before, record)
        if self.store is None:
            return schedule
        waiting = len(self.store.pending)
        if known is None:
            self.store.add(record)
        else:
            self.store.rate(result.id, int(result.final_rating))
        self.tell_notices()
        if self.store.pending and not self._save_warned and not self.store.read_only:
            reason = self.store.last_error or "?"
            self.tell(Notice("store.unavailable", {"reason": reason}))
        elif waiting and not self.store.pending:
            self._save_warned = False
            self.tell(Notice("store.saved_later", {"n": waiting}), severity="information")
        return schedule

    def _finished(self, results: list[Result] | None) -> None:
        self.results = results or []
        self.refresh_summary()
