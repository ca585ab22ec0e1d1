"""The "who says what" screen: opening it, its rows and cells, quotes, cards, filters, 80x24."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from tests.conftest import MINI, MINI_SEEDS, plain
from tui.app import make_app
from tui.content.loader import load_course
from tui.content.matrix import build_matrix
from tui.content.provenance import Article
from tui.content.units import card_places
from tui.screens.cell_quotes import CellQuotes
from tui.screens.walkthrough import WalkthroughScreen
from tui.screens.who_says_what import TOPIC, WhoSaysWhat
from tui.widgets.step_view import StepView

COURSE = load_course(MINI)
MATRIX = build_matrix(COURSE)
A, B = "100_alpha.txt", "101_beta.txt"


def row_keys(screen: WhoSaysWhat) -> list[str]:
    return [str(key.value) for key in screen.query_one(DataTable).rows]


def claim_rows(screen: WhoSaysWhat) -> list[str]:
    return [key for key in row_keys(screen) if not key.startswith(TOPIC)]


async def open_matrix(app, pilot) -> WhoSaysWhat:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("w")
    await pilot.pause()
    assert isinstance(app.screen, WhoSaysWhat)
    return app.screen


async def test_w_opens_every_row_under_its_topic_and_esc_goes_back(tmp_path: Path) -> None:
    app = make_app(COURSE, tmp_path, save=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(app, pilot)
        assert claim_rows(screen) == [row.id for row in MATRIX.rows]
        headings = [key[len(TOPIC) :] for key in row_keys(screen) if key.startswith(TOPIC)]
        assert headings == [topic.id for topic in MATRIX.topics if MATRIX.rows_for(topic.id)]
        table = screen.query_one(DataTable)
        assert [str(c.label.plain) for c in table.columns.values()][1:] == ["100\nAlpha", "101\nn/a"]
        assert f"· rows: {len(MATRIX.rows)}" in plain(screen.query_one("#matrix-filter", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)


async def test_the_palette_opens_it(tmp_path: Path) -> None:
    app = make_app(COURSE, tmp_path, save=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"who says")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WhoSaysWhat)


async def test_enter_shows_the_articles_verified_quotes(tmp_path: Path) -> None:
    app = make_app(COURSE, tmp_path, save=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(app, pilot)
        screen.go_to("r-size", B)
        await pilot.pause()
        assert "101" in plain(screen.query_one("#matrix-detail", Static))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CellQuotes)
        shown = plain(app.screen.query_one("#cell-quotes Static", Static))
        article = Article.read(MINI_SEEDS / B)
        quotes = [ref.quote for ref in MATRIX.quotes("r-size", B)]
        assert quotes and all(q in shown and q in article.text for q in quotes)
        assert B in shown and "STATED" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        screen.go_to("r-size", A)  # silent: a notice, no modal
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen


async def test_a_contradicts_cell_opens_its_card_in_the_walkthrough(tmp_path: Path) -> None:
    app = make_app(COURSE, tmp_path, save=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(app, pilot)
        screen.go_to("c-100-firmness", B)
        await pilot.pause()
        assert "⚡" in screen.query_one(DataTable).get_cell("c-100-firmness", B).plain
        await pilot.press("enter")
        await pilot.pause()
        shown = plain(app.screen.query_one("#cell-quotes Static", Static))
        assert "安全性が保証されています" in shown and "d-safety" in shown
        await pilot.press("o")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkthroughScreen)
        step_id, unit = card_places(COURSE)["d-safety"]
        assert walk.step.id == step_id and walk.query_one(StepView).selected == unit


async def test_topic_and_article_filters_change_the_rows(tmp_path: Path) -> None:
    app = make_app(COURSE, tmp_path, save=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        assert claim_rows(screen) == [row.id for row in MATRIX.rows_for("what")]
        assert "Topic: What they are" in plain(screen.query_one("#matrix-filter", Static))
        await pilot.press("t", "t")
        await pilot.pause()
        assert claim_rows(screen) == [row.id for row in MATRIX.rows_for("contents")]
        for _ in range(len(MATRIX.topics) - 2):  # back to every topic
            await pilot.press("t")
        await pilot.press("a")
        await pilot.pause()
        speaking = [row.id for row in MATRIX.rows if MATRIX.cell(row.id, A).state != "silent"]
        assert claim_rows(screen) == speaking and "r-size" not in speaking
        assert "100 Alpha, where it speaks" in plain(screen.query_one("#matrix-filter", Static))
        assert screen.cursor_cell() is not None and screen.cursor_cell()[1] == A  # type: ignore[index]


async def test_japanese_labels_follow_the_language_key(tmp_path: Path) -> None:
    app = make_app(COURSE, tmp_path, save=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(app, pilot)
        await pilot.press("l")
        await pilot.pause()
        table = screen.query_one(DataTable)
        assert table.get_cell("r-size", B).plain.strip() == "断定"
        assert table.get_cell("c-100-firmness", A).plain.strip() == "期待"
        assert MATRIX.row("r-size").label.ja in table.get_cell("r-size", "label").plain


@pytest.mark.parametrize("language", ["en", "ja"])
async def test_80x24_the_header_stays_after_scrolling_to_the_bottom(tmp_path: Path, language: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "ui-state.json").write_text(f'{{"schema": 1, "language": "{language}"}}', "utf-8")
    app = make_app(load_course(), data, save=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_matrix(app, pilot)
        table = screen.query_one(DataTable)
        assert len(claim_rows(screen)) == len(screen.matrix.rows)
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.scroll_y > 0 and table.scroll_y == table.max_scroll_y
        first, second = table.render_line(0).text, table.render_line(1).text
        assert all(seed[:3] in first for seed in screen.matrix.seeds), first
        assert "CZEN" in second and "SAKAE" in second, second
        # Every article column fits inside 80 columns, and the claim column keeps some room.
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert screen.label_width >= 20
