"""The review log: one JSON record per answer, saved atomically under a lock after every answer.

The file is JSON Lines with a header line, rewritten whole (temp file, fsync, os.replace) while
holding an exclusive lock, so two app instances answering at once lose nothing. Unreadable
lines are set aside with a notice and every good record is kept.
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.storage import atomic_write, set_aside

SCHEMA = 1
HEADER = {"schema": SCHEMA, "kind": "stemcell-explainer reviews"}
FIELDS: dict[str, type | tuple[type, ...]] = {
    "question": str,
    "hash": str,
    "lesson": str,
    "time": str,
    "correct": bool,
    "score": (int, float),
    "answer": list,
}

Record = dict[str, Any]


def valid_record(data: object) -> bool:
    return isinstance(data, dict) and all(isinstance(data.get(name), kind) for name, kind in FIELDS.items())


@dataclass
class Parsed:
    records: list[Record] = field(default_factory=list)
    bad_lines: int = 0
    wrong_schema: bool = False


def parse(raw: bytes) -> Parsed:
    parsed = Parsed()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
        parsed.bad_lines += 1
    lines = [line for line in text.splitlines() if line.strip()]
    for n, line in enumerate(lines):
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            parsed.bad_lines += 1
            continue
        if n == 0 and isinstance(data, dict) and "schema" in data:
            parsed.wrong_schema = data.get("schema") != SCHEMA
            continue
        if valid_record(data):
            parsed.records.append(data)
        else:
            parsed.bad_lines += 1
    return parsed


class ReviewStore:
    FILE = "reviews.jsonl"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / self.FILE
        self.lock_path = folder / "reviews.lock"
        self.notices: list[str] = []

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _read(self) -> list[Record]:
        """Current records; a damaged file is set aside (noted) and its good records kept."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        parsed = parse(raw)
        if parsed.wrong_schema:
            self.notices.append(set_aside(self.path, "unknown schema version"))
            return []
        if parsed.bad_lines:
            notice = set_aside(self.path, f"{parsed.bad_lines} unreadable line(s)")
            self.notices.append(f"{notice} {len(parsed.records)} good record(s) were kept.")
            self._write(parsed.records)
        return parsed.records

    def _write(self, records: list[Record]) -> None:
        lines = [json.dumps(HEADER)] + [json.dumps(r, ensure_ascii=False) for r in records]
        atomic_write(self.path, "\n".join(lines) + "\n")

    def load(self) -> list[Record]:
        """All records (reading may set a damaged file aside, so it takes the lock)."""
        try:
            with self._locked():
                return self._read()
        except OSError:
            try:
                return parse(self.path.read_bytes()).records
            except OSError:
                return []

    def add(self, record: Record) -> None:
        """Append one answer. Raises OSError if it cannot be saved."""
        if not valid_record(record):
            raise ValueError(f"not a review record: {record!r}")
        with self._locked():
            records = self._read()
            records.append(record)
            self._write(records)
