"""What the app keeps between runs: language, theme, the learner's name, where they are in the
walkthrough and the lecture, and which steps they have read. UI-free: the app hands events in
and saves when it says so."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from tui.content.language import Language, parse_language
from tui.i18n import Notice
from tui.progress import ReadMarks
from tui.quiz.db import ReviewDB
from tui.state import StateStore, UiState


class Settings:
    """One owner for the saved settings; `changed` says a save is due."""

    def __init__(
        self, store: StateStore, reviews: ReviewDB | None, now: Callable[[], datetime], learner: str | None
    ) -> None:
        self.store = store
        self.state: UiState = store.load()
        self.marks = ReadMarks(reviews, self.state, now)
        # A name given on the command line replaces the saved one (and is saved).
        self.changed = learner is not None and learner != self.state.learner
        if learner is not None:
            self.state.learner = learner

    @property
    def language(self) -> Language:
        return parse_language(self.state.language)

    @property
    def notices(self) -> list[Notice]:
        return self.store.notices

    def set(self, **values: object) -> None:
        for name, value in values.items():
            setattr(self.state, name, value)
        self.changed = True

    def moved(self, lesson_id: str, step_id: str, read: Iterable[str]) -> None:
        self.marks.save(read)
        self.set(lesson=lesson_id, step=step_id)

    def save(self) -> Notice | None:
        """Save now; a notice (once) if saving is impossible."""
        self.changed = False
        return self.store.save(self.state)
