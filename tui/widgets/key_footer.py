"""The footer of every screen: Textual's, drawn with the first frame and rebuilt only when the
keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.textual_private import footer_keys_ready

Shown = tuple[tuple[str, str, str, bool, str], ...]


class KeyFooter(Footer):
    """Textual's footer composes empty and fills in a frame later, then rebuilds all of its
    keys (mounting and styling each) on every change of focus or bindings, even when the keys
    shown stay the same: twice as the walkthrough opens (~25 ms of start-up) and again as the
    reader moves between the step, the outline and the glossary. This one shows its keys in
    the first frame and rebuilds only when what it shows has changed."""

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        # The screen's bindings are complete when the footer is composed: every screen here
        # declares its keys up front (and translates them as it is made).
        footer_keys_ready(self)
        self._composed: Shown | None = None

    def shown(self) -> Shown:
        """What the footer shows: each key with its label, action and state (the command
        palette's key is drawn though its binding is not marked to be shown)."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    def compose(self):  # type: ignore[no-untyped-def]
        self._composed = self.shown()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Textual makes a key compact, restyles it as it mounts, then binds it to the
                # footer's setting (not compact) and restyles it again, ~1.5 ms a key. Made as
                # it will end up (the palette key is not bound: it stays compact), no restyle.
                compact = self.compact or widget.has_class("-command-palette")
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        footer_keys_ready(self)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        if self.is_attached and self.shown() != self._composed:
            await self.recompose()
