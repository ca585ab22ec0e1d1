"""Walkthrough state (position, language, theme, the learner's name) that survives restarts."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tui.content.language import LANGUAGES
from tui.content.problems import UNSAFE
from tui.i18n import Notice
from tui.quiz.learner import clean_name
from tui.storage import Loaded, atomic_write, read_json, set_aside

SCHEMA = 1
MAX_READ = 10_000  # more step ids than any course has: a longer list is not ours


@dataclass
class UiState:
    lesson: str | None = None
    step: str | None = None
    language: str = "en"
    theme: str = "textual-dark"
    class_step: str | None = None  # where the lecture series stopped (classroom mode)
    class_reveal: int = 0
    read: list[str] = field(default_factory=list)  # steps read in the walkthrough
    learner: str | None = None  # the name exported with quiz results

    @classmethod
    def from_json(cls, data: Any) -> UiState | None:
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            return None
        state = cls()
        for name in ("lesson", "step", "theme", "class_step"):
            value = data.get(name)
            if _usable(value):
                setattr(state, name, value)
        reveal = data.get("class_reveal")
        if isinstance(reveal, int) and not isinstance(reveal, bool) and 0 <= reveal <= 10_000:
            state.class_reveal = reveal
        read = data.get("read")
        if isinstance(read, list):
            state.read = [step for step in read[:MAX_READ] if isinstance(step, str) and len(step) < 200]
        learner = data.get("learner")
        if isinstance(learner, str) and clean_name(learner) == learner:
            state.learner = learner
        if data.get("language") in LANGUAGES:
            state.language = data["language"]
        return state


MAX_NAME = 200  # ids and theme names are short; anything longer is not ours


def _usable(value: object) -> bool:
    """A saved id or theme name: a short string with no control characters."""
    return isinstance(value, str) and len(value) <= MAX_NAME and not UNSAFE.search(value)


class StateStore:
    """Loads and saves `UiState`; a read-only or broken data dir degrades to not saving."""

    FILE = "ui-state.json"

    def __init__(self, folder: Path | None, *, read_only: bool = False) -> None:
        self.path = folder / self.FILE if folder else None
        self.read_only = read_only or folder is None
        self.notices: list[Notice] = []
        self._warned = False

    def load(self) -> UiState:
        if self.path is None:
            return UiState()
        loaded: Loaded = read_json(self.path)
        if loaded.notice:
            self.notices.append(loaded.notice)
        if loaded.data is None:
            return UiState()
        try:
            state = UiState.from_json(loaded.data)
        except Exception:  # whatever the file holds, a bad state file never stops the app
            state = None
        if state is None:
            self.notices.append(set_aside(self.path, Notice("why.unexpected")))
            return UiState()
        return state

    def save(self, state: UiState) -> Notice | None:
        """Save atomically. Returns a one-time warning if saving is impossible."""
        if self.read_only or self.path is None:
            return None
        try:
            atomic_write(self.path, json.dumps({"schema": SCHEMA, **asdict(state)}, ensure_ascii=False))
        except OSError as error:
            self.read_only = True
            if not self._warned:
                self._warned = True
                return Notice("notice.cant_save", {"reason": error.strerror or str(error)})
        return None
