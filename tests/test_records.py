"""`record` makes what ``@dataclass(frozen=True, slots=True)`` makes, without compiling code."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import FrozenInstanceError, dataclass, field
from typing import Any

import pytest

from tui.content import model
from tui.content.loader import load_course
from tui.content.records import Record, record


@record
class Cheap(Record):
    """A record with every kind of field."""

    name: str
    size: int = 2
    tags: tuple[str, ...] = field(default_factory=tuple)
    where: str | None = field(default=None, compare=False)
    hidden: Any = field(default=None, init=False, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Plain:
    """The same fields as a plain dataclass: the reference."""

    name: str
    size: int = 2
    tags: tuple[str, ...] = field(default_factory=tuple)
    where: str | None = field(default=None, compare=False)
    hidden: Any = field(default=None, init=False, repr=False, compare=False)


@record
class Two(Record):
    """Two fields without defaults."""

    first: str
    second: str
    third: int = 3


@dataclass(frozen=True, slots=True)
class PlainTwo:
    """The reference for `Two`."""

    first: str
    second: str
    third: int = 3


CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    (("a",), {}),
    (("a", 3), {}),
    (("a", 3, ("x",), "here"), {}),
    ((), {"name": "a", "where": "w"}),
    (("a",), {"tags": ("y",), "size": 5}),
    ((), {}),  # missing name
    (("a", 3, (), None, "extra"), {}),  # too many
    (("a", 3, (), None, "extra"), {"colour": "red"}),  # too many, and no such field
    (("a",), {"name": "b"}),  # given twice
    (("a",), {"colour": "red"}),  # no such field
    (("a",), {"hidden": 1}),  # not an __init__ field
]
TWO_CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((), {}),  # both missing
    (("a",), {}),
    ((), {"third": 1}),
    (("a", "b"), {}),
    (("a", "b", 4), {}),
    (("a", "b", 4, 5), {}),
]


@pytest.mark.parametrize(
    ("made", "reference", "args", "kwargs"),
    [(Cheap, Plain, *call) for call in CALLS] + [(Two, PlainTwo, *call) for call in TWO_CALLS],
)
def test_init_takes_and_refuses_what_a_dataclass_does(
    made: type, reference: type, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    try:
        expected = reference(*args, **kwargs)
    except TypeError as error:
        with pytest.raises(TypeError) as raised:
            made(*args, **kwargs)
        # the same message, but for the class's name (and a dataclass's longer qualname)
        assert str(raised.value).split("()", 1)[1] == str(error).split("()", 1)[1]
        return
    value = made(*args, **kwargs)
    assert dataclasses.astuple(value) == dataclasses.astuple(expected)
    assert repr(value).removeprefix(made.__name__) == repr(expected).removeprefix(reference.__name__)


UNSUPPORTED = {
    "post_init": "def __post_init__(self) -> None: pass",
    "own_init": "def __init__(self) -> None: pass",
    "kw_only_field": "a: int = field(default=1, kw_only=True)",
    "kw_only_marker": "_: KW_ONLY\n    a: int = 1",
    "field_hash": "a: int = field(default=1, hash=False)",
    "init_false_factory": "a: tuple[int, ...] = field(default_factory=tuple, init=False)",
}


@pytest.mark.parametrize("body", UNSUPPORTED.values(), ids=UNSUPPORTED.keys())
def test_what_records_do_not_do_is_refused_when_the_class_is_made(body: str) -> None:
    source = f"class Odd(Record):\n    {body}\n"
    namespace: dict[str, Any] = {"Record": Record, "field": field, "KW_ONLY": dataclasses.KW_ONLY}
    exec(source, namespace)
    with pytest.raises(TypeError, match="record Odd"):
        record(namespace["Odd"])


def test_a_record_extends_no_dataclass() -> None:
    for base in (Plain, Cheap):
        with pytest.raises(TypeError, match="cannot extend"):

            @record
            class Odd(base, Record):  # type: ignore[valid-type,misc]
                extra: int = 0


def test_equality_hash_and_frozenness_match_a_dataclass() -> None:
    one, same, other = Cheap("a", where="x"), Cheap("a", where="y"), Cheap("b")
    assert one == same and hash(one) == hash(same)  # `where` is not compared
    assert one != other and one != Plain("a")  # another class is never equal
    assert repr(one) == "Cheap(name='a', size=2, tags=(), where='x')"
    with pytest.raises(FrozenInstanceError):
        one.name = "b"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del one.name  # type: ignore[misc]
    with pytest.raises(AttributeError):  # slots: no new attributes either
        object.__setattr__(one, "colour", "red")
    assert not hasattr(one, "__dict__")


def test_replace_asdict_copy_and_pickle() -> None:
    one = Cheap("a", 3, ("x",), "here")
    changed = dataclasses.replace(one, size=4)
    assert (changed.name, changed.size, changed.tags, changed.where) == ("a", 4, ("x",), "here")
    expected = {"name": "a", "size": 3, "tags": ("x",), "where": "here", "hidden": None}
    assert dataclasses.asdict(one) == expected
    for again in (copy.copy(one), copy.deepcopy(one), pickle.loads(pickle.dumps(one))):
        assert again == one and again.where == "here"


def test_every_model_class_is_a_record_that_remakes_every_course_object() -> None:
    """Every object of the real course, made again from its fields, positionally and by
    keyword, equals the original: the model's classes take what their dataclass fields say."""
    classes = [c for c in vars(model).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]
    assert len(classes) >= 20 and all(issubclass(c, Record) for c in classes)
    course = load_course()
    seen: set[type] = set()
    pending: list[Any] = [course]
    count = 0
    while pending:
        value = pending.pop()
        if isinstance(value, (tuple, list)):
            pending.extend(value)
            continue
        if not isinstance(value, Record):
            continue
        init = [f.name for f in dataclasses.fields(value) if f.init]  # type: ignore[arg-type]
        values = [getattr(value, name) for name in init]
        cls = type(value)
        assert cls(*values) == value == cls(**dict(zip(init, values, strict=True)))
        seen.add(cls)
        count += 1
        pending.extend(values)
    assert count > 1000 and len(seen) >= 15
    assert course._later is None  # made whole from the YAML files: nothing left to read


def test_a_record_without_a_docstring_gets_one_naming_its_fields() -> None:
    @record
    class Bare(Record):
        first: str
        second: int = 0

    assert Bare.__doc__ == "Bare(first, second)"
