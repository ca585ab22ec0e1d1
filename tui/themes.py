"""Our high-contrast theme, alongside Textual's dark and light themes."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="stemcell-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffaf00",
    error="#ff5f5f",
    success="#5fff5f",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1c1c1c",
    dark=True,
)

THEMES = ("textual-dark", "textual-light", HIGH_CONTRAST.name)
