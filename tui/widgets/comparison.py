"""A comparison table that picks its layout when it is drawn: a grid whose columns fit their
words at the width it is given, or, when no grid fits, one card per row.

Deciding in `__rich_console__` means the choice uses the real content width of whatever shows
it (a step block or a slide) and is made again on every resize.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from tui.content.records import Record, record
from tui.content.tablefit import allocate, column_bounds

BADGE_STYLE = "bold reverse"
RULE_STYLE = "dim"
MAX_WIDTHS = 4  # laid-out widths kept per table (a resize adds one)


@record
class Row(Record):
    """One row's cells (plain text, never markup) and its strength label."""

    cells: tuple[str, ...]
    strength: str


class ComparisonTable:
    """Columns × rows of plain text plus a strength column; only the first `shown` rows are
    drawn, but the layout is decided on every row so revealing one does not change it."""

    def __init__(
        self, headers: Sequence[str], rows: Sequence[Row], strength_header: str, shown: int | None = None
    ) -> None:
        self.headers = tuple(headers)
        self.rows = tuple(rows)
        self.strength_header = strength_header
        self.shown = self.rows[:shown]
        columns = [[header, *(row.cells[i] for row in self.rows)] for i, header in enumerate(self.headers)]
        columns.append([strength_header, *(row.strength for row in self.rows)])
        self.bounds = [column_bounds(texts) for texts in columns]
        self._lines: dict[tuple[object, ...], list[list[Segment]]] = {}

    def widths(self, width: int) -> tuple[int, ...] | None:
        """Text widths of the grid's columns at `width`, or None when the rows are stacked."""
        return allocate(self.bounds, width, rigid=1)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Textual renders a Rich renderable twice per layout (once to measure its height, once
        # to draw it), and a grid of wrapped cells is slow to lay out (~3 ms): the lines are
        # kept per width, and a step view fills them in ahead (`warm`) while idle.
        key = (options.max_width, options.justify, options.ascii_only, options.legacy_windows)
        lines = self._lines.get(key)
        if lines is None:
            # Laid out whole (no height): a drawing cut to the rows on view must not be kept
            # as the table, or its measured height would shrink to that cut.
            whole = options.reset_height()
            lines = console.render_lines(self.layout(options.max_width), whole, pad=False)
            if len(self._lines) >= MAX_WIDTHS:
                self._lines.pop(next(iter(self._lines)))
            self._lines[key] = lines
        newline = Segment.line()
        for line in lines:
            yield from line
            yield newline

    def layout(self, width: int) -> RenderableType:
        """A grid whose columns fit at `width`, or one card per row when none does."""
        widths = self.widths(width)
        return Group(*self.cards(width)) if widths is None else self.grid(widths)

    def warm(self, console: Console, options: ConsoleOptions) -> None:
        """Lay the table out now for `options` (its width), so drawing it later is a lookup."""
        for _ in console.render(self, options):
            pass

    def grid(self, widths: Sequence[int]) -> Table:
        table = Table(show_lines=True, header_style="bold")
        for header, width in zip(self.headers, widths, strict=False):
            table.add_column(Text(header), width=width, overflow="fold")
        table.add_column(Text(self.strength_header), width=widths[-1], no_wrap=True)
        for row in self.shown:
            table.add_row(*(Text(cell) for cell in row.cells), Text(row.strength))
        return table

    def cards(self, width: int) -> list[Text]:
        """One card per row: the first cell as a bold title with the strength badge, then
        `column: value` for the rest; a faint rule between cards."""
        out: list[Text] = []
        for n, row in enumerate(self.shown):
            if n:
                out.append(Text("─" * width, style=RULE_STYLE))
            out.append(
                Text.assemble((row.cells[0], "bold"), "  ", (f" {row.strength.upper()} ", BADGE_STYLE))
            )
            for header, cell in zip(self.headers[1:], row.cells[1:], strict=False):
                out.append(Text.assemble((header.replace("\n", " / ") + ": ", "italic"), cell))
        return out
