"""Content text is never markup; links open only when https:// and confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import make_app
from tui.content.loader import ContentError, load_course
from tui.screens.confirm import ConfirmScreen
from tui.screens.walkthrough import WalkthroughScreen
from tui.widgets.step_view import StepView

INJECTION = "[bold]B[/] [@click=app.quit]Q[/] [link=file:///etc/passwd]F[/]"
TEXT = f"{INJECTION} [site](https://example.org) and more."


def injected(mini: Path) -> Path:
    lesson = mini / "content/lessons/01-basics.yaml"
    body = lesson.read_text("utf-8").replace(
        "Article 100 defines a stem cell as a cell that can differentiate.",
        TEXT.replace('"', '\\"'),
    )
    lesson.write_text(body, "utf-8")
    return mini


async def test_markup_renders_literally_and_links_need_confirmation(mini: Path, tmp_path: Path) -> None:
    app = make_app(load_course(injected(mini)), tmp_path / "data", save=False)
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        block = app.screen.query_one(StepView).units[0]
        plain = str(block.visual.plain)  # type: ignore[union-attr]
        assert INJECTION in plain
        assert "site" in plain and "https://example.org" not in plain
        offset = plain.index("Q") + 1  # the block has one cell of padding
        await pilot.click(block, offset=(offset, 0))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, WalkthroughScreen)
        await pilot.click(block, offset=(plain.index("site") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert opened == []
        await pilot.click(block, offset=(plain.index("site") + 1, 0))
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert opened == ["https://example.org"]


def test_non_https_links_are_refused_by_the_loader(mini: Path) -> None:
    lesson = mini / "content/lessons/01-basics.yaml"
    lesson.write_text(
        lesson.read_text("utf-8").replace(
            "Article 100 defines a stem cell as a cell that can differentiate.", "[bad](file:///etc/passwd)"
        ),
        "utf-8",
    )
    with pytest.raises(ContentError) as error:
        load_course(mini)
    assert "has a Markdown link to 'file:///etc/passwd'" in str(error.value.problems[0])


async def test_command_palette_finds_steps_and_terms(mini: Path, tmp_path: Path) -> None:
    app = make_app(load_course(mini), tmp_path / "data", save=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Safety")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen) and screen.step.id == "claims.safety"
        await pilot.press("ctrl+p")
        await pilot.press(*"えくそ")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        card = str(screen.query_one("#glossary-card").visual.plain)  # type: ignore[attr-defined]
        assert card.startswith("エクソソーム")
