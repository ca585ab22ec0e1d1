"""A step as a slide revealed one piece at a time: bullet, table row, side or signalling step."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from tui.content.linking import TermIndex
from tui.content.model import (
    Bullets,
    Course,
    Disagreement,
    Item,
    NoteKind,
    Ordered,
    Paragraph,
    Slip,
    SourceRef,
    Step,
    Strength,
    Table,
)
from tui.content.units import Unit
from tui.i18n import t
from tui.richtext import to_content
from tui.widgets.comparison import ComparisonTable
from tui.widgets.labels import badge, pick
from tui.widgets.unit_view import table_renderable, unit_content


def pieces(item: Item) -> int:
    """How many keypresses reveal this item completely."""
    if isinstance(item, Bullets | Ordered):
        return len(item.entries)
    if isinstance(item, Table):
        return len(item.rows)
    if isinstance(item, Disagreement):
        return len(item.sides) + 1  # then the explanation
    return 1


def reveal_total(step: Step) -> int:
    return sum(pieces(item) for item in step.items)


@dataclass(frozen=True)
class SlideBlock:
    kind: str  # text | caption | diagram | table | explanation | cite
    body: Content | ComparisonTable
    lit: bool = True


def cite_content(
    refs: tuple[SourceRef, ...], course: Course, lang: str, strength: Strength | None, quotes: bool
) -> Content:
    """The compact source line under a revealed item: article number, clinic, strength badge;
    with `quotes`, each verbatim quote below it."""
    parts: list[Content] = []
    seen: set[tuple[str, str]] = set()
    for ref in refs:
        # Without quotes, one line per article and strength: three quotes from 002 read as one.
        key = (ref.seed, ref.quote if quotes else str(ref.strength or strength))
        if key in seen:
            continue
        seen.add(key)
        source = course.source(ref.seed)
        clinic = source.publisher if source and source.publisher else t("no_publisher", lang)
        label = Content.assemble(("▸ ", "$text-muted"), (ref.seed[:3], "bold $text-accent"), f" {clinic} ")
        label += badge(ref.strength or strength, lang)
        if quotes:
            label += Content.assemble("\n   「", (ref.quote, "italic"), "」")
        parts.append(label)
    return Content("\n" if quotes else "   ").join(parts)


def slide_blocks(
    step: Step,
    lang: str,
    reveal: int,
    index: TermIndex | None,
    course: Course | None = None,
    quotes: bool = False,
) -> list[SlideBlock]:
    """Blocks for `step` with `reveal` pieces shown. Ordered items are a step diagram:
    every box is drawn, and the first `visible` ones light up. With `course`, each revealed
    item is followed by its source line (the course's promise: every claim is traced)."""
    blocks: list[SlideBlock] = []
    seen = 0

    def cite(refs: tuple[SourceRef, ...], strength: Strength | None) -> None:
        if course is not None and refs:
            blocks.append(SlideBlock("cite", cite_content(refs, course, lang, strength, quotes)))

    for item in step.items:
        n = pieces(item)
        visible = max(0, min(n, reveal - seen))
        seen += n
        caption = getattr(item, "caption", None) or getattr(item, "topic", None)
        if isinstance(item, Ordered):
            if caption:
                blocks.append(SlideBlock("caption", to_content(pick(caption, lang), index)))
            for i, entry in enumerate(item.entries):
                unit = Unit(item, entry, i, entry.strength, entry.sources)
                body = unit_content(unit, lang, index)
                if i >= visible:  # unlit: no badge colours or links either, so the lit box stands out
                    body = Content(body.plain)
                blocks.append(SlideBlock("diagram", body, lit=i < visible))
                if i < visible:
                    cite(entry.sources, entry.strength)
            continue
        if visible == 0:
            break
        if caption:
            blocks.append(SlideBlock("caption", to_content(pick(caption, lang), index)))
        if isinstance(item, Table):
            blocks.append(SlideBlock("table", table_renderable(item, lang, visible)))
            for row in item.rows[:visible]:
                cite(row.sources, row.strength)
        elif isinstance(item, Bullets | Disagreement):
            entries = item.entries if isinstance(item, Bullets) else item.sides
            for i, entry in enumerate(entries[:visible]):
                unit = Unit(item, entry, i, entry.strength, entry.sources)
                blocks.append(SlideBlock("text", unit_content(unit, lang, index)))
                cite(entry.sources, entry.strength)
            if isinstance(item, Disagreement) and visible > len(item.sides):
                why = Content.styled(t("why_conflict", lang) + ": ", "bold")
                blocks.append(
                    SlideBlock("explanation", why + to_content(pick(item.explanation, lang), index))
                )
        elif isinstance(item, Paragraph | Slip):
            strength = item.strength if isinstance(item, Paragraph) else None
            blocks.append(
                SlideBlock("text", unit_content(Unit(item, None, 0, strength, item.sources), lang, index))
            )
            cite(item.sources, strength)
    return blocks


NOTE_MARK = {NoteKind.POINT: "▸", NoteKind.ASK: "?", NoteKind.PITFALL: "⚠"}
NOTE_STYLE = {
    NoteKind.POINT: "$text-accent",
    NoteKind.ASK: "$text-success",
    NoteKind.PITFALL: "$text-warning",
}


def notes_content(step: Step, lang: str) -> Content:
    if not step.notes:
        return Content.styled(t("class.no_notes", lang), "italic $text-muted")
    lines = []
    for note in step.notes:
        # A mark, not a word: the notes themselves begin "Ask the class…", "Point at…".
        label = Content.styled(f"{NOTE_MARK[note.kind]} ", f"bold {NOTE_STYLE[note.kind]}")
        lines.append(label + to_content(pick(note.text, lang)))
        for ref in note.sources:
            lines.append(Content.styled(f"   {ref.seed} 「{ref.quote}」", "$text-muted"))
    return Content("\n").join(lines)
