"""The Textual application: wires screens to an already-loaded course."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from tui.content.model import Course


class ExplainerApp(App[None]):
    """App shell: lists the lessons."""

    CSS_PATH = "app.tcss"
    TITLE = "stemcell-explainer"
    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, course: Course) -> None:
        super().__init__()
        self.course = course

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(
            *(
                Option(f"{n}. {lesson.title.en} / {lesson.title.ja}", id=lesson.id)
                for n, lesson in enumerate(self.course.lessons, 1)
            ),
            id="lessons",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.course.title.en


def make_app(course: Course) -> ExplainerApp:
    return ExplainerApp(course)
