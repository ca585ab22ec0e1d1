"""The SQLite answer store: import, bad files, newer schemas, failures kept in memory, crashes,
two writers, the card cache and read marks."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINI, REPO
from tui.content.loader import load_course
from tui.quiz.cards import question_hash, replay
from tui.quiz.db import FILE, SCHEMA, ReviewDB

COURSE = load_course(MINI)
Q = {q.id: q for q in COURSE.questions}
T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def record(qid: str, correct: bool, when: datetime, **extra: Any) -> dict[str, Any]:
    return {
        "question": qid,
        "hash": question_hash(Q[qid]),
        "lesson": "basics",
        "time": when.isoformat(),
        "correct": correct,
        "score": float(correct),
        "answer": [],
        **extra,
    }


def keys(db: ReviewDB) -> list[str]:
    return [r["time"] for r in db.load()]


def notice_keys(db: ReviewDB) -> list[str]:
    return [n.key for n in db.notices]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- basics -----------------------------------------------------------------------


def test_roundtrip_wal_schema_and_card_cache(tmp_path: Path) -> None:
    db = ReviewDB(tmp_path)
    for n in range(6):
        assert db.add(record("q-basics-1", n % 3 != 0, T0 + timedelta(days=n), rating=4 if n == 2 else None))
    db.close()
    conn = sqlite3.connect(tmp_path / FILE)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    again = ReviewDB(tmp_path)
    records = again.load()
    assert len(records) == 6 and records[2]["rating"] == 4 and records[0]["rating"] is None
    cached = again.cards()
    replayed = replay(records)
    assert {k: s.card.to_dict() for k, s in cached.items()} == {
        k: s.card.to_dict() for k, s in replayed.items()
    }


def test_out_of_order_answers_replay_the_card(tmp_path: Path) -> None:
    db = ReviewDB(tmp_path)
    db.add(record("q-basics-1", True, T0 + timedelta(days=3)))
    db.add(record("q-basics-1", False, T0))  # another instance's older answer arrives late
    assert db.cards() == replay(db.load())


def test_rerating_updates_the_review_and_the_card(tmp_path: Path) -> None:
    db = ReviewDB(tmp_path)
    db.add(record("q-basics-1", True, T0, id="a1", rating=3))
    good = db.cards()[f"q-basics-1@{question_hash(Q['q-basics-1'])}"].card.due
    assert db.rate("a1", 4)
    easy = db.cards()[f"q-basics-1@{question_hash(Q['q-basics-1'])}"].card.due
    assert easy > good and ReviewDB(tmp_path).load()[0]["rating"] == 4


def test_progress_table_api(tmp_path: Path) -> None:
    db = ReviewDB(tmp_path)
    assert db.mark_read("basics.definition", T0) and db.mark_read("basics.size", T0)
    assert db.unmark_read("basics.size")
    assert ReviewDB(tmp_path).read_steps() == {"basics.definition": T0.isoformat()}


# -- the legacy JSONL log -----------------------------------------------------------


def test_jsonl_is_imported_once_and_kept(tmp_path: Path) -> None:
    good = [json.dumps(record("q-basics-1", True, T0 + timedelta(minutes=n))) for n in range(3)]
    (tmp_path / "reviews.jsonl").write_text('{"schema": 1}\n' + "\n".join(good) + "\n{broken\n", "utf-8")
    db = ReviewDB(tmp_path)
    assert len(db.load()) == 3
    assert notice_keys(db) == ["store.imported", "store.import_skipped"]
    assert db.notices[0].values["kept"] == "reviews.jsonl.imported"
    assert not (tmp_path / "reviews.jsonl").exists() and (tmp_path / "reviews.jsonl.imported").exists()
    db.close()
    (tmp_path / "reviews.jsonl").write_text("\n".join(good) + "\n", "utf-8")  # an old app wrote again
    second = ReviewDB(tmp_path)
    assert len(second.load()) == 3 and second.notices == []  # imported once, never twice


# -- bad files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all\n" * 40, b"SQLite format 3\x00" + b"\x00" * 100, os.urandom(4096)],
    ids=["text", "truncated", "garbage"],
)
def test_unusable_files_are_set_aside(tmp_path: Path, content: bytes) -> None:
    (tmp_path / FILE).write_bytes(content)
    db = ReviewDB(tmp_path)
    assert db.load() == []
    assert notice_keys(db) == ["store.set_aside"]
    assert db.add(record("q-basics-1", True, T0))
    aside = list(tmp_path.glob(f"{FILE}.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert len(ReviewDB(tmp_path).load()) == 1


def test_damaged_database_keeps_what_can_be_read(tmp_path: Path) -> None:
    db = ReviewDB(tmp_path)
    for n in range(400):
        db.add(record("q-basics-1", True, T0 + timedelta(minutes=n), answer=["x" * 200]))
    db.close()
    raw = bytearray((tmp_path / FILE).read_bytes())
    page = 4096
    raw[-page * 3 : -page * 2] = os.urandom(page)  # scribble over one page near the end
    (tmp_path / FILE).write_bytes(bytes(raw))
    (tmp_path / f"{FILE}-wal").unlink(missing_ok=True)
    fresh = ReviewDB(tmp_path)
    kept = fresh.load()
    assert notice_keys(fresh) == ["store.set_aside"]
    assert 0 < len(kept) <= 400 and fresh.notices[0].values["n"] == len(kept)
    assert list(tmp_path.glob(f"{FILE}.corrupt-*"))


def test_foreign_schema_is_set_aside_keeping_rows(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / FILE)
    conn.execute(
        "CREATE TABLE reviews (uid, question, hash, lesson, time, correct, score, rating, "
        "answer, choices, options_shown)"
    )
    conn.execute(
        "INSERT INTO reviews VALUES ('a', 'q-basics-1', 'h', 'basics', ?, 1, 1.0, NULL, '[]', '[]', '[]')",
        (T0.isoformat(),),
    )
    conn.commit()
    conn.close()
    db = ReviewDB(tmp_path)
    assert [r["id"] for r in db.load()] == ["a"]
    assert notice_keys(db) == ["store.set_aside"] and db.notices[0].values["n"] == 1


def test_newer_schema_is_read_but_never_written(tmp_path: Path) -> None:
    db = ReviewDB(tmp_path)
    db.add(record("q-basics-1", True, T0))
    db.close()
    conn = sqlite3.connect(tmp_path / FILE)
    conn.execute(f"PRAGMA user_version = {SCHEMA + 1}")
    conn.execute("UPDATE meta SET value = '9.0' WHERE key = 'app_version'")
    conn.commit()
    conn.close()
    before = digest(tmp_path / FILE)
    newer = ReviewDB(tmp_path)
    assert len(newer.load()) == 1 and newer.read_only
    assert notice_keys(newer) == ["store.newer"]
    assert newer.notices[0].values == {"name": FILE, "version": "9.0", "schema": SCHEMA + 1, "ours": SCHEMA}
    assert not newer.add(record("q-basics-2", True, T0))
    assert len(newer.load()) == 2  # shown from memory
    newer.close()
    assert digest(tmp_path / FILE) == before and not list(tmp_path.glob("*.corrupt-*"))


def test_symlink_and_fifo_are_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.db"
    target.write_bytes(b"precious")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / FILE).symlink_to(target)
    db = ReviewDB(tmp_path / "a")
    assert db.load() == [] and notice_keys(db) == ["store.not_regular"]
    assert not db.add(record("q-basics-1", True, T0))
    assert (tmp_path / "a" / FILE).is_symlink() and target.read_bytes() == b"precious"
    (tmp_path / "b").mkdir()
    os.mkfifo(tmp_path / "b" / FILE)
    fifo = ReviewDB(tmp_path / "b")
    assert fifo.load() == [] and notice_keys(fifo) == ["store.not_regular"]  # never opened: no hang
    assert not list((tmp_path / "b").glob("*.corrupt-*"))


# -- answers that cannot be saved now ----------------------------------------------------


def test_locked_database_keeps_answers_and_retries(tmp_path: Path) -> None:
    db = ReviewDB(tmp_path, busy_timeout=0.05)
    db.add(record("q-basics-1", True, T0))
    other = sqlite3.connect(tmp_path / FILE, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    assert not db.add(record("q-basics-2", True, T0 + timedelta(minutes=1)))
    assert len(db.pending) == 1 and "locked" in (db.last_error or "")
    assert len(db.load()) == 2  # the learner still sees it
    other.execute("ROLLBACK")
    other.close()
    assert db.add(record("q-basics-3", True, T0 + timedelta(minutes=2)))
    assert db.pending == [] and len(ReviewDB(tmp_path).load()) == 3
    assert not list(tmp_path.glob("*.corrupt-*"))  # a locked file is in use, not broken


def test_failed_writes_are_retried_on_the_next_answer_and_on_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = ReviewDB(tmp_path)
    db.add(record("q-basics-1", True, T0))
    real = ReviewDB._insert
    failures = {"left": 2}

    def flaky(self: ReviewDB, conn: sqlite3.Connection, records: list[dict[str, Any]]) -> None:
        if failures["left"]:
            failures["left"] -= 1
            raise sqlite3.OperationalError("database or disk is full")
        real(self, conn, records)

    monkeypatch.setattr(ReviewDB, "_insert", flaky)
    assert not db.add(record("q-basics-2", True, T0 + timedelta(minutes=1)))
    assert db.last_error == "database or disk is full"
    assert not db.add(record("q-basics-3", True, T0 + timedelta(minutes=2)))
    assert len(db.pending) == 2
    assert db.close() == 0  # on quit: saved
    assert len(ReviewDB(tmp_path).load()) == 3


def test_unwritable_folder_keeps_answers_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    db = ReviewDB(blocker / "data")
    assert not db.add(record("q-basics-1", True, T0))
    assert notice_keys(db) == ["store.unavailable"] and len(db.load()) == 1 and db.close() == 1


# -- crashes and concurrency -----------------------------------------------------------

CHILD = """
import sys
from datetime import datetime, timedelta, UTC
from pathlib import Path
from tui.quiz.db import ReviewDB
db = ReviewDB(Path(sys.argv[1]))
base = datetime(2026, 1, 1, tzinfo=UTC)
worker = sys.argv[2]
for n in range(int(sys.argv[3])):
    uid = f"{worker}-{n}"
    ok = db.add({"id": uid, "question": "q-basics-1", "hash": "h", "lesson": "basics",
                 "time": (base + timedelta(seconds=n)).isoformat(), "correct": n % 2 == 0,
                 "score": 1.0, "answer": ["x"]})
    if ok:
        print("ack", uid, flush=True)
"""


def run_child(folder: Path, worker: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), worker, str(count)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )


def answer_forever(folder: Path, worker: str, ack: int) -> None:
    """In a forked child: answer questions, writing "ack <id>" to `ack` after each commit."""
    db = ReviewDB(folder)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    n = 0
    while True:
        uid = f"{worker}-{n}"
        r = record("q-basics-1", n % 2 == 0, base + timedelta(seconds=n), id=uid)
        if db.add(r):
            os.write(ack, f"ack {uid}\n".encode())
        n += 1


def test_crash_loop_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    """50 times: a child process answers questions and is SIGKILLed at a random point; every answer
    it acknowledged (after the commit returned) must be in the database afterwards."""
    rng = random.Random(7)
    acked: set[str] = set()
    for round_ in range(50):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child never returns into pytest
            try:
                os.close(read_end)
                answer_forever(tmp_path, f"r{round_}", write_end)
            finally:
                os._exit(1)
        os.close(write_end)
        reader = os.fdopen(read_end, "r")
        for _ in range(rng.randint(0, 12)):  # wait for some acks (no sleeps), then kill mid-stream
            line = reader.readline()
            if line:
                acked.add(line.split()[1])
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        acked.update(line.split()[1] for line in reader.read().splitlines() if line.startswith("ack "))
        reader.close()
    saved = {r["id"] for r in ReviewDB(tmp_path).load()}
    lost = acked - saved
    print(f"crash loop: {len(acked)} acknowledged, {len(lost)} lost")
    assert len(acked) >= 150 and lost == set()
    conn = sqlite3.connect(tmp_path / FILE)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    ReviewDB(tmp_path).close()  # created first, so neither child races to create it
    children = [run_child(tmp_path, f"w{n}", 60) for n in range(2)]
    outputs = [child.communicate(timeout=60)[0] for child in children]
    acked = {line.split()[1] for out in outputs for line in out.splitlines()}
    assert len(acked) == 120
    assert {r["id"] for r in ReviewDB(tmp_path).load()} == acked


def test_two_processes_creating_the_database_at_once(tmp_path: Path) -> None:
    children = [run_child(tmp_path, f"c{n}", 5) for n in range(2)]
    outputs = [child.communicate(timeout=60)[0] for child in children]
    acked = {line.split()[1] for out in outputs for line in out.splitlines()}
    db = ReviewDB(tmp_path)
    assert {r["id"] for r in db.load()} == acked and len(acked) == 10
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_a_database_another_instance_is_creating_is_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Switching to WAL while another connection holds a lock fails at once, without SQLite's
    busy handler: two instances starting together made one say "database is locked". The first
    wait releases the other holder, so this needs no timing."""
    import tui.quiz.db as db_module

    other = sqlite3.connect(tmp_path / FILE, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # as when it is creating the tables: a write lock held
    waits: list[float] = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        if other.in_transaction:
            other.execute("COMMIT")

    monkeypatch.setattr(db_module, "_wait", wait)
    db = ReviewDB(tmp_path)
    assert db.open() and waits and "store.unavailable" not in notice_keys(db)
    other.close()
    db.close()
