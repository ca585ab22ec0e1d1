"""A one-line status that is made to fit its width (the walkthrough's progress line)."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.widgets import Static


class ProgressLine(Static):
    """One line made to fit: it keeps the maker of its content (a function of the width) and
    makes it again whenever its width changes (a pane shown or hidden, a resize)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._make: Callable[[int], Content] | None = None

    def show(self, make: Callable[[int], Content]) -> None:
        self._make = make
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        if self._make is not None:
            # Before the first layout the line has no width yet: the screen's is a fair guess.
            self.update(self._make(self.content_region.width or self.app.size.width - 4))
