"""The bench's floor app (bench/floor.py) shows what the explainer shows, step for step: it is
only a fair floor if it draws the same screen."""

from __future__ import annotations

import pytest
from textual.widgets import Static, Tree

from bench.floor import Floor, record
from tests.conftest import plain
from tui.widgets.comparison import ComparisonTable


def text(visual: object) -> str:
    """A block's text; a table by its cells."""
    if isinstance(visual, ComparisonTable):
        return " | ".join([*visual.headers, *(cell for row in visual.rows for cell in row.cells)])
    return str(visual)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_floor_draws_the_steps_the_explainer_drew(size: tuple[int, int]) -> None:
    keys = ["right", "right", "right_square_bracket", "left"]
    route = await record(size, "en", keys)
    app = Floor(route)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for n, key in enumerate(["", *keys]):
            if key:
                await pilot.press(key)
                await pilot.pause()
            frame, screen = route.frames[n], app.screen
            shown = [
                text(block.content)
                for block in screen.query(Static)
                if block.display and "Block" in type(block).__name__
            ]
            recorded = [text(visual) for display, _, visual in frame.blocks if display]
            assert shown == recorded and shown
            assert plain(screen.query_one("#progress", Static)) == str(frame.progress)
            assert plain(screen.query_one("#source-body", Static)) == str(frame.sources) != ""
            outline = screen.query_one("#outline", Tree)
            node = outline.cursor_node
            assert node is not None and node.parent is not None
            lessons = list(outline.root.children)
            assert (lessons.index(node.parent), list(node.parent.children).index(node)) == frame.cursor
