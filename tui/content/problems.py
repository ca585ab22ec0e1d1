"""Problems found while loading or checking content, reported as ``path:line:col: message``.

Every message and path goes through `printable`: a problem may quote a course file, an article
or a file name, and none of them may send a control character (an escape sequence) to the
terminal that shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from yaml.nodes import Node

# C0 and C1 controls, DEL, line/paragraph separators, bidi embeddings/overrides/isolates, and
# lone surrogates (file names that are not UTF-8).
# C0/C1 controls, line/paragraph separators, bidi embeddings, overrides, isolates and marks
# (LRM, RLM, ALM: they reorder text as invisibly as the others), and lone surrogates.
UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
EXCERPT = 60


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character shown as an escape (`\\x1b`, `\\u009b`, `\\n`)."""
    return UNSAFE.sub(_escape, text) if UNSAFE.search(text) else text


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """A short, printable excerpt of user data for a message."""
    if len(text) > limit:
        return printable(text[:limit]) + f"… ({len(text)} characters)"
    return printable(text)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"

    def as_dict(self) -> dict[str, str | int]:
        return {"path": self.path, "line": self.line, "col": self.col, "message": self.message}


@dataclass
class Problems:
    """Collects every problem instead of stopping at the first."""

    root: Path | None = None
    items: list[Problem] = field(default_factory=list)

    def display_path(self, path: Path) -> str:
        if self.root is not None:
            try:
                return printable(str(path.relative_to(self.root)))
            except ValueError:
                pass
            try:  # a symlink loop makes resolve() fail: then show the path as given
                return printable(str(path.resolve().relative_to(self.root.resolve())))
            except (ValueError, OSError, RuntimeError):
                pass
        return printable(str(path))

    def add(self, path: Path, line: int, col: int, message: str) -> None:
        self.items.append(Problem(self.display_path(path), line, col, printable(message)))

    def at(self, path: Path, node: Node | None, message: str) -> None:
        if node is None:
            self.add(path, 1, 1, message)
        else:
            self.add(path, node.start_mark.line + 1, node.start_mark.column + 1, message)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)


class ContentError(Exception):
    """The course has problems; `problems` lists every one, sorted by file and line.

    Defined here, not in the loader, so code that only catches it does not import YAML."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(f"{len(problems)} problem(s) in the course content")
