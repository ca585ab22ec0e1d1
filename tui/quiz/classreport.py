"""A class report: learners' `export results` files (JSON or CSV) merged into figures per
question and per lesson. Pure Python, no Textual; `tui.classreport_doc` renders it.

Definitions (the report states them too):

- *answered*: how many learners answered a question at least once, and how many answers;
- *% right*: the share of all answers to it that were right (every attempt counts);
- *most chosen wrong option*: for single and multiple choice, the wrong option picked most
  often (ties go to the option authored first). Choices are authored option indices, so only
  answers to the question's current version count here: an edited question's indices may
  point at other options;
- *mastery* of a lesson: for each learner, the share of the lesson's questions whose latest
  answer is right (unanswered counts as not right), averaged over every learner merged;
- *hardest*: the lowest % right first, then the most answers, then course order.

A results file that is missing, empty, unreadable or malformed raises `ResultsError`, whose
`key` and `values` name a `tui.i18n` message. Rows with the same learner, question and time
(the same export given twice, or as CSV and JSON) count once.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tui.content.files import Unreadable, read_regular
from tui.content.model import Course, Lesson, Question
from tui.quiz.cards import question_hash
from tui.quiz.learner import clean_name

MAX_BYTES = 64 * 1024 * 1024
REQUIRED = ("time", "question", "correct")
TRUE = {"true", "1", "yes"}
FALSE = {"false", "0", "no"}


class ResultsError(Exception):
    """A results file that cannot be merged: an `tui.i18n` key and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Row:
    """One answer from an exported results file."""

    learner: str
    time: datetime
    question: str
    correct: bool
    choices: tuple[int, ...] = ()
    version: str = ""


@dataclass
class Merged:
    """Every distinct answer read, the files it came from and the files that failed."""

    rows: list[Row] = field(default_factory=list)
    files: list[tuple[str, int]] = field(default_factory=list)  # (file, rows read)
    failures: list[tuple[str, ResultsError]] = field(default_factory=list)
    duplicates: int = 0


# -- reading ------------------------------------------------------------------------------


def read_results(path: Path) -> list[Row]:
    """The rows of one results file; raise `ResultsError` naming what is wrong with it."""
    raw, shown = read_export(path)
    return parse_results(raw, shown, default_learner=path.stem)


def parse_results(raw: bytes, shown: str, default_learner: str) -> list[Row]:
    """Rows from the bytes of a JSON or CSV export. A row without a learner name (an export
    made before names, or without one) is credited to `default_learner` (the file's name)."""
    records = export_records(raw, shown, set(REQUIRED))
    fallback = clean_name(default_learner) or "?"
    return [_row(record, n, shown, fallback) for n, record in enumerate(records, 1)]


def read_export(path: Path) -> tuple[bytes, str]:
    """The bytes of an export file (regular files only, size-capped) and its name as shown."""
    shown = str(path)
    try:
        return read_regular(path, MAX_BYTES), shown
    except Unreadable as error:
        if error.missing:
            raise ResultsError("report.missing", file=shown) from None
        raise ResultsError("report.unreadable", file=shown, reason=error.reason) from None


def export_records(raw: bytes, shown: str, required: set[str]) -> list[dict[str, Any]]:
    """The records of a JSON (a list of objects) or CSV export holding the `required` columns;
    `ResultsError` says what is wrong. Shared by the quiz and the DISCERN reports."""
    if not raw.strip():
        raise ResultsError("report.empty", file=shown)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ResultsError("report.not_text", file=shown) from None
    if text.lstrip().startswith(("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ResultsError("report.bad_json", file=shown, line=error.lineno) from None
        except (RecursionError, ValueError, MemoryError):
            raise ResultsError("report.bad_json", file=shown, line="?") from None
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise ResultsError("report.not_results", file=shown)
        records: list[dict[str, Any]] = data
    else:
        try:
            reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
            if not required <= set(reader.fieldnames or []):
                raise ResultsError("report.not_results", file=shown)
            records = [dict(row) for row in reader]
        except csv.Error as error:
            raise ResultsError("report.bad_csv", file=shown, reason=str(error)) from None
    if not records:
        raise ResultsError("report.no_rows", file=shown)
    return records


def _row(record: dict[str, Any], n: int, shown: str, fallback: str) -> Row:
    def bad(name: str) -> ResultsError:
        return ResultsError("report.bad_row", file=shown, row=n, field=name)

    learner = record.get("learner")
    if learner is None or learner == "":
        learner = fallback
    elif not isinstance(learner, str) or clean_name(learner) is None:
        raise bad("learner")
    question = record.get("question")
    if not isinstance(question, str) or not question or clean_name(question) != question:
        raise bad("question")
    return Row(
        learner=" ".join(learner.split()),
        time=_time(record.get("time"), bad),
        question=question,
        correct=_bool(record.get("correct"), bad),
        choices=_choices(record.get("choices"), bad),
        version=_text(record.get("version")),
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _time(value: object, bad: Any) -> datetime:
    if not isinstance(value, str):
        raise bad("time")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise bad("time") from None
    if when.utcoffset() is None:  # exports are in UTC: a naive time cannot be ordered with them
        raise bad("time")
    return when


def _bool(value: object, bad: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in TRUE | FALSE:
        return value.strip().lower() in TRUE
    raise bad("correct")


def _choices(value: object, bad: Any) -> tuple[int, ...]:
    """Authored option indices: a JSON list, or space-separated in CSV."""
    if value is None:
        return ()
    if isinstance(value, str):
        items: list[object] = list(value.split())
    elif isinstance(value, list):
        items = value
    else:
        raise bad("choices")
    out = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, int | str):
            raise bad("choices")
        try:
            index = int(item)
        except ValueError:
            raise bad("choices") from None
        if not 0 <= index < 1000:
            raise bad("choices")
        out.append(index)
    return tuple(out)


def merge(paths: Sequence[Path]) -> Merged:
    """Read every file; failures are collected (the caller reports each), duplicates dropped."""
    merged = Merged()
    seen: set[tuple[str, str, datetime]] = set()
    for path in paths:
        try:
            rows = read_results(path)
        except ResultsError as error:
            merged.failures.append((str(path), error))
            continue
        merged.files.append((str(path), len(rows)))
        for row in rows:
            key = (row.learner, row.question, row.time)
            if key in seen:
                merged.duplicates += 1
                continue
            seen.add(key)
            merged.rows.append(row)
    return merged


# -- figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionFigures:
    question: Question
    lesson: Lesson
    learners: int
    answers: int
    right: int
    wrong_option: int | None = None  # authored index of the most chosen wrong option
    wrong_count: int = 0

    @property
    def share_right(self) -> float | None:
        return self.right / self.answers if self.answers else None


@dataclass(frozen=True)
class LessonFigures:
    lesson: Lesson
    questions: int
    mastery: float | None  # None: no questions, or no learners
    learners: int  # learners who answered at least one of its questions


@dataclass(frozen=True)
class ClassReport:
    learners: tuple[str, ...]
    answers: int
    files: tuple[tuple[str, int], ...]
    failures: tuple[tuple[str, ResultsError], ...]
    duplicates: int
    unknown: int  # answers to questions the course no longer has (not counted)
    older: int  # answers to an earlier version of a question (no option figures)
    questions: tuple[QuestionFigures, ...]
    lessons: tuple[LessonFigures, ...]
    hardest: tuple[QuestionFigures, ...]


HARDEST = 5


def build_report(course: Course, merged: Merged) -> ClassReport:
    """Figures per question and lesson, in course order (lesson, then question)."""
    lesson_of_step = {step.id: lesson for lesson, step in course.steps()}
    position = {lesson.id: n for n, lesson in enumerate(course.lessons)}
    questions = sorted(
        enumerate(course.questions), key=lambda item: (position[lesson_of_step[item[1].step].id], item[0])
    )
    known = {q.id: q for q in course.questions}
    rows = [row for row in merged.rows if row.question in known]
    by_question: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_question[row.question].append(row)
    learners = tuple(sorted({row.learner for row in merged.rows}))
    older = 0
    figures = []
    for _, q in questions:
        answers = by_question.get(q.id, [])
        current = [row for row in answers if row.version in ("", question_hash(q))]
        older += len(answers) - len(current)
        wrong, count = _most_chosen_wrong(q, current)
        figures.append(
            QuestionFigures(
                question=q,
                lesson=lesson_of_step[q.step],
                learners=len({row.learner for row in answers}),
                answers=len(answers),
                right=sum(row.correct for row in answers),
                wrong_option=wrong,
                wrong_count=count,
            )
        )
    order = {f.question.id: n for n, f in enumerate(figures)}
    answered = [f for f in figures if f.answers]
    hardest = sorted(answered, key=lambda f: (f.right / f.answers, -f.answers, order[f.question.id]))
    return ClassReport(
        learners=learners,
        answers=len(merged.rows),
        files=tuple(merged.files),
        failures=tuple(merged.failures),
        duplicates=merged.duplicates,
        unknown=len(merged.rows) - len(rows),
        older=older,
        questions=tuple(figures),
        lessons=tuple(_lessons(course, lesson_of_step, rows, learners)),
        hardest=tuple(hardest[:HARDEST]),
    )


def _most_chosen_wrong(q: Question, rows: list[Row]) -> tuple[int | None, int]:
    if q.type not in ("single", "multiple"):
        return None, 0
    counts: Counter[int] = Counter()
    for row in rows:
        for index in set(row.choices):
            if index < len(q.options) and not q.options[index].correct:
                counts[index] += 1
    if not counts:
        return None, 0
    index, count = min(counts.items(), key=lambda item: (-item[1], item[0]))
    return index, count


def _lessons(
    course: Course, lesson_of_step: dict[str, Lesson], rows: list[Row], learners: tuple[str, ...]
) -> list[LessonFigures]:
    latest: dict[tuple[str, str], Row] = {}
    for row in sorted(rows, key=lambda r: r.time):
        latest[(row.learner, row.question)] = row
    out = []
    for lesson in course.lessons:
        ids = [q.id for q in course.questions if lesson_of_step[q.step].id == lesson.id]
        active = {learner for learner, question in latest if question in ids}
        mastery = None
        if ids and learners:
            shares = [_right(latest, learner, ids) / len(ids) for learner in learners]
            mastery = sum(shares) / len(shares)
        out.append(LessonFigures(lesson, len(ids), mastery, len(active)))
    return out


def _right(latest: dict[tuple[str, str], Row], learner: str, ids: list[str]) -> int:
    """How many of `ids` the learner has right on their latest answer."""
    return sum(1 for qid in ids if (learner, qid) in latest and latest[(learner, qid)].correct)
