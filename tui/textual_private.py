"""Where the app reaches into Textual's private state, in one place, so a Textual upgrade is
checked here. Textual is pinned exactly, and each use has a test that fails if the attribute
stops doing what is relied on:

- `holding_repaints` (App._batch_count): tests/test_walkthrough.py::
  test_work_for_later_keys_waits_for_the_first_frame
- `mark_styled` (Screen._css_update_count): tests/test_walkthrough.py::
  test_making_the_first_screen_parses_no_stylesheet_again
- `footer_keys_ready` (Footer._bindings_ready): tests/test_key_footer.py::
  test_the_first_frame_has_the_keys_and_nothing_is_rebuilt

(`tui/screens/base.py` replaces a node's private binding map to translate key labels; its
tests are in tests/test_japanese_ui.py.)
"""

from __future__ import annotations

from typing import Any

from textual.app import App
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
