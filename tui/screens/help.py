"""The `?` help screen: the keys (from BINDINGS, declared once) and how to read the badges."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.content.model import Strength
from tui.widgets.labels import STRENGTH_HELP, badge


def key_display(binding: Binding) -> str:
    names = {
        "right": "→",
        "left": "←",
        "up": "↑",
        "down": "↓",
        "space": "space",
        "pagedown": "PgDn",
        "pageup": "PgUp",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
        "question_mark": "?",
        "ctrl+p": "ctrl+p",
    }
    return " ".join(names.get(key, key) for key in binding.key.split(","))


def help_content(bindings: list[Binding], language: str) -> Content:
    lines = [Content.styled("Keys / キー操作", "bold $text-accent")]
    for binding in bindings:
        if binding.description:
            lines.append(Content.assemble((f"  {key_display(binding):<22}", "bold"), binding.description))
    lines.append(Content(""))
    lines.append(Content.styled("Strength badges / 表現の強さ", "bold $text-accent"))
    for strength in Strength:
        text = STRENGTH_HELP[strength]
        lines.append(Content.assemble("  ", badge(strength, language), f"  {text.en} / {text.ja}"))
    lines.append(Content(""))
    lines.append(
        Content(
            "Every item cites a verbatim quote from one of five clinic articles. "
            "They are marketing material: the badges say how strongly each article puts a claim, "
            "not whether it is true."
        )
    )
    lines.append(Content("Press escape or ? to close."))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def __init__(self, bindings: list[Binding], language: str) -> None:
        super().__init__()
        self.bindings_shown = bindings
        self.language = language

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_content(self.bindings_shown, self.language))
