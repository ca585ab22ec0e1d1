"""A start-up cache of the validated course, as JSON that can only ever be data.

The cache is keyed on bytes, not on sizes and times: the sha256 of every course file the
loader reads, the sha256 of the content-model and loader code (`tui/content/*.py` and this
file), the cache format version and the Python version. Loading it rebuilds the frozen
dataclasses of `tui/content/model.py` field by field with strict type checks (and the same
control-character rule as the loader); any mismatch, unreadable or oversized file is a miss,
and the course is loaded from YAML again. `check` never uses it.

It also holds the parsed inline Markdown of every course text, so start-up never imports
markdown-it. Like the course beside it, the file is checked for safety, not authenticity
(whoever can write the user's cache folder can write the course texts in it too): every row
must belong to a course text, show only that text's own characters, link only to an address
the text spells out, and use only the styles the parser makes.

The app version is not in the key: `importlib.metadata` costs more to import than loading the
cache, and the code digest is stricter (any change to the model or loader code is a miss).
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import importlib.util
import json
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

import platformdirs

from tui.content import inline, model
from tui.content.files import Unreadable, read_regular
from tui.content.model import Course
from tui.content.paths import course_files
from tui.content.problems import UNSAFE
from tui.storage import APP_NAME, atomic_write_bytes

CONTENT_CODE = Path(__file__).parent / "content"
FORMAT = "stemcell-explainer course cache"
SCHEMA = 2  # 2: the inline Markdown table
MAX_CACHE_BYTES = 64 * 1024 * 1024
MAX_COURSE_FILE = 4 * 1024 * 1024  # the loader's own limit (tui.content.yamlfile.MAX_BYTES)

T = TypeVar("T")


class Miss(Exception):
    """The cache file does not hold a course this code can trust."""


# -- the key --------------------------------------------------------------------------------


def code_digest() -> str:
    digest = hashlib.sha256(f"{FORMAT} {SCHEMA} {sys.version_info[:2]}\n".encode())
    # markdown-it's own version file too: an upgrade may parse the inline table differently.
    # (Found without importing it: importing costs ~17 ms, the point of the table.)
    spec = importlib.util.find_spec("markdown_it")
    parser = [Path(spec.origin)] if spec is not None and spec.origin else []
    for path in [*sorted(CONTENT_CODE.glob("*.py")), Path(__file__), *parser]:
        digest.update(f"{path.name}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def course_key(root: Path, digests: dict[Path, str]) -> str:
    """The cache key from the sha256 of each course file (as `read_course` records them)."""
    digest = hashlib.sha256(code_digest().encode())
    for path in sorted(digests, key=lambda p: str(p.relative_to(root))):
        digest.update(f"{path.relative_to(root)}\0{digests[path]}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def current_digests(root: Path) -> dict[Path, str]:
    """sha256 of every course file as it is now; raises Unreadable/OSError if one cannot be
    read (a FIFO, a device, too large, ...): the loader will then report it."""
    return {
        path: hashlib.sha256(read_regular(path, MAX_COURSE_FILE)).hexdigest() for path in course_files(root)
    }


# -- JSON <-> model -------------------------------------------------------------------------
#
# A dataclass is a JSON list of its fields in order; a union of dataclasses (Item) is
# [class name, fields]; an enum is its value; a tuple is a list. Decoders check every type
# exactly (an int is not a bool, a string is not a number) and collect every string into
# `strings`, which is checked for control characters in one pass at the end.

Encode = Callable[[Any], Any]
Decode = Callable[[Any, list[str]], Any]
_CODECS: dict[Any, tuple[Encode, Decode]] = {}


def _fail(value: object, expected: str) -> Miss:
    return Miss(f"expected {expected}, found {type(value).__name__}")


def _decode_str(value: Any, strings: list[str]) -> str:
    if type(value) is not str:
        raise _fail(value, "a string")
    strings.append(value)
    return value


def _decode_int(value: Any, strings: list[str]) -> int:
    if type(value) is not int:
        raise _fail(value, "an integer")
    return value


def _decode_bool(value: Any, strings: list[str]) -> bool:
    if type(value) is not bool:
        raise _fail(value, "a boolean")
    return value


def _decode_none(value: Any, strings: list[str]) -> None:
    if value is not None:
        raise _fail(value, "null")


def _same(value: Any) -> Any:
    return value


def codec(tp: Any) -> tuple[Encode, Decode]:
    """Encoder and strict decoder for a model type (built once per type)."""
    found = _CODECS.get(tp)
    if found is None:
        found = _CODECS[tp] = _build(tp)
    return found


def _build(tp: Any) -> tuple[Encode, Decode]:
    simple: dict[Any, Decode] = {str: _decode_str, bool: _decode_bool, int: _decode_int}
    if tp in simple:
        return _same, simple[tp]
    if tp is type(None):
        return _same, _decode_none
    origin = get_origin(tp)
    if origin is Literal:
        allowed = frozenset(get_args(tp))

        def decode_literal(value: Any, strings: list[str]) -> Any:
            if type(value) is not str or value not in allowed:
                raise _fail(value, f"one of {sorted(allowed)}")
            return value

        return _same, decode_literal
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        members = {member.value: member for member in tp}

        def decode_enum(value: Any, strings: list[str]) -> Any:
            if type(value) is not str or value not in members:
                raise _fail(value, tp.__name__)
            return members[value]

        return (lambda member: member.value), decode_enum
    if origin is tuple:
        args = get_args(tp)
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"unsupported tuple type {tp}")
        encode_item, decode_item = codec(args[0])

        def decode_tuple(value: Any, strings: list[str]) -> tuple[Any, ...]:
            if type(value) is not list:
                raise _fail(value, "a list")
            return tuple([decode_item(item, strings) for item in value])

        return (lambda items: [encode_item(item) for item in items]), decode_tuple
    if origin in (typing.Union, types.UnionType):
        return _union(get_args(tp))
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _dataclass(tp)
    raise TypeError(f"unsupported type {tp!r} in the content model")


def _union(args: tuple[Any, ...]) -> tuple[Encode, Decode]:
    classes = [arg for arg in args if isinstance(arg, type) and dataclasses.is_dataclass(arg)]
    if len(classes) > 1:  # Item: tagged with the class name
        if len(classes) != len(args):
            raise TypeError(f"unsupported union {args}")
        by_name = {cls.__name__: cls for cls in classes}
        decoders: dict[str, Decode] = {}

        def encode_tagged(value: Any) -> Any:
            return [type(value).__name__, codec(type(value))[0](value)]

        def decode_tagged(value: Any, strings: list[str]) -> Any:
            if type(value) is not list or len(value) != 2 or value[0] not in by_name:
                raise _fail(value, "a tagged item")
            if not decoders:
                decoders.update((name, codec(cls)[1]) for name, cls in by_name.items())
            return decoders[value[0]](value[1], strings)

        return encode_tagged, decode_tagged
    others = [arg for arg in args if arg is not type(None)]
    if len(others) != 1 or len(others) == len(args):
        raise TypeError(f"unsupported union {args}")
    encode_some, decode_some = codec(others[0])
    return (
        lambda value: None if value is None else encode_some(value),
        lambda value, strings: None if value is None else decode_some(value, strings),
    )


def _dataclass(cls: type[Any]) -> tuple[Encode, Decode]:
    hints = get_type_hints(cls, vars(model))
    names = tuple(f.name for f in dataclasses.fields(cls))
    size = len(names)
    plan: list[tuple[tuple[int, ...], tuple[tuple[int, Decode], ...]]] = []

    def prepare() -> tuple[tuple[int, ...], tuple[tuple[int, Decode], ...]]:
        if not plan:  # built lazily: the model's types refer to each other
            text = tuple(i for i, name in enumerate(names) if hints[name] is str)
            rest = tuple((i, codec(hints[name])[1]) for i, name in enumerate(names) if i not in text)
            plan.append((text, rest))
        return plan[0]

    def encode(value: Any) -> Any:
        return [codec(hints[name])[0](getattr(value, name)) for name in names]

    def decode(value: Any, strings: list[str]) -> Any:
        if type(value) is not list or len(value) != size:
            raise _fail(value, f"{cls.__name__} fields")
        text, rest = plan[0] if plan else prepare()
        for i in text:  # plain string fields, checked inline (most fields are)
            item = value[i]
            if type(item) is not str:
                raise _fail(item, f"a string in {cls.__name__}")
            strings.append(item)
        for i, decode_field in rest:  # in place: the list is ours, fresh from json.loads
            value[i] = decode_field(value[i], strings)
        return cls(*value)

    return encode, decode


def encode_course(course: Course) -> Any:
    return codec(Course)[0](course)


def decode_course(data: Any, strings: list[str] | None = None) -> Course:
    """Rebuild a Course from `encode_course` output; raise Miss on any mismatch. Every string
    of the course is appended to `strings` when it is given."""
    strings = [] if strings is None else strings
    course = codec(Course)[1](data, strings)
    if UNSAFE.search("".join(strings)):
        raise Miss("a string holds a control character")
    if not isinstance(course, Course):
        raise Miss("not a course")
    return course


# -- load -----------------------------------------------------------------------------------


def cache_folder(cache_dir: Path | None = None) -> Path:
    return cache_dir or Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


# -- the inline Markdown of every course text ------------------------------------------------
#
# [text] when markdown-it leaves the text as it is, else [text, plain, [[start, end, style]...]].


def course_strings(course_json: Any) -> list[str]:
    """The course's texts, as a cache hit collects them (not its enum and literal values)."""
    strings: list[str] = []
    decode_course(json.loads(json.dumps(course_json)), strings)  # a copy: decoding is in place
    return strings


def encode_inline(strings: list[str]) -> list[list[Any]]:
    """A row for each course text with Markdown characters that `decode_inline` accepts. A text
    it would not accept (an entity such as &lt;, a link address markdown-it percent-encodes)
    is left out, and parsed when first shown, so it never turns every start into a miss."""
    course = set(strings)
    rows: list[list[Any]] = []
    for text in sorted({text for text in strings if inline.needs_parsing(text)}):
        plain, spans = inline.parse_inline(text)
        row = [text] if (plain, spans) == (text, ()) else [text, plain, [list(s) for s in spans]]
        try:
            _decode_row(row, course, {})
        except Miss:
            continue
        rows.append(row)
    return rows


def _is_subsequence(plain: str, text: str) -> bool:
    rest = iter(text)
    return all(char in rest for char in plain)


def _decode_row(row: Any, course_strings: set[str], table: dict[str, inline.Parsed]) -> None:
    unused: list[str] = []
    if type(row) is not list or len(row) not in (1, 3):
        raise _fail(row, "an inline row")
    text = _decode_str(row[0], unused)
    if text not in course_strings or text in table:
        raise Miss("an inline row for no course text, or a second row for one")
    if len(row) == 1:
        table[text] = (text, ())
        return
    plain = _decode_str(row[1], unused)
    # Only characters of the text itself, in order (so nothing a course text lacks, control
    # characters included, can be shown through the table).
    if not _is_subsequence(plain, text):
        raise Miss("inline text that is not its course text")
    if type(row[2]) is not list:
        raise _fail(row[2], "a list of spans")
    spans: list[tuple[int, int, str]] = []
    for span in row[2]:
        if type(span) is not list or len(span) != 3:
            raise _fail(span, "a span")
        start, end = _decode_int(span[0], unused), _decode_int(span[1], unused)
        style = _decode_str(span[2], unused)
        if not 0 <= start <= end <= len(plain):
            raise Miss("a span outside its text")
        if style not in inline.SPAN_STYLES and not (style.startswith("href:") and style[5:] in text):
            raise Miss("a span with an unknown style, or a link the text does not hold")
        spans.append((start, end, style))
    table[text] = (plain, tuple(spans))


def decode_inline(rows: Any, course_strings: set[str]) -> dict[str, inline.Parsed]:
    """The table, checked as strictly as the course: each text is a course text, listed once;
    what it shows is that text with Markdown characters taken out (never other words); spans
    are in range, with known styles, and a link's address is written in the text."""
    if type(rows) is not list:
        raise _fail(rows, "an inline table")
    table: dict[str, inline.Parsed] = {}
    for row in rows:
        _decode_row(row, course_strings, table)
    return table


def read_cache(path: Path, key: str) -> Course:
    """The course in a cache file, or raise Miss. Its inline table is preloaded on a hit."""
    try:
        data = json.loads(read_regular(path, MAX_CACHE_BYTES))
        if (
            type(data) is not dict
            or data.get("format") != FORMAT
            or data.get("schema") != SCHEMA
            or data.get("key") != key
        ):
            raise Miss("not a cache for this course and code")
        strings: list[str] = []
        course = decode_course(data.get("course"), strings)
        inline.preload(decode_inline(data.get("inline"), set(strings)))
        return course
    except Miss:
        raise
    except Exception as error:  # Unreadable, bad JSON, RecursionError, TypeError from __init__ ...
        raise Miss(type(error).__name__) from error


def load_course_cached(root: Path, cache_dir: Path | None = None) -> Course:
    """Like `load_course`, from the JSON cache when every course file and the model code are
    byte-for-byte unchanged. Raises ContentError exactly as `load_course` does."""
    folder = cache_folder(cache_dir)
    try:
        key: str | None = course_key(root, current_digests(root))
    except (Unreadable, OSError, ValueError):
        key = None  # a file the loader will report on; never cache around it
    if key is not None:
        try:
            return read_cache(folder / f"course-{key}.json", key)
        except Miss:
            pass
    from tui.content.loader import ContentError, read_course  # YAML is imported only on a miss

    digests: dict[Path, str] = {}
    course, problems = read_course(root, digests)
    if problems or course is None:
        raise ContentError(problems.items)
    # Key on the bytes the loader actually read: a file edited while loading gets a new key.
    store(folder, course_key(root, digests), course)
    return course


def store(folder: Path, key: str, course: Course) -> None:
    encoded = encode_course(course)
    body = {
        "format": FORMAT,
        "schema": SCHEMA,
        "key": key,
        "course": encoded,
        "inline": encode_inline(course_strings(encoded)),
    }
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    target = folder / f"course-{key}.json"
    try:
        old_files = [*folder.glob("course-*.json"), *folder.glob("course-*.pickle")]
    except OSError:
        old_files = []
    for old in old_files:
        if old != target:
            with contextlib.suppress(OSError):
                old.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # a read-only cache dir or a symlink in the way only costs time
        atomic_write_bytes(target, data)
