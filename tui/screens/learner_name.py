"""The quiz's first-run question: the learner's name, exported with their results."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.content.language import Language
from tui.i18n import t
from tui.quiz.learner import MAX_NAME, clean_name
from tui.screens.base import localise_bindings


class LearnerNameScreen(ModalScreen[str | None]):
    """Returns the name typed (cleaned), or None when the learner skips the question."""

    BINDINGS = [Binding("escape", "skip", "name.skip")]

    def __init__(self, language: Language = "en") -> None:
        super().__init__()
        self.language = language

    def compose(self) -> ComposeResult:
        with Vertical(id="learner-name"):
            yield Static(Content(t("name.title", self.language)), id="learner-name-title")
            yield Static(Content(t("name.why", self.language)))
            yield Input(
                placeholder=t("name.placeholder", self.language),
                max_length=MAX_NAME,
                id="learner-name-input",
            )
            yield Static(id="learner-name-error")

    def on_mount(self) -> None:
        localise_bindings(self, self.language)
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = clean_name(event.value)
        if name is None:
            self.query_one("#learner-name-error", Static).update(
                Content(t("name.invalid", self.language, n=MAX_NAME))
            )
            return
        self.dismiss(name)

    def action_skip(self) -> None:
        self.dismiss(None)
