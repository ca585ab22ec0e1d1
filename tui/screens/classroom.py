"""Classroom mode: slides for a projector, revealed one piece per keypress, with presenter notes."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from tui.content.linking import TermIndex
from tui.content.model import Course, Lesson, Step
from tui.widgets.labels import pick
from tui.widgets.slides import notes_content, reveal_total, slide_blocks


class ClassroomScreen(Screen[None]):
    """Owns the lecture position (step and how much is revealed); announces every change."""

    AUTO_FOCUS = None

    BINDINGS = [
        Binding("pagedown,space,right,n,down", "forward", "Next"),
        Binding("pageup,left,p,up,backspace", "back", "Back"),
        Binding("right_square_bracket", "lesson(1)", "Next lesson", show=False),
        Binding("left_square_bracket", "lesson(-1)", "Previous lesson", show=False),
        Binding("c", "class_quiz", "Class quiz"),
        Binding("l", "cycle_language", "Language"),
        Binding("q", "app.quit", "Quit"),
    ]

    @dataclass
    class Changed(Message):
        step_id: str
        reveal: int
        language: str

    @dataclass
    class QuizRequested(Message):
        lesson_id: str

    def __init__(
        self,
        course: Course,
        *,
        position: int = 0,
        reveal: int = 1,
        language: str = "en",
        role: str = "solo",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.course = course
        self.flat: list[tuple[Lesson, Step]] = course.steps()
        self.position = max(0, min(position, len(self.flat) - 1))
        self.reveal = max(1, min(reveal, reveal_total(self.step)))
        self.language = language if language in ("en", "ja", "both") else "en"
        self.role = role
        self.clock = clock
        self.started = clock()
        self.index = TermIndex(course.terms)
        self.status = ""

    @property
    def lesson(self) -> Lesson:
        return self.flat[self.position][0]

    @property
    def step(self) -> Step:
        return self.flat[self.position][1]

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
                total=len(self.flat), show_eta=False, show_percentage=False, id="class-progress"
            )
            yield Static(id="class-info")
        yield Footer()

    def on_mount(self) -> None:
        self.set_class(self.role == "follower", "-follower")
        self.set_interval(1, self.tick)
        self.render_slide()

    def on_screen_resume(self) -> None:
        if self.role != "follower" and self.is_mounted:
            self.post_message(self.Changed(self.step.id, self.reveal, self.language))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.role == "follower" and action in ("forward", "back", "lesson", "class_quiz"))

    # -- rendering ----------------------------------------------------------------

    def elapsed(self) -> str:
        seconds = int(self.clock() - self.started)
        return f"{seconds // 3600:d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"

    def tick(self) -> None:
        self.update_status()

    def update_status(self) -> None:
        lang = "ja" if self.language == "ja" else "en"
        lesson_no = self.course.lessons.index(self.lesson) + 1
        step_no = self.lesson.steps.index(self.step) + 1
        label = ("レッスン", "ステップ") if lang == "ja" else ("Lesson", "Step")
        info = (
            f" {label[0]} {lesson_no}/{len(self.course.lessons)}"
            f" · {label[1]} {step_no}/{len(self.lesson.steps)}"
            f" · {self.reveal}/{reveal_total(self.step)} · ⏱ {self.elapsed()}"
        )
        if self.status:
            info += f" · {self.status}"
        self.query_one("#class-info", Static).update(Content(info))
        self.query_one("#class-progress", ProgressBar).update(progress=self.position + 1)
        if self.role == "presenter":
            self.query_one("#presenter-timer", Static).update(Content.styled(f"⏱ {self.elapsed()}", "bold"))

    def render_slide(self) -> None:
        lang = self.language
        lesson_no = self.course.lessons.index(self.lesson) + 1
        self.query_one("#slide-lesson", Static).update(
            Content.styled(f"{lesson_no}. {pick(self.lesson.title, lang)}", "italic")
        )
        self.query_one("#slide-title", Static).update(Content.styled(pick(self.step.title, lang), "bold"))
        body = self.query_one("#slide-body", VerticalScroll)
        widgets: list[Static] = []
        previous = ""
        for block in slide_blocks(self.step, lang, self.reveal, self.index):
            if block.kind == previous == "diagram":
                widgets.append(Static("↓", classes="slide-arrow" + ("" if block.lit else " -dim")))
            classes = f"slide-{block.kind}" + ("" if block.lit else " -dim")
            widgets.append(Static(block.body, classes=classes))
            previous = block.kind
        with self.app.batch_update():
            body.remove_children()
            body.mount_all(widgets)
        if widgets:
            body.call_after_refresh(body.scroll_end, animate=False)
        if self.role == "presenter":
            nxt = self.flat[self.position + 1][1] if self.position + 1 < len(self.flat) else None
            following = pick(nxt.title, lang) if nxt else "(end of the course)"
            self.query_one("#presenter-next", Static).update(
                Content.assemble(("Next step: " if lang != "ja" else "次のステップ: ", "bold"), following)
            )
            self.query_one("#presenter-notes", Static).update(notes_content(self.step, lang))
        self.update_status()
        if self.role != "follower":
            self.post_message(self.Changed(self.step.id, self.reveal, self.language))

    # -- moving ---------------------------------------------------------------------

    def action_forward(self) -> None:
        if self.reveal < reveal_total(self.step):
            self.reveal += 1
        elif self.position + 1 < len(self.flat):
            self.position += 1
            self.reveal = 1
        else:
            return
        self.render_slide()

    def action_back(self) -> None:
        if self.reveal > 1:
            self.reveal -= 1
        elif self.position > 0:
            self.position -= 1
            self.reveal = reveal_total(self.step)
        else:
            return
        self.render_slide()

    def action_lesson(self, delta: int) -> None:
        lessons = self.course.lessons
        index = lessons.index(self.lesson) + delta
        if 0 <= index < len(lessons):
            self.go(lessons[index].steps[0].id, 1)

    def go(self, step_id: str, reveal: int, language: str | None = None) -> None:
        for n, (_, step) in enumerate(self.flat):
            if step.id == step_id:
                self.position = n
                self.reveal = max(1, min(reveal, reveal_total(step)))
                if language in ("en", "ja", "both"):
                    self.language = language
                self.render_slide()
                return

    def action_cycle_language(self) -> None:
        order = ("en", "ja", "both")
        self.language = order[(order.index(self.language) + 1) % 3]
        self.render_slide()

    def action_class_quiz(self) -> None:
        self.post_message(self.QuizRequested(self.lesson.id))

    def set_status(self, status: str) -> None:
        self.status = status
        self.update_status()
