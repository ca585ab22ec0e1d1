"""The Textual application: wires modes to an already-loaded course and saves UI state."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.timer import Timer

from tui import cjkwrap
from tui.commands import CourseCommands
from tui.content.model import Course
from tui.screens.walkthrough import WalkthroughScreen
from tui.state import StateStore
from tui.storage import data_dir
from tui.themes import HIGH_CONTRAST, THEMES

SAVE_DELAY = 0.3


class ExplainerApp(App[None]):
    """Holds app-wide state (course, saved UI state); screens own their own state."""

    CSS_PATH = "app.tcss"
    TITLE = "stemcell-explainer"
    COMMANDS = App.COMMANDS | {CourseCommands}
    BINDINGS = [Binding("ctrl+p", "command_palette", "Search", show=False)]

    def __init__(self, course: Course, store: StateStore) -> None:
        super().__init__()
        cjkwrap.install()
        self.course = course
        self.store = store
        self.ui_state = store.load()
        self._save_timer: Timer | None = None
        self.register_theme(HIGH_CONTRAST)

    def on_mount(self) -> None:
        if self.ui_state.theme in THEMES:
            self.theme = self.ui_state.theme
        self.add_mode("walkthrough", self._walkthrough)
        self.switch_mode("walkthrough")
        for notice in self.store.notices:
            self.notify(notice, title="Saved state", severity="warning", timeout=8, markup=False)

    def _walkthrough(self) -> WalkthroughScreen:
        position = 0
        for n, (lesson, step) in enumerate(self.course.steps()):
            if step.id == self.ui_state.step:
                position = n
                break
            if lesson.id == self.ui_state.lesson and position == 0:
                position = n
        return WalkthroughScreen(self.course, position=position, language=self.ui_state.language)

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


def make_app(course: Course, data: Path | None = None, *, save: bool = True) -> ExplainerApp:
    """Build the app from an already-loaded course (tests pass fixture courses)."""
    folder = data_dir(data)
    return ExplainerApp(course, StateStore(folder, read_only=not save))
