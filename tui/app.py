"""The Textual application: wires the modes to an already-loaded course and keeps app-wide state
(language, theme, where the learner is). Each mode's screen runs its own feature."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.timer import Timer

if TYPE_CHECKING:  # the quiz, appraise and classroom modes load on first use, after the first frame
    from textual.command import Provider

    from tui.content.discern import Discern
    from tui.quiz.session import QuizRequest
    from tui.screens.appraise_home import AppraiseRequest
    from tui.screens.classroom import ClassroomRequest, ClassroomScreen
    from tui.screens.quiz_home import QuizHome

from tui import cjkwrap
from tui.collector import CHECK_S, IdleCollector
from tui.content.language import Language, next_language
from tui.content.model import Course
from tui.content.workshop import DiscernSource
from tui.i18n import t
from tui.modes import ModesMixin
from tui.quiz.db import ReviewDB
from tui.screens.base import localise_bindings
from tui.screens.palette import LocalisedPaletteMixin
from tui.screens.walkthrough import WalkthroughScreen
from tui.settings import Settings
from tui.state import StateStore
from tui.storage import data_dir
from tui.textual_private import EndOfHold
from tui.themes import HIGH_CONTRAST

SAVE_DELAY = 0.3


class ExplainerApp(ModesMixin, LocalisedPaletteMixin, EndOfHold, App[None]):
    """Owns the language, theme and saved place; screens own everything else."""

    CSS_PATH = "app.tcss"
    TITLE = "stemcell-explainer"
    # Ours first, then Textual's; loaded when the palette first opens, not at start-up.
    COMMANDS = {lambda: _provider("CourseCommands"), lambda: _provider("SystemCommandsLast")}
    BINDINGS = [Binding("ctrl+p", "command_palette", "key.search", show=False)]

    language: reactive[Language] = reactive[Language]("en", init=False)

    def __init__(
        self,
        course: Course,
        settings: Settings,
        reviews: ReviewDB | None,
        *,
        quiz: QuizRequest | None = None,
        classroom: ClassroomRequest | None = None,
        appraise: AppraiseRequest | None = None,
        discern: DiscernSource | None = None,
        now: Callable[[], datetime],
        ask_name: bool = False,
        collector: IdleCollector | None = None,
    ) -> None:
        super().__init__()
        self.collector = collector  # full garbage collections between keys (tui/collector.py)
        cjkwrap.install()
        self.course = course
        self.settings = settings
        self.reviews = reviews
        self.quiz_request = quiz
        self.classroom = classroom
        self.appraise_request = appraise
        self.discern = discern or DiscernSource()
        self.now = now
        self.ask_name = ask_name and settings.state.learner is None
        self.set_reactive(ExplainerApp.language, settings.language)
        self._save_timer: Timer | None = None
        self._quit_warned = False
        self.register_theme(HIGH_CONTRAST)

    def on_mount(self) -> None:
        self.title = t("app.title", self.language)
        localise_bindings(self, self.language)
        if self.settings.state.theme in self.available_themes:
            self.theme = self.settings.state.theme
        self.add_modes()
        self.open_first_mode()
        for notice in self.settings.notices:
            self.warn(notice.text(self.language), "notice.saved_state")
        if self.reviews is not None:  # the walkthrough opened it for the read marks: say what it found
            for notice in self.reviews.notices:
                self.warn(notice.text(self.language), "store.title")
            self.reviews.notices.clear()
        if self.settings.changed:
            self._schedule_save()
        if self.collector is not None:
            self.set_interval(CHECK_S, self.collector.tick)

    async def on_event(self, event: events.Event) -> None:
        if self.collector is not None and isinstance(event, events.Key | events.MouseDown):
            self.collector.input()
        await super().on_event(event)

    # -- app-wide state -------------------------------------------------------------

    def on_quiz_home_learner_named(self, event: QuizHome.LearnerNamed) -> None:
        self.settings.set(learner=event.learner)
        self._schedule_save()

    def action_cycle_language(self) -> None:
        self.language = next_language(self.language)

    def on_classroom_screen_language_requested(self, event: ClassroomScreen.LanguageRequested) -> None:
        self.language = event.language

    def watch_language(self, language: Language) -> None:
        self.title = t("app.title", language)
        localise_bindings(self, language)
        self.settings.set(language=language)
        self._schedule_save()

    def watch_theme(self, theme: str) -> None:
        if getattr(self, "settings", None) is not None:  # any theme chosen is kept
            self.settings.set(theme=theme)
            self._schedule_save()

    def on_walkthrough_screen_moved(self, event: WalkthroughScreen.Moved) -> None:
        self.settings.moved(event.lesson_id, event.step_id, event.read)
        self._schedule_save()

    def on_classroom_screen_changed(self, event: ClassroomScreen.Changed) -> None:
        self.settings.set(class_step=event.step_id, class_reveal=event.reveal)
        self._schedule_save()

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_state)

    def save_state(self) -> None:
        warning = self.settings.save()
        if warning:
            self.warn(warning.text(self.language), "notice.not_saving")

    def warn(
        self, message: str, title: str, *, severity: SeverityLevel = "warning", timeout: float = 8
    ) -> None:
        """A notice about saved data (never markup: it may quote a file name)."""
        self.notify(message, title=t(title, self.language), severity=severity, timeout=timeout, markup=False)

    async def action_quit(self) -> None:
        self.save_state()
        if self.reviews is not None and not self.reviews.read_only:
            left = self.reviews.close()
            if left and not self._quit_warned:
                # Never drop answers silently: say so, and quit on the second q.
                self._quit_warned = True
                reason = self.reviews.last_error or "?"
                message = t("store.quit_unsaved", self.language, n=left, reason=reason)
                self.warn(message, "store.title", severity="error", timeout=20)
                return
        self.exit()


def _provider(name: str) -> type[Provider]:
    import tui.commands

    provider: type[Provider] = getattr(tui.commands, name)
    return provider


def make_app(
    course: Course,
    data: Path | None = None,
    *,
    save: bool = True,
    quiz: QuizRequest | None = None,
    classroom: ClassroomRequest | None = None,
    appraise: AppraiseRequest | None = None,
    discern: Discern | DiscernSource | None = None,
    now: Callable[[], datetime] | None = None,
    learner: str | None = None,
    ask_name: bool = False,
    collect_when_idle: bool = False,
) -> ExplainerApp:
    """Build the app from an already-loaded course (tests pass fixture courses).

    `discern` is the DISCERN workshop, loaded or to be loaded on first use; without it the
    workshop is absent. `learner` is a name given on the command line (saved); with `ask_name`,
    the quiz asks for one the first time it opens if none is saved. With `collect_when_idle`
    (the command line, after `hold_full_collections`), full garbage collections run when the
    reader pauses."""
    folder = data_dir(data)
    now = now or (lambda: datetime.now(UTC))
    # A short busy wait: if another instance holds the database, the answer waits in memory and
    # is retried, rather than the interface freezing for seconds on every save.
    reviews = ReviewDB(folder, busy_timeout=0.3) if save else None
    follower = classroom is not None and classroom.role == "follower"
    settings = Settings(StateStore(folder, read_only=not save or follower), reviews, now, learner)
    source = discern if isinstance(discern, DiscernSource) else DiscernSource.of(discern)
    return ExplainerApp(
        course,
        settings,
        reviews,
        quiz=quiz,
        classroom=classroom,
        appraise=appraise,
        discern=source,
        now=now,
        ask_name=ask_name,
        collector=IdleCollector() if collect_when_idle else None,
    )
