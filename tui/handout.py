"""Handouts and answer keys: Markdown with numbered citation footnotes, and self-contained HTML.

A handout opens with a linked table of contents (lessons and steps); in the HTML every heading
has a stable id (`lesson-2`, `step-2-3`, `glossary`, `sources`, `citations`). Each footnote
names the article number, the clinic and the file beside the quote. Pure Python
(markdown-it-py), no Textual. Content text is Markdown; raw HTML in it is escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.anchors.index import slugify
from mdit_py_plugins.footnote import footnote_plugin

from tui.content.language import single
from tui.content.matrix import Cell as MatrixCell
from tui.content.matrix import Matrix, build_matrix
from tui.content.model import (
    Bullets,
    Course,
    Disagreement,
    Item,
    Ordered,
    Paragraph,
    Question,
    Slip,
    SourceRef,
    Table,
    Text,
)
from tui.content.units import step_units, without_number
from tui.i18n import both_ways, t
from tui.quiz.order import letter, option_order, pair_order, sequence_order


def pick(text: Text, lang: str) -> str:
    if lang == "both":
        return f"{text.en} / {text.ja}" if "\n" not in text.en + text.ja else f"{text.en}\n\n{text.ja}"
    return text.get(lang)


def head(key: str, lang: str) -> str:
    return both_ways(f"handout.{key}", lang)


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def link_text(text: str) -> str:
    """Text safe inside a Markdown link's brackets."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("\n", " ")


class Citations:
    """Numbers each distinct (article, quote) once; renders the footnote definitions, each
    naming the article number, the clinic and the file: `[3] 002 · clinic · `002_….txt` 「…」`."""

    def __init__(self, course: Course) -> None:
        self.course = course
        self.numbers: dict[tuple[str, str], int] = {}
        self.refs: list[SourceRef] = []

    def mark(self, refs: tuple[SourceRef, ...]) -> str:
        out = []
        for ref in refs:
            key = (ref.seed, ref.quote)
            if key not in self.numbers:
                self.refs.append(ref)
                self.numbers[key] = len(self.refs)
            out.append(f"[^{self.numbers[key]}]")
        return "".join(out)

    def definitions(self, lang: str) -> list[str]:
        lines = []
        for n, ref in enumerate(self.refs, 1):
            gloss = f" — “{ref.gloss}”" if ref.gloss and lang != "ja" else ""
            lines.append(f"[^{n}]: {self.article(ref.seed, lang)} · `{ref.seed}` 「{ref.quote}」{gloss}")
        return lines

    def article(self, seed: str, lang: str) -> str:
        """`002 · clinic`: the article's number (its file name's prefix) and who published it."""
        source = self.course.source(seed)
        publisher = source.publisher if source and source.publisher else f"({head('publisher_none', lang)})"
        return f"{seed.split('_', 1)[0]} · {publisher}"


def cell_text(c: MatrixCell, lang: str) -> str:
    """A matrix cell in words: its strength(s), 'silent', or 'contradicts' and the card ids."""
    if c.state == "claim":
        return "; ".join(both_ways(f"strength.{s.value}", lang) for s in c.strengths)
    if c.state == "contradicts":
        return f"{both_ways('claims.contradicts', lang)} {' '.join(c.disagreements)}"
    return both_ways("claims.silent", lang)


def matrix_tables(m: Matrix, cites: Citations, lang: str, level: str = "##") -> list[str]:
    """The "who says what" matrix: a heading and a table per topic, every non-silent cell
    citing its quotes as footnotes (shared with the rest of the document through `cites`)."""
    parts = []
    header = f"| {both_ways('claims.claim', lang)} | " + " | ".join(seed[:3] for seed in m.seeds) + " |"
    rule = "|---" * (len(m.seeds) + 1) + "|"
    for topic in m.topics:
        rows = m.rows_for(topic.id)
        if not rows:
            continue
        parts.append(f"{level} {pick(topic.name, lang)}")
        table = [header, rule]
        for row in rows:
            cells = [
                cell(cell_text(m.cell(row.id, seed), lang)) + cites.mark(m.quotes(row.id, seed))
                for seed in m.seeds
            ]
            table.append(f"| {cell(pick(row.label, lang))} | " + " | ".join(cells) + " |")
        parts.append("\n".join(table))
    return parts


def strength_tag(strength: str | None, lang: str) -> str:
    if strength is None:
        return ""
    return f"[{t(f'strength.{strength}', lang)}] "


def item_markdown(item: Item, lang: str, cites: Citations) -> list[str]:
    out: list[str] = []
    if isinstance(item, Paragraph):
        out.append(f"{strength_tag(item.strength, lang)}{pick(item.text, lang)}{cites.mark(item.sources)}")
    elif isinstance(item, Bullets | Ordered):
        if item.caption:
            out.append(f"**{pick(item.caption, lang)}**")
        lines = []
        for n, entry in enumerate(item.entries, 1):
            marker = f"{n}." if isinstance(item, Ordered) else "-"
            label_text = pick(entry.label, lang) if entry.label else ""
            if isinstance(item, Ordered):  # the list numbers it: "1 培養" is not numbered twice
                label_text = without_number(label_text, n)
            label = f"**{label_text}**: " if label_text else ""
            text = pick(entry.text, lang).replace("\n\n", " ")
            lines.append(
                f"{marker} {strength_tag(entry.strength, lang)}{label}{text}{cites.mark(entry.sources)}"
            )
        out.append("\n".join(lines))
    elif isinstance(item, Table):
        out.append(f"**{pick(item.caption, lang)}**")
        header = [cell(pick(c, lang)) for c in item.columns] + ["strength" if lang != "ja" else "強さ"]
        rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for row in item.rows:
            cells = [cell(pick(c, lang)) for c in row.cells]
            cells[-1] += cites.mark(row.sources)
            rows.append("| " + " | ".join([*cells, strength_tag(row.strength, lang).strip()]) + " |")
        out.append("\n".join(rows))
    elif isinstance(item, Disagreement):
        out.append(f"**⚖ {pick(item.topic, lang)}**")
        sides = [
            f"- **{chr(65 + n)}.** {strength_tag(side.strength, lang)}{pick(side.text, lang)}"
            f"{cites.mark(side.sources)}"
            for n, side in enumerate(item.sides)
        ]
        out.append("\n".join(sides))
        out.append(f"*{head('why', lang)}:* {pick(item.explanation, lang)}")
    elif isinstance(item, Slip):
        intended = f" → {item.intended}" if item.intended else ""
        out.append(
            f"- 「{item.original}」 [sic]{intended}: {pick(item.note, lang)}{cites.mark(item.sources)}"
        )
    return out


def contents(course: Course, lang: str) -> str:
    """The linked table of contents: lessons and their steps, then the end matter."""
    lines = [f"## {head('contents', lang)}"]
    entries = []
    for n, lesson in enumerate(course.lessons, 1):
        entries.append(f"- [{n}. {link_text(pick(lesson.title, lang))}](#lesson-{n})")
        for m, step in enumerate(lesson.steps, 1):
            entries.append(f"  - [{n}.{m} {link_text(pick(step.title, lang))}](#step-{n}-{m})")
    for key in END_MATTER:
        entries.append(f"- [{link_text(head(key, lang))}](#{END_MATTER[key]})")
    lines.append("\n".join(entries))
    return "\n\n".join(lines)


END_MATTER = {"glossary": "glossary", "who": "who-says-what", "sources": "sources", "notes": "citations"}


def handout_markdown(course: Course, lang: str) -> str:
    cites = Citations(course)
    parts = [
        f"# {pick(course.title, lang)}",
        pick(course.summary, lang),
        f"*{head('intro', lang)}*",
        contents(course, lang),
    ]
    for n, lesson in enumerate(course.lessons, 1):
        parts.append(f"## {n}. {pick(lesson.title, lang)}")
        parts.append(f"*{pick(lesson.summary, lang)}*")
        for m, step in enumerate(lesson.steps, 1):
            parts.append(f"### {n}.{m} {pick(step.title, lang)}")
            for item, _ in step_units(step):
                parts.extend(item_markdown(item, lang, cites))
    parts.append(f"## {head('glossary', lang)}")
    rows = [
        f"| 用語 | よみ | term | {t('handout.definition', lang)} |",
        "|---|---|---|---|",
    ]
    for term in sorted(course.terms, key=lambda t: t.reading):
        rows.append(
            f"| {cell(term.ja)} | {cell(term.reading)} | {cell(term.en)} | "
            f"{cell(pick(term.definition, lang))}{cites.mark(term.sources)} |"
        )
    parts.append("\n".join(rows))
    parts.append(f"## {head('who', lang)}")
    parts.append(f"*{both_ways('claims.intro', lang)}*")
    parts.extend(matrix_tables(build_matrix(course), cites, lang, "###"))
    parts.append(f"## {head('sources', lang)}")
    for source in course.sources:
        publisher = source.publisher or f"({head('publisher_none', lang)})"
        title = source.title or source.title_en
        date = f", {source.date}" if source.date else ""
        parts.append(f"- `{source.seed}` — {publisher}{date}. 「{title}」. {pick(source.kind, lang)}")
    parts.append(f"## {head('notes', lang)}")
    parts.append("\n".join(cites.definitions(lang)))
    return "\n\n".join(parts) + "\n"


def answer_key_markdown(course: Course, lang: str, seed: int | None = None) -> str:
    """The quiz with its answers. With `seed`, options are in the order a class quiz shows
    with that seed (`option_order`); without, in the authored order."""
    cites = Citations(course)
    steps = {step.id: lesson for lesson, step in course.steps()}
    parts = [f"# {head('key', lang)}: {pick(course.title, lang)}"]
    current = None
    for n, q in enumerate(sorted(course.questions, key=lambda q: course.lessons.index(steps[q.step])), 1):
        lesson = steps[q.step]
        if lesson is not current:
            parts.append(f"## {pick(lesson.title, lang)}")
            current = lesson
        kind = both_ways(f"qtype.{q.type}", lang)
        parts.append(f"**{n}. ({kind})** {pick(q.prompt, lang)}{cites.mark(q.sources)}")
        parts.append(question_body(q, lang, course, seed))
        parts.append(f"*{head('explanation', lang)}:* {pick(q.explanation, lang)}")
    parts.append("\n".join(cites.definitions(lang)))
    return "\n\n".join(parts) + "\n"


def question_body(q: Question, lang: str, course: Course, seed: int | None = None) -> str:
    if q.type in ("single", "multiple"):
        lines = []
        order = option_order(q, seed) if seed is not None else tuple(range(len(q.options)))
        for n, i in enumerate(order):
            option = q.options[i]
            mark = "✔" if option.correct else "✘"
            why = f" — {pick(option.why, lang)}" if option.why else ""
            lines.append(f"- {mark} **{letter(n)}.** {pick(option.text, lang)}{why}")
        return "\n".join(lines)
    if q.type == "myth_fact":
        return f"- {head('answer', lang)}: **{both_ways(f'verdict.{q.answer}', lang)}**"
    if q.type == "order":
        correct = "\n".join(f"{i}. {pick(t, lang)}" for i, t in enumerate(q.sequence, 1))
        if seed is None:
            return correct
        # As the class quiz shows it with this seed: lettered steps, and the letters in order.
        shown = sequence_order(q, seed)
        listed = "\n".join(f"- **{letter(n)}.** {pick(q.sequence[i], lang)}" for n, i in enumerate(shown))
        letters = " → ".join(letter(shown.index(i)) for i in range(len(q.sequence)))
        return f"{listed}\n\n- {head('answer', lang)}: **{letters}**\n\n{correct}"
    if q.type == "match":
        pairs = "\n".join(f"- {pick(p.left, lang)} → {pick(p.right, lang)}" for p in q.pairs)
        if seed is None:
            return pairs
        rights = pair_order(q, seed)
        listed = "\n".join(f"- **{letter(n)}.** {pick(q.pairs[i].right, lang)}" for n, i in enumerate(rights))
        letters = "  ".join(f"{n + 1}→{letter(rights.index(n))}" for n in range(len(q.pairs)))
        return f"{listed}\n\n- {head('answer', lang)}: **{letters}**\n\n{pairs}"
    term = course.term(q.term or "")
    answer = f"{term.ja} ({term.reading}) / {term.en}" if term else ", ".join(q.accept)
    return f"- {head('answer', lang)}: **{answer}**"


CSS = """
body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", system-ui, sans-serif;
       line-height: 1.6; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
h1 { font-size: 1.8rem; border-bottom: 3px solid #0b6e4f; padding-bottom: .3rem; }
h2 { margin-top: 2.4rem; border-bottom: 1px solid #ccc; color: #0b6e4f; }
h3 { margin-top: 1.6rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .92rem; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: #eef5f2; }
/* Who-says-what tables (a claim, then five articles): the claim column gets the room. */
th:first-child:nth-last-child(6), td:first-child:nth-last-child(6) { min-width: 14em; width: 40%; }
code { font-size: .85em; background: #f3f3f3; padding: 0 .2em; }
sup.footnote-ref a { text-decoration: none; }
section.footnotes { font-size: .85rem; }
section.footnotes ol { list-style: none; padding-left: 0; }
section.footnotes li::before { content: "[" counter(list-item) "] "; font-weight: bold; }
h2#contents + ul { columns: 2 18rem; column-gap: 2rem; font-size: .95rem; }
h2#contents + ul > li { break-inside: avoid; margin-bottom: .4rem; }
h2#contents + ul ul { padding-left: 1.2rem; font-size: .9em; }
/* The glossary: Japanese terms and readings never wrap (CJK text may break between any two
   characters, so an automatic layout squeezes those columns to one character); the table
   takes a wider measure than the prose so the definitions keep room. */
h2#glossary + table { table-layout: auto; width: min(72rem, calc(100vw - 2rem));
                      position: relative; left: 50%; transform: translateX(-50%); }
h2#glossary + table th:nth-child(1), h2#glossary + table td:nth-child(1),
h2#glossary + table th:nth-child(2), h2#glossary + table td:nth-child(2) { white-space: nowrap; }
h2#glossary + table td:nth-child(2) { font-size: .88em; color: #333; }
h2#glossary + table td:nth-child(1) { min-width: 5em; font-weight: bold; }
h2#glossary + table td:nth-child(3) { min-width: 9em; }
h2#glossary + table th:nth-child(4) { width: 45%; }
h2#glossary + table td:nth-child(4) { min-width: 18em; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; color: #000; }
  h2 { page-break-before: always; break-before: page; }
  h1 + p + p + h2 { page-break-before: avoid; break-before: avoid; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  table, tr, li { page-break-inside: avoid; break-inside: avoid; }
  a { color: #000; text-decoration: none; }
  h2#glossary + table { width: 100%; left: 0; transform: none; font-size: 9pt; }
  h2#contents + ul { columns: 2; }
}
"""


NUMBERED = re.compile(r"(\d+)\.(\d+)? ")  # "2. Lesson" or "2.3 Step"


def heading_ids(lang: str) -> Callable[[str], str]:
    """A heading's id: `lesson-N` for "N. title", `step-N-M` for "N.M title", a fixed id for
    the end matter (whatever its language), else a slug of its text."""
    named = {head(key, lang): ident for key, ident in END_MATTER.items()} | {
        head("contents", lang): "contents"
    }

    def slug(title: str) -> str:
        if title in named:
            return named[title]
        numbered = NUMBERED.match(title)
        if numbered:
            lesson, step = numbered.groups()
            return f"step-{lesson}-{step}" if step else f"lesson-{lesson}"
        return slugify(title) or "section"

    return slug


def to_html(markdown: str, title: str, lang: str, css: str = "") -> str:
    """A self-contained page; `css` is added after the handout's own stylesheet."""
    md = (
        MarkdownIt("commonmark", {"html": False, "typographer": False})
        .enable("table")
        .use(footnote_plugin)
        .use(anchors_plugin, min_level=1, max_level=3, slug_func=heading_ids(lang))
    )
    body = md.render(markdown)
    return (
        f'<!DOCTYPE html>\n<html lang="{single(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{CSS}{css}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
