"""Measuring text ahead of showing it."""

from __future__ import annotations

from typing import cast

from textual.content import Content
from textual.css.styles import RulesMap
from textual.widget import Widget


def measure(content: Content, widget: Widget, width: int) -> None:
    """Work out `content`'s height as `widget` would lay it out at `width`. Content keeps its
    last height, so a layout at that width later is a lookup, not a fresh wrap of the text."""
    # Textual passes a widget's styles as the rules here itself (Widget.get_content_height);
    # its annotation asks for the plain mapping the styles stand in for.
    content.get_height(cast(RulesMap, widget.styles), width)
