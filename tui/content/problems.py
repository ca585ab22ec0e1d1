"""Problems found while loading or checking content, reported as ``path:line:col: message``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import Node


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
                return str(path.resolve().relative_to(self.root.resolve()))
            except ValueError:
                pass
        return str(path)

    def add(self, path: Path, line: int, col: int, message: str) -> None:
        self.items.append(Problem(self.display_path(path), line, col, message))

    def at(self, path: Path, node: Node | None, message: str) -> None:
        if node is None:
            self.add(path, 1, 1, message)
        else:
            self.add(path, node.start_mark.line + 1, node.start_mark.column + 1, message)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)
