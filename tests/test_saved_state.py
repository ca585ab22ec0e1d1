"""Saved data can never brick the app: every reader (read_json, state loading, the review log's
parse) treats any failure to parse as corrupt, sets the file aside and starts fresh."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINI
from tui.app import make_app
from tui.content.loader import load_course
from tui.quiz.db import ReviewDB
from tui.quiz.session import QuizRequest
from tui.quiz.store import HEADER, parse
from tui.state import StateStore, UiState
from tui.storage import read_json

DEEP = b"[" * 200_000 + b"]" * 200_000
DIGITS = b'{"schema": 1, "class_reveal": ' + b"9" * 10_000 + b"}"
GOOD = {
    "question": "q-basics-1",
    "hash": "h",
    "lesson": "basics",
    "time": "2026-01-01T00:00:00+00:00",
    "correct": True,
    "score": 1.0,
    "answer": ["A. x"],
}


def log(*lines: bytes | dict[str, object]) -> bytes:
    out = [json.dumps(HEADER).encode()]
    out += [
        line if isinstance(line, bytes) else json.dumps(line, ensure_ascii=False).encode() for line in lines
    ]
    return b"\n".join(out) + b"\n"


# -- the repros -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad", [DEEP, DIGITS, b'{"a": ' + b"1" * 10_000 + b"}"], ids=["deep", "digits", "digits-nested"]
)
def test_state_file_that_crashed_the_parser_is_set_aside(tmp_path: Path, bad: bytes) -> None:
    (tmp_path / "ui-state.json").write_bytes(bad)
    store = StateStore(tmp_path)
    assert store.load() == UiState()
    assert store.notices and "kept as ui-state.json.corrupt-" in store.notices[0]
    assert not (tmp_path / "ui-state.json").exists()


@pytest.mark.parametrize("bad", [DEEP, b'{"score": ' + b"9" * 10_000 + b"}"], ids=["deep", "digits"])
def test_review_line_that_crashed_quiz_is_a_bad_line(tmp_path: Path, bad: bytes) -> None:
    (tmp_path / "reviews.jsonl").write_bytes(log(GOOD, bad))
    db = ReviewDB(tmp_path)  # the legacy log is imported once: the bad line is skipped, not fatal
    assert [r["question"] for r in db.load()] == [GOOD["question"]]
    assert [n.key for n in db.notices] == ["store.imported", "store.import_skipped"]
    db.close()


async def test_quiz_starts_with_a_hostile_review_log(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "reviews.jsonl").write_bytes(log(GOOD, DEEP, b'{"score": ' + b"9" * 10_000 + b"}"))
    (data / "ui-state.json").write_bytes(DEEP)
    app = make_app(load_course(MINI), data, quiz=QuizRequest(lesson="basics", count=None, seed=0))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.is_running
        notes = " ".join(n.message for n in app._notifications)
        assert "reviews.jsonl" in notes and "ui-state.json" in notes
    assert app.return_code in (0, None)


# -- records the app could not use -------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"time": "yesterday"},
        {"time": "2026-01-01T00:00:00"},  # naive: FSRS raises on it
        {"time": "2026-01-01T09:00:00+09:00"},  # not UTC: FSRS raises on it
        {"score": float("nan")},
        {"score": float("inf")},
        {"score": 2},
        {"answer": [["nested"]]},
        {"answer": ["\x1b[2J"]},
        {"question": "q\x9b"},
        {"answer": ["x" * 20_000]},
    ],
    ids=lambda c: next(iter(c)) + ":" + repr(next(iter(c.values())))[:20],
)
def test_unusable_records_are_bad_lines(change: dict[str, object]) -> None:
    parsed = parse(log(GOOD, {**GOOD, **change}))
    assert parsed.records == [GOOD] and parsed.bad_lines == 1


def test_line_separators_inside_strings_do_not_split_records() -> None:
    """json.dumps(ensure_ascii=False) leaves U+2028 and \\x85 raw; splitlines() split on them."""
    record = {**GOOD, "answer": ["a\u2028b"]}
    parsed = parse(log(GOOD, record))
    assert parsed.records == [GOOD] and parsed.bad_lines == 1  # refused whole, not cut in two


def test_over_long_line_is_not_parsed() -> None:
    parsed = parse(log(GOOD, b'{"x": "' + b"a" * (2 << 20) + b'"}'))
    assert parsed.records == [GOOD] and parsed.bad_lines == 1


# -- review log as a symlink ------------------------------------------------------------------


def test_symlinked_or_fifo_review_log_is_left_alone(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.jsonl"
    real.write_bytes(log(GOOD))
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "reviews.jsonl").symlink_to(real)
    db = ReviewDB(tmp_path / "a")
    assert db.load() == []  # not imported through a link, and the link is not replaced
    db.close()
    assert (tmp_path / "a" / "reviews.jsonl").is_symlink() and real.read_bytes() == log(GOOD)
    (tmp_path / "b").mkdir()
    os.mkfifo(tmp_path / "b" / "reviews.jsonl")
    fifo = ReviewDB(tmp_path / "b")
    assert fifo.load() == []  # never opened, so it cannot hang
    fifo.close()


def test_symlinked_state_file_is_not_replaced(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.json"
    real.write_text('{"schema": 1}', "utf-8")
    (tmp_path / "ui-state.json").symlink_to(real)
    store = StateStore(tmp_path)
    warning = store.save(UiState(step="x"))
    assert warning and "ui-state.json is a symbolic link; refusing to replace it" in warning
    assert (tmp_path / "ui-state.json").is_symlink() and real.read_text("utf-8") == '{"schema": 1}'


def test_state_strings_with_control_characters_are_ignored(tmp_path: Path) -> None:
    state = {"schema": 1, "step": "basics.size", "theme": "x\x1b]0;t\x07", "lesson": "a" * 1000}
    (tmp_path / "ui-state.json").write_text(json.dumps(state), "utf-8")
    loaded = StateStore(tmp_path).load()
    assert (loaded.step, loaded.theme, loaded.lesson) == ("basics.size", "textual-dark", None)


# -- fuzzing: nothing may raise out of a reader -----------------------------------------------

FUZZ_DIR = Path(tempfile.mkdtemp(prefix="stemcell-state-fuzz-"))
nesting = st.integers(min_value=1, max_value=60_000).map(lambda n: b"[" * n + b"]" * n)
long_lines = st.integers(min_value=1, max_value=3_000_000).map(lambda n: b'{"a":"' + b"x" * n + b'"}')
numbers = st.integers(min_value=4000, max_value=20_000).map(lambda n: b"1" * n)
saved_bytes = st.one_of(
    st.binary(max_size=300),
    nesting,
    long_lines,
    numbers,
    st.lists(st.one_of(st.binary(max_size=60), nesting, numbers), max_size=5).map(b"\n".join),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
)
FUZZ = settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


@FUZZ
@given(saved_bytes)
def test_fuzz_read_json(data: bytes) -> None:
    path = FUZZ_DIR / "state.json"
    path.write_bytes(data)
    loaded = read_json(path)
    assert loaded.data is not None or loaded.notice is not None or not data.strip()
    for aside in FUZZ_DIR.glob("state.json.corrupt-*"):
        aside.unlink()


@FUZZ
@given(saved_bytes)
def test_fuzz_state_loading(data: bytes) -> None:
    folder = Path(tempfile.mkdtemp(dir=FUZZ_DIR))
    (folder / "ui-state.json").write_bytes(data)
    state = StateStore(folder).load()
    assert isinstance(state, UiState)


@FUZZ
@given(st.lists(saved_bytes, max_size=4))
def test_fuzz_review_parse(lines: list[bytes]) -> None:
    raw = log(GOOD, *lines, GOOD)
    parsed = parse(raw)
    assert parsed.records[0] == GOOD and parsed.records[-1] == GOOD
    assert all(isinstance(r, dict) for r in parsed.records)


@FUZZ
@given(saved_bytes)
def test_fuzz_review_parse_whole_file(data: bytes) -> None:
    parse(data)  # must return, whatever the bytes


def test_read_json_keeps_os_errors_as_notices(tmp_path: Path) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    path = tmp_path / "ui-state.json"
    path.write_text("{}", "utf-8")
    path.chmod(0)
    loaded = read_json(path)
    assert loaded.data is None and loaded.notice
