"""What every screen shares: the app's language, handed down, and key labels in that language."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen

from tui.content.language import Language, parse_language
from tui.i18n import STRINGS, t
from tui.textual_private import DrawnOnce

ResultType = TypeVar("ResultType")


def localise_bindings(node: DOMNode, language: Language) -> None:
    """Show `node`'s key descriptions in `language`.

    BINDINGS hold catalogue keys ("key.next") as descriptions. Textual copies a class's merged
    bindings into each node, so each node gets a copy with the descriptions translated; the
    class's own map keeps the keys. (Textual is pinned exactly: these attributes are stable.)
    """
    merged = type(node)._merged_bindings
    if merged is None:
        return
    node._bindings = BindingsMap.from_keys(
        {
            key: [
                replace(b, description=t(b.description, language)) if b.description in STRINGS else b
                for b in bindings
            ]
            for key, bindings in merged.key_to_bindings.items()
        }
    )
    node.refresh_bindings()


class LocalisedScreen(DrawnOnce, Screen[ResultType]):
    """A screen shown in the app's language. The app owns the language; screens follow it.

    The language the screen was made in is handed down through the constructor; later changes
    arrive through a watch on the app's `language` reactive and call `language_changed`.
    """

    def __init__(self, language: str = "en") -> None:
        super().__init__()
        self.language: Language = parse_language(language)
        # Before the footer is composed, so it shows the keys in this language from the start.
        localise_bindings(self, self.language)

    def on_mount(self) -> None:
        # With init: a language chosen between this screen's making and its mounting counts.
        self.watch(self.app, "language", self._follow_language, init=True)

    def _follow_language(self, language: Language) -> None:
        if language != self.language:
            self.language = language
            localise_bindings(self, language)
            self.language_changed()

    def language_changed(self) -> None:
        """Re-render in `self.language`. Screens override this."""
