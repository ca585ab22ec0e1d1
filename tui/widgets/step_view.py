"""The current step: lesson and step titles, progress, and its items as selectable units."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tui.content.linking import TermIndex
from tui.content.model import Disagreement, Lesson, Step, Text
from tui.content.units import step_units
from tui.richtext import to_content
from tui.widgets.labels import pick, ui
from tui.widgets.unit_view import UnitView


class StepView(VerticalScroll, can_focus=False):
    """Shows one step. The screen hands it the step and language; it never fetches data."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Next item", show=False),
        Binding("up,k", "move(-1)", "Previous item", show=False),
    ]

    def __init__(self, index: TermIndex | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.term_index = index
        self.units: list[UnitView] = []

    def show(self, lesson: Lesson, step: Step, language: str, progress: Content) -> None:
        """Replace what is shown with `step` in `language`."""
        widgets: list[Widget] = [
            Static(progress, classes="progress"),
            Static(Content(pick(lesson.title, language)), classes="lesson-title"),
            Static(Content(pick(step.title, language)), classes="step-title"),
        ]
        self.units = []
        for item, units in step_units(step):
            caption: Text | None = getattr(item, "caption", None) or getattr(item, "topic", None)
            if caption is not None:
                widgets.append(Static(to_content(pick(caption, language), self.term_index), classes="caption"))
            for unit in units:
                view = UnitView(unit, language, self.term_index)
                self.units.append(view)
                widgets.append(view)
            if isinstance(item, Disagreement):
                why = Content.styled(ui("why_conflict", language) + ": ", "bold")
                widgets.append(
                    Static(why + to_content(pick(item.explanation, language), self.term_index),
                           classes="explanation")
                )
        with self.app.batch_update():
            self.remove_children()
            self.mount_all(widgets)
        self.scroll_home(animate=False)

    def focus_unit(self, index: int) -> None:
        if self.units:
            self.units[max(0, min(index, len(self.units) - 1))].focus(scroll_visible=True)

    def current_index(self) -> int:
        focused = self.screen.focused
        return self.units.index(focused) if isinstance(focused, UnitView) and focused in self.units else -1

    def action_move(self, delta: int) -> None:
        current = self.current_index()
        self.focus_unit(0 if current < 0 else current + delta)

    def compose(self) -> ComposeResult:
        return iter(())
