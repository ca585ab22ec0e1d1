"""A yes/no modal, used before opening a link in the browser."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.content.language import Language
from tui.i18n import t
from tui.screens.base import localise_bindings


class ConfirmScreen(ModalScreen[bool]):
    """Returns True only when the reader chooses to go ahead."""

    BINDINGS = [Binding("escape,n", "answer(False)", "key.no"), Binding("y", "answer(True)", "key.yes")]

    def __init__(self, question: str, language: Language = "en") -> None:
        super().__init__()
        self.question = question
        self.language = language

    def on_mount(self) -> None:
        localise_bindings(self, self.language)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Content(self.question))
            with Horizontal(id="confirm-buttons"):
                yield Button(t("confirm.open", self.language), id="yes", variant="warning")
                yield Button(t("confirm.cancel", self.language), id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
