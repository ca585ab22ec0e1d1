"""Textual's command palette, speaking the interface language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from rich.align import Align
from rich.text import Text
from textual.app import App, SystemCommand
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
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


class LocalisedPaletteMixin:
    """For the App: the command palette, the theme picker and Textual's own commands, all in
    the app's `language`. (Textual imports the palette lazily too: nothing here costs start-up.)"""

    language: Language

    def action_command_palette(self) -> None:
        app = cast("App[None]", self)
        if app.use_command_palette and not LocalisedPalette.is_open(app):  # type: ignore[arg-type]
            app.push_screen(LocalisedPalette(self.language, id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        palette = LocalisedPalette(self.language, placeholder_key="palette.themes", providers=[ThemeProvider])
        cast("App[None]", self).push_screen(palette)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from tui.commands import localise_system_commands

        commands = App.get_system_commands(cast("App[None]", self), screen)
        return localise_system_commands(commands, self.language)
