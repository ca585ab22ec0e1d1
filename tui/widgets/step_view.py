"""The current step: titles and its items as blocks; one unit is selected at a time."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message

from tui.content.linking import TermIndex
from tui.content.model import Disagreement, Lesson, Step, Text
from tui.content.units import Unit, block_count, step_units
from tui.i18n import t
from tui.richtext import to_content
from tui.widgets.comparison import ComparisonTable
from tui.widgets.labels import pick
from tui.widgets.measure import measure
from tui.widgets.unit_view import Block, unit_body

Spec = tuple[str, Content | ComparisonTable, Unit | None]


class StepView(VerticalScroll):
    """Shows one step. The screen hands it the step and language; it never fetches data.

    The view keeps focus itself and marks the selected unit with a class, so moving between
    steps changes no focus (and so re-renders little).
    """

    # Page and arrow keys step through the course (clickers send PageDown/PageUp), so the
    # scroll bindings inherited from VerticalScroll are overridden here.
    BINDINGS = [
        Binding("down,j", "move(1)", "key.next_item", show=False),
        Binding("up,k", "move(-1)", "key.previous_item", show=False),
        Binding("right,space,n,pagedown", "screen.next", "Next", show=False),
        Binding("left,p,pageup", "screen.previous", "Back", show=False),
    ]

    @dataclass
    class Selected(Message):
        """The reader selected a unit (or none)."""

        unit: Unit | None

    @dataclass
    class TermClicked(Message):
        """A glossary term in the text was clicked."""

        term: str

    @dataclass
    class LinkClicked(Message):
        """A Markdown link in the text was clicked (the screen decides whether to open it)."""

        href: str

    def __init__(self, index: TermIndex | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.term_index = index
        self.blocks: list[Block] = []
        self.units: list[Block] = []
        self.selected = -1
        self._marked: Block | None = None  # the block with the -selected class
        self.shown: tuple[str, str] | None = None  # (step id, language) of the blocks on view
        self._specs: dict[tuple[str, str], list[Spec]] = {}

    def show(self, lesson: Lesson, step: Step, language: str) -> None:
        """Replace what is shown with `step` in `language`."""
        key = (step.id, language)
        if key not in self._specs:
            self._specs[key] = self._build(lesson, step, language)
        specs = self._specs[key]
        self.shown = key
        new = [Block() for _ in range(len(specs) - len(self.blocks))]
        self.blocks.extend(new)
        with self.app.batch_update():
            for block, (kind, body, unit) in zip(self.blocks, specs, strict=False):
                block.set_block(kind, body, unit)
            if new:  # mounted once their classes are set: styled once, not twice
                self.mount_all(new)
            for block in self.blocks[len(specs) :]:
                block.display = False
            self.units = [block for block in self.blocks[: len(specs)] if block.kind == "unit"]
            self.selected = -1
            # The screen shows the first unit's sources itself, in the same frame as the step;
            # the step opens at its top (its titles), however tall its first unit.
            self.select(0, announce=False, reveal=False)
        self.scroll_home(animate=False)

    def reserve(self, count: int) -> None:
        """Mount hidden blocks up to `count` (while idle), so no step has to mount any."""
        missing = count - len(self.blocks)
        if missing > 0:
            new = [Block() for _ in range(missing)]
            for block in new:
                block.display = False
            self.blocks.extend(new)
            self.mount_all(new)

    def prepare(self, lesson: Lesson, step: Step, language: str) -> Unit | None:
        """Build a step's blocks ahead of time (called when idle for the next step), and
        measure them at the widths the blocks on view have now: showing the step then finds
        each block's height (and each table's lines) already worked out. Returns the unit the
        step will open on."""
        key = (step.id, language)
        if key not in self._specs:
            self._specs[key] = self._build(lesson, step, language)
        widths = {
            (block.kind, block.has_class("side")): block.content_region.width
            for block in reversed(self.blocks)
            if block.display and block.kind
        }
        for kind, body, unit in self._specs[key]:
            side = unit is not None and isinstance(unit.item, Disagreement)
            width = widths.get((kind, side))
            if not width:
                continue  # no block of this kind on view: measured when shown
            if isinstance(body, ComparisonTable):
                body.warm(self.app.console, self.app.console_options.update_width(width))
            else:
                measure(body, self.blocks[0], width)
        return next((unit for kind, _, unit in self._specs[key] if kind == "unit"), None)

    @staticmethod
    def block_count(step: Step) -> int:
        """How many blocks `_build` makes for a step (without building them)."""
        return block_count(step)

    def _build(self, lesson: Lesson, step: Step, language: str) -> list[Spec]:
        """The blocks of a step (cached per step and language: content never changes)."""
        specs: list[Spec] = [
            ("heading", Content.styled(pick(lesson.title, language), "italic $text-muted"), None),
            ("heading", Content.styled(pick(step.title, language), "bold $text-accent"), None),
        ]
        for item, units in step_units(step):
            caption: Text | None = getattr(item, "caption", None) or getattr(item, "topic", None)
            if caption is not None:
                specs.append(("caption", to_content(pick(caption, language), self.term_index), None))
            for unit in units:
                specs.append(("unit", unit_body(unit, language, self.term_index), unit))
            if isinstance(item, Disagreement):
                why = Content.styled(t("why_conflict", language) + ": ", "bold")
                specs.append(
                    (
                        "explanation",
                        why + to_content(pick(item.explanation, language), self.term_index),
                        None,
                    )
                )
        return specs

    @property
    def selected_unit(self) -> Unit | None:
        return self.units[self.selected].unit if 0 <= self.selected < len(self.units) else None

    def select(self, index: int, *, announce: bool = True, reveal: bool = True) -> None:
        """Select a unit; with `announce`, tell the screen (a key or click moved the selection);
        with `reveal`, scroll it into view."""
        if not self.units:
            self.selected = -1
            if self._marked is not None:
                self._marked.remove_class("-selected")
                self._marked = None
            if announce:
                self.post_message(self.Selected(None))
            return
        index = max(0, min(index, len(self.units) - 1))
        self.selected = index
        block = self.units[index]
        # The mark moves only when another block is selected: a step that selects the same
        # pooled block as the last one restyles nothing.
        if self._marked is not block:
            if self._marked is not None:
                self._marked.remove_class("-selected")
                self._marked.reveal = False
            block.add_class("-selected")
            self._marked = block
        block.reveal = reveal
        if reveal:
            block.scroll_visible(animate=False)
        if announce:
            self.post_message(self.Selected(block.unit))

    # Names used by the screen and tests.
    def focus_unit(self, index: int) -> None:
        self.select(index)

    def current_index(self) -> int:
        return self.selected

    def action_move(self, delta: int) -> None:
        self.select(self.selected + delta)

    @on(Block.Clicked)
    def _clicked(self, event: Block.Clicked) -> None:
        if event.block in self.units:
            self.select(self.units.index(event.block))
        if event.term:
            self.post_message(self.TermClicked(event.term))
        if event.href:
            self.post_message(self.LinkClicked(event.href))
        self.focus()
