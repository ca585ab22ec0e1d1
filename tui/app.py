"""The Textual application: wires the modes to an already-loaded course and keeps app-wide state
(language, theme, where the learner is). Each mode's screen runs its own feature."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.timer import Timer

from tui import cjkwrap
from tui.commands import CourseCommands, SystemCommandsLast
from tui.content.cursor import Cursor
from tui.content.language import Language, next_language, parse_language
from tui.content.model import Course
from tui.i18n import t
from tui.quiz.session import QuizRequest
from tui.quiz.store import ReviewStore
from tui.screens.base import localise_bindings
from tui.screens.classroom import ClassroomRequest, ClassroomScreen
from tui.screens.quiz_home import QuizHome
from tui.screens.walkthrough import WalkthroughScreen
from tui.state import StateStore
from tui.storage import data_dir
from tui.themes import HIGH_CONTRAST, THEMES

SAVE_DELAY = 0.3


class ExplainerApp(App[None]):
    """Owns the language, theme and saved place; screens own everything else."""

    CSS_PATH = "app.tcss"
    TITLE = "stemcell-explainer"
    COMMANDS = {CourseCommands, SystemCommandsLast}  # ours first, then Textual's
    BINDINGS = [Binding("ctrl+p", "command_palette", "key.search", show=False)]

    language: reactive[Language] = reactive[Language]("en", init=False)

    def __init__(
        self,
        course: Course,
        store: StateStore,
        reviews: ReviewStore | None,
        *,
        quiz: QuizRequest | None = None,
        classroom: ClassroomRequest | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        cjkwrap.install()
        self.course = course
        self.store = store
        self.reviews = reviews
        self.quiz_request = quiz
        self.classroom = classroom
        self.now = now or (lambda: datetime.now(UTC))
        self.ui_state = store.load()
        self.set_reactive(ExplainerApp.language, parse_language(self.ui_state.language))
        self._save_timer: Timer | None = None
        self.register_theme(HIGH_CONTRAST)

    def on_mount(self) -> None:
        self.title = t("app.title", self.language)
        localise_bindings(self, self.language)
        if self.ui_state.theme in THEMES:
            self.theme = self.ui_state.theme
        self.add_mode("walkthrough", self._walkthrough)
        self.add_mode("quiz", self._quiz_home)
        if self.classroom is not None:
            self.add_mode("classroom", self._classroom)
            self.switch_mode("classroom")
        elif self.quiz_request is not None:
            self.switch_mode("quiz")
        else:
            self.switch_mode("walkthrough")
        for notice in self.store.notices:
            self.notify(
                notice,
                title=t("notice.saved_state", self.language),
                severity="warning",
                timeout=8,
                markup=False,
            )

    # -- modes ----------------------------------------------------------------------

    def _walkthrough(self) -> WalkthroughScreen:
        state = self.ui_state
        cursor = Cursor.at(self.course, state.step, state.lesson, state.read)
        return WalkthroughScreen(self.course, cursor, language=self.language)

    def _quiz_home(self) -> QuizHome:
        request, self.quiz_request = self.quiz_request, None
        return QuizHome(self.course, self.reviews, language=self.language, now=self.now, start=request)

    def _classroom(self) -> ClassroomScreen:
        assert self.classroom is not None
        request, state = self.classroom, self.ui_state
        if request.lesson is not None:
            cursor, reveal = Cursor.at(self.course, lesson_id=request.lesson), 1
        else:
            cursor, reveal = Cursor.at(self.course, state.class_step), max(1, state.class_reveal)
        return ClassroomScreen(
            self.course, cursor, reveal=reveal, language=self.language, role=request.role, link=request.link
        )

    def on_walkthrough_screen_quiz_requested(self, event: WalkthroughScreen.QuizRequested) -> None:
        self.switch_mode("quiz")
        stack = self.get_screen_stack("quiz")
        if len(stack) == 1 and isinstance(stack[0], QuizHome):  # else a session is under way: resume it
            request = QuizRequest(event.lesson_id, 10 if event.kind == "new" else None, event.kind)
            if not stack[0].start(request):
                self.switch_mode("walkthrough")  # nothing to ask: the notice says so

    # -- app-wide state -------------------------------------------------------------

    def action_cycle_language(self) -> None:
        self.language = next_language(self.language)

    def on_classroom_screen_language_requested(self, event: ClassroomScreen.LanguageRequested) -> None:
        self.language = event.language

    def watch_language(self, language: Language) -> None:
        self.title = t("app.title", language)
        localise_bindings(self, language)
        self.ui_state.language = language
        self._schedule_save()

    def watch_theme(self, theme: str) -> None:
        if getattr(self, "ui_state", None) is not None and theme in THEMES:
            self.ui_state.theme = theme
            self._schedule_save()

    def on_walkthrough_screen_moved(self, event: WalkthroughScreen.Moved) -> None:
        self.ui_state.lesson = event.lesson_id
        self.ui_state.step = event.step_id
        self.ui_state.read = sorted(event.read)
        self._schedule_save()

    def on_classroom_screen_changed(self, event: ClassroomScreen.Changed) -> None:
        self.ui_state.class_step = event.step_id
        self.ui_state.class_reveal = event.reveal
        self._schedule_save()

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_state)

    def save_state(self) -> None:
        warning = self.store.save(self.ui_state)
        if warning:
            self.notify(
                warning,
                title=t("notice.not_saving", self.language),
                severity="warning",
                timeout=8,
                markup=False,
            )

    async def action_quit(self) -> None:
        self.save_state()
        self.exit()


def make_app(
    course: Course,
    data: Path | None = None,
    *,
    save: bool = True,
    quiz: QuizRequest | None = None,
    classroom: ClassroomRequest | None = None,
    now: Callable[[], datetime] | None = None,
) -> ExplainerApp:
    """Build the app from an already-loaded course (tests pass fixture courses)."""
    folder = data_dir(data)
    reviews = ReviewStore(folder) if save else None
    follower = classroom is not None and classroom.role == "follower"
    state = StateStore(folder, read_only=not save or follower)
    return ExplainerApp(course, state, reviews, quiz=quiz, classroom=classroom, now=now)
