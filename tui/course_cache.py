"""A start-up cache of the validated course, as JSON that can only ever be data.

The cache is keyed on bytes, not on sizes and times: the sha256 of every course file the
loader reads, the sha256 of the content-model and loader code (`tui/content/*.py` and this
file), the cache format version and the Python version. Loading it rebuilds the frozen
dataclasses of `tui/content/model.py` field by field with strict type checks (and the same
control-character rule as the loader); any mismatch, unreadable or oversized file is a miss,
and the course is loaded from YAML again. `check` never uses it. Start-up reads only the
course's outline; the rest is read, as strictly, when first used (see "the file" below), and a
part that does not decode then is taken from the YAML files.

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
import functools
import hashlib
import importlib.util
import json
import sys
import types
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal, TypeVar, cast, get_args, get_origin, get_type_hints

import platformdirs

from tui.content import inline, model
from tui.content.files import Unreadable, read_regular
from tui.content.later import made_later
from tui.content.model import Course
from tui.content.paths import course_files
from tui.content.problems import UNSAFE
from tui.content.units import most_blocks
from tui.storage import APP_NAME, atomic_write_bytes

CONTENT_CODE = Path(__file__).parent / "content"
FORMAT = "stemcell-explainer course cache"
SCHEMA = 3  # 2: the inline Markdown table; 3: in parts, read when first used
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
    hints = _hints(cast(Any, cls))
    names = tuple(f.name for f in dataclasses.fields(cls) if f.init)  # not `_later`
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


# -- load -----------------------------------------------------------------------------------


def cache_folder(cache_dir: Path | None = None) -> Path:
    return cache_dir or Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


# -- the inline Markdown of every course text ------------------------------------------------
#
# [text] when markdown-it leaves the text as it is, else [text, plain, [[start, end, style]...]].


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


# Markdown's emphasis and code characters: most rows show their text with only these taken out.
_EMPHASIS = str.maketrans("", "", "*_`~\\")


def _is_subsequence(plain: str, text: str) -> bool:
    if text.translate(_EMPHASIS) == plain:  # characters taken out, none added: a subsequence
        return True
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


# -- the file: a header line, then parts ----------------------------------------------------
#
# Start-up needs the current step, the outline and the glossary, not the text of every other
# step, the quiz or the claims. So the course is stored in parts, each its own JSON document
# after a header line that says where each part starts and how long it is. Part 0 (the
# outline: titles, the glossary, the sources) is read at start-up; each step's items and
# notes, the questions, the claims and the topics are parts read when first used (see
# tui.content.later). Each part carries the inline rows of its own texts, checked against
# them, and its texts are checked for control characters like the rest.
#
#   part 0: [title, summary, lessons, terms, sources, [questions, claims, topics], disputes,
#            most blocks a step shows, inline]
#           a lesson is [id, title, summary, [[step id, step title, part, disagreement ids], ...]]
#   disputes: the disagreement items of every step that has some (`DISPUTES`), read alone
#           when the source panel first needs them (see `tui.content.units.step_disagreements`)
#   each later part begins with whose it is ("step LESSON STEP", "questions", "disputes", ...),
#   so numbers swapped in the outline are found: a step: ["step L S", items, notes, inline];
#   questions, claims, topics: [name, value, inline]

LATER_COURSE = ("questions", "claims", "topics")
MOST_BLOCKS = 200  # each is mounted: far more than any step shows (the real course's most is 26)
LATER_STEP = ("items", "notes")


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    # Each call evaluates every annotation of the class (compiling each one): once per class.
    return get_type_hints(cls, vars(model))


def _hint(cls: Any, name: str) -> Any:
    return _hints(cls)[name]


def join_file(header: dict[str, Any], parts: list[bytes]) -> bytes:
    """The cache file: `header`, with where each part is, on one line; then the parts."""
    spans, offset = [], 0
    for part in parts:
        spans.append([offset, len(part)])
        offset += len(part)
    return json.dumps({**header, "parts": spans}, separators=(",", ":")).encode() + b"\n" + b"".join(parts)


def _spans(data: bytes) -> tuple[dict[str, Any], list[tuple[int, int]]]:
    """The header of a cache file, and where in `data` each part starts and ends (the parts are
    cut out only when read); raise Miss if it is not laid out as one."""
    newline = data.find(b"\n")
    header = json.loads(data[:newline]) if newline >= 0 else None
    if type(header) is not dict or type(header.get("parts")) is not list or not header["parts"]:
        raise Miss("no header line")
    spans = []
    start = newline + 1
    for span in header["parts"]:
        if type(span) is not list or len(span) != 2 or not all(type(n) is int and n >= 0 for n in span):
            raise _fail(span, "a part's offset and length")
        # Back to back, each after the one before: no two parts can share bytes.
        if newline + 1 + span[0] != start:
            raise Miss("a part that does not start where the one before it ends")
        spans.append((start, start + span[1]))
        start += span[1]
    if start != len(data):
        raise Miss("parts that do not end where the file ends")
    return header, spans


def split_file(data: bytes) -> tuple[dict[str, Any], list[bytes]]:
    """The header and the parts of a cache file; raise Miss if it is not laid out as one."""
    header, spans = _spans(data)
    return header, [data[start:end] for start, end in spans]


def _encoded(tp: Any, value: Any, strings: list[str]) -> Any:
    """`value` as JSON; its texts are added to `strings`, as a hit collects them."""
    data = codec(tp)[0](value)
    codec(tp)[1](json.loads(json.dumps(data)), strings)  # decoding a copy collects the texts
    return data


def _dump(values: list[Any], strings: list[str]) -> bytes:
    rows = encode_inline(strings)
    return json.dumps([*values, rows], ensure_ascii=False, separators=(",", ":")).encode()


def step_owner(lesson_id: str, step_id: str) -> str:
    """What a step's part says it is, so a part can only be read as its own step's."""
    return f"step {lesson_id} {step_id}"


def disagreements(items: tuple[model.Item, ...]) -> tuple[model.Disagreement, ...]:
    return tuple(item for item in items if isinstance(item, model.Disagreement))


# One part for the disagreements of every step that has some: lesson ids, step ids and the
# items, side by side.
DISPUTES = {
    "lessons": tuple[str, ...],
    "steps": tuple[str, ...],
    "disagreements": tuple[tuple[model.Disagreement, ...], ...],
}


def disputes_of(course: Course | None) -> Values:
    """`DISPUTES` of a course."""
    found = [
        (lesson.id, step.id, disagreements(step.items))
        for lesson in (course.lessons if course is not None else ())
        for step in lesson.steps
        if disagreements(step.items)
    ]
    return {name: tuple(row[n] for row in found) for n, name in enumerate(DISPUTES)}


def encode_file(key: str, course: Course) -> bytes:
    parts: list[bytes] = [b""]  # part 0, the outline, is made last: it holds the others' numbers

    def add(owner: str, values: dict[str, tuple[Any, Any]]) -> int:
        """A part of `values` (name: (type, value)) that says whose it is; its number."""
        strings: list[str] = []
        parts.append(
            _dump([owner, *(_encoded(tp, value, strings) for tp, value in values.values())], strings)
        )
        return len(parts) - 1

    def fields_of(owner: Any, names: tuple[str, ...]) -> dict[str, tuple[Any, Any]]:
        cls: Any = type(owner)
        return {name: (_hint(cls, name), getattr(owner, name)) for name in names}

    strings: list[str] = []
    lessons = [
        [
            lesson.id,
            _encoded(model.Text, lesson.title, strings),
            _encoded(model.Text, lesson.summary, strings),
            [
                [
                    step.id,
                    _encoded(model.Text, step.title, strings),
                    add(step_owner(lesson.id, step.id), fields_of(step, LATER_STEP)),
                    [item.id for item in disagreements(step.items)],
                ]
                for step in lesson.steps
            ],
        ]
        for lesson in course.lessons
    ]
    later = [add(name, fields_of(course, (name,))) for name in LATER_COURSE]
    disputes = add("disputes", {name: (DISPUTES[name], value) for name, value in disputes_of(course).items()})
    outline = [
        _encoded(model.Text, course.title, strings),
        _encoded(model.Text, course.summary, strings),
        lessons,
        _encoded(_hint(Course, "terms"), course.terms, strings),
        _encoded(_hint(Course, "sources"), course.sources, strings),
        later,
        disputes,
        most_blocks(course),  # so the walkthrough mounts its spare blocks without reading every step
    ]
    parts[0] = _dump(outline, strings)
    return join_file({"format": FORMAT, "schema": SCHEMA, "key": key}, parts)


def _checked(strings: list[str], rows: Any) -> None:
    """A part's texts have no control characters, and its inline rows are theirs (preloaded)."""
    if UNSAFE.search("".join(strings)):
        raise Miss("a string holds a control character")
    inline.preload(decode_inline(rows, set(strings)))


Values = dict[str, Any]


class Parts:
    """The parts of a cache file, decoded when first read. A part that does not decode (the
    file was changed after start-up, or only its later parts were tampered with) is taken from
    the course files instead: they are read again (once), and the cache is written afresh."""

    def __init__(
        self, data: bytes, spans: list[tuple[int, int]], reload: Callable[[], Course | None]
    ) -> None:
        self.data = data
        self.spans = spans
        self._reload = reload
        self._reloaded: list[Course | None] = []
        self._read: dict[int, Values] = {}

    def read(
        self,
        index: int,
        owner: str,
        types: dict[str, Any],
        from_files: Callable[[Course | None], Values],
        check: Callable[[Values], bool] = lambda values: True,
    ) -> Values:
        """Part `index`, which must say it is `owner`'s, its values of `types` by name (decoded
        once). If it does not decode, is another's, or fails `check`, `from_files` gives them
        from the course read from its files."""
        found = self._read.get(index)
        if found is None:
            try:
                found = self._decode(index, owner, types)
                if not check(found):
                    raise Miss("a part that does not agree with the outline")
            except Exception:  # Miss, bad JSON, RecursionError, TypeError from __init__ ...
                found = from_files(self.reloaded())
            self._read[index] = found
        return found

    def _decode(self, index: int, owner: str, types: dict[str, Any]) -> Values:
        data = json.loads(self.part(index))
        if type(data) is not list or len(data) != len(types) + 2:
            raise _fail(data, f"whose part it is, {len(types)} values and their inline rows")
        if data[0] != owner:  # numbers swapped in the outline: another step's text
            raise Miss("a part that is not the one asked for")
        strings: list[str] = []
        values = {
            name: codec(tp)[1](value, strings)
            for (name, tp), value in zip(types.items(), data[1:], strict=False)
        }
        _checked(strings, data[-1])
        return values

    def part(self, index: int) -> bytes:
        start, end = self.spans[index]
        return self.data[start:end]

    def reloaded(self) -> Course | None:
        if not self._reloaded:
            self._reloaded.append(self._reload())
        return self._reloaded[0]


def _values(found: Any, names: Iterable[str]) -> Values:
    # Empty only if the course files no longer load, or no longer hold this step: they changed
    # while the app ran, and the cache had been tampered with too.
    return {name: getattr(found, name) if found is not None else () for name in names}


def _find_step(lesson_id: str, step_id: str) -> Callable[[Course | None], model.Step | None]:
    def find(course: Course | None) -> model.Step | None:
        lessons = course.lessons if course is not None else ()
        steps = (step for lesson in lessons if lesson.id == lesson_id for step in lesson.steps)
        return next((step for step in steps if step.id == step_id), None)

    return find


def read_outline(parts: Parts) -> Course:
    """The course from part 0, its steps' items and notes, questions, claims and topics left
    to read on first use; raise Miss if part 0 does not decode."""
    data = json.loads(parts.part(0))
    if type(data) is not list or len(data) != 9:
        raise _fail(data, "the course outline")
    strings: list[str] = []
    text = codec(model.Text)[1]
    used: list[Any] = []
    step_types = {name: _hint(model.Step, name) for name in LATER_STEP}
    title, summary, lessons, terms, sources, later, disputes, blocks, rows = data
    used.append(disputes)

    made: list[dict[tuple[str, str], tuple[model.Disagreement, ...]]] = []
    named: dict[tuple[str, str], tuple[str, ...]] = {}  # each step's disagreement ids, if any

    def all_disputes() -> dict[tuple[str, str], tuple[model.Disagreement, ...]]:
        if made:
            return made[0]
        values = parts.read(disputes, "disputes", DISPUTES, disputes_of, agrees)
        places = zip(values["lessons"], values["steps"], strict=True)
        made.append(dict(zip(places, values["disagreements"], strict=True)))
        return made[0]

    def agrees(values: Values) -> bool:
        """The disagreements part holds, for each step, the disagreements the outline names."""
        if not len(values["lessons"]) == len(values["steps"]) == len(values["disagreements"]):
            return False
        found = {
            place: tuple(item.id for item in items)
            for place, items in zip(
                zip(values["lessons"], values["steps"], strict=True), values["disagreements"], strict=True
            )
        }
        return found == named

    def fields(value: Any, size: int, what: str) -> list[Any]:
        if type(value) is not list or len(value) != size:
            raise _fail(value, what)
        return value

    def step(lesson_id: str, value: Any) -> model.Step:
        step_id, title, index, ids = fields(value, 4, "a step")
        known = {"id": _decode_str(step_id, strings), "title": text(title, strings)}
        ids = codec(tuple[str, ...])[1](ids, strings)
        if ids:
            named[(lesson_id, step_id)] = ids
        used.append(index)
        find = _find_step(lesson_id, step_id)

        settled: list[tuple[model.Disagreement, ...]] = []  # once the step is read: its own

        def noted() -> tuple[model.Disagreement, ...]:
            if settled:
                return settled[0]
            return all_disputes().get((lesson_id, step_id), ()) if ids else ()

        def load(_: str) -> Values:
            # Checked against the ids in the outline, not the disagreements part, which is read
            # only when the source panel needs it.
            values = parts.read(
                index,
                step_owner(lesson_id, step_id),
                step_types,
                lambda course: _values(find(course), LATER_STEP),
                lambda values: tuple(item.id for item in disagreements(values["items"])) == ids,
            )
            settled.append(disagreements(values["items"]))
            return values

        return made_later(model.Step, known, LATER_STEP, load, {"disagreements": noted})

    def lesson(value: Any) -> model.Lesson:
        lesson_id, title, summary, steps = fields(value, 4, "a lesson")
        _decode_str(lesson_id, strings)
        if type(steps) is not list:
            raise _fail(steps, "a list of steps")
        return model.Lesson(
            lesson_id, text(title, strings), text(summary, strings), tuple(step(lesson_id, s) for s in steps)
        )

    if type(lessons) is not list:
        raise _fail(lessons, "a list of lessons")
    if type(blocks) is not int or not 2 <= blocks <= MOST_BLOCKS:  # each is mounted, so bounded
        raise _fail(blocks, f"a number of blocks from 2 to {MOST_BLOCKS}")
    known = {
        "title": text(title, strings),
        "summary": text(summary, strings),
        "lessons": tuple(lesson(value) for value in lessons),
        "terms": codec(_hint(Course, "terms"))[1](terms, strings),
        "sources": codec(_hint(Course, "sources"))[1](sources, strings),
    }
    used.extend(fields(later, len(LATER_COURSE), "the later parts"))
    # Every later part read by exactly one owner (so no step can show another step's text).
    if not all(type(index) is int for index in used) or sorted(used) != list(range(1, len(parts.spans))):
        raise Miss("parts not used once each")
    _checked(strings, rows)
    where = dict(zip(LATER_COURSE, later, strict=True))

    def load(name: str) -> Values:
        return parts.read(
            where[name], name, {name: _hint(Course, name)}, lambda course: _values(course, (name,))
        )

    return made_later(Course, known, LATER_COURSE, load, {"most_blocks": blocks})


def read_cache(path: Path, key: str, reload: Callable[[], Course | None]) -> Course:
    """The course in a cache file, or raise Miss. Only its outline is decoded here."""
    try:
        data = read_regular(path, MAX_CACHE_BYTES)
        header, spans = _spans(data)
        if header.get("format") != FORMAT or header.get("schema") != SCHEMA or header.get("key") != key:
            raise Miss("not a cache for this course and code")
        return read_outline(Parts(data, spans, reload))
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
            return read_cache(folder / f"course-{key}.json", key, lambda: _read_files(root, folder))
        except Miss:
            pass
    course = _read_files(root, folder, problems_raise=True)
    assert course is not None
    return course


def _read_files(root: Path, folder: Path, *, problems_raise: bool = False) -> Course | None:
    """The course from its files, stored in the cache; with problems, None (or ContentError)."""
    from tui.content.loader import ContentError, read_course  # YAML is imported only on a miss

    digests: dict[Path, str] = {}
    course, problems = read_course(root, digests)
    if problems or course is None:
        if problems_raise:
            raise ContentError(problems.items)
        return None
    # Key on the bytes the loader actually read: a file edited while loading gets a new key.
    store(folder, course_key(root, digests), course)
    return course


def store(folder: Path, key: str, course: Course) -> None:
    data = encode_file(key, course)
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
