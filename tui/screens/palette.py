"""Textual's command palette, speaking the interface language."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from tui.content.language import Language
from tui.i18n import t


class LocalisedPalette(CommandPalette):
    """The palette with our placeholder and "no matches" line in the learner's language."""

    def __init__(
        self, language: Language, *, placeholder_key: str = "palette.placeholder", **kwargs: object
    ) -> None:
        super().__init__(placeholder=t(placeholder_key, language), **kwargs)  # type: ignore[arg-type]
        self.language = language

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own version writes "No matches found" in English; the rest is the same.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("palette.no_matches", self.language), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
