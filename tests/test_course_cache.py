"""The start-up cache is JSON keyed on bytes: a planted file cannot run code, an edit that
keeps size and mtime is seen, and anything that does not decode exactly is a miss."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Any

import pytest

from tests.special_files import make_special
from tui.content import inline
from tui.content.later import is_pending
from tui.content.loader import ContentError, load_course
from tui.content.model import Course
from tui.content.units import step_disagreements
from tui.course_cache import (
    FORMAT,
    SCHEMA,
    codec,
    course_key,
    current_digests,
    decode_inline,
    encode_inline,
    join_file,
    load_course_cached,
    read_cache,
    split_file,
    store,
)


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("course-*"))


def round_trip(course: Course, folder: Path) -> Course:
    """`course` written to a cache file and read back (every part of it read)."""
    store(folder, "k" * 64, course)
    again = read_cache(folder / f"course-{'k' * 64}.json", "k" * 64, lambda: pytest.fail("a part missed"))
    assert again == course
    return again


def test_round_trip_is_exact(mini: Path, tmp_path: Path) -> None:
    round_trip(load_course(mini), tmp_path)


def test_round_trip_of_the_real_course(tmp_path: Path) -> None:
    round_trip(load_course(), tmp_path)


def course_strings(course: Course) -> list[str]:
    """The course's texts, as the cache collects them (not its enum and literal values)."""
    strings: list[str] = []
    codec(Course)[1](json.loads(json.dumps(codec(Course)[0](course))), strings)
    return strings


def test_hit_and_contents(mini: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_course_cached(mini, cache)
    [path] = cache_files(cache)
    header, _ = split_file(path.read_bytes())
    assert (header["format"], header["schema"]) == (FORMAT, SCHEMA)
    assert header["key"] == course_key(mini, current_digests(mini))
    assert load_course_cached(mini, cache) == first


class Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch PWNED",))


def test_a_planted_pickle_never_runs(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.chdir(tmp_path)
    key = course_key(mini, current_digests(mini))
    for name in (f"course-{key}.pickle", f"course-{key}.json"):
        (cache / name).write_bytes(pickle.dumps(Boom()))
    assert load_course_cached(mini, cache) == load_course(mini)
    assert not (tmp_path / "PWNED").exists()
    assert [p.suffix for p in cache_files(cache)] == [".json"]  # old pickles are removed


def test_same_size_same_mtime_edit_is_seen(mini: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert load_course_cached(mini, cache).title.en == "Mini course"
    course_file = mini / "content/course.yaml"
    info = course_file.stat()
    course_file.write_text(course_file.read_text("utf-8").replace("Mini course", "Mild course"), "utf-8")
    os.utime(course_file, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert course_file.stat().st_size == info.st_size and course_file.stat().st_mtime_ns == info.st_mtime_ns
    assert load_course_cached(mini, cache).title.en == "Mild course"


def plant(cache: Path, mini: Path, mutate: object) -> None:
    """Write a cache file for the current key whose course was changed by `mutate`, given
    {"header": ..., "parts": [each part as JSON]} (part 0: the outline)."""
    load_course_cached(mini, cache)
    [path] = cache_files(cache)
    header, parts = split_file(path.read_bytes())
    body: dict[str, Any] = {"header": header, "parts": [json.loads(part) for part in parts]}
    mutate(body)  # type: ignore[operator]
    header = {k: v for k, v in body["header"].items() if k != "parts"}
    path.write_bytes(
        join_file(header, [json.dumps(part, ensure_ascii=False).encode() for part in body["parts"]])
    )


def set_title(value: object) -> object:
    def mutate(body: dict[str, list[list[list[object]]]]) -> None:
        body["parts"][0][0][0] = value

    return mutate


def swap_step_parts(body: dict[str, Any]) -> None:
    """The first two steps' part numbers swapped in the outline: each part still used once."""
    steps = body["parts"][0][2][0][3]
    steps[0][2], steps[1][2] = steps[1][2], steps[0][2]


def first_step_part(body: dict[str, list[Any]]) -> list[Any]:
    """The part holding the first step's items and notes."""
    outline = body["parts"][0]
    return body["parts"][outline[2][0][3][0][2]]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "mutate",
    [
        set_title(42),
        set_title(None),
        set_title(True),
        set_title("\x1b]52;c;aGVsbG8=\x07"),
        set_title("\x9b2J"),
        lambda body: body["header"].update(schema=99),
        lambda body: body["header"].update(key="0" * 64),
        lambda body: body["parts"].__setitem__(0, {"title": "x"}),
        lambda body: body["parts"][0].append(1),
        lambda body: body["parts"][0][2].__setitem__(0, ["Paragraph", []]),
        lambda body: first_step_part(body)[1].__setitem__(0, ["Gadget", []]),
        lambda body: first_step_part(body)[1][0][1].__setitem__(0, ["\x1b[2J", "x"]),
        lambda body: body["parts"][0][2][0][3][1].__setitem__(2, body["parts"][0][2][0][3][0][2]),
        swap_step_parts,
        lambda body: body["parts"][0][5].reverse(),
        lambda body: body["parts"].append([]),
        lambda body: body["parts"][0][5].__setitem__(0, 0),
        lambda body: body["parts"].__setitem__(-1, "not a part"),
        lambda body: body["parts"][0][2][0][3][0].__setitem__(2, [body["parts"][0][2][0][3][0][2]]),
        lambda body: body["parts"][0].__setitem__(6, 6.0),
        lambda body: body["parts"][0].__setitem__(7, 10**9),
        lambda body: body["parts"][0].__setitem__(7, True),
    ],
    ids=[
        "int",
        "null",
        "bool",
        "osc52",
        "c1",
        "schema",
        "key",
        "shape",
        "extra-field",
        "wrong-lesson",
        "unknown-tag",
        "escape-in-a-step",
        "two-steps-one-part",
        "two-steps-swapped",
        "questions-and-topics-swapped",
        "a-part-nobody-reads",
        "questions-in-the-outline",
        "a-later-part-not-json",
        "a-part-number-in-a-list",
        "a-part-number-as-a-float",
        "a-billion-blocks",
        "blocks-not-a-number",
    ],
)
def test_mismatches_are_misses(mini: Path, tmp_path: Path, mutate: object) -> None:
    cache = tmp_path / "cache"
    plant(cache, mini, mutate)
    assert load_course_cached(mini, cache) == load_course(mini)


def test_a_hit_reads_only_the_outline(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Start-up decodes titles, glossary and sources; a step's items and notes, the quiz, the
    claims and the topics are read when first used, one part at a time, from the cache."""
    cache = tmp_path / "cache"
    load_course_cached(mini, cache)
    import tui.content.loader as loader

    monkeypatch.setattr(loader, "read_course", lambda *a, **k: pytest.fail("a miss: YAML loaded again"))
    course = load_course_cached(mini, cache)
    steps = [step for lesson in course.lessons for step in lesson.steps]
    assert len(steps) > 1 and all(is_pending(step, "items") and is_pending(step, "notes") for step in steps)
    assert all(is_pending(course, name) for name in ("questions", "claims", "topics"))
    assert any(step_disagreements(step) for step in steps)  # read on their own ...
    assert all(is_pending(step, "items") for step in steps)  # ... not with the step
    assert steps[0].items  # read now ...
    assert not is_pending(steps[0], "notes") and is_pending(steps[1], "items")  # ... with its notes only
    assert course.questions and is_pending(course, "claims")
    monkeypatch.undo()
    assert course == load_course(mini)


def test_an_object_read_later_copies_and_pickles_whole(mini: Path, tmp_path: Path) -> None:
    """A copy or a pickle of a lazily made object is made from its fields (read first): it does
    not carry the cache's loaders along, and equals the course made from the files."""
    import copy

    cache = tmp_path / "cache"
    load_course_cached(mini, cache)
    whole = load_course(mini)
    course = load_course_cached(mini, cache)
    step = course.lessons[0].steps[1]
    assert is_pending(step, "items")
    assert copy.deepcopy(step) == copy.copy(step) == whole.lessons[0].steps[1]
    again = pickle.loads(pickle.dumps(load_course_cached(mini, cache)))
    assert again == whole and not is_pending(again.lessons[0].steps[1], "items")


def test_a_later_part_that_does_not_decode_is_read_from_the_files(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found only when the step is first shown: the step comes from the course files (never
    from the bad part), and the cache is written again, so the next start is a clean hit."""
    cache = tmp_path / "cache"
    plant(cache, mini, lambda body: first_step_part(body)[1].__setitem__(0, ["Gadget", []]))
    course = load_course_cached(mini, cache)
    first = course.lessons[0].steps[0]
    assert is_pending(first, "items")
    assert first.items == load_course(mini).lessons[0].steps[0].items
    import tui.content.loader as loader

    monkeypatch.setattr(loader, "read_course", lambda *a, **k: pytest.fail("a miss: YAML loaded again"))
    assert load_course_cached(mini, cache) == course


def disputed_place(course: Any) -> tuple[int, int]:
    """(lesson, step) of the first step holding a disagreement."""
    return next(
        (n, m)
        for n, lesson in enumerate(course.lessons)
        for m, step in enumerate(lesson.steps)
        if any(type(item).__name__ == "Disagreement" for item in step.items)
    )


def counted_reads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each time the course is read from its files from now on."""
    import tui.content.loader as loader

    reads: list[object] = []
    read_course = loader.read_course

    def counted(*args: Any, **kwargs: Any) -> Any:
        reads.append(args)
        return read_course(*args, **kwargs)

    monkeypatch.setattr(loader, "read_course", counted)
    return reads


def empty_disputes(body: dict[str, Any]) -> None:
    body["parts"][body["parts"][0][6]] = ["disputes", [], [], [], []]


def unnamed_disputes(place: tuple[int, int]) -> Any:
    def unname(body: dict[str, Any]) -> None:  # the outline names none for that step
        body["parts"][0][2][place[0]][3][place[1]][3] = []

    return unname


@pytest.mark.parametrize("tamper", ["empty-disputes-part", "unnamed-in-the-outline"])
def test_disagreements_that_do_not_agree_are_read_from_the_files(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tamper: str
) -> None:
    """The outline names each step's disagreements; the disagreements part (read alone, for
    the source panel's index) and each step's own items must hold exactly those. What does not
    agree is read from the course files, so the index and the step show the course's own."""
    course = load_course(mini)
    place = disputed_place(course)
    expected = course.lessons[place[0]].steps[place[1]]
    cache = tmp_path / "cache"
    plant(cache, mini, empty_disputes if tamper == "empty-disputes-part" else unnamed_disputes(place))
    step = load_course_cached(mini, cache).lessons[place[0]].steps[place[1]]
    reads = counted_reads(monkeypatch)
    if tamper == "empty-disputes-part":
        assert step_disagreements(step) == step_disagreements(expected) != ()
        assert len(reads) == 1 and is_pending(step, "items")  # the index, without the step
    else:
        assert step.items == expected.items
        assert len(reads) == 1  # the step from the files, not from its part


def test_a_step_is_read_without_the_disagreements_part(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading a step checks its disagreements against the ids the outline names: the part
    with every step's disagreement items stays unread until the source panel asks for it."""
    from tui.course_cache import Parts

    cache = tmp_path / "cache"
    load_course_cached(mini, cache)
    disputes_part = json.loads(split_file(cache_files(cache)[0].read_bytes())[1][0])[6]
    decoded: list[int] = []
    decode = Parts._decode

    def counted(self: Parts, index: int, owner: str, types: dict[str, Any]) -> Any:
        decoded.append(index)
        return decode(self, index, owner, types)

    monkeypatch.setattr(Parts, "_decode", counted)
    place = disputed_place(load_course(mini))
    step = load_course_cached(mini, cache).lessons[place[0]].steps[place[1]]
    assert step.items and len(decoded) == 1 and disputes_part not in decoded
    decoded.clear()
    unread = load_course_cached(mini, cache).lessons[place[0]].steps[place[1]]
    assert step_disagreements(unread) == step_disagreements(step) != ()
    assert decoded == [disputes_part] and is_pending(unread, "items")


def test_parts_that_share_bytes_are_a_miss(mini: Path, tmp_path: Path) -> None:
    """Each part starts where the one before it ends: a header pointing two steps at the same
    bytes (so one step would show the other's text) is not a cache this code reads."""
    cache = tmp_path / "cache"
    load_course_cached(mini, cache)
    [path] = cache_files(cache)
    line, _, body = path.read_bytes().partition(b"\n")
    header = json.loads(line)
    header["parts"][2] = header["parts"][1]
    path.write_bytes(json.dumps(header).encode() + b"\n" + body)
    assert load_course_cached(mini, cache) == load_course(mini)


@pytest.mark.parametrize("kind", ["fifo", "devzero-link", "symlink-loop", "oversized"])
def test_special_cache_file_is_a_miss(mini: Path, tmp_path: Path, kind: str) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    key = course_key(mini, current_digests(mini))
    make_special(kind, cache / f"course-{key}.json")
    assert load_course_cached(mini, cache) == load_course(mini)


@pytest.mark.parametrize("kind", ["fifo", "devzero-link", "symlink-loop"])
def test_special_course_file_is_reported_not_cached(mini: Path, tmp_path: Path, kind: str) -> None:
    make_special(kind, mini / "content/lessons/02-claims.yaml")
    with pytest.raises(ContentError) as error:
        load_course_cached(mini, tmp_path / "cache")
    assert str(error.value.problems[0]).startswith("content/lessons/02-claims.yaml:1:1: cannot read file")


def test_read_only_cache_dir_still_loads(mini: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", "utf-8")
    assert load_course_cached(mini, blocker) == load_course(mini)


def test_key_covers_every_course_file(mini: Path) -> None:
    before = course_key(mini, current_digests(mini))
    glossary = mini / "glossary.yaml"
    glossary.write_text(glossary.read_text("utf-8") + "\n# a comment\n", "utf-8")
    assert course_key(mini, current_digests(mini)) != before


# -- the inline Markdown table ------------------------------------------------------------------


def test_inline_table_is_what_markdown_it_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every course text with Markdown punctuation is in the table, parsed as markdown-it parses
    it now (nothing preloaded), so a cache hit renders exactly what a miss renders."""
    monkeypatch.setattr(inline, "_known", {})
    inline.parse_inline.cache_clear()
    strings = course_strings(load_course())
    rows = encode_inline(strings)
    table = decode_inline(json.loads(json.dumps(rows, ensure_ascii=False)), set(strings))
    assert len(table) > 100 and any(spans for _, spans in table.values())
    # Every text with Markdown characters has its row (none parsed at first show).
    assert set(table) == {text for text in strings if inline.needs_parsing(text)}
    for text, parsed in table.items():
        assert parsed == inline.parse_inline(text)
    inline.parse_inline.cache_clear()


KEY = "Mini course"  # a text of the mini course (its title)


@pytest.mark.parametrize(
    "rows",
    [
        [[KEY, "Mini course", [[0, 4, "bold red on blue"]]]],
        [[KEY, "Mini course", [[0, 12, "bold"]]]],
        [[KEY, "Mini course", [[5, 2, "bold"]]]],
        [[KEY, "Mini\x1b[2Jcourse", []]],  # an escape the text does not hold
        [[KEY, "Mini course"]],
        [[KEY, "Mini course", [[0, True, "bold"]]]],
        [[42]],
        [[KEY, "TAMPERED: buy now", []]],
        [[KEY, "Mini course", [[0, 4, "href:https://evil.example/phish"]]]],
        [[KEY], [KEY, "Mini", []]],
        [["*not a course text*", "not a course text", [[0, 3, "bold"]]]],
    ],
    ids=[
        "style",
        "past-end",
        "backwards",
        "escape",
        "short-row",
        "bool",
        "not-text",
        "other-words",
        "link-not-in-text",
        "duplicate",
        "not-in-course",
    ],
)
def test_a_tampered_inline_table_is_a_miss(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[object]
) -> None:
    """What a cached text shows is its course text with Markdown characters taken out: never
    other words, a link it does not spell out, or a text the course does not have."""
    monkeypatch.setattr(inline, "_known", {})
    cache = tmp_path / "cache"
    plant(cache, mini, lambda body: body["parts"][0][-1].extend(rows))
    assert load_course_cached(mini, cache) == load_course(mini)
    assert KEY not in inline._known and "*not a course text*" not in inline._known


def test_an_inline_table_that_is_not_a_list_is_a_miss(mini: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plant(cache, mini, lambda body: body["parts"][0].__setitem__(-1, {"*a*": "a"}))
    assert load_course_cached(mini, cache) == load_course(mini)


def test_a_well_formed_inline_row_is_a_hit(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control for the test above: the same kind of row, well formed, is used."""
    monkeypatch.setattr(inline, "_known", {})
    cache = tmp_path / "cache"
    plant(cache, mini, lambda body: body["parts"][0][-1].append([KEY, "Mini course", [[0, 4, "bold"]]]))
    load_course_cached(mini, cache)
    assert inline._known[KEY] == ("Mini course", ((0, 4, "bold"),))


def test_texts_the_table_cannot_hold_are_parsed_later_not_a_miss(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entity (&lt;) or a link markdown-it percent-encodes shows characters the text does
    not spell: such rows are left out of the table, and the cache is still a hit."""
    import tui.content.loader as loader

    course_yaml = mini / "content" / "course.yaml"
    summary = "(&lt;5 *cells*) [幹細胞](https://ja.wikipedia.org/wiki/幹細胞)"
    course_yaml.write_text(
        course_yaml.read_text("utf-8").replace('"A fixture course."', json.dumps(summary)), "utf-8"
    )
    cache = tmp_path / "cache"
    first = load_course_cached(mini, cache)
    assert first.summary.en == summary
    monkeypatch.setattr(loader, "read_course", lambda *a, **k: pytest.fail("a miss: YAML loaded again"))
    monkeypatch.setattr(inline, "_known", {})
    assert load_course_cached(mini, cache) == first
    assert summary not in inline._known and "A fixture course." not in inline._known
    assert inline.parse_inline.__wrapped__(summary)[0] == "(<5 cells) 幹細胞"
