"""The course content model: pure Python, never imports Textual.

`load_course` and `ContentError` are imported lazily so that code which only needs the
model (for example the app starting from a cached course) does not pay for the YAML loader.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ContentError", "Course", "load_course"]


def __getattr__(name: str) -> Any:
    if name in ("ContentError", "load_course"):
        from tui.content import loader

        return getattr(loader, name)
    if name == "Course":
        from tui.content.model import Course

        return Course
    raise AttributeError(name)
