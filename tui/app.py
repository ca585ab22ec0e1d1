"""The Textual application: wires modes to an already-loaded course and saves state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.timer import Timer

from tui import cjkwrap
from tui.classroom_sync import DEFAULT_PORT, PresenterServer, follow
from tui.commands import CourseCommands
from tui.content.model import Course
from tui.quiz.session import select, summarise
from tui.quiz.store import ReviewStore
from tui.screens.class_quiz import ClassQuizScreen, class_questions
from tui.screens.classroom import ClassroomScreen
from tui.screens.quiz import QuizScreen, Result
from tui.screens.quiz_home import QuizHome
from tui.screens.walkthrough import StepPeek, WalkthroughScreen
from tui.state import StateStore
from tui.storage import data_dir
from tui.themes import HIGH_CONTRAST, THEMES

SAVE_DELAY = 0.3


@dataclass
class ClassroomRequest:
    lesson: str | None = None
    role: str = "solo"  # solo | presenter | follower
    port: int = DEFAULT_PORT
    retry: float = 2.0  # seconds between a follower's attempts to reach its presenter


@dataclass
class QuizRequest:
    lesson: str | None = None
    count: int | None = 10
    due: bool = False
    mistakes: bool = False
    seed: int | None = None


class ExplainerApp(App[None]):
    """Holds app-wide state (course, stores, clock); screens own their own state."""

    CSS_PATH = "app.tcss"
    TITLE = "stemcell-explainer"
    COMMANDS = App.COMMANDS | {CourseCommands}
    BINDINGS = [Binding("ctrl+p", "command_palette", "Search", show=False)]

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
        self.classroom = classroom
        self.presenter: PresenterServer | None = None
        cjkwrap.install()
        self.course = course
        self.store = store
        self.reviews = reviews
        self.quiz_request = quiz
        self.now = now or (lambda: datetime.now(UTC))
        self.ui_state = store.load()
        self._save_timer: Timer | None = None
        self._review_warned = False
        self._last_results: list[Result] = []
        self.register_theme(HIGH_CONTRAST)

    def on_mount(self) -> None:
        if self.ui_state.theme in THEMES:
            self.theme = self.ui_state.theme
        self.add_mode("walkthrough", self._walkthrough)
        self.add_mode("quiz", lambda: QuizHome(self.course))
        if self.classroom is not None:
            self.add_mode("classroom", self._classroom_screen)
            self.switch_mode("classroom")
            if self.classroom.role == "presenter":
                self.run_worker(self._serve(self.classroom.port), name="presenter")
            elif self.classroom.role == "follower":
                self.run_worker(self._follow(self.classroom.port, self.classroom.retry), name="follower")
        elif self.quiz_request is not None:
            self.switch_mode("quiz")
            self.call_after_refresh(self._start_requested)
        else:
            self.switch_mode("walkthrough")
        for notice in self.store.notices:
            self.notify(notice, title="Saved state", severity="warning", timeout=8, markup=False)

    def _start_requested(self) -> None:
        if self.quiz_request is not None:
            self.start_quiz(self.quiz_request)

    def _position(self, step_id: str | None, lesson_id: str | None = None) -> int:
        """Index of `step_id` in the course, else of the first step of `lesson_id`, else 0."""
        first_of_lesson: int | None = None
        for n, (lesson, step) in enumerate(self.course.steps()):
            if step.id == step_id:
                return n
            if lesson.id == lesson_id and first_of_lesson is None:
                first_of_lesson = n
        return first_of_lesson or 0

    def _walkthrough(self) -> WalkthroughScreen:
        return WalkthroughScreen(
            self.course,
            position=self._position(self.ui_state.step, self.ui_state.lesson),
            language=self.ui_state.language,
        )

    # -- classroom ----------------------------------------------------------------

    def _classroom_screen(self) -> ClassroomScreen:
        assert self.classroom is not None
        request = self.classroom
        reveal = 1
        if request.lesson is not None:
            position = self._position(None, request.lesson)
        else:
            position = self._position(self.ui_state.class_step)
            reveal = max(1, self.ui_state.class_reveal)
        return ClassroomScreen(
            self.course,
            position=position,
            reveal=reveal,
            language=self.ui_state.language,
            role=request.role,
        )

    async def _serve(self, port: int) -> None:
        server = PresenterServer(port=port)
        try:
            bound = await server.start()
        except OSError as error:
            self.notify(
                f"Followers can't connect: port {port} on 127.0.0.1 is unavailable "
                f"({error.strerror or error}).",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.presenter = server
        self.notify(
            f"Presenting on 127.0.0.1:{bound}. Start the projector view with "
            f"'stemcell-explainer classroom --follow --port {bound}'.",
            timeout=8,
            markup=False,
        )
        screen = self.screen
        if isinstance(screen, ClassroomScreen):
            await server.publish(self._slide_state(screen))

    async def _follow(self, port: int, retry: float) -> None:
        messages = {
            "connected": "following the presenter",
            "waiting": f"waiting for a presenter on 127.0.0.1:{port}",
            "lost": "the presenter has ended the session (waiting for it to return)",
        }
        last = {"status": ""}

        def on_status(status: str) -> None:
            if status == last["status"]:
                return
            last["status"] = status
            screen = self._classroom_base()
            if screen is not None:
                screen.set_status(messages[status])
            if status == "lost":
                self.notify("The presenter has ended the session.", title="Classroom", timeout=8)

        await follow(self.apply_presenter_state, on_status, port=port, retry=retry)

    def _classroom_base(self) -> ClassroomScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ClassroomScreen):
                return screen
        return None

    def apply_presenter_state(self, state: dict[str, object]) -> None:
        """Follower: mirror the presenter's slide or class-quiz question."""
        base = self._classroom_base()
        if base is None:
            return
        if state.get("mode") == "quiz":
            lesson = str(state.get("lesson", ""))
            if not isinstance(self.screen, ClassQuizScreen):
                questions = class_questions(self.course, lesson)
                if not questions:
                    return
                self.push_screen(ClassQuizScreen(self.course, questions, base.language, follower=True))
            quiz = self.screen
            if isinstance(quiz, ClassQuizScreen):
                self.call_after_refresh(quiz.apply, str(state.get("question")), bool(state.get("revealed")))
            return
        if isinstance(self.screen, ClassQuizScreen):
            self.pop_screen()
        language = state.get("language")
        reveal = state.get("reveal")
        base.go(
            str(state.get("step")),
            reveal if isinstance(reveal, int) else 1,
            language if isinstance(language, str) else None,
        )

    @staticmethod
    def _slide_state(screen: ClassroomScreen) -> dict[str, object]:
        return {
            "mode": "slides",
            "step": screen.step.id,
            "reveal": screen.reveal,
            "language": screen.language,
        }

    async def on_classroom_screen_changed(self, event: ClassroomScreen.Changed) -> None:
        self.ui_state.class_step = event.step_id
        self.ui_state.class_reveal = event.reveal
        self._schedule_save()
        if self.presenter is not None:
            await self.presenter.publish(
                {
                    "mode": "slides",
                    "step": event.step_id,
                    "reveal": event.reveal,
                    "language": event.language,
                }
            )

    def on_classroom_screen_quiz_requested(self, event: ClassroomScreen.QuizRequested) -> None:
        questions = class_questions(self.course, event.lesson_id)
        if not questions:
            self.notify("This lesson has no class-quiz questions.", timeout=4)
            return
        base = self._classroom_base()
        self.push_screen(ClassQuizScreen(self.course, questions, base.language if base else "en"))

    async def on_class_quiz_screen_changed(self, event: ClassQuizScreen.Changed) -> None:
        base = self._classroom_base()
        if self.presenter is not None and base is not None:
            await self.presenter.publish(
                {
                    "mode": "quiz",
                    "lesson": base.lesson.id,
                    "question": event.question_id,
                    "revealed": event.revealed,
                }
            )

    async def on_unmount(self) -> None:
        if self.presenter is not None:
            await self.presenter.close()

    # -- walkthrough state ----------------------------------------------------

    def on_walkthrough_screen_moved(self, event: WalkthroughScreen.Moved) -> None:
        self.ui_state.lesson = event.lesson_id
        self.ui_state.step = event.step_id
        self.ui_state.language = event.language
        self._schedule_save()

    def watch_theme(self, theme: str) -> None:
        if getattr(self, "ui_state", None) is not None and theme in THEMES:
            self.ui_state.theme = theme
            self._schedule_save()

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_state)

    def save_state(self) -> None:
        warning = self.store.save(self.ui_state)
        if warning:
            self.notify(warning, title="Not saving", severity="warning", timeout=8, markup=False)

    async def action_quit(self) -> None:
        self.save_state()
        self.exit()

    # -- quiz ---------------------------------------------------------------------

    def _records(self) -> list[dict[str, object]]:
        if self.reviews is None:
            return []
        records = self.reviews.load()
        for notice in self.reviews.notices:
            self.notify(notice, title="Review history", severity="warning", timeout=10, markup=False)
        self.reviews.notices.clear()
        return records

    def start_quiz(self, request: QuizRequest) -> bool:
        """Start a session; returns False (with a notice) when there is nothing to ask."""
        questions = select(
            self.course,
            self._records(),
            lesson=request.lesson,
            count=request.count,
            due_only=request.due,
            mistakes_only=request.mistakes,
            seed=request.seed,
            now=self.now(),
        )
        if not questions:
            what = "due" if request.due else "answered wrong last time" if request.mistakes else "to ask"
            self.notify(f"No questions {what}.", title="Quiz", timeout=5)
            return False
        if self.current_mode != "quiz":
            self.switch_mode("quiz")
        title = "Quiz · " + (
            "review my mistakes"
            if request.mistakes
            else "due"
            if request.due
            else request.lesson or "whole course"
        )
        self.push_screen(
            QuizScreen(
                self.course,
                questions,
                language=self.ui_state.language,
                seed=request.seed or 0,
                now=self.now,
                title=title,
            )
        )
        return True

    def on_walkthrough_screen_quiz_requested(self, event: WalkthroughScreen.QuizRequested) -> None:
        kind = event.kind
        self.start_quiz(
            QuizRequest(
                lesson=event.lesson_id,
                due=kind == "due",
                mistakes=kind == "mistakes",
                count=None if kind != "new" else 10,
            )
        )

    def on_quiz_home_start(self, event: QuizHome.Start) -> None:
        self.start_quiz(
            QuizRequest(
                due=event.kind == "due",
                mistakes=event.kind == "mistakes",
                count=None if event.kind != "new" else 10,
            )
        )

    def on_quiz_screen_answered(self, event: QuizScreen.Answered) -> None:
        if self.reviews is None:
            return
        try:
            self.reviews.add(event.record)
        except OSError as error:
            if not self._review_warned:
                self._review_warned = True
                self.notify(
                    f"Answers can't be saved ({error.strerror or error}); the quiz goes on without saving.",
                    severity="warning",
                    timeout=10,
                    markup=False,
                )

    def on_quiz_screen_show_step(self, event: QuizScreen.ShowStep) -> None:
        self.push_screen(
            StepPeek(self.course, position=self._position(event.step_id), language=self.ui_state.language)
        )

    def on_quiz_screen_finished(self, event: QuizScreen.Finished) -> None:
        self._last_results = event.results
        self.pop_screen()

    def on_quiz_home_shown(self, event: QuizHome.Shown) -> None:
        self._refresh_home(self._last_results)

    def _refresh_home(self, results: list[Result]) -> None:
        home = self.screen
        if isinstance(home, QuizHome):
            home.show(summarise(self.course, self._records(), self.now()), results, self.ui_state.language)


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
    state = StateStore(folder, read_only=not save or (classroom is not None and classroom.role == "follower"))
    return ExplainerApp(course, state, reviews, quiz=quiz, classroom=classroom, now=now)
