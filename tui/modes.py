"""How each mode's screen is built from the course and the saved settings, and how the app
moves between modes. Mixed into the App; the screens are imported on first use, so only the
walkthrough is loaded before the first frame."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import App
from textual.screen import Screen

from tui.content.cursor import Cursor
from tui.content.language import Language
from tui.content.model import Course
from tui.content.workshop import DiscernSource
from tui.i18n import t
from tui.quiz.db import ReviewDB
from tui.screens.walkthrough import WalkthroughScreen
from tui.settings import Settings
from tui.textual_private import mark_styled

if TYPE_CHECKING:
    from tui.content.discern import Discern
    from tui.quiz.session import QuizRequest
    from tui.screens.appraise_home import AppraiseHome, AppraiseRequest
    from tui.screens.classroom import ClassroomRequest, ClassroomScreen
    from tui.screens.quiz_home import QuizHome


class ModesMixin(App[None]):
    """The walkthrough, quiz, appraise and classroom modes (state set by the App's __init__)."""

    course: Course
    settings: Settings
    reviews: ReviewDB | None
    discern: DiscernSource
    quiz_request: QuizRequest | None
    appraise_request: AppraiseRequest | None
    classroom: ClassroomRequest | None
    ask_name: bool
    now: Callable[[], datetime]
    language: Language

    def add_modes(self) -> None:
        """The modes every run has (the classroom is added when one is asked for)."""
        self.add_mode("walkthrough", self._styled(self._walkthrough))
        self.add_mode("quiz", self._styled(self._quiz_home))
        self.add_mode("appraise", self._styled(self._appraise_home))
        if self.classroom is not None:
            self.add_mode("classroom", self._styled(self._classroom))

    _first_mode_open = False  # until then, no pause of repaints (delay_update)

    def open_first_mode(self) -> None:
        """The mode this run was asked for: the classroom, the quiz, the DISCERN workshop, or
        the walkthrough."""
        if self.classroom is not None:
            self.switch_mode("classroom")
        elif self.quiz_request is not None:
            self.switch_mode("quiz")
        elif self.appraise_request is None or not self.open_appraise():
            self.switch_mode("walkthrough")
        self._first_mode_open = True

    def delay_update(self, delay: float = 0.05) -> None:
        # Textual holds back repaints for 50 ms when the mode changes, to hide the change;
        # the first screen hides nothing, and the pause kept it off the terminal that long.
        if self._first_mode_open:
            super().delay_update(delay)

    def _styled(self, factory: Callable[[], Screen[None]]) -> Callable[[], Screen[None]]:
        """`factory`, its screen marked as styled by the app's current stylesheet.

        Textual re-parses every stylesheet and restyles the whole app when a mode's first
        screen is made whose style count differs from the app's (twice on the way to the
        first frame: ~20 ms of start-up). A new screen with no CSS of its own is styled from
        the current stylesheet when it mounts anyway, so it is marked current instead.
        """

        def build() -> Screen[None]:
            screen = factory()
            if not screen.CSS and not screen.css_path:
                mark_styled(screen, self)
            return screen

        return build

    def _walkthrough(self) -> WalkthroughScreen:
        state = self.settings.state
        cursor = Cursor.at(self.course, state.step, state.lesson, self.settings.marks.load())
        return WalkthroughScreen(self.course, cursor, language=self.language, workshop=self.discern.present)

    def _quiz_home(self) -> QuizHome:
        from tui.screens.quiz_home import QuizHome

        request, self.quiz_request = self.quiz_request, None
        ask, self.ask_name = self.ask_name, False
        return QuizHome(
            self.course, self.reviews, language=self.language, now=self.now, start=request, ask_name=ask
        )

    def _appraise_home(self) -> AppraiseHome:
        from tui.screens.appraise_home import AppraiseHome

        discern = self.discern.get()
        assert discern is not None  # open_appraise checked
        request, self.appraise_request = self.appraise_request, None
        return AppraiseHome(
            self.course, discern, self.reviews, language=self.language, now=self.now, start=request
        )

    def open_appraise(self) -> bool:
        """Switch to the DISCERN workshop, or say why there is none."""
        discern: Discern | None = self.discern.get()
        if discern is None:
            if self.discern.problems:
                message = t("appraise.broken", self.language, n=self.discern.problems)
            else:
                message = t("appraise.unavailable", self.language)
            self.notify(message, title=t("appraise.title", self.language), severity="warning", timeout=8)
            return False
        self.switch_mode("appraise")
        return True

    def _classroom(self) -> ClassroomScreen:
        from tui.screens.classroom import ClassroomScreen

        assert self.classroom is not None
        request, state = self.classroom, self.settings.state
        if request.lesson is not None:
            cursor, reveal = Cursor.at(self.course, lesson_id=request.lesson), 1
        else:
            cursor, reveal = Cursor.at(self.course, state.class_step), max(1, state.class_reveal)
        return ClassroomScreen(
            self.course,
            cursor,
            reveal=reveal,
            language=self.language,
            role=request.role,
            link=request.link,
            quiz_seed=request.seed,
            discern=self.discern,
            tallies=self.reviews if request.role != "follower" else None,
            now=self.now,
        )

    def on_walkthrough_screen_quiz_requested(self, event: WalkthroughScreen.QuizRequested) -> None:
        self.switch_mode("quiz")
        from tui.quiz.session import QuizRequest
        from tui.screens.quiz_home import QuizHome

        stack = self.get_screen_stack("quiz")
        if len(stack) == 1 and isinstance(stack[0], QuizHome):  # else a session is under way: resume it
            request = QuizRequest(event.lesson_id, 10 if event.kind == "new" else None, event.kind)
            if not stack[0].start(request):
                self.switch_mode("walkthrough")  # nothing to ask: the notice says so

    def on_walkthrough_screen_appraise_requested(self, event: WalkthroughScreen.AppraiseRequested) -> None:
        self.open_appraise()
