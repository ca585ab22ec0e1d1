"""Full garbage collections wait for a pause in the reader's keys (tui/collector.py)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from tests.conftest import MINI
from tui.app import make_app
from tui.collector import HELD, PAUSE_S, IdleCollector, hold_full_collections
from tui.content.loader import load_course


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_collects_once_after_input_pauses() -> None:
    clock, runs = Clock(), []
    collector = IdleCollector(clock, lambda: runs.append(clock.now))
    assert not collector.tick()  # no input yet: an idle app collects nothing
    collector.input()
    clock.now += PAUSE_S / 2
    assert not collector.tick()  # still pressing keys
    collector.input()
    clock.now += PAUSE_S
    assert collector.tick() and runs == [clock.now]
    clock.now += 60
    assert not collector.tick() and len(runs) == 1  # nothing new since


def test_full_collections_are_held_back_young_ones_not() -> None:
    before = gc.get_threshold()
    try:
        hold_full_collections()
        young, middle, full = gc.get_threshold()
        assert (young, middle) == before[:2] and full == HELD
    finally:
        gc.set_threshold(*before)


async def test_the_app_reports_keys_and_clicks_to_its_collector(tmp_path: Path) -> None:
    clock, runs = Clock(), []
    app = make_app(load_course(MINI), tmp_path / "data", save=False, collect_when_idle=True)
    assert app.collector is not None
    app.collector = IdleCollector(clock, lambda: runs.append(clock.now))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.collector.pending
        await pilot.press("right")
        assert app.collector.pending and app.collector.last_input == clock.now
        clock.now += PAUSE_S
        assert app.collector.tick() and len(runs) == 1


@pytest.mark.parametrize("asked", [False, True])
def test_only_the_command_line_asks_for_it(tmp_path: Path, asked: bool) -> None:
    app = make_app(load_course(MINI), tmp_path / "data", save=False, collect_when_idle=asked)
    assert (app.collector is not None) is asked
