"""A learner's name, as typed on the command line or in the quiz's first-run question.

The name goes into every exported result row, so a class report can tell learners apart. It is
short plain text: no control or direction-changing characters (it is shown in terminals,
spreadsheets and HTML).
"""

from __future__ import annotations

from tui.content.problems import UNSAFE

MAX_NAME = 80


def clean_name(text: str) -> str | None:
    """The name with surrounding and repeated spaces removed, or None if it cannot be one."""
    name = " ".join(text.split())
    if not name or len(name) > MAX_NAME or UNSAFE.search(name):
        return None
    return name
