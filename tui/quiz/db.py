"""The answer database: every review, the FSRS card cache, read marks and DISCERN ratings (the
learner's, and a class's show of hands), in SQLite.

One file (``reviews.sqlite3``) in the user data dir, in WAL mode with ``synchronous=FULL``,
one transaction per answer: an answer acknowledged by `add` survives the process being
killed. ``PRAGMA user_version`` is the schema version. The ``cards`` table caches each
card's FSRS state and is updated in the same transaction as the answer, so the quiz home
never replays 100,000 reviews.

Nothing here is fatal and nothing is dropped silently:

- an answer that cannot be saved (disk full, read-only, locked) stays in `pending`, is retried
  with the next answer and by `flush` (on quit), and `notices` say so;
- a corrupt, truncated, non-database or wrong-schema file is set aside as
  ``reviews.sqlite3.corrupt-<stamp>`` after the rows that can still be read are copied into a
  fresh database;
- a database from a newer schema is never written: it is read if possible and answers are
  kept in memory only;
- a path that is a symlink or a special file is never opened, renamed or replaced;
- a locked database is not set aside (another instance is using it): answers wait.

The legacy ``reviews.jsonl`` log is imported once (with `tui.quiz.store.parse`) and kept as
``reviews.jsonl.imported``. UI-free: notices are catalogue keys with values.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from tui.content.files import Unreadable, read_regular
from tui.i18n import Notice
from tui.quiz.appraisals import ArticleRating, ClassTally, valid_hands, valid_rating
from tui.quiz.store import Record, parse, valid_record
from tui.storage import aside_path

if TYPE_CHECKING:
    # FSRS (tui.quiz.cards) is imported where a card is reviewed or replayed: every start
    # opens this database for the read marks, and FSRS costs ~3 ms to import.
    from tui.quiz.cards import CardState

SCHEMA = 1
FILE = "reviews.sqlite3"
LEGACY = "reviews.jsonl"
BUSY_TIMEOUT = 5.0
LEGACY_LIMIT = 64 * 1024 * 1024  # the old JSON Lines log: far more answers than anyone gives
HEADER = b"SQLite format 3\x00"

COLUMNS = (
    "uid",
    "question",
    "hash",
    "lesson",
    "time",
    "correct",
    "score",
    "rating",
    "answer",
    "choices",
    "options_shown",
)
INSERT = f"INSERT OR IGNORE INTO reviews ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
TABLES = {
    "meta": ("key", "value"),
    "reviews": ("id", *COLUMNS),
    "cards": ("key", "state", "last_time"),
    "progress": ("step", "read_at"),
    "appraisals": ("seed", "question", "rating", "rated_at"),
    "class_tallies": (
        "session",
        "seed",
        "question",
        "hands_1",
        "hands_2",
        "hands_3",
        "hands_4",
        "hands_5",
        "revealed_at",
    ),
}
CREATE = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    question TEXT NOT NULL,
    hash TEXT NOT NULL,
    lesson TEXT NOT NULL,
    time TEXT NOT NULL,
    correct INTEGER NOT NULL,
    score REAL NOT NULL,
    rating INTEGER,
    answer TEXT NOT NULL DEFAULT '[]',
    choices TEXT NOT NULL DEFAULT '[]',
    options_shown TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX reviews_card ON reviews (question, hash, time);
CREATE INDEX reviews_time ON reviews (time);
CREATE TABLE cards (key TEXT PRIMARY KEY, state TEXT NOT NULL, last_time TEXT NOT NULL);
CREATE TABLE progress (step TEXT PRIMARY KEY, read_at TEXT NOT NULL);
"""
# Tables added after schema 1 shipped. They are created in any schema-1 database that lacks
# them, without a version bump: an older app checks only the tables it knows, so it still
# opens (and writes) a database that has these.
ADDED = """
CREATE TABLE IF NOT EXISTS appraisals (
    seed TEXT NOT NULL,
    question INTEGER NOT NULL,
    rating INTEGER NOT NULL,
    rated_at TEXT NOT NULL,
    PRIMARY KEY (seed, question)
);
CREATE TABLE IF NOT EXISTS class_tallies (
    session TEXT NOT NULL,
    seed TEXT NOT NULL,
    question INTEGER NOT NULL,
    hands_1 INTEGER NOT NULL,
    hands_2 INTEGER NOT NULL,
    hands_3 INTEGER NOT NULL,
    hands_4 INTEGER NOT NULL,
    hands_5 INTEGER NOT NULL,
    revealed_at TEXT NOT NULL,
    PRIMARY KEY (session, seed, question)
);
"""


def app_version() -> str:
    # Imported here: importlib.metadata costs ~10 ms, and the version is only needed on a write.
    from importlib import metadata

    try:
        return metadata.version("stemcell-explainer")
    except metadata.PackageNotFoundError:
        return "unknown"


class Unusable(Exception):
    """The file cannot be used as our database: set it aside (`why` says why)."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


Op = tuple[str, Any]  # ("add", record) or ("rate", (uid, rating))


def usable(record: object) -> bool:
    """A well-formed review record whose time is an ISO time in UTC (what FSRS needs)."""
    if not valid_record(record):
        return False
    assert isinstance(record, dict)
    try:
        when = datetime.fromisoformat(record["time"])
    except ValueError:
        return False
    offset = when.utcoffset()
    return offset is not None and not offset


def _time(record: Record) -> str:
    return str(record["time"])


def _uid(record: Record) -> str:
    uid = record.get("id")
    if isinstance(uid, str) and uid:
        return uid
    # Legacy records have no id: the same record always gets the same one, so a re-import is a no-op.
    return "legacy-" + hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()[:24]


def _row(record: Record) -> tuple[object, ...]:
    rating = record.get("rating")
    return (
        _uid(record),
        record["question"],
        record["hash"],
        record["lesson"],
        record["time"],
        int(bool(record["correct"])),
        float(record["score"]),
        rating if isinstance(rating, int) and not isinstance(rating, bool) and 1 <= rating <= 4 else None,
        json.dumps(record["answer"], ensure_ascii=False),
        json.dumps(record.get("choices", []) or []),
        json.dumps(record.get("options_shown", []) or []),
    )


def _record(row: tuple[Any, ...], full: bool = True) -> Record:
    uid, question, hash_, lesson, when, correct, score, rating = row[:8]
    record: Record = {
        "id": uid,
        "question": question,
        "hash": hash_,
        "lesson": lesson,
        "time": when,
        "correct": bool(correct),
        "score": score,
        "rating": rating,
        "answer": [],
    }
    if full:
        for name, raw in zip(("answer", "choices", "options_shown"), row[8:11], strict=True):
            try:
                value = json.loads(raw)
            except (TypeError, ValueError):
                value = []
            record[name] = value if isinstance(value, list) else []
    return record


def _is_special(path: Path) -> bool:
    """True when `path` exists but is a symlink or not a regular file (never open or move it)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    return stat.S_ISLNK(mode) or not stat.S_ISREG(mode)


def set_aside(path: Path) -> Path | None:
    """Rename a database (and its -wal; -shm is rebuilt) to `<name>.corrupt-<stamp>`."""
    target = aside_path(path)
    try:
        path.replace(target)
    except OSError:
        return None
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and not _is_special(wal):
        try:
            wal.replace(target.with_name(target.name + "-wal"))
        except OSError:
            wal.unlink(missing_ok=True)  # an old WAL must never be replayed into the fresh file
    shm = path.with_name(path.name + "-shm")
    if not _is_special(shm):
        shm.unlink(missing_ok=True)
    return target


class ReviewDB:
    """The review log and card cache. Open lazily; every method is safe to call at any time."""

    def __init__(self, folder: Path, *, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.folder = folder
        self.path = folder / FILE
        self.busy_timeout = busy_timeout
        self.notices: list[Notice] = []
        self.pending: list[Op] = []
        self.read_only = False  # a newer schema or a special file: never written
        self.last_error: str | None = None
        self._conn: sqlite3.Connection | None = None
        self._opened = False
        self._frozen: list[Record] = []  # what a read-only database held

    # -- opening ----------------------------------------------------------------------

    def open(self) -> bool:
        """Open (once) and return whether answers can be written now."""
        if self._conn is not None:
            return True
        if self.read_only:
            return False
        first = not self._opened
        self._opened = True
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self._fail(error, tell=first)
            return False
        if _is_special(self.path):
            self.read_only = True
            self.notices.append(Notice("store.not_regular", {"name": self.path.name}))
            return False
        try:
            self._conn = self._connect_checked()
        except sqlite3.OperationalError as error:  # locked, read-only, cannot open: wait
            self._fail(error, tell=first)
            return False
        except _Newer as newer:
            self.read_only = True
            self._frozen = newer.records
            self.notices.append(
                Notice(
                    "store.newer",
                    {
                        "name": self.path.name,
                        "version": newer.version,
                        "schema": newer.schema,
                        "ours": SCHEMA,
                    },
                )
            )
            return False
        except OSError as error:
            self._fail(error, tell=first)
            return False
        self._import_legacy()
        return True

    def _fail(self, error: BaseException, *, tell: bool) -> None:
        self.last_error = _reason(error)
        self._close()
        if tell:
            self.notices.append(Notice("store.unavailable", {"reason": self.last_error}))

    def _connect(self, path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(path, timeout=self.busy_timeout, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        return conn

    def _connect_checked(self) -> sqlite3.Connection:
        """A connection to a usable database; an unusable file is salvaged and set aside first."""
        try:
            return self._connect_once()
        except Unusable as bad:
            salvaged = _salvage(self.path)
            target = set_aside(self.path)
            if target is None:
                raise OSError(f"{self.path.name} is unusable ({bad.why}) and cannot be moved") from None
            self.notices.append(
                Notice(
                    "store.set_aside",
                    {"name": self.path.name, "why": bad.why, "kept": target.name, "n": len(salvaged)},
                )
            )
        conn = self._connect_once()
        with _transaction(conn):
            self._insert(conn, salvaged.records)
            conn.executemany("INSERT OR IGNORE INTO progress VALUES (?, ?)", salvaged.progress)
            conn.executemany("INSERT OR IGNORE INTO appraisals VALUES (?, ?, ?, ?)", salvaged.appraisals)
            conn.executemany(
                "INSERT OR IGNORE INTO class_tallies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", salvaged.tallies
            )
        return conn

    def _connect_once(self) -> sqlite3.Connection:
        if self.path.exists():
            with open(self.path, "rb") as handle:
                head = handle.read(len(HEADER))
            if head and head != HEADER:
                raise Unusable("not a database")
            if 0 < self.path.stat().st_size < 512:
                raise Unusable("truncated")
        conn = self._connect(self.path)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA:
                conn.close()
                raise _Newer(self.path, version)
            mode = _use_wal(conn, self.busy_timeout)
            if mode != "wal":
                raise sqlite3.OperationalError(f"cannot use WAL ({mode})")
            conn.execute("PRAGMA synchronous = FULL")
            check = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if check != "ok":
                raise Unusable(f"damaged: {check}")
            with _transaction(conn):  # the write lock first: two instances never both create it
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                tables = _tables(conn)
                if version == 0 and not tables:
                    _execute_script(conn, CREATE)
                    conn.execute("INSERT INTO meta VALUES ('app_version', ?)", (app_version(),))
                    conn.execute(f"PRAGMA user_version = {SCHEMA}")
                if version in (0, SCHEMA):  # rolled back below if the rest is not ours
                    _execute_script(conn, ADDED)
                now = conn.execute("PRAGMA user_version").fetchone()[0]
                if now != SCHEMA or not _schema_ok(conn, _tables(conn)):
                    raise Unusable(f"unknown schema (version {version})")
            return conn
        except sqlite3.OperationalError:
            conn.close()
            raise  # locked, read-only, I/O: the file may be fine, so wait rather than set it aside
        except sqlite3.DatabaseError as error:
            conn.close()
            raise Unusable(str(error)) from None
        except BaseException:
            conn.close()
            raise

    def _import_legacy(self) -> None:
        """Bring in `reviews.jsonl` once; keep the old file as `reviews.jsonl.imported`."""
        conn = self._conn
        assert conn is not None
        legacy = self.folder / LEGACY
        if _is_special(legacy) or not legacy.exists():
            return
        if conn.execute("SELECT 1 FROM meta WHERE key = 'legacy_import'").fetchone():
            return
        try:
            parsed = parse(read_regular(legacy, LEGACY_LIMIT))  # a 2 GB log is refused, not read
        except Unreadable as error:
            self.notices.append(Notice("store.import_refused", {"old": legacy.name, "why": error.reason}))
            return
        records = [] if parsed.wrong_schema else [r for r in parsed.records if usable(r)]
        skipped = parsed.bad_lines + len(parsed.records) - len(records)
        kept = legacy.with_name(legacy.name + ".imported")
        n = 1
        while kept.exists():
            n += 1
            kept = legacy.with_name(f"{legacy.name}.imported-{n}")
        try:
            with _transaction(conn):
                self._insert(conn, records)
                conn.execute(
                    "INSERT INTO meta VALUES ('legacy_import', ?)",
                    (json.dumps({"records": len(records), "skipped": skipped, "kept": kept.name}),),
                )
        except sqlite3.Error as error:
            self._fail(error, tell=True)
            return
        try:
            legacy.replace(kept)
        except OSError:
            kept = legacy  # the import is recorded in meta, so it is not repeated
        self.notices.append(
            Notice("store.imported", {"n": len(records), "old": legacy.name, "db": FILE, "kept": kept.name})
        )
        if skipped:
            self.notices.append(Notice("store.import_skipped", {"n": skipped, "old": legacy.name}))

    # -- writing ----------------------------------------------------------------------

    def add(self, record: Record) -> bool:
        """Save one answer (one transaction). False: it is kept in `pending` and retried later."""
        if not usable(record):
            raise ValueError(f"not a review record: {record!r}")
        record = {**record, "id": _uid(record)}
        self.pending.append(("add", record))
        return self.flush() == 0

    def rate(self, uid: str, rating: int) -> bool:
        """Change the rating of a saved (or pending) answer and its card, in one transaction."""
        for n, (kind, value) in enumerate(self.pending):
            if kind == "add" and value["id"] == uid:
                self.pending[n] = ("add", {**value, "rating": rating})
                return self.flush() == 0
        self.pending.append(("rate", (uid, rating)))
        return self.flush() == 0

    def flush(self) -> int:
        """Try to save every pending answer, oldest first; returns how many still wait."""
        if not self.pending or not self.open():
            return len(self.pending)
        conn = self._conn
        assert conn is not None
        while self.pending:
            kind, value = self.pending[0]
            try:
                with _transaction(conn):
                    if kind == "add":
                        self._insert(conn, [value])
                    else:
                        self._rerate(conn, *value)
            except sqlite3.Error as error:
                self.last_error = _reason(error)
                if not _is_locked(error):
                    self._close()  # reopen next time: the file may have changed under us
                return len(self.pending)
            self.pending.pop(0)
        self.last_error = None
        return 0

    def _insert(self, conn: sqlite3.Connection, records: list[Record]) -> None:
        from tui.quiz.cards import review  # FSRS: see the imports

        touched: dict[str, CardState | None] = {}
        for record in sorted(records, key=lambda r: str(r["time"])):
            cursor = conn.execute(INSERT, _row(record))
            if cursor.rowcount == 0:
                continue  # already saved (a retry after a commit whose answer was lost)
            key = f"{record['question']}@{record['hash']}"
            if key not in touched:
                touched[key] = _card(conn, key)
            state = touched[key]
            if state is not None and state.last_time > str(record["time"]):
                touched[key] = _replay_card(conn, record["question"], record["hash"])
            else:
                touched[key] = review(state, record)
        for key, state in touched.items():
            assert state is not None
            conn.execute(
                "INSERT OR REPLACE INTO cards VALUES (?, ?, ?)", (key, state.to_json(), state.last_time)
            )

    def _rerate(self, conn: sqlite3.Connection, uid: str, rating: int) -> None:
        row = conn.execute("SELECT question, hash FROM reviews WHERE uid = ?", (uid,)).fetchone()
        if row is None:
            return
        conn.execute("UPDATE reviews SET rating = ? WHERE uid = ?", (rating, uid))
        state = _replay_card(conn, *row)
        conn.execute(
            "INSERT OR REPLACE INTO cards VALUES (?, ?, ?)",
            (f"{row[0]}@{row[1]}", state.to_json(), state.last_time),
        )

    # -- reading ----------------------------------------------------------------------

    def load(self, *, full: bool = True) -> list[Record]:
        """Every answer in time order, including those still waiting to be saved.

        `full=False` skips the answer texts (what the summary needs, fast at 100,000 rows).
        """
        records = self._read(full)
        if not self.pending:
            return records
        rates = {value[0]: value[1] for kind, value in self.pending if kind == "rate"}
        waiting = [value for kind, value in self.pending if kind == "add"]
        merged = [{**r, "rating": rates.get(r["id"], r.get("rating"))} for r in [*records, *waiting]]
        return sorted(merged, key=lambda r: str(r["time"]))

    def _read(self, full: bool) -> list[Record]:
        if not self.open():
            return list(self._frozen)  # a read-only (newer) database's rows, else nothing
        conn = self._conn
        assert conn is not None
        columns = COLUMNS if full else COLUMNS[:8]
        try:
            # Insertion order is nearly time order: a table scan and Python's sort beat the index.
            rows = conn.execute(f"SELECT {', '.join(columns)} FROM reviews ORDER BY id").fetchall()
        except sqlite3.Error as error:
            self.last_error = _reason(error)
            return []
        return sorted((_record(row, full) for row in rows), key=_time)

    def cards(self) -> dict[str, CardState]:
        """FSRS state per card key, from the cache (pending answers applied on top)."""
        from tui.quiz.cards import CardState, replay  # FSRS: see the imports

        if not self.open():
            return replay(self.load(full=False))
        conn = self._conn
        assert conn is not None
        try:
            states = {
                key: CardState.from_json(state) for key, state in conn.execute("SELECT key, state FROM cards")
            }
        except (sqlite3.Error, ValueError, KeyError):
            return replay(self.load(full=False))
        if self.pending:
            return replay(self.load(full=False))
        return states

    # -- read marks (the walkthrough's progress) --------------------------------------

    def mark_read(self, step_id: str, when: datetime) -> bool:
        """Record that a step was read; False if it could not be saved now."""
        return self._write("INSERT OR REPLACE INTO progress VALUES (?, ?)", (step_id, when.isoformat()))

    def unmark_read(self, step_id: str) -> bool:
        return self._write("DELETE FROM progress WHERE step = ?", (step_id,))

    def read_steps(self) -> dict[str, str]:
        """Step id → when it was (last) marked read."""
        if not self.open():
            return {}
        assert self._conn is not None
        try:
            return dict(self._conn.execute("SELECT step, read_at FROM progress"))
        except sqlite3.Error:
            return {}

    # -- DISCERN ratings: the learner's, and a class's show of hands ------------------

    def rate_article(self, seed: str, question: int, rating: int, when: datetime) -> bool:
        """Save the learner's rating of one question for one article (replacing an earlier one)."""
        if not valid_rating(question, rating):
            raise ValueError(f"not a DISCERN rating: question {question!r}, rating {rating!r}")
        return self._write(
            "INSERT OR REPLACE INTO appraisals VALUES (?, ?, ?, ?)",
            (seed, question, rating, when.isoformat()),
        )

    def article_ratings(self) -> list[ArticleRating]:
        """The learner's latest rating of each question of each article (rows that are not
        well-formed are skipped)."""
        rows = self._select("SELECT seed, question, rating, rated_at FROM appraisals ORDER BY seed, question")
        return [
            ArticleRating(*row)
            for row in rows
            if isinstance(row[0], str) and valid_rating(row[1], row[2]) and isinstance(row[3], str)
        ]

    def save_hands(
        self, session: str, seed: str, question: int, hands: Sequence[int], when: datetime
    ) -> bool:
        """Save a class's show of hands for one question (replacing this session's earlier count)."""
        if not (valid_rating(question, 1) and valid_hands(tuple(hands))):
            raise ValueError(f"not a class tally: question {question!r}, hands {hands!r}")
        return self._write(
            "INSERT OR REPLACE INTO class_tallies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (session, seed, question, *hands, when.isoformat()),
        )

    def drop_hands(self, session: str, seed: str, question: int) -> bool:
        """Forget a question's count (the teacher took every hand back)."""
        return self._write(
            "DELETE FROM class_tallies WHERE session = ? AND seed = ? AND question = ?",
            (session, seed, question),
        )

    def class_tallies(self) -> list[ClassTally]:
        rows = self._select(
            "SELECT session, seed, question, hands_1, hands_2, hands_3, hands_4, hands_5, revealed_at "
            "FROM class_tallies ORDER BY session, seed, question"
        )
        return [
            ClassTally(row[0], row[1], row[2], tuple(row[3:8]), row[8])
            for row in rows
            if isinstance(row[0], str)
            and isinstance(row[1], str)
            and valid_rating(row[2], 1)
            and valid_hands(tuple(row[3:8]))
            and isinstance(row[8], str)
        ]

    def _select(self, sql: str) -> list[tuple[Any, ...]]:
        if not self.open():
            return []
        assert self._conn is not None
        try:
            return self._conn.execute(sql).fetchall()
        except sqlite3.Error:
            return []

    def _write(self, sql: str, values: tuple[object, ...]) -> bool:
        if not self.open():
            return False
        assert self._conn is not None
        try:
            with _transaction(self._conn):
                self._conn.execute(sql, values)
        except sqlite3.Error as error:
            self.last_error = _reason(error)
            return False
        return True

    # -- closing ----------------------------------------------------------------------

    def close(self) -> int:
        """Flush what can be flushed and close; returns how many answers could not be saved."""
        left = self.flush()
        self._close()
        return left

    def _close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None


class _Newer(Exception):
    """The database is from a newer schema: read what we can, never write."""

    def __init__(self, path: Path, schema: int) -> None:
        super().__init__(schema)
        self.schema = schema
        self.version = "a newer version"
        self.records: list[Record] = []
        try:
            conn = _read_only(path)
        except sqlite3.Error:
            return
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'app_version'").fetchone()
            if row:
                self.version = str(row[0])
        except sqlite3.Error:
            pass
        try:
            rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM reviews ORDER BY time").fetchall()
            self.records = [r for r in (_record(row) for row in rows) if usable(r)]
        except sqlite3.Error:
            pass
        finally:
            conn.close()


@dataclass
class _Salvaged:
    records: list[Record] = field(default_factory=list)
    progress: list[tuple[str, str]] = field(default_factory=list)
    appraisals: list[tuple[Any, ...]] = field(default_factory=list)
    tallies: list[tuple[Any, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.records)


def _read_only(path: Path) -> sqlite3.Connection:
    uri = f"file:{quote(str(path))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=0.5)
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return conn
    except sqlite3.Error:
        conn = sqlite3.connect(uri + "&immutable=1", uri=True, timeout=0.5)
        return conn


def _salvage(path: Path) -> _Salvaged:
    """Rows that can still be read from a damaged or foreign database, row by row."""
    found = _Salvaged()
    try:
        conn = _read_only(path)
    except sqlite3.Error:
        return found
    try:
        for sql, sink in (
            (f"SELECT {', '.join(COLUMNS)} FROM reviews", "records"),
            ("SELECT step, read_at FROM progress", "progress"),
            (f"SELECT {', '.join(TABLES['appraisals'])} FROM appraisals", "appraisals"),
            (f"SELECT {', '.join(TABLES['class_tallies'])} FROM class_tallies", "tallies"),
        ):
            try:
                cursor = conn.execute(sql)
                while True:
                    try:
                        row = cursor.fetchone()
                    except sqlite3.DatabaseError:
                        break  # keep what was read before the damage
                    if row is None:
                        break
                    if sink == "records":
                        record = _record(row)
                        if usable(record):
                            found.records.append(record)
                    elif sink == "appraisals":
                        if (
                            isinstance(row[0], str)
                            and valid_rating(row[1], row[2])
                            and isinstance(row[3], str)
                        ):
                            found.appraisals.append(tuple(row))
                    elif sink == "tallies":
                        if (
                            isinstance(row[0], str)
                            and isinstance(row[1], str)
                            and valid_rating(row[2], 1)
                            and valid_hands(tuple(row[3:8]))
                            and isinstance(row[8], str)
                        ):
                            found.tallies.append(tuple(row))
                    elif all(isinstance(x, str) for x in row):
                        found.progress.append((row[0], row[1]))
            except sqlite3.Error:
                continue
    finally:
        conn.close()
    return found


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _execute_script(conn: sqlite3.Connection, script: str) -> None:
    """Run each statement (executescript would COMMIT the transaction we are in)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _schema_ok(conn: sqlite3.Connection, tables: set[str]) -> bool:
    for table, columns in TABLES.items():
        if table not in tables:
            return False
        found = tuple(row[1] for row in conn.execute(f"PRAGMA table_info({table})"))
        if found != columns:
            return False
    return True


def _card(conn: sqlite3.Connection, key: str) -> CardState | None:
    from tui.quiz.cards import CardState  # FSRS: see the imports

    row = conn.execute("SELECT state FROM cards WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    try:
        return CardState.from_json(row[0])
    except (ValueError, KeyError, TypeError):
        return None


def _replay_card(conn: sqlite3.Connection, question: str, hash_: str) -> CardState:
    from tui.quiz.cards import replay  # FSRS: see the imports

    rows = conn.execute(
        f"SELECT {', '.join(COLUMNS[:8])} FROM reviews WHERE question = ? AND hash = ? ORDER BY time, id",
        (question, hash_),
    ).fetchall()
    states = replay([_record(row, full=False) for row in rows])
    return states[f"{question}@{hash_}"]


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT (the write lock up front, so two writers queue, never deadlock)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


_wait = time.sleep  # (tests replace it: a wait that lets the other holder go)


def _use_wal(conn: sqlite3.Connection, timeout: float) -> str:
    """Switch to WAL and return the journal mode now in use. SQLite answers "locked" at once,
    without its busy handler, while another instance is creating the file; so wait here, as the
    busy handler would, for up to `timeout` seconds."""
    deadline = time.monotonic() + timeout
    pause = 0.002
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as error:
            if not _is_locked(error) or time.monotonic() + pause > deadline:
                raise
        _wait(pause)
        pause = min(pause * 2, 0.1)


def _is_locked(error: BaseException) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
