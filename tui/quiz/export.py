"""Export the review log as CSV or JSON, for a teacher or a spreadsheet.

Text is plain (inline Markdown such as `**bold**` is stripped). Choices are authored option
indices (0 = the first option in the YAML), never letters: letters depend on the shuffle of
one presentation, which `options_shown` records (authored indices in display order). Every row
names the learner, so exports from a class can be merged (`tui.quiz.classreport`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence

from tui.content.inline import plain_text
from tui.content.model import Course
from tui.quiz.cards import rating_of
from tui.quiz.store import Record

COLUMNS = [
    "learner",
    "time",
    "lesson",
    "question",
    "type",
    "prompt_en",
    "prompt_ja",
    "correct",
    "score",
    "rating",
    "answer",
    "choices",
    "options_shown",
    "version",
]
RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def rows(course: Course, records: list[Record], learner: str = "") -> list[dict[str, object]]:
    questions = {q.id: q for q in course.questions}
    out = []
    for record in sorted(records, key=lambda r: r["time"]):
        q = questions.get(record["question"])
        out.append(
            {
                "learner": learner,
                "time": record["time"],
                "lesson": record["lesson"],
                "question": record["question"],
                "type": q.type if q else "",
                "prompt_en": plain_text(q.prompt.en) if q else "",
                "prompt_ja": plain_text(q.prompt.ja) if q else "",
                "correct": record["correct"],
                "score": record["score"],
                "rating": RATING_NAMES[int(rating_of(record))],
                "answer": [plain_text(str(a)) for a in record["answer"]],
                "choices": [int(i) for i in record.get("choices") or []],
                "options_shown": [int(i) for i in record.get("options_shown") or []],
                "version": record["hash"],
            }
        )
    return out


def json_or_csv(
    data: list[dict[str, object]],
    fmt: str,
    columns: Sequence[str],
    flat: Callable[[dict[str, object]], dict[str, object]],
) -> str:
    """Rows as a JSON list, or as CSV with `columns` (each row made flat by `flat` first)."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in data:
        writer.writerow(flat(row))
    return buffer.getvalue()


def export_results(course: Course, records: list[Record], fmt: str, learner: str = "") -> str:
    """Every answer as a row carrying `learner` (the name the learner gave, "" if none)."""

    def flat(row: dict[str, object]) -> dict[str, object]:
        return {
            **row,
            "answer": " | ".join(map(str, row["answer"])),  # type: ignore[call-overload]
            "choices": " ".join(map(str, row["choices"])),  # type: ignore[call-overload]
            "options_shown": " ".join(map(str, row["options_shown"])),  # type: ignore[call-overload]
        }

    return json_or_csv(rows(course, records, learner), fmt, COLUMNS, flat)
