"""The review log: one JSON record per answer, saved atomically under a lock after every answer.

The file is JSON Lines with a header line, rewritten whole (temp file, fsync, os.replace) while
holding an exclusive lock, so two app instances answering at once lose nothing. Unreadable
lines are set aside with a notice and every good record is kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

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
    """Records from the bytes of a review log. Total: whatever the bytes, it returns.

    A line that fails to parse for any reason (bad JSON, nesting deep enough for
    RecursionError, a 10,000-digit number, MemoryError), is over 1 MiB, or holds a
    record the app could not use (a time that is not an aware UTC ISO timestamp, a score
    outside 0..1 or not finite, an answer that is not a short list of strings, control
    characters in any string) counts as a bad line.
    """
    import math
    import re
    from datetime import datetime, timedelta

    max_line = 1 << 20  # a record is a few hundred bytes
    max_text = 10_000
    unsafe = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

    def clean(value: object) -> bool:
        return isinstance(value, str) and len(value) <= max_text and not unsafe.search(value)

    def usable(data: Record) -> bool:
        if not all(clean(data[name]) for name in ("question", "hash", "lesson", "time")):
            return False
        when = datetime.fromisoformat(data["time"])  # ValueError: not usable (caught below)
        if when.utcoffset() != timedelta(0):
            return False
        score = data["score"]
        if isinstance(score, bool) or not (math.isfinite(score) and 0 <= score <= 1):
            return False
        answer = data["answer"]
        return len(answer) <= 1000 and all(clean(part) for part in answer)

    parsed = Parsed()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
        parsed.bad_lines += 1
    # split on "\n" only: str.splitlines() also splits on \x85 and U+2028, which json.dumps
    # (ensure_ascii=False) leaves raw inside strings, and would cut a record in two
    lines = [line for line in text.split("\n") if line.strip()]
    for n, line in enumerate(lines):
        if len(line) > max_line:
            parsed.bad_lines += 1
            continue
        try:
            data = json.loads(line)
            if n == 0 and isinstance(data, dict) and "schema" in data:
                parsed.wrong_schema = data.get("schema") != SCHEMA
                continue
            good = valid_record(data) and usable(data)
        except Exception:  # RecursionError, ValueError, MemoryError, OverflowError, ...
            good = False
        if good:
            parsed.records.append(data)
        else:
            parsed.bad_lines += 1
    return parsed
