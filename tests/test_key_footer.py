"""The footer: its keys in the first frame, in the screen's language, rebuilt only on change."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINI, styled_nodes
from tui.app import ExplainerApp, make_app
from tui.content.loader import load_course
from tui.widgets.key_footer import KeyFooter

COURSE = load_course(MINI)


def keys(app: ExplainerApp) -> list[str]:
    footer = app.screen.query_one(KeyFooter)
    return [f"{key.key} {key.description}" for key in footer.query("FooterKey")]


@pytest.fixture
def rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The footer rebuilds, by the screen they happened on."""
    calls: list[str] = []
    recompose = KeyFooter.recompose

    async def counted(self: KeyFooter) -> None:
        calls.append(type(self.screen).__name__)
        await recompose(self)

    monkeypatch.setattr(KeyFooter, "recompose", counted)
    return calls


async def test_the_first_frame_has_the_keys_and_nothing_is_rebuilt(
    tmp_path: Path, rebuilds: list[str]
) -> None:
    """Textual's footer composes empty and fills in later (twice, ~25 ms as the app opened);
    this one relies on Textual's private `_bindings_ready` flag, which this test guards."""
    app = make_app(COURSE, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "q Quit" in keys(app)  # before any pause: the first frame
        for _ in range(4):
            await pilot.pause()
        assert rebuilds == [] and "q Quit" in keys(app)


async def test_the_footer_rebuilds_only_when_its_keys_change(tmp_path: Path, rebuilds: list[str]) -> None:
    app = make_app(COURSE, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("right", "left", "j", "k")  # steps and units: the same keys
        await pilot.pause()
        assert rebuilds == []
        await pilot.press("g")  # the glossary's filter has the focus: escape now hides it
        await pilot.pause()
        assert "escape Hide" in keys(app) and len(rebuilds) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert "escape Hide" not in keys(app) and len(rebuilds) == 2


async def test_the_footer_follows_the_language(tmp_path: Path) -> None:
    app = make_app(COURSE, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert "q 終了" in keys(app) and "q Quit" not in keys(app)


async def test_a_language_chosen_before_a_screen_mounts_is_followed(tmp_path: Path) -> None:
    """A screen made in English, mounted after Japanese was chosen (the quiz screen once came
    up in English so): it must follow the app's language, its footer too."""
    from textual.app import ComposeResult

    from tui.screens.base import LocalisedScreen

    class Made(LocalisedScreen[None]):
        BINDINGS = [("q", "app.quit", "key.quit")]
        followed: list[str] = []

        def compose(self) -> ComposeResult:
            yield KeyFooter()

        def language_changed(self) -> None:
            self.followed.append(self.language)

    app = make_app(COURSE, tmp_path / "data")
    async with app.run_test(size=(100, 40)) as pilot:
        made = Made("en")  # as a screen made before the language changed
        app.language = "ja"
        await pilot.pause()
        app.push_screen(made)
        for _ in range(3):
            await pilot.pause()
        assert made.language == "ja" and made.followed == ["ja"]
        assert "q 終了" in keys(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_escape_is_offered_only_when_it_hides_something(tmp_path: Path, size: tuple[int, int]) -> None:
    """`t` opens the glossary at the next term: below 100 columns it covers the step and
    escape hides it; from 100 columns it is beside the step, and escape has nothing to do
    until a side pane takes the focus."""
    app = make_app(COURSE, tmp_path / "data")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert ("escape Hide" in keys(app)) == (size[0] < 100)
        await pilot.press("escape")
        await pilot.pause()
        assert "escape Hide" not in keys(app)
        await pilot.press("g")
        await pilot.pause()
        assert "escape Hide" in keys(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "escape Hide" not in keys(app)


@pytest.mark.parametrize("compact", [False, True])
async def test_each_key_is_styled_once_as_it_mounts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compact: bool
) -> None:
    """Textual makes each key compact, then binds it to the footer's setting: two restyles per
    key as the app opens (~10 ms for the walkthrough's seven). Keys are made as they end up;
    they look the same (the snapshots), the palette key compact as in Textual."""
    from textual.widgets._footer import FooterKey

    styled = styled_nodes(monkeypatch, FooterKey)
    app = make_app(COURSE, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        footer = app.screen.query_one(KeyFooter)
        if compact:
            footer.compact = True
            footer.call_later(footer.recompose)  # in the footer's context, as a rebuild runs
            for _ in range(3):
                await pilot.pause()
        shown = list(footer.query(FooterKey))
        assert len(shown) > 3 and all(styled.count(key) == 1 for key in shown)
        for key in shown:
            expected = compact or key.has_class("-command-palette")
            assert key.compact == expected and key.has_class("-compact") == expected
