"""DISCERN on paper: a worksheet to rate an article by hand, and the reference appraisal as an
answer key. Markdown, turned into self-contained HTML by `tui.handout.to_html`.

Pure Python, no Textual. The questions and hints are our paraphrase of DISCERN, so both
documents end with the instrument's citation.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.content.discern import RATINGS, Discern, Question, Rating, Section, rank, section_scores
from tui.content.model import Course, Source
from tui.handout import cell, pick
from tui.i18n import both_ways
from tui.quiz.appraisals import SCALE_WORDS

# Printed: each article on its own page, each question kept whole, boxes big enough to tick.
CSS = """
h1 { margin-top: 0; }
h1 ~ h1 { margin-top: 3rem; }
h2 { page-break-before: auto; break-before: auto; }
td { height: 1.9rem; }
@media print {
  h1 ~ h1 { page-break-before: always; break-before: page; }
  h2 { page-break-before: auto; break-before: auto; }
  h3 { page-break-after: avoid; break-after: avoid; }
  p, blockquote, ul { page-break-inside: avoid; break-inside: avoid; }
}
"""


def label(key: str, lang: str) -> str:
    return both_ways(key, lang)


def article_line(source: Source | None, seed: str, lang: str) -> str:
    """`001_….txt` — publisher, date. 「title」"""
    if source is None:
        return f"`{seed}`"
    publisher = source.publisher or f"({label('handout.publisher_none', lang)})"
    date = f", {source.date}" if source.date else ""
    title = source.title or source.title_en
    return f"`{seed}` — {publisher}{date}. 「{title}」"


def article_name(source: Source | None, seed: str, lang: str) -> str:
    number = seed.split("_", 1)[0]
    publisher = (
        source.publisher if source and source.publisher else f"({label('handout.publisher_none', lang)})"
    )
    return f"{number} · {publisher}"


def scale_labels(question: int, lang: str) -> list[str]:
    """The header of the row of boxes: 1 no · 2 · 3 partly · 4 · 5 yes (16: low … high)."""
    words = SCALE_WORDS[question == 16]
    return [f"{n} {label(words[n], lang)}" if n in words else str(n) for n in RATINGS]


def reference_block(discern: Discern, lang: str) -> str:
    ref = discern.instrument.reference
    return "\n\n".join(
        [
            f"**{label('worksheet.instrument', lang)}:** {ref.citation} doi:{ref.doi} `{ref.url}`",
            f"*{pick(ref.note, lang)}*",
        ]
    )


def _sections(discern: Discern) -> list[tuple[Section, tuple[Question, ...]]]:
    return [(s.id, discern.instrument.in_section(s.id)) for s in discern.instrument.sections]


def worksheet_markdown(course: Course, discern: Discern, seeds: Sequence[str], lang: str) -> str:
    """One worksheet per article: each question with its hint, a row of 1-5 boxes and room
    for notes."""
    parts: list[str] = []
    instrument = discern.instrument
    for seed in seeds:
        source = course.source(seed)
        parts.append(f"# {label('worksheet.title', lang)}: {article_name(source, seed, lang)}")
        parts.append(article_line(source, seed, lang))
        parts.append(f"*{label('worksheet.intro', lang)}*")
        parts.append(
            "\n".join(
                f"- {pick(text, lang)}"
                for text in (instrument.scale.low, instrument.scale.mid, instrument.scale.high)
            )
        )
        for section, questions in _sections(discern):
            info = instrument.section(section)
            parts.append(f"## {pick(info.title, lang)}")
            parts.append(f"*{pick(info.summary, lang)}*")
            for q in questions:
                parts.append(f"### {q.number}. {pick(q.short, lang)}")
                parts.append(f"**{pick(q.ask, lang)}**")
                parts.append(f"*{label('appraise.hint', lang)}:* {pick(q.hint, lang)}")
                if q.number == 16:
                    scale = instrument.overall_scale
                    parts.append(
                        "\n".join(f"- {pick(text, lang)}" for text in (scale.low, scale.mid, scale.high))
                    )
                header = [cell(text) for text in scale_labels(q.number, lang)]
                parts.append(
                    "\n".join(
                        [
                            "| " + " | ".join(header) + " |",
                            "|" + ":-:|" * len(header),
                            "| " + " | ".join("☐" for _ in header) + " |",
                        ]
                    )
                )
                notes = cell(label("worksheet.notes", lang))
                parts.append("\n".join([f"| {notes} |", "|---|", "| &nbsp; |", "| &nbsp; |"]))
    parts.append(reference_block(discern, lang))
    return "\n\n".join(parts) + "\n"


def _evidence(rating: Rating, source: Source | None, seed: str, lang: str) -> list[str]:
    if rating.silent:
        searched = "、".join(f"「{term}」" for term in rating.searched)
        line = f"- *{label('discern_key.silent', lang)}*"
        if searched:
            line += f" {label('discern_key.searched', lang)}: {searched}"
        return [line]
    publisher = (
        source.publisher if source and source.publisher else f"({label('handout.publisher_none', lang)})"
    )
    lines = []
    for ref in rating.quotes:
        gloss = f" — “{ref.gloss}”" if ref.gloss and lang != "ja" else ""
        lines.append(f"- 「{ref.quote}」{gloss} — `{ref.seed}` · {publisher}")
    return lines


def key_markdown(course: Course, discern: Discern, seeds: Sequence[str], lang: str) -> str:
    """The reference appraisal of each article: ratings, why, and the quotes it rests on."""
    places = {r.seed: r for r in rank(discern.appraisals)}
    parts = [f"# {label('discern_key.title', lang)}"]
    header = [
        label(f"discern_key.column.{name}", lang) for name in ("place", "article", "reliability", "treatment")
    ]
    header += [label("discern_key.column.overall", lang), label("discern_key.column.total", lang)]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for ranked in rank(discern.appraisals):
        s = ranked.scores
        name = cell(article_name(course.source(ranked.seed), ranked.seed, lang))
        rows.append(
            f"| {ranked.place} | {name} | {s.reliability:.1f} | {s.treatment:.1f} | {s.overall} | {s.total} |"
        )
    parts.append(f"*{label('discern_key.ranking', lang)}*")
    parts.append("\n".join(rows))
    for seed in seeds:
        appraisal = discern.appraisal(seed)
        if appraisal is None:
            continue
        source = course.source(seed)
        scores = section_scores(appraisal.scores)
        parts.append(f"# {label('discern_key.article', lang)}: {article_name(source, seed, lang)}")
        parts.append(article_line(source, seed, lang))
        parts.append(
            f"**{label('discern_key.scores', lang)}:** "
            + " · ".join(
                [
                    f"{label('discern_key.column.reliability', lang)} {scores.reliability:.1f}",
                    f"{label('discern_key.column.treatment', lang)} {scores.treatment:.1f}",
                    f"{label('discern_key.column.overall', lang)} {scores.overall}",
                    f"{label('discern_key.column.total', lang)} {scores.total}",
                    f"{label('discern_key.column.place', lang)} {places[seed].place}/{len(places)}",
                ]
            )
        )
        for section, questions in _sections(discern):
            parts.append(f"## {pick(discern.instrument.section(section).title, lang)}")
            for q in questions:
                rating = appraisal.rating(q.number)
                parts.append(f"### {q.number}. {pick(q.short, lang)}: {rating.score}/5")
                parts.append(f"**{pick(q.ask, lang)}**")
                parts.append(pick(rating.why, lang))
                parts.append("\n".join(_evidence(rating, source, seed, lang)))
    parts.append(reference_block(discern, lang))
    return "\n\n".join(parts) + "\n"
