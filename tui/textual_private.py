"""Where the app reaches into Textual's private state, in one place, so a Textual upgrade is
checked here. Textual is pinned exactly, and each use has a test that fails if the attribute
stops doing what is relied on:

- `holding_repaints` (App._batch_count): tests/test_walkthrough.py::
  test_work_for_later_keys_waits_for_the_first_frame
- `mark_styled` (Screen._css_update_count): tests/test_walkthrough.py::
  test_making_the_first_screen_parses_no_stylesheet_again
- `footer_keys_ready` (Footer._bindings_ready): tests/test_key_footer.py::
  test_the_first_frame_has_the_keys_and_nothing_is_rebuilt
- `DrawnOnce` and `EndOfHold` (Screen._compositor_refresh, Screen._screen_resized,
  Screen._size, App._end_batch): tests/test_walkthrough.py::
  test_the_first_screen_is_laid_out_and_painted_once and the snapshots; its restyle skip
  (public: ScreenResume.refresh_styles): test_a_screen_not_restyled_on_becoming_active_has_its_styles

(`tui/screens/base.py` replaces a node's private binding map to translate key labels; its
tests are in tests/test_japanese_ui.py.)
"""

from __future__ import annotations

from typing import Any

from textual import events, on
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


class DrawnOnce(Screen[Any]):
    """A screen styled, laid out and painted once on its way to the terminal, where Textual
    does each two or three times.

    - Styled once: Textual restyles every widget of a screen each time it becomes active
      (~15 ms for the walkthrough, twice on the way to the first frame). Until the screen has
      been covered by another, its widgets hold the styles they were given as they mounted
      (class changes restyle at once), so that pass changes nothing and is skipped.
    - Laid out once: a screen laid out at a size reflows again on every resize event to that
      same size (its own layout sends it one); that does nothing here (a change inside the
      screen asks for its own layout).
    - Painted once: while the app starts (and around a change of mode) Textual holds repaints
      back, but a screen laid out in that time still renders every line, and the frame is
      thrown away. Here that frame waits for the hold to end (`EndOfHold` paints it).
    """

    _paint_held = False
    _covered = False  # another screen has been shown over this one

    @on(events.ScreenResume)
    def _styled_when_mounted(self, event: events.ScreenResume) -> None:
        if not self._covered:
            event.refresh_styles = False

    @on(events.ScreenSuspend)
    def _covered_by_another(self) -> None:
        self._covered = True

    def _compositor_refresh(self) -> None:
        # Held only where `EndOfHold` will paint it: in any other app it would wait for an
        # unrelated refresh.
        if self.app._batch_count and self is self.app.screen and isinstance(self.app, EndOfHold):
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
    """Tells the screen when Textual stops holding repaints (see `DrawnOnce`)."""

    def _end_batch(self) -> None:
        super()._end_batch()
        if not self._batch_count and self.screen_stack:
            screen = self.screen
            if isinstance(screen, DrawnOnce):
                screen.paint_held()
