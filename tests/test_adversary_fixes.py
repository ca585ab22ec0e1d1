"""What an independent attack pass found after the first hardening, each now a test."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import MINI
from tests.special_files import IS_ROOT
from tui.cli import main
from tui.content.loader import read_course
from tui.quiz.db import FILE, ReviewDB

RECORD = {
    "question": "q-basics-1",
    "hash": "h",
    "lesson": "basics",
    "time": datetime(2026, 3, 1, tzinfo=UTC).isoformat(),
    "correct": True,
    "score": 1.0,
    "answer": ["A"],
}


def test_export_of_a_locked_database_fails_instead_of_exporting_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ReviewDB(tmp_path)
    assert db.add(dict(RECORD))
    db.close()
    holder = sqlite3.connect(tmp_path / FILE, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code = main(["export", "results", "--content", str(MINI), "--data-dir", str(tmp_path), "-o", "-"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1
    assert "nothing was exported" in capsys.readouterr().err


@pytest.mark.skipif(not IS_ROOT, reason="mknod of a block device needs root")
def test_a_block_device_is_never_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    disk = tmp_path / "disk"
    os.mknod(disk, 0o600 | 0o060000, os.makedev(7, 250))  # a loop device node: never opened
    code = main(["export", "handout", "--content", str(MINI), "-o", str(disk)])
    assert code == 1 and "block device" in capsys.readouterr().err


def test_a_fifo_with_no_reader_is_an_error_not_a_hang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done = threading.Event()
    result: list[int] = []

    def run() -> None:
        result.append(main(["export", "handout", "--content", str(MINI), "-o", str(fifo)]))
        done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(30), "export blocked on a FIFO nobody reads"
    assert result == [1] and "no reader" in capsys.readouterr().err


@pytest.mark.parametrize("port", [" 80", "8_0", "٨٠", "80 "])
def test_ports_are_ascii_digits(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["classroom", "--presenter", "--port", port])
    assert stop.value.code == 2 and "is not a port number" in capsys.readouterr().err


@pytest.mark.parametrize("seed", ["-5", str(2**32 + 1), "x"])
def test_seeds_a_follower_could_not_carry_are_refused(seed: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["classroom", "--presenter", "--seed", seed])
    assert stop.value.code == 2 and "is not a seed" in capsys.readouterr().err


@pytest.mark.parametrize("code", ["!!", "ABC", "ABCDEFGHIJ"])
def test_a_join_code_must_be_a_code(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["classroom", "--follow", "--join", code])
    assert stop.value.code == 2 and "--join takes" in capsys.readouterr().err


def test_an_oversized_legacy_log_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.quiz.db as db_module

    monkeypatch.setattr(db_module, "LEGACY_LIMIT", 1000)
    (tmp_path / "reviews.jsonl").write_text("\n".join(json.dumps(RECORD) for _ in range(50)), "utf-8")
    db = ReviewDB(tmp_path)
    assert db.load() == []
    assert [n.key for n in db.notices] == ["store.import_refused"]
    assert (tmp_path / "reviews.jsonl").exists()  # left as it is
    db.close()


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c"])
def test_bidi_marks_are_refused_in_content(mini: Path, mark: str) -> None:
    lesson = mini / "content" / "lessons" / "01-basics.yaml"
    text = lesson.read_text("utf-8")
    lesson.write_text(text.replace("Definition", f"Defi{mark}nition", 1), "utf-8")
    _, problems = read_course(mini)
    assert any("01-basics.yaml" in str(p) for p in problems.items)


async def test_a_set_aside_database_is_told_at_start(tmp_path: Path) -> None:
    from tui.app import make_app
    from tui.content.loader import load_course

    (tmp_path / FILE).write_bytes(b"this is not a database at all\n" * 40)
    app = make_app(load_course(MINI), tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert any("kept as" in n.message for n in app._notifications)
