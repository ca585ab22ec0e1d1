"""Where the walkthrough's read marks live: with the learner's answers in the database, or in
the saved settings when there is no database (a served or read-only session)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from tui.quiz.db import ReviewDB
from tui.state import UiState


class ReadMarks:
    """Loads the steps read once; saves only the changes."""

    def __init__(self, db: ReviewDB | None, state: UiState, now: Callable[[], datetime]) -> None:
        self.db = db
        self.state = state
        self.now = now
        self.known: set[str] = set()

    def load(self) -> set[str]:
        stored = set(self.db.read_steps()) if self.db is not None else set()
        # Marks saved in the settings before the database existed move into it once.
        self.known = stored | set(self.state.read)
        if self.db is not None and self.state.read:
            self.save(self.known)
        return set(self.known)

    def save(self, read: Iterable[str]) -> None:
        read = set(read)
        if self.db is None or self.db.read_only:
            self.state.read = sorted(read)
            self.known = read
            return
        when = self.now()
        for step in read - self.known:
            self.db.mark_read(step, when)
        for step in self.known - read:
            self.db.unmark_read(step)
        self.known = read
        self.state.read = []
