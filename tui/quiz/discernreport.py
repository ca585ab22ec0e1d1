"""DISCERN in the class report: `export appraisals` files (JSON or CSV) merged into, per article
and question, the room's show of hands (class DISCERN sessions) and the learners' own ratings,
each beside the reference rating. Pure Python, no Textual; `tui.classreport_doc` renders it.

Rows with the same key count once (the same export given twice, or as CSV and JSON): a class
count by (session, article, question), a learner's rating by (learner, article, question),
the latest rating winning. A file that cannot be merged raises `ResultsError`, like a results
file, naming the file and the row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.content.files import Unreadable, read_regular
from tui.content.workshop import QUESTIONS, RATINGS
from tui.quiz.appraisals import median, valid_hands
from tui.quiz.classreport import MAX_BYTES, ResultsError, export_records, read_export
from tui.quiz.learner import clean_name

if TYPE_CHECKING:
    from tui.content.discern import Discern

MARK = "who"  # the column that tells an appraisals export from a results export


@dataclass(frozen=True)
class AppraisalRow:
    """One row of an appraisals export: a learner's rating, or a class's count of hands."""

    who: str  # "learner" or "class"
    learner: str  # whose export it is (the file's name when the export names no one)
    session: str
    article: str
    question: int
    hands: tuple[int, int, int, int, int]  # a learner's rating is one hand
    time: str


def looks_like_appraisals(path: Path) -> bool:
    """Whether `path` reads as an `export appraisals` file (else it is taken for results)."""
    try:
        head = read_regular(path, MAX_BYTES)[:4096].decode("utf-8-sig", "replace").lstrip()
    except (Unreadable, OSError):
        return False
    if head.startswith("["):
        return f'"{MARK}"' in head.split("}", 1)[0]
    return MARK in next(csv.reader(io.StringIO(head)), [])


def read_appraisals(path: Path) -> list[AppraisalRow]:
    raw, shown = read_export(path)
    records = export_records(raw, shown, {MARK, "article", "question"})
    fallback = clean_name(path.stem) or "?"
    return [_row(record, n, shown, fallback) for n, record in enumerate(records, 1)]


def _number(value: object) -> int | None:
    """An int from JSON, or from a CSV cell ("3"); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit() and value.isascii():
        return int(value)
    return None


def _row(record: dict[str, Any], n: int, shown: str, fallback: str) -> AppraisalRow:
    def bad(name: str) -> ResultsError:
        return ResultsError("report.bad_row", file=shown, row=n, field=name)

    who = record.get("who")
    if who not in ("learner", "class"):
        raise bad("who")
    learner = record.get("learner") or fallback
    if not isinstance(learner, str) or clean_name(learner) is None:
        raise bad("learner")
    article = record.get("article")
    if not isinstance(article, str) or not article or clean_name(article) != article:
        raise bad("article")
    question = _number(record.get("question"))
    if question not in QUESTIONS:
        raise bad("question")
    session = record.get("session") or ""
    if not isinstance(session, str) or len(session) > 64:
        raise bad("session")
    time = record.get("time")
    if not isinstance(time, str) or len(time) > 64:
        raise bad("time")
    if who == "learner":
        rating = _number(record.get("rating"))
        if rating not in RATINGS:
            raise bad("rating")
        hands = tuple(int(r == rating) for r in RATINGS)
    else:
        given = record.get("hands")
        if given is None:  # CSV: hands_1 ... hands_5
            given = [_number(record.get(f"hands_{r}")) for r in RATINGS]
        if not isinstance(given, list) or not valid_hands(tuple(given)):
            raise bad("hands")
        hands = tuple(given)
    a, b, c, d, e = hands
    return AppraisalRow(who, " ".join(learner.split()), session, article, question, (a, b, c, d, e), time)


@dataclass
class MergedAppraisals:
    rows: list[AppraisalRow] = field(default_factory=list)
    files: list[tuple[str, int]] = field(default_factory=list)
    failures: list[tuple[str, ResultsError]] = field(default_factory=list)


def merge_appraisals(paths: Sequence[Path]) -> MergedAppraisals:
    merged = MergedAppraisals()
    for path in paths:
        try:
            rows = read_appraisals(path)
        except ResultsError as error:
            merged.failures.append((str(path), error))
            continue
        merged.files.append((str(path), len(rows)))
        merged.rows.extend(rows)
    return merged


# -- figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiscernQuestion:
    number: int
    reference: int
    room: tuple[int, int, int, int, int]  # hands summed over every class session
    learners: tuple[int, int, int, int, int]  # the learners' own ratings, one hand each

    @property
    def room_median(self) -> float | None:
        return median(self.room)

    @property
    def learners_median(self) -> float | None:
        return median(self.learners)


@dataclass(frozen=True)
class DiscernArticle:
    seed: str
    sessions: int  # class DISCERN sessions that counted hands for it
    learners: int  # learners who rated at least one of its questions
    questions: tuple[DiscernQuestion, ...]


def discern_figures(discern: Discern, rows: Sequence[AppraisalRow]) -> tuple[DiscernArticle, ...]:
    """Per article the course appraises (in course order), only those with any rows."""
    rooms: dict[tuple[str, str, int], tuple[str, tuple[int, ...]]] = {}
    ratings: dict[tuple[str, str, int], tuple[str, tuple[int, ...]]] = {}
    for row in rows:
        if row.who == "class":
            key = (row.session, row.article, row.question)
            if key not in rooms or rooms[key][0] <= row.time:
                rooms[key] = (row.time, row.hands)
        else:
            key = (row.learner, row.article, row.question)
            if key not in ratings or ratings[key][0] <= row.time:
                ratings[key] = (row.time, row.hands)
    out = []
    for appraisal in discern.appraisals:
        seed = appraisal.seed
        sessions = {s for s, a, _ in rooms if a == seed}
        learners = {name for name, a, _ in ratings if a == seed}
        if not sessions and not learners:
            continue
        questions = []
        for q in QUESTIONS:
            room = _sum(hands for (_, a, n), (_, hands) in rooms.items() if a == seed and n == q)
            own = _sum(hands for (_, a, n), (_, hands) in ratings.items() if a == seed and n == q)
            questions.append(DiscernQuestion(q, appraisal.rating(q).score, room, own))
        out.append(DiscernArticle(seed, len(sessions), len(learners), tuple(questions)))
    return tuple(out)


def _sum(counts: Any) -> tuple[int, int, int, int, int]:
    total = [0] * len(RATINGS)
    for hands in counts:
        for i, n in enumerate(hands):
            total[i] += n
    a, b, c, d, e = total
    return (a, b, c, d, e)
