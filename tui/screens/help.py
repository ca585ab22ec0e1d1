"""The `?` help screen: the keys (from BINDINGS, declared once) and how to read the badges."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.content.language import Language
from tui.content.model import Strength
from tui.i18n import STRINGS, t
from tui.screens.base import localise_bindings
from tui.widgets.labels import badge


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
        "enter": "enter",
        "escape": "esc",
        "j": "j",
        "k": "k",
    }
    return " ".join(names.get(key, key) for key in binding.key.split(","))


def help_content(bindings: list[Binding], language: Language) -> Content:
    lines = [Content.styled(t("help.keys", language), "bold $text-accent")]
    for binding in bindings:
        if binding.description:
            description = t(binding.description, language) if binding.description in STRINGS else ""
            lines.append(Content.assemble((f"  {key_display(binding):<22}", "bold"), description))
    lines.append(Content.assemble(("  " + "ctrl+p".ljust(22), "bold"), t("help.theme", language)))
    lines.append(Content(""))
    lines.append(Content.styled(t("help.badges", language), "bold $text-accent"))
    for strength in Strength:
        explained = t(f"strength_help.{strength.value}", language)
        lines.append(Content.assemble("  ", badge(strength, language), f"  {explained}"))
    lines.append(Content(""))
    lines.append(Content(t("help.about", language)))
    lines.append(Content(t("help.close", language)))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "key.close")]

    def __init__(self, bindings: list[Binding], language: Language) -> None:
        super().__init__()
        self.bindings_shown = bindings
        self.language = language

    def on_mount(self) -> None:
        localise_bindings(self, self.language)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_content(self.bindings_shown, self.language))
