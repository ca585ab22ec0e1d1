"""Classroom mode: slides for a projector, revealed one piece per keypress, with presenter notes.

The screen owns the lecture position and, for a presenter or follower, the sync link: a
presenter publishes every change; a follower applies what it receives.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import ProgressBar, Static

from tui.content.cursor import Cursor
from tui.content.language import Language
from tui.content.linking import TermIndex
from tui.content.model import Course, Lesson, Step
from tui.content.workshop import DiscernSource
from tui.i18n import Notice, t
from tui.quiz.classquiz import class_questions
from tui.quiz.db import ReviewDB
from tui.screens.base import LocalisedScreen
from tui.screens.class_discern import ClassDiscernScreen, DiscernShown
from tui.screens.class_quiz import ClassQuizScreen
from tui.sync import DEFAULT_PORT, PresenterServer, Status, SyncState, follow, show_code
from tui.widgets.key_footer import KeyFooter
from tui.widgets.labels import pick
from tui.widgets.slides import notes_content, reveal_total, slide_blocks

Role = Literal["solo", "presenter", "follower"]


@dataclass(frozen=True)
class Link:
    """How a presenter and its followers find each other."""

    code: str
    port: int = DEFAULT_PORT
    retry: float = 2.0  # seconds between a follower's attempts to reach its presenter


@dataclass(frozen=True)
class ClassroomRequest:
    """Classroom mode as asked for on the command line."""

    lesson: str | None = None
    role: Role = "solo"
    link: Link | None = None
    seed: int | None = None  # class quiz option order; None: a new random order each time


class ClassroomScreen(LocalisedScreen[None]):
    """Owns the lecture position (step and how much is revealed); announces every change."""

    AUTO_FOCUS = None

    BINDINGS = [
        Binding("pagedown,space,right,n,down", "forward", "key.next"),
        Binding("pageup,left,p,up,backspace", "back", "key.back"),
        Binding("right_square_bracket", "lesson(1)", "key.next_lesson", show=False),
        Binding("left_square_bracket", "lesson(-1)", "key.previous_lesson", show=False),
        Binding("c", "class_quiz", "key.class_quiz"),
        Binding("d", "class_discern", "key.class_discern"),
        Binding("s", "toggle_quotes", "key.quotes"),
        Binding("l", "app.cycle_language", "key.language"),
        Binding("q", "app.quit", "key.quit"),
    ]

    @dataclass
    class Changed(Message):
        """The lecture moved; the app saves where it stopped."""

        step_id: str
        reveal: int

    @dataclass
    class LanguageRequested(Message):
        """A follower's presenter switched language; the app owns the language."""

        language: Language

    def __init__(
        self,
        course: Course,
        cursor: Cursor,
        *,
        reveal: int = 1,
        language: str = "en",
        role: Role = "solo",
        link: Link | None = None,
        clock: Callable[[], float] = time.monotonic,
        quiz_seed: int | None = None,
        discern: DiscernSource | None = None,
        tallies: ReviewDB | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(language)
        self.course = course
        self.cursor = cursor
        self.reveal = max(1, min(reveal, reveal_total(self.step)))
        self.role: Role = role
        self.link = link
        self.clock = clock
        self.started = clock()
        self.stopped: float | None = None  # the follower's clock stops when its presenter ends
        self.index = TermIndex(course.terms)
        self.status: Notice | None = None  # the link's state, shown in the language of the moment
        self.server: PresenterServer | None = None
        self.fixed_seed = quiz_seed  # --seed: every class quiz shows the same, printable order
        self.quiz_seed = 0
        self.quotes = False  # full quotes under each source line (the presenter's `s`)
        self.discern = discern or DiscernSource()
        self.tallies = tallies  # where a class DISCERN count is saved (never on a follower)
        self.now = now
        self.discern_session = ""  # when the class DISCERN screen opened: one session per opening
        self._tally_warned = False

    @property
    def lesson(self) -> Lesson:
        return self.cursor.lesson

    @property
    def step(self) -> Step:
        return self.cursor.step

    def compose(self) -> ComposeResult:
        with Horizontal(id="class-main"):
            with Vertical(id="slide"):
                yield Static(id="slide-lesson")
                yield Static(id="slide-title")
                # Not focusable: page keys must reach the screen's bindings, not scroll this.
                yield VerticalScroll(id="slide-body", can_focus=False)
            if self.role == "presenter":
                with Vertical(id="presenter"):
                    yield Static(id="presenter-timer")
                    yield Static(id="presenter-next")
                    yield VerticalScroll(
                        Static(id="presenter-notes"), id="presenter-notes-box", can_focus=False
                    )
        with Horizontal(id="class-status"):
            yield ProgressBar(
                total=self.cursor.total, show_eta=False, show_percentage=False, id="class-progress"
            )
            yield Static(id="class-info")
        # Compact: nine keys in a presenter's 80 columns, quit included.
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.set_class(self.role == "follower", "-follower")
        self.set_interval(1, self.update_status)
        if self.link is not None and self.role == "presenter":
            self.run_worker(self._present(self.link), name="presenter", exit_on_error=False)
        elif self.link is not None and self.role == "follower":
            self.status = Notice("class.status.waiting", {"port": self.link.port})
            self.run_worker(self._follow(self.link), name="follower", exit_on_error=False)
        self.render_slide()

    def on_screen_resume(self) -> None:
        if self.role != "follower" and self.is_mounted:
            self.announce()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        follower_keys = ("forward", "back", "lesson", "class_quiz", "class_discern", "toggle_quotes")
        return not (self.role == "follower" and action in follower_keys)

    def language_changed(self) -> None:
        self.render_slide()

    # -- rendering ----------------------------------------------------------------

    def elapsed(self) -> str:
        seconds = int((self.stopped or self.clock()) - self.started)
        return f"{seconds // 3600:d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"

    def update_status(self) -> None:
        lang, cursor = self.language, self.cursor
        # The link's status comes first (at 80 columns it must not be cut off), then where the
        # lecture is; a follower's clock gives way to its status.
        parts = [self.status.text(lang)] if self.status else []
        parts += [
            f"{t('lesson', lang)} {cursor.lesson_number}/{len(self.course.lessons)}",
            f"{t('step', lang)} {cursor.step_number}/{len(self.lesson.steps)}",
            f"{self.reveal}/{reveal_total(self.step)}",
        ]
        if self.role != "follower" or self.status is None:
            parts.append(f"⏱ {self.elapsed()}")
        self.query_one("#class-info", Static).update(Content(" " + " · ".join(parts)))
        self.query_one("#class-progress", ProgressBar).update(progress=cursor.index + 1)
        if self.role == "presenter":
            self.query_one("#presenter-timer", Static).update(Content.styled(f"⏱ {self.elapsed()}", "bold"))

    def render_slide(self) -> None:
        lang = self.language
        self.query_one("#slide-lesson", Static).update(
            Content.styled(f"{self.cursor.lesson_number}. {pick(self.lesson.title, lang)}", "italic")
        )
        self.query_one("#slide-title", Static).update(Content.styled(pick(self.step.title, lang), "bold"))
        body = self.query_one("#slide-body", VerticalScroll)
        widgets: list[Static] = []
        previous = ""
        newest: Static | None = None  # the piece just revealed (with its source line)
        blocks = slide_blocks(self.step, lang, self.reveal, self.index, self.course, self.quotes)
        for block in blocks:
            if block.kind == previous == "diagram":
                widgets.append(Static("↓", classes="slide-arrow" + ("" if block.lit else " -dim")))
            classes = f"slide-{block.kind}" + ("" if block.lit else " -dim")
            widgets.append(Static(block.body, classes=classes))
            if block.lit:
                newest = widgets[-1]
            previous = block.kind if block.kind != "cite" else previous
        with self.app.batch_update():
            body.remove_children()
            body.mount_all(widgets)
        if newest is not None:
            # Keep what was just revealed (or the box just lit) on screen, at any size.
            body.call_after_refresh(body.scroll_to_widget, newest, animate=False, top=False)
        if self.role == "presenter":
            following = self.cursor.peek(1)
            title = pick(following.title, lang) if following else t("class.end", lang)
            self.query_one("#presenter-next", Static).update(
                Content.assemble((t("class.next_step", lang), "bold"), title)
            )
            self.query_one("#presenter-notes", Static).update(notes_content(self.step, lang))
        self.update_status()
        if self.role != "follower":
            self.announce()

    def announce(self) -> None:
        """Tell the app (to save) and the followers (to mirror) where the lecture is."""
        self.post_message(self.Changed(self.step.id, self.reveal))
        self.publish(SyncState("slides", self.step.id, self.reveal, self.language, quotes=self.quotes))

    def publish(self, state: SyncState) -> None:
        if self.server is not None:
            self.server.publish(state)

    # -- moving ---------------------------------------------------------------------

    def action_forward(self) -> None:
        if self.reveal < reveal_total(self.step):
            self.reveal += 1
        elif self.cursor.next():
            self.reveal = 1
        else:
            return
        self.render_slide()

    def action_back(self) -> None:
        if self.reveal > 1:
            self.reveal -= 1
        elif self.cursor.previous():
            self.reveal = reveal_total(self.step)
        else:
            return
        self.render_slide()

    def action_toggle_quotes(self) -> None:
        self.quotes = not self.quotes
        self.render_slide()

    def action_lesson(self, delta: int) -> None:
        if self.cursor.jump_lesson(delta):
            self.reveal = 1
            self.render_slide()

    def go(self, step_id: str, reveal: int) -> None:
        if self.cursor.go(step_id):
            self.reveal = max(1, min(reveal, reveal_total(self.step)))
            self.render_slide()

    # -- class quiz -------------------------------------------------------------------

    def action_class_quiz(self) -> None:
        questions = class_questions(self.course, self.lesson.id)
        if not questions:
            self.notify(t("class.no_quiz", self.language), timeout=4)
            return
        # A fresh order for every class quiz, unless the teacher fixed one with --seed.
        self.quiz_seed = self.fixed_seed if self.fixed_seed is not None else random.randrange(1, 2**31)
        self.app.push_screen(
            ClassQuizScreen(
                self.course, questions, self.language, seed=self.quiz_seed, on_change=self._quiz_changed
            )
        )

    def _quiz_changed(self, question_id: str, revealed: bool, seed: int) -> None:
        self.publish(SyncState("quiz", self.step.id, self.reveal, self.language, question_id, revealed, seed))

    # -- class DISCERN ----------------------------------------------------------------

    def action_class_discern(self) -> None:
        discern = self.discern.get()
        if discern is None:
            key = "appraise.broken" if self.discern.problems else "appraise.unavailable"
            self.notify(t(key, self.language, n=self.discern.problems), timeout=6)
            return
        self.discern_session = self.now().isoformat()
        self.app.push_screen(
            ClassDiscernScreen(
                self.course,
                discern,
                self.language,
                on_change=self._discern_changed,
                on_hands=self._save_hands,
            )
        )

    def _discern_changed(self, shown: DiscernShown) -> None:
        self.publish(
            SyncState(
                "discern",
                self.step.id,
                self.reveal,
                self.language,
                revealed=shown.revealed,
                article=shown.seed or "",
                number=shown.number,
                hands=shown.hands,
            )
        )

    def _save_hands(self, seed: str, question: int, hands: tuple[int, int, int, int, int]) -> None:
        """Keep the room's count on this machine (a question whose hands are all taken back is
        forgotten); say once if it cannot be saved."""
        if self.tallies is None:
            return
        if any(hands):
            saved = self.tallies.save_hands(self.discern_session, seed, question, hands, self.now())
        else:
            saved = self.tallies.drop_hands(self.discern_session, seed, question)
        if not saved and not self._tally_warned:
            self._tally_warned = True
            reason = self.tallies.last_error or "?"
            self.notify(
                t("class_discern.not_saved", self.language, reason=reason), severity="warning", markup=False
            )

    # -- the link -------------------------------------------------------------------

    async def _present(self, link: Link) -> None:
        server = PresenterServer(link.code, port=link.port)
        try:
            bound = await server.start()
        except OSError as error:
            reason = error.strerror or str(error)
            self.notify(
                t("class.port_busy", self.language, port=link.port, reason=reason),
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.server = server
        self.status = Notice("class.code", {"code": show_code(link.code)})
        self.notify(
            t("class.presenting", self.language, port=bound, code=show_code(link.code)),
            timeout=12,
            markup=False,
        )
        self.announce()
        try:
            await asyncio.Event().wait()  # serve until the worker is cancelled (the app quits)
        finally:
            self.server = None
            await server.close()

    async def _follow(self, link: Link) -> None:
        last: list[Status] = []

        def on_status(status: Status) -> None:
            if last and last[-1] == status:
                return
            last.append(status)
            self.set_status(
                Notice(f"class.status.{status}", {"port": link.port} if status == "waiting" else {})
            )
            if status == "lost":
                self.stopped = self.clock()
                self.notify(t("class.ended", self.language), title=t("class.title", self.language), timeout=8)
            elif status == "connected":
                self.stopped = None

        def on_bad(count: int) -> None:
            if count in (1, 10, 100, 1000):  # say so, but never flood the screen with notices
                self.notify(t("class.bad_message", self.language, n=count), severity="warning", timeout=6)

        await follow(link.code, self.apply, on_status, on_bad, port=link.port, retry=link.retry)

    def apply(self, state: SyncState) -> None:
        """Follower: mirror the presenter's slide or class-quiz question."""
        if state.language != self.language:
            self.post_message(self.LanguageRequested(state.language))
        top = self.app.screen
        if state.mode == "discern":
            self._apply_discern(state, top)
            return
        if isinstance(top, ClassDiscernScreen):
            self.app.pop_screen()
            top = self.app.screen
        showing = top if isinstance(top, ClassQuizScreen) else None
        if state.mode == "quiz":
            if showing is None or showing.seed != state.seed:
                questions = class_questions(self.course, Cursor.at(self.course, state.step).lesson.id)
                if not questions:
                    return
                if showing is not None:
                    self.app.pop_screen()
                showing = ClassQuizScreen(
                    self.course, questions, state.language, seed=state.seed, follower=True
                )
                self.app.push_screen(showing)
            self.app.call_after_refresh(showing.apply, state.question, state.revealed)
            return
        if showing is not None:
            self.app.pop_screen()
        self.quotes = state.quotes
        self.go(state.step, state.reveal)

    def _apply_discern(self, state: SyncState, top: object) -> None:
        """Follower: mirror the class DISCERN question, its count and the reveal."""
        discern = self.discern.get()
        if discern is None:
            return
        if isinstance(top, ClassQuizScreen):
            self.app.pop_screen()
            top = self.app.screen
        if isinstance(top, ClassDiscernScreen):
            showing = top
        else:
            showing = ClassDiscernScreen(self.course, discern, state.language, follower=True)
            self.app.push_screen(showing)
        shown = DiscernShown(state.article or None, state.number, state.revealed, state.hands)
        self.app.call_after_refresh(showing.apply, shown)

    def set_status(self, status: Notice) -> None:
        self.status = status
        self.update_status()
