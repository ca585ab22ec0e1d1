"""The answer database at 1×, 10× and 100× review counts (1,000, 10,000, 100,000 earlier reviews):
saving one answer, and loading what the quiz home shows (records, card cache, summary)."""

from __future__ import annotations

import gc
import random
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

SAMPLES = 40


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def stats(samples: list[float]) -> dict[str, float]:
    return {
        "median_ms": statistics.median(samples),
        "p95_ms": percentile(samples, 0.95),
        "samples": len(samples),
    }


def _records(course, count: int, start: datetime) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    from tui.quiz.cards import question_hash

    rng = random.Random(count)
    questions = list(course.questions)
    hashes = {q.id: question_hash(q) for q in questions}
    step = timedelta(days=365) / count
    out = []
    for n in range(count):
        q = rng.choice(questions)
        correct = rng.random() < 0.7
        out.append(
            {
                "id": f"bench-{n}",
                "question": q.id,
                "hash": hashes[q.id],
                "lesson": "bench",
                "time": (start + step * n).isoformat(),
                "correct": correct,
                "score": float(correct),
                "answer": ["an answer"],
                "rating": rng.choice([2, 3, 4]) if correct else 1,
            }
        )
    return out


def measure(counts: tuple[int, ...] = (1_000, 10_000, 100_000)) -> dict[str, dict[str, object]]:
    from tui.content.loader import load_course
    from tui.quiz.db import ReviewDB, _transaction
    from tui.quiz.session import summarise

    gc.collect()  # a clean heap: what the bench measured before is not this measure's cost
    course = load_course()
    start = datetime(2025, 1, 1, tzinfo=UTC)
    now = start + timedelta(days=366)
    out: dict[str, dict[str, object]] = {"save_ms": {}, "home_load_ms": {}}
    for count in counts:
        folder = Path(tempfile.mkdtemp(prefix="stemcell-reviews-"))
        db = ReviewDB(folder)
        db.open()
        assert db._conn is not None
        with _transaction(db._conn):  # fill in one transaction: this is set-up, not what is timed
            db._insert(db._conn, _records(course, count, start))
        db.close()
        db = ReviewDB(folder)
        extra = _records(course, SAMPLES, now)
        samples = []
        for n, record in enumerate(extra):
            record["id"] = f"timed-{n}"
            begin = time.perf_counter()
            if not db.add(record):
                raise SystemExit(f"bench: could not save ({db.last_error})")
            samples.append((time.perf_counter() - begin) * 1000)
        out["save_ms"][str(count)] = stats(samples)
        loads = []
        for _ in range(5):
            begin = time.perf_counter()
            summarise(course, db.load(full=False), now, db.cards())
            loads.append((time.perf_counter() - begin) * 1000)
        out["home_load_ms"][str(count)] = stats(loads)
        db.close()
        shutil.rmtree(folder, ignore_errors=True)
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(measure(), indent=2))
