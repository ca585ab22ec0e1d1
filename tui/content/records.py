"""`record`: frozen, slotted dataclasses made cheaply, for the course model and the records
made from it.

A plain ``@dataclass(frozen=True, slots=True)`` compiles three methods for each class
(`__init__`, `__setattr__`, `__delattr__`) and, with `eq` and `repr`, three more: about 0.3 ms
a class, and every start imports the model's 24 classes. A `record` has the same fields,
slots, `fields`, `replace`, `asdict`, equality, hash, `repr` and frozenness, with each method
written once, below, and no code compiled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, field, fields
from typing import Any, TypeVar, dataclass_transform

R = TypeVar("R", bound="Record")


class Record:
    """Value equality, hashing, `repr` and frozenness for a `record`, from its fields."""

    __slots__ = ()

    def _compared(self) -> tuple[Any, ...]:
        cls = type(self)
        names = _COMPARED.get(cls)
        if names is None:
            names = _COMPARED[cls] = tuple(f.name for f in fields(cls) if f.compare)  # type: ignore[arg-type]
        return tuple([getattr(self, name) for name in names])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)  # the same class
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Made again from its fields (each read, if it was left to read on first use): an
        # object made by the course cache holds that cache's loaders, which cannot be copied.
        cls = type(self)
        return cls, tuple(getattr(self, f.name) for f in fields(cls) if f.init)  # type: ignore[arg-type]

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{type(self).__qualname__}({shown})"


_COMPARED: dict[type, tuple[str, ...]] = {}


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[R]) -> type[R]:
    """A frozen, slotted dataclass of the model. Dataclasses gives it its fields, slots, `fields`,
    `replace` and `asdict`; `Record` its equality, hash, `repr` and frozenness; and its
    `__init__` is `_initialiser`'s, made without compiling anything.

    What the model does not use is refused here, not quietly done otherwise: `__post_init__`,
    keyword-only fields, a field's own `hash=`, a field left out of `__init__` without a plain
    default, and a dataclass (or another record) as a base."""
    _refuse_unsupported(cls)
    if cls.__doc__ is None:  # else dataclasses writes one with inspect.signature: ~9 ms, once
        cls.__doc__ = f"{cls.__name__}({', '.join(vars(cls).get('__annotations__', {}))})"
    made = dataclass(slots=True, init=False, eq=False, repr=False)(cls)
    made.__init__ = _initialiser(made)  # type: ignore[method-assign]
    return made


def _refuse_unsupported(cls: type) -> None:
    where = f"record {cls.__qualname__}"
    if "__post_init__" in vars(cls) or "__init__" in vars(cls):
        raise TypeError(f"{where}: `record` makes its __init__, and runs no __post_init__")
    if any(str(kind).endswith("KW_ONLY") for kind in vars(cls).get("__annotations__", {}).values()):
        raise TypeError(f"{where}: keyword-only fields (KW_ONLY) are not supported")
    if any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:]):
        raise TypeError(f"{where}: a record cannot extend a dataclass or another record")
    for name, value in vars(cls).items():
        if not isinstance(value, Field):
            continue
        if value.kw_only is True or value.hash is not None:
            raise TypeError(f"{where}: field {name!r} uses kw_only or hash, which `record` does not")
        if not value.init and value.default is MISSING:
            raise TypeError(f"{where}: field {name!r} is left out of __init__ and needs a plain default")


def _initialiser(cls: type) -> Callable[..., None]:
    """An `__init__` for `cls` that takes what a dataclass's would, and sets the fields as a
    frozen dataclass's does. The course cache passes every field in order: that is the fast
    path; anything else (keywords, defaults) is bound by `_bind`, with a dataclass's errors."""
    every = fields(cls)
    names = tuple(f.name for f in every if f.init)
    left_out = [f for f in every if not f.init]  # each with a plain default (`_refuse_unsupported`)
    # Each field is set through its slot's own descriptor: quicker than `object.__setattr__`
    # (which finds the descriptor again for every field), and than a dataclass's own __init__.
    setters = tuple(_slot(cls, name).__set__ for name in names)
    unset = tuple((_slot(cls, f.name).__set__, f.default) for f in left_out)
    count = len(names)
    # the plain defaults of the last fields, for a call that leaves them out (`Unit(...)`)
    tail: tuple[Any, ...] = ()
    for f in reversed([f for f in every if f.init]):
        if f.default is MISSING:
            break
        tail = (f.default, *tail)
    least = count - len(tail)

    def __init__(self: object, *args: Any, **kwargs: Any) -> None:
        if kwargs or len(args) != count:
            if not kwargs and least <= len(args) < count:
                args = (*args, *tail[len(args) - least :])
            else:
                args = _bind(cls, every, args, kwargs)
        for setter, value in zip(setters, args, strict=True):
            setter(self, value)
        for setter, default in unset:
            setter(self, default)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _slot(cls: type, name: str) -> Any:
    descriptor = getattr(cls, name)
    assert type(descriptor).__name__ == "member_descriptor", f"{cls.__name__}.{name} is not a slot"
    return descriptor


def _bind(
    cls: type, every: tuple[Any, ...], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """The fields' values from a call, or the TypeError Python gives a function with these
    parameters (in the same order: unknown keyword, too many arguments, twice, missing)."""
    names = [f.name for f in every if f.init]
    where = f"{cls.__qualname__}.__init__()"
    for name in kwargs:
        if name not in names:
            raise TypeError(f"{where} got an unexpected keyword argument {name!r}")
    if len(args) > len(names):
        least = 1 + sum(1 for f in every if f.init and f.default is MISSING and f.default_factory is MISSING)
        most = len(names) + 1  # counting `self`, as Python's own message does
        takes = f"{most}" if least == most else f"from {least} to {most}"
        raise TypeError(f"{where} takes {takes} positional arguments but {len(args) + 1} were given")
    values = dict(zip(names, args, strict=False))
    for name, value in kwargs.items():
        if name in values:
            raise TypeError(f"{where} got multiple values for argument {name!r}")
        values[name] = value
    missing = []
    for f in every:
        if f.init and f.name not in values:
            if f.default is not MISSING:
                values[f.name] = f.default
            elif f.default_factory is not MISSING:
                values[f.name] = f.default_factory()
            else:
                missing.append(repr(f.name))
    if missing:
        listed = (
            " and ".join(missing) if len(missing) <= 2 else ", ".join(missing[:-1]) + ", and " + missing[-1]
        )
        plural = "argument" if len(missing) == 1 else "arguments"
        raise TypeError(f"{where} missing {len(missing)} required positional {plural}: {listed}")
    return tuple(values[name] for name in names)
