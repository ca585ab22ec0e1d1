"""The DISCERN workshop before it is read: the numbers of its scale, and a source that reads it
on first use, so that starting the app (and the answer database) never imports YAML.

`tui.content.discern` holds the instrument, the reference appraisals and their scoring.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.content.discern import Discern

DISCERN_FILE = Path("content", "discern.yaml")
QUESTIONS = tuple(range(1, 17))  # DISCERN's questions: 1-8 reliability, 9-15 treatment, 16 overall
RATINGS = tuple(range(1, 6))  # 1 (no) to 5 (yes)


class DiscernSource:
    """The workshop, read on first use, so the walkthrough starts without reading its YAML.

    `get` returns None when the course has no workshop, or when it has problems (`problems`
    counts them; `check` lists them).
    """

    def __init__(self, load: Callable[[], Discern] | None = None) -> None:
        self._load = load
        self._discern: Discern | None = None
        self.problems = 0

    @classmethod
    def of(cls, discern: Discern | None) -> DiscernSource:
        source = cls()
        source._discern = discern
        return source

    @classmethod
    def for_course(cls, root: Path, seeds: Sequence[str]) -> DiscernSource:
        """The course's workshop, quotes unverified (that is `check`'s job)."""
        if not discern_present(root):
            return cls()
        return cls(partial(_load, root, tuple(seeds)))

    @property
    def present(self) -> bool:
        """Whether the course has a workshop (read or not yet), without reading it."""
        return self._load is not None or self._discern is not None

    def get(self) -> Discern | None:
        from tui.content.loader import ContentError

        if self._discern is None and self._load is not None:
            load, self._load = self._load, None
            try:
                self._discern = load()
            except ContentError as error:
                self.problems = len(error.problems)
        return self._discern


def discern_present(root: Path) -> bool:
    """Whether this course has a DISCERN workshop at all (small test courses do not)."""
    return (root / DISCERN_FILE).exists() or (root / DISCERN_FILE).is_symlink()


def _load(root: Path, seeds: Sequence[str]) -> Discern:
    from tui.content.discern import load_discern

    return load_discern(root, seeds, None)
