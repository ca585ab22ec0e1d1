"""Model fields that are read when first used, not when the course is loaded.

Start-up needs the current step, the outline's titles and the glossary, not the text of every
other step, the quiz or the claims: the course cache (`tui.course_cache`) makes `Step` and
`Course` objects with those fields left unset, and decodes them on first read. A class opts in
with a `_later` field and `__getattr__ = read_later`: an unset slot raises AttributeError,
Python then calls `__getattr__`, which fills the fields in place. Everything else (equality,
hashing, `repr`, `dataclasses.replace`, copying and pickling) reads the fields through
`getattr`, so a lazily made object behaves like one made whole. (`dataclasses.asdict` also
lists `_later`; nothing here uses it on a `Step` or a `Course`.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

T = TypeVar("T")

# One reader at a time: the search index reads every step in a worker thread while the
# interface may read the same step; each field is then read once and set once.
_READING = threading.RLock()

Load = Callable[[str], Mapping[str, Any]]
"""Given the field asked for, the values of it and of any fields read with it."""


class Later:
    """What an object has yet to read, and how."""

    __slots__ = ("hints", "load", "pending")

    def __init__(self, pending: Iterable[str], load: Load, hints: Mapping[str, Any]) -> None:
        self.pending = set(pending)
        self.load = load
        self.hints = hints


def made_later(
    cls: type[T],
    known: Mapping[str, Any],
    pending: Iterable[str],
    load: Load,
    hints: Mapping[str, Any] | None = None,
) -> T:
    """An instance of the frozen dataclass `cls` with the `known` fields set and the `pending`
    ones read by `load` when first used. Every field must be in one or the other. `hints` are
    facts about the pending fields that let a scan of the course skip them (see `hint`)."""
    instance = object.__new__(cls)
    for name, value in known.items():
        object.__setattr__(instance, name, value)
    object.__setattr__(instance, "_later", Later(pending, load, hints or {}))
    return instance


def hint(instance: object, name: str) -> Any:
    """A fact noted about fields not read yet (`made_later`'s `hints`), or None once they are
    read (or were never left to read): the caller then looks at the fields themselves."""
    later = getattr(instance, "_later", None)
    return None if later is None else later.hints.get(name)


def read_later(instance: object, name: str) -> Any:
    """`__getattr__` for a class with fields read later: Python calls it only for a field not
    set yet (or a name the class does not have)."""
    with _READING:
        try:
            later = object.__getattribute__(instance, "_later")
        except AttributeError:  # not made yet (during copy or unpickling)
            later = None
        if later is None or name not in later.pending:
            try:  # another thread may have read it while this one waited
                return object.__getattribute__(instance, name)
            except AttributeError:
                raise AttributeError(
                    f"{type(instance).__name__!r} object has no attribute {name!r}"
                ) from None
        values = later.load(name)
        for field_name, value in values.items():
            if field_name in later.pending:
                object.__setattr__(instance, field_name, value)
                later.pending.discard(field_name)
        if not later.pending and not later.hints:
            object.__setattr__(instance, "_later", None)
        return object.__getattribute__(instance, name)


def is_pending(instance: object, name: str) -> bool:
    """Whether `name` is still to be read (for tests and the bench: reading it would load it)."""
    later = getattr(instance, "_later", None)
    return later is not None and name in later.pending
