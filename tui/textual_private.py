"""Where the app reaches into Textual's private state, in one place, so a Textual upgrade is
checked here. Textual is pinned exactly, and each use has a test that fails if the attribute
stops doing what is relied on:

- `holding_repaints` (App._batch_count): tests/test_walkthrough.py::
  test_work_for_later_keys_waits_for_the_first_frame
- `mark_styled` (Screen._css_update_count): tests/test_walkthrough.py::
  test_making_the_first_screen_parses_no_stylesheet_again
- `footer_keys_ready` (Footer._bindings_ready): tests/test_key_footer.py::
  test_the_first_frame_has_the_keys_and_nothing_is_rebuilt
- `PaintAfterHold` and `EndOfHold` (Screen._compositor_refresh, Screen._screen_resized,
  Screen._size, App._end_batch): tests/test_walkthrough.py::
  test_the_first_screen_is_laid_out_and_painted_once and the snapshots

(`tui/screens/base.py` replaces a node's private binding map to translate key labels; its
tests are in tests/test_japanese_ui.py.)
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Footer


def holding_repaints(app: App[Any]) -> bool:
    """Whether Textual is holding repaints back (while the app starts, or in a batch)."""
    return bool(app._batch_count)


def mark_styled(screen: Screen[Any], app: App[Any]) -> None:
    """Mark `screen` as styled by the app's current stylesheet (Textual re-parses every
    stylesheet for a new mode's screen whose count differs)."""
    screen._css_update_count = app._css_update_count


def footer_keys_ready(footer: Footer) -> None:
    """Let `footer` compose its keys at once (Textual's waits for a bindings signal)."""
    footer._bindings_ready = True


class PaintAfterHold(Screen[Any]):
    """A screen laid out and painted once where Textual does it twice or three times.

    While the app starts (and around a change of mode) Textual holds repaints back, but a
    screen laid out in that time still renders every line: the frame is thrown away, and the
    screen is laid out and rendered again when a resize arrives after the hold, ~20 ms of the
    walkthrough's start. And a screen laid out at a size reflows again on every resize event
    to that same size (its own layout sends it one). Here a frame made while repaints are held
    waits for the hold to end (`EndOfHold` paints it), and a resize to the size the screen is
    already laid out at does nothing (a change inside it asks for its own layout).
    """

    _paint_held = False

    def _compositor_refresh(self) -> None:
        if self.app._batch_count and self is self.app.screen:
            self._paint_held = True
            return
        self._paint_held = False
        super()._compositor_refresh()

    def _screen_resized(self, size: Size) -> None:
        if size != self._size:
            super()._screen_resized(size)

    def paint_held(self) -> None:
        """Paint the frame held back while Textual held repaints (if any)."""
        if self._paint_held and self.is_attached:
            self.call_later(self._compositor_refresh)


class EndOfHold(App[Any]):
    """Tells the screen when Textual stops holding repaints (see `PaintAfterHold`)."""

    def _end_batch(self) -> None:
        super()._end_batch()
        if not self._batch_count and self.screen_stack:
            screen = self.screen
            if isinstance(screen, PaintAfterHold):
                screen.paint_held()
