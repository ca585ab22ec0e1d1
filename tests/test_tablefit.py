"""Comparison tables: a grid only when no word is split, otherwise one card per row.

Pure tests of the width arithmetic, then the real course's and the mini course's tables
rendered at 60 columns and at the walkthrough's and the classroom's real widths.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from textual.geometry import Region
from textual.widget import Widget

from tests.conftest import MINI
from tui import cjkwrap
from tui.app import make_app
from tui.content import tablefit
from tui.content.loader import load_course
from tui.content.model import Course, Table
from tui.content.paths import default_course_root
from tui.content.tablefit import (
    CJK,
    JA_MIN_CHARS,
    JA_SLACK,
    LATIN_MIN_CELLS,
    Bounds,
    allocate,
    grid_overhead,
    line_minimum,
    text_bounds,
)
from tui.richtext import parse_inline
from tui.screens.classroom import ClassroomRequest
from tui.widgets.comparison import ComparisonTable
from tui.widgets.comparison import Row as TableRow
from tui.widgets.labels import pick
from tui.widgets.unit_view import Block, table_renderable

LANGUAGES = ("en", "ja", "both")
_LATIN_WORD = re.compile(rf"[^\s{CJK}]*[A-Za-z0-9][^\s{CJK}]*")
_JAPANESE = re.compile(f"[{CJK}]")


@cache
def course(name: str) -> Course:
    return load_course(default_course_root() if name == "real" else MINI)


def tables(name: str) -> list[tuple[str, Table]]:
    return [
        (step.id, item) for _, step in course(name).steps() for item in step.items if isinstance(item, Table)
    ]


@pytest.fixture(autouse=True)
def _japanese_wraps() -> Iterator[None]:
    """Wrap Japanese between characters, as the app does."""
    cjkwrap.install()
    yield
    cjkwrap.uninstall()


# -- the arithmetic ----------------------------------------------------------------------------


def test_cjk_range_matches_the_wrapper() -> None:
    assert CJK == cjkwrap.CJK


def regex_line_minimum(line: str) -> int:
    """`line_minimum` as it was written with regular expressions (the reference)."""
    cjk_char = re.compile(f"[{CJK}]")
    kana_kanji = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
    unbreakable = re.compile(rf"[^\s{CJK}]+")
    width = cell_len(line)
    longest = max((cell_len(word) for word in unbreakable.findall(line)), default=0)
    japanese = sum(2 for _ in cjk_char.finditer(line))
    if 2 * japanese < width:
        return max(longest, min(width, LATIN_MIN_CELLS))
    ribbon = 2 * JA_MIN_CHARS
    after = [cell_len(m.group()) for m in unbreakable.finditer(line) if kana_kanji.search(line, 0, m.start())]
    if after:
        ribbon = max(ribbon, max(after) + 2 + 2 * (JA_MIN_CHARS - JA_SLACK))
    return max(longest, min(width, ribbon))


def test_character_ranges_are_the_classes_they_replace() -> None:
    """The code point ranges are the regular expression classes they stand for (CJK), and
    `line_minimum` gives what the regular expressions gave, for every text of the course and
    for random mixes of Latin, kana, kanji, punctuation, full-width and odd spaces."""
    ranges = {(int(low, 16), int(high, 16)) for low, high in re.findall(r"\\u(\w{4})-\\u(\w{4})", CJK)}
    assert ranges == set(tablefit._CJK_RANGES)
    texts = [
        pick(text, language)
        for _, table in tables("real")
        for row in table.rows
        for text in (*row.cells, row.text)
        for language in ("en", "ja")
    ]
    pool = "ab Z9-_./ 幹細胞ぁカ゚ー、。「」（）ＡＢ１　\u00a0\t" + "".join(
        chr(edge + step)
        for low, high in tablefit._KANA_KANJI_RANGES + tablefit._CJK_RANGES
        for edge in (low, high)
        for step in (-1, 0, 1)
    )
    chooser = random.Random(7)
    texts += ["".join(chooser.choice(pool) for _ in range(chooser.randrange(1, 40))) for _ in range(3000)]
    for text in texts:
        for line in text.split("\n"):
            assert line_minimum(line) == regex_line_minimum(line), repr(line)


def test_latin_column_is_as_wide_as_its_longest_word() -> None:
    assert text_bounds("self-renewal-and-differentiation claim") == Bounds(32, 38)
    assert text_bounds("Article\n記事") == Bounds(7, 7)


def test_latin_column_holds_more_than_one_word_a_line() -> None:
    assert text_bounds("can differentiate (change)") == Bounds(LATIN_MIN_CELLS, 26)


def test_japanese_needs_room_for_six_characters_or_its_whole_line() -> None:
    assert text_bounds("さまざまな細胞に分化できる") == Bounds(2 * JA_MIN_CHARS, 26)
    assert text_bounds("記載なし") == Bounds(8, 8)


def test_latin_word_in_japanese_leaves_room_beside_it() -> None:
    line = "混在:見出しは expected、メカニズム"
    assert text_bounds(line).minimum == cell_len("expected") + 2 + 2 * (JA_MIN_CHARS - JA_SLACK)


def test_japanese_phrase_in_english_may_wrap() -> None:
    assert text_bounds("a self-repair function (自己修復機能), not self-renewal").minimum == LATIN_MIN_CELLS


def test_allocation_fills_the_width_and_respects_every_minimum() -> None:
    bounds = [Bounds(7, 17), Bounds(13, 60), Bounds(12, 40), Bounds(11, 11)]
    for width in range(40, 140):
        widths = allocate(bounds, width, rigid=1)
        room = width - grid_overhead(len(bounds))
        if room < sum(b.minimum for b in bounds):
            assert widths is None
            continue
        assert widths is not None
        assert sum(widths) == room
        assert all(w >= b.minimum for w, b in zip(widths, bounds, strict=True))
        if room >= sum(b.natural for b in bounds):
            assert widths[-1] == 11  # the strength column does not grow


def test_widths_follow_the_content_not_equal_shares() -> None:
    widths = allocate([Bounds(3, 3), Bounds(10, 80), Bounds(6, 6)], 60, rigid=1)
    assert widths is not None and widths[0] == 3 and widths[2] == 6 and widths[1] == 60 - 10 - 9


# -- checks on rendered text ----------------------------------------------------------------------


def texts(table: Table, language: str) -> tuple[list[str], list[list[str]]]:
    """The headers and rows, as plain text in `language`."""
    headers = [parse_inline(pick(c, language))[0] for c in table.columns]
    rows = [[parse_inline(pick(c, language))[0] for c in row.cells] for row in table.rows]
    return headers, rows


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def grid_cells(lines: list[str]) -> list[list[list[str]]]:
    """The grid's rows (header first), each a list of columns, each the lines of one cell."""
    rows: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in lines:
        if line[:1] in "┏┡├└":
            if current:
                rows.append(current)
            current = []
        elif line[:1] in "│┃":
            segments = [s.strip() for s in re.split("[│┃]", line)[1:-1]]
            if not current:
                current = [[] for _ in segments]
            for cell, segment in zip(current, segments, strict=True):
                if segment:
                    cell.append(segment)
    return rows


def check_rendered(lines: list[str], table: Table, language: str, grid: bool) -> None:
    headers, rows = texts(table, language)
    if grid:
        rendered = grid_cells(lines)
        assert len(rendered) == len(rows) + 1
        for got, want in zip(rendered, [headers, *rows], strict=True):
            for cell_lines, text in zip(got, want, strict=False):
                assert squash("".join(cell_lines)) == squash(text)
                for word in _LATIN_WORD.findall(text):
                    found = sum(line.count(word) for line in cell_lines)
                    assert found >= text.count(word), f"{word!r} split in {cell_lines}"
                if language == "ja" and _JAPANESE.search(text):
                    for line in cell_lines[:-1]:
                        assert len(line) >= JA_MIN_CHARS - JA_SLACK, f"ribbon {cell_lines}"
    else:
        whole = "\n".join(lines)
        assert not whole.lstrip().startswith("┏")
        for row in rows:
            for text in row:  # every cell is on its card
                assert squash(text) in squash(whole)
        # the first column heading is not shown: its values are the cards' titles
        sources = "\n".join(headers[1:] + [cell for row in rows for cell in row]).lower()
        for word in set(_LATIN_WORD.findall(sources)):
            assert whole.lower().count(word) >= sources.count(word), f"{word!r} split"


def rendered_at(renderable: ComparisonTable, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text().splitlines()


# -- the real course and the mini course at 60 columns --------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["real", "mini"])
def test_tables_at_60_columns_keep_words_whole(name: str, language: str) -> None:
    found = tables(name)
    assert found
    for _step, table in found:
        renderable = table_renderable(table, language)
        widths = renderable.widths(60)
        if widths is not None:
            assert sum(widths) + grid_overhead(len(widths)) == 60
            assert all(w >= b.minimum for w, b in zip(widths, renderable.bounds, strict=True))
        check_rendered(rendered_at(renderable, 60), table, language, grid=widths is not None)


def test_cards_hold_every_cell_and_the_badge() -> None:
    _, table = tables("real")[0]
    renderable = table_renderable(table, "en")
    assert renderable.widths(40) is None
    lines = rendered_at(renderable, 40)
    assert lines[0].startswith("000 (CZEN CLINIC)") and lines[0].rstrip().endswith("STATED")
    assert any(line.startswith("Becoming other cells: can differentiate") for line in lines)
    assert sum(line.startswith("─") for line in lines) == len(table.rows) - 1


def test_slide_keeps_the_layout_while_rows_are_revealed() -> None:
    _, table = tables("real")[0]
    whole, first = table_renderable(table, "ja"), table_renderable(table, "ja", rows=1)
    for width in range(40, 120):
        assert (whole.widths(width) is None) == (first.widths(width) is None)


# -- at the widths the app really gives them ----------------------------------------------------


def block_lines(widget: Widget) -> list[str]:
    """The widget's text as drawn, inside its padding and border."""
    left = widget.styles.gutter.left
    width = widget.content_region.width
    return [
        strip.text[left : left + width].rstrip()
        for strip in widget.render_lines(Region(0, 0, *widget.outer_size))
    ]


def check_course_at(width: int) -> None:
    for language in LANGUAGES:
        for _step, table in tables("real"):
            renderable = table_renderable(table, language)
            grid = renderable.widths(width) is not None
            check_rendered(rendered_at(renderable, width), table, language, grid)


@pytest.mark.parametrize(("size", "step_width"), [((80, 24), 75), ((120, 36), 61)], ids=["80x24", "120x36"])
async def test_walkthrough_tables_keep_words_whole(
    tmp_path: Path, size: tuple[int, int], step_width: int
) -> None:
    """The step column is 75 cells at 80×24 (side panes collapse) and 61 at 120×36
    (a 66-column step less its padding, badge indent and scrollbar)."""
    app = make_app(course("real"), tmp_path / "data", save=False)
    step_id, table = tables("real")[0]
    async with app.run_test(size=size) as pilot:
        app.screen.jump_to_step(step_id)  # type: ignore[attr-defined]
        for language in LANGUAGES:
            app.language = language  # type: ignore[assignment]
            await pilot.pause()
            [block] = [b for b in app.screen.query(Block) if b.unit is not None and b.unit.item is table]
            assert block.content_region.width == step_width
            lines = [line for line in block_lines(block) if line.strip()]
            check_rendered(lines, table, language, grid=lines[0].startswith("┏"))
    check_course_at(step_width)


async def test_slide_tables_keep_words_whole(tmp_path: Path) -> None:
    app = make_app(course("real"), tmp_path / "data", save=False, classroom=ClassroomRequest())
    step_id, table = tables("real")[0]
    async with app.run_test(size=(120, 36)) as pilot:
        app.screen.go(step_id, 99)  # type: ignore[attr-defined]
        for language in LANGUAGES:
            app.language = language  # type: ignore[assignment]
            await pilot.pause()
            await pilot.pause()  # the slide is mounted afresh, then laid out
            [slide] = app.screen.query(".slide-table")
            lines = [line for line in block_lines(slide) if line.strip()]
            check_rendered(lines, table, language, grid=lines[0].startswith("┏"))
            width = slide.content_region.width
    assert width > 60
    check_course_at(width)


def test_a_table_drawn_cut_short_is_still_measured_whole() -> None:
    """Textual draws a block cut to the rows on view; the table keeps its laid-out lines per
    width, and a cut drawing must not become its height (the last rows went missing)."""
    from rich.console import Console

    table = ComparisonTable(["Thing", "Size"], [TableRow(("Exosome", "30–150 nm"), "stated")] * 4, "strength")
    console = Console(width=60, record=False)
    fresh = ComparisonTable(table.headers, table.rows, "strength")
    whole = len(console.render_lines(fresh, console.options.update_width(40)))
    cut = console.render_lines(table, console.options.update(width=40, height=3))  # drawn first
    assert len(cut) == 3 and whole > 3
    assert len(console.render_lines(table, console.options.update_width(40))) == whole
