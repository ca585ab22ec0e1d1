"""SVG snapshots of the main screen at fixed sizes, in each language (mini fixture course)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINI
from tui.app import make_app
from tui.content.loader import load_course

COURSE = load_course(MINI)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
@pytest.mark.parametrize("language_presses", [0, 1, 2], ids=["en", "ja", "both"])
def test_walkthrough(snap_compare, tmp_path: Path, size: tuple[int, int], language_presses: int) -> None:  # type: ignore[no-untyped-def]
    app = make_app(COURSE, tmp_path / "data", save=False)
    assert snap_compare(app, press=["right", *(["l"] * language_presses)], terminal_size=size)


def test_glossary_card(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(COURSE, tmp_path / "data", save=False)
    assert snap_compare(app, press=["t"], terminal_size=(120, 36))
