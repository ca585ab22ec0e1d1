"""The guided walkthrough: outline, current step, glossary sidebar and source panel."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header

from tui.content.linking import TermIndex, step_texts
from tui.content.model import Course, Lesson, Step
from tui.screens.confirm import ConfirmScreen
from tui.screens.help import HelpScreen
from tui.state import LANGUAGES
from tui.widgets.glossary_panel import GlossaryPanel
from tui.widgets.labels import ui
from tui.widgets.outline import Outline
from tui.widgets.source_panel import SourcePanel
from tui.widgets.step_view import StepView

NARROW = 110


class WalkthroughScreen(Screen[None]):
    """Owns the reading position and language; tells the app when they change."""

    BINDINGS = [
        Binding("right,space,n,pagedown", "next", "Next"),
        Binding("left,p,pageup", "previous", "Back"),
        Binding("left_square_bracket", "lesson(-1)", "Previous lesson", show=False),
        Binding("right_square_bracket", "lesson(1)", "Next lesson", show=False),
        Binding("g", "glossary", "Glossary"),
        Binding("s", "toggle_sources", "Sources"),
        Binding("l", "cycle_language", "Language"),
        Binding("t", "next_term", "Next term in step", show=False),
        Binding("o", "toggle_outline", "Outline", show=False),
        Binding("escape", "back_to_step", "Back to step", show=False),
        Binding("x", "quiz", "Quiz"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    AUTO_FOCUS = "#step"

    language: reactive[str] = reactive("en", init=False)
    position: reactive[int] = reactive(0, init=False)

    @dataclass
    class Moved(Message):
        """The reader moved or changed language; the app saves it."""

        lesson_id: str
        step_id: str
        language: str

    @dataclass
    class QuizRequested(Message):
        """The reader asked to be quizzed (on a lesson, or with a kind such as 'mistakes')."""

        lesson_id: str | None
        kind: str = "new"

    def __init__(
        self, course: Course, *, position: int = 0, language: str = "en", peek: bool = False
    ) -> None:
        super().__init__()
        self.peek = peek
        self.course = course
        self.flat: list[tuple[Lesson, Step]] = course.steps()
        self.term_index = TermIndex(course.terms)
        self._step_terms: dict[str, list[str]] = {}
        self._term_cursor = -1
        self._panes_ready = False
        self.set_reactive(WalkthroughScreen.position, max(0, min(position, len(self.flat) - 1)))
        self.set_reactive(WalkthroughScreen.language, language if language in LANGUAGES else "en")

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield Outline(self.course, id="outline")
            with Vertical(id="center"):
                yield StepView(self.term_index, id="step")
                yield SourcePanel(self.course, id="sources")
            yield GlossaryPanel(self.course.terms, self.term_index, id="glossary")
        yield Footer()

    def on_mount(self) -> None:
        self._apply_width(self.size.width)
        self.render_step()
        # The side panes fill in after the first frame, so the step is readable sooner.
        self.call_after_refresh(self._fill_side_panes)

    def _fill_side_panes(self) -> None:
        self._panes_ready = True
        self.query_one(Outline).set_language(self.language, self.step.id)
        self.query_one(GlossaryPanel).set_context(self.step_terms(self.step), self.language)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW, "-narrow")

    # -- rendering ----------------------------------------------------------

    @property
    def lesson(self) -> Lesson:
        return self.flat[self.position][0]

    @property
    def step(self) -> Step:
        return self.flat[self.position][1]

    def step_terms(self, step: Step) -> list[str]:
        if step.id not in self._step_terms:
            self._step_terms[step.id] = self.term_index.terms_in(step_texts(step))
        return self._step_terms[step.id]

    def progress(self) -> Content:
        lesson, step = self.lesson, self.step
        lesson_no = self.course.lessons.index(lesson) + 1
        step_no = lesson.steps.index(step) + 1
        done = self.position + 1
        total = len(self.flat)
        lang = "ja" if self.language == "ja" else "en"
        width = 20
        filled = round(width * done / total)
        return Content.assemble(
            (f"{ui('lesson', lang)} {lesson_no}/{len(self.course.lessons)}", "bold"),
            f" · {ui('step', lang)} {step_no}/{len(lesson.steps)} · {ui('course', lang)} ",
            ("█" * filled, "$accent"),
            ("░" * (width - filled), "$text-muted"),
            f" {done}/{total} ({done * 100 // total}%)",
        )

    def render_step(self) -> None:
        lesson, step = self.lesson, self.step
        view = self.query_one(StepView)
        view.show(lesson, step, self.language, self.progress())
        if self._panes_ready:
            self.query_one(Outline).mark(step.id)
            self.query_one(GlossaryPanel).set_context(self.step_terms(step), self.language)
        self._term_cursor = -1
        self.sub_title = f"{lesson.title.en} · {lesson.title.ja}"
        if self.focused is None:
            view.focus()
        if not self.peek:
            self.post_message(self.Moved(lesson.id, step.id, self.language))

    def watch_position(self) -> None:
        self.render_step()

    def watch_language(self) -> None:
        if self._panes_ready:
            self.query_one(Outline).set_language(self.language, self.step.id)
        self.render_step()

    # -- navigation ---------------------------------------------------------

    def action_next(self) -> None:
        if self.position < len(self.flat) - 1:
            self.position += 1
        else:
            self.notify("End of the course: press ? for help or q to quit.", timeout=3)

    def action_previous(self) -> None:
        if self.position > 0:
            self.position -= 1

    def action_lesson(self, delta: int) -> None:
        lessons = self.course.lessons
        index = lessons.index(self.lesson) + delta
        if 0 <= index < len(lessons):
            self.jump_to_step(lessons[index].steps[0].id)

    def jump_to_step(self, step_id: str) -> None:
        for n, (_, step) in enumerate(self.flat):
            if step.id == step_id:
                self.position = n
                return

    def open_term(self, term_id: str) -> None:
        self.remove_class("-hide-glossary")
        self.add_class("-show-glossary")
        self.query_one(GlossaryPanel).show_term(term_id)

    @on(Outline.Jump)
    def _outline_jump(self, event: Outline.Jump) -> None:
        self.jump_to_step(event.step_id)
        if self.has_class("-narrow"):
            self.remove_class("-show-outline")
            self.query_one(StepView).focus()

    @on(StepView.Selected)
    def _unit_selected(self, event: StepView.Selected) -> None:
        self.query_one(SourcePanel).show(event.unit, self.language)

    @on(StepView.LinkClicked)
    def _link_clicked(self, event: StepView.LinkClicked) -> None:
        href = event.href
        if not href.startswith("https://"):
            self.notify(
                f"Not opened: only https:// links can be opened ({href}).",
                severity="warning",
                markup=False,
            )
            return

        def opened(answer: bool | None) -> None:
            if answer:
                self.app.open_url(href)

        self.app.push_screen(ConfirmScreen(f"Open this link in your browser?\n\n{href}"), opened)

    @on(StepView.TermClicked)
    def _term_clicked(self, event: StepView.TermClicked) -> None:
        self.open_term(event.term)

    # -- panels ---------------------------------------------------------------

    def action_glossary(self) -> None:
        self.remove_class("-hide-glossary")
        self.add_class("-show-glossary")
        self.query_one(GlossaryPanel).focus_filter()

    def action_back_to_step(self) -> None:
        self.remove_class("-show-glossary", "-show-outline")
        self.query_one(StepView).focus()

    def action_toggle_sources(self) -> None:
        self.toggle_class("-hide-sources")

    def action_toggle_outline(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("-show-outline")
        else:
            self.toggle_class("-hide-outline")
        if self.has_class("-show-outline"):
            self.query_one(Outline).focus()

    def action_cycle_language(self) -> None:
        self.language = LANGUAGES[(LANGUAGES.index(self.language) + 1) % len(LANGUAGES)]

    def action_next_term(self) -> None:
        terms = self.step_terms(self.step)
        if not terms:
            self.notify("No glossary terms in this step.", timeout=2)
            return
        self._term_cursor = (self._term_cursor + 1) % len(terms)
        self.open_term(terms[self._term_cursor])

    def action_quiz(self) -> None:
        self.request_quiz()

    def request_quiz(self, kind: str = "new") -> None:
        self.post_message(self.QuizRequested(self.lesson.id if kind == "new" else None, kind))

    def action_help(self) -> None:
        bindings = [b for b in self.BINDINGS if isinstance(b, Binding)]
        self.app.push_screen(HelpScreen(bindings, self.language))


class StepPeek(WalkthroughScreen):
    """The walkthrough opened from quiz feedback at the teaching step; escape goes back."""

    BINDINGS = [
        Binding("escape,b", "app.pop_screen", "Back to the quiz"),
        Binding("x", "app.pop_screen", "Back to the quiz", show=False),
    ]

    def __init__(self, course: Course, *, position: int, language: str) -> None:
        super().__init__(course, position=position, language=language, peek=True)
