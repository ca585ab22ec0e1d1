"""`export claims`: the "who says what" matrix as CSV, Markdown or self-contained HTML.

The matrix itself is `tui.content.matrix.build_matrix`; this module only writes it. Markdown
cites the quotes behind every non-silent cell as numbered footnotes (`handout.Citations`), and
HTML is that Markdown rendered by `handout.to_html` (raw HTML in content is escaped).
"""

from __future__ import annotations

import csv
import io

from tui.content.inline import plain_text
from tui.content.matrix import Matrix, build_matrix
from tui.content.model import Course
from tui.handout import Citations, cell_text, matrix_tables, pick, to_html
from tui.i18n import both_ways

FORMATS = ("csv", "md", "html")


def claims_csv(course: Course, lang: str, matrix: Matrix | None = None) -> str:
    """One line per row: topic, row id, label, a cell per article, and the row's claim ids."""
    m = matrix or build_matrix(course)
    topics = {topic.id: topic for topic in m.topics}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["topic", "row", "label", *(seed[:3] for seed in m.seeds), "claims"])
    for row in m.rows:
        writer.writerow(
            [
                plain_text(pick(topics[row.topic].name, lang)),
                row.id,
                plain_text(pick(row.label, lang)).replace("\n", " "),
                *(cell_text(m.cell(row.id, seed), lang) for seed in m.seeds),
                " ".join(row.claims),
            ]
        )
    return buffer.getvalue()


def claims_markdown(course: Course, lang: str, matrix: Matrix | None = None) -> str:
    """A table per topic; every non-silent cell cites its quotes as footnotes."""
    m = matrix or build_matrix(course)
    cites = Citations(course)
    parts = [f"# {both_ways('claims.title', lang)}", f"*{both_ways('claims.intro', lang)}*"]
    parts.append(f"## {both_ways('claims.articles', lang)}")
    lines = []
    for source in course.sources:
        publisher = source.publisher or f"({both_ways('handout.publisher_none', lang)})"
        date = source.date or both_ways("claims.undated", lang)
        lines.append(f"- `{source.seed[:3]}` {publisher}, {date}: 「{source.title or source.title_en}」")
    parts.append("\n".join(lines))
    parts.extend(matrix_tables(m, cites, lang))
    parts.append("\n".join(cites.definitions(lang)))
    return "\n\n".join(parts) + "\n"


def export_claims(course: Course, fmt: str, lang: str) -> str:
    """The matrix in `fmt` (csv, md or html) and `lang` (en, ja or both)."""
    matrix = build_matrix(course)
    if fmt == "csv":
        return claims_csv(course, lang, matrix)
    markdown = claims_markdown(course, lang, matrix)
    if fmt == "html":
        return to_html(markdown, both_ways("claims.title", lang), lang)
    return markdown
