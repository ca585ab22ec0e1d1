"""Blocks of a step: claims (selectable, with a strength badge), captions and explanations."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from tui.content.linking import TermIndex
from tui.content.model import Disagreement, Ordered, Slip, Table
from tui.content.units import Unit, numbered
from tui.i18n import t
from tui.richtext import parse_inline, to_content
from tui.widgets.comparison import ComparisonTable
from tui.widgets.comparison import Row as TableRow
from tui.widgets.labels import badge, pick


def unit_content(unit: Unit, language: str, index: TermIndex | None) -> Content:
    """The text of a unit: badge, marker, label and text, terms linked."""
    item = unit.item
    parts: list[Content] = []
    if unit.strength is not None:
        parts += [badge(unit.strength, language), Content(" ")]
    if isinstance(item, Slip):
        parts.append(Content.styled(f"「{item.original}」 {t('sic', language)}", "bold"))
        if item.intended:
            parts.append(Content(f"  → {t('intended', language)} 「{item.intended}」"))
        parts.append(Content("\n"))
        parts.append(to_content(pick(item.note, language), index))
        return Content("").join(parts)
    entry = unit.entry
    label = pick(entry.label, language) if entry is not None and entry.label is not None else None
    if isinstance(item, Ordered):
        if not numbered(label, unit.index + 1):
            parts.append(Content.styled(f"{unit.index + 1}. ", "bold"))
    elif isinstance(item, Disagreement):
        parts.append(Content.styled(f"{chr(ord('A') + unit.index)}. ", "bold"))
    elif entry is not None:
        parts.append(Content("• "))
    if label is not None:
        parts.append(to_content(label, index, style="bold"))
        parts.append(Content("\n"))
    text = entry.text if entry is not None else getattr(item, "text", None)
    if text is not None:
        parts.append(to_content(pick(text, language), index))
    return Content("").join(parts)


def table_renderable(table: Table, language: str, rows: int | None = None) -> ComparisonTable:
    """A comparison table (its first `rows` rows) of plain text, never markup, laid out as a
    grid or as cards for the width it is drawn at."""
    return ComparisonTable(
        [parse_inline(pick(column, language))[0] for column in table.columns],
        [
            TableRow(
                tuple(parse_inline(pick(cell, language))[0] for cell in row.cells),
                t(f"strength.{row.strength.value}", language),
            )
            for row in table.rows
        ],
        t("strength", language),
        rows,
    )


def unit_body(unit: Unit, language: str, index: TermIndex | None) -> Content | ComparisonTable:
    if isinstance(unit.item, Table):
        return table_renderable(unit.item, language)
    return unit_content(unit, language, index)


BLOCK_KINDS = ("unit", "caption", "explanation", "heading")


class Block(Static):
    """A reusable line block of the step view. A `unit` block holds one selectable claim.

    Blocks are pooled and updated in place, so moving between steps mounts nothing.
    """

    @dataclass
    class Clicked(Message):
        """The block was clicked; `term` is set when the click landed on a glossary term."""

        block: Block
        term: str | None
        href: str | None = None

    def __init__(self) -> None:
        super().__init__("")
        self.unit: Unit | None = None
        self.kind = ""
        self.reveal = False  # selected by a key, click or jump: keep it in view as it is sized

    def set_block(self, kind: str, body: Content | ComparisonTable, unit: Unit | None = None) -> None:
        self.unit = unit
        # One batch: each class change on its own restyles the block (~0.3 ms each).
        classes = {name: name == kind for name in BLOCK_KINDS}
        if unit is not None:
            classes["side"] = isinstance(unit.item, Disagreement)
        self.update_classes(classes, update=self.is_attached)  # a new block is styled as it mounts
        self.kind = kind
        self.update(body)
        self.display = True

    def on_resize(self, event: events.Resize) -> None:
        # A block is sized only once laid out: a unit selected before that (a jump to a unit
        # of a step that needed new blocks) is scrolled into view now.
        if self.reveal and self.has_class("-selected"):
            self.scroll_visible(animate=False)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        meta = event.style.meta
        self.post_message(self.Clicked(self, meta.get("term"), meta.get("href")))
