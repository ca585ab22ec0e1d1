"""Export the review log as CSV or JSON, for a teacher or a spreadsheet."""

from __future__ import annotations

import csv
import io
import json

from tui.content.model import Course
from tui.quiz.store import Record

COLUMNS = [
    "time",
    "lesson",
    "question",
    "type",
    "prompt_en",
    "prompt_ja",
    "correct",
    "score",
    "answer",
    "version",
]


def rows(course: Course, records: list[Record]) -> list[dict[str, object]]:
    questions = {q.id: q for q in course.questions}
    out = []
    for record in sorted(records, key=lambda r: r["time"]):
        q = questions.get(record["question"])
        out.append(
            {
                "time": record["time"],
                "lesson": record["lesson"],
                "question": record["question"],
                "type": q.type if q else "",
                "prompt_en": q.prompt.en if q else "",
                "prompt_ja": q.prompt.ja if q else "",
                "correct": record["correct"],
                "score": record["score"],
                "answer": " | ".join(map(str, record["answer"])),
                "version": record["hash"],
            }
        )
    return out


def export_results(course: Course, records: list[Record], fmt: str) -> str:
    data = rows(course, records)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(data)
    return buffer.getvalue()
