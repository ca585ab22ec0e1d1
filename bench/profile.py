"""Where the time goes: the profile behind README → "Where the time goes".

    python -m bench.profile start   # our modules' import times, then the run to the first screen
    python -m bench.profile step    # one key, phase by phase: key → action, action, wait, update

`make bench` says how long things take; this says where, so a change can aim at the largest part.
"""

from __future__ import annotations

import asyncio
import cProfile
import gc
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


def start() -> None:
    data = tempfile.mkdtemp(prefix="bench-profile-")
    code = "import sys; from bench.apps import first_frame; first_frame(sys.argv[1])"
    # The first start writes the course cache and the database; the second is measured.
    for _ in range(2):
        imports = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code, data],
            cwd=HERE.parent,
            capture_output=True,
            text=True,
            env={**os.environ, "TEXTUAL_ANIMATIONS": "none"},
        ).stderr
    rows = []
    for line in imports.splitlines():
        found = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if found and found.group(4).split(".")[0] in ("tui", "textual", "rich", "fsrs", "sqlite3"):
            rows.append((int(found.group(2)) / 1000, len(found.group(3)), found.group(4)))
    print("imports, cumulative ms (top level and our modules over 1 ms):")
    for ms, depth, name in rows:
        if depth <= 2 or (name.startswith("tui") and ms >= 1):
            print(f"  {ms:7.1f}  {'  ' * (depth // 2)}{name}")
    sys.path.insert(0, str(HERE.parent))
    from tui.app import ExplainerApp
    from tui.cli import main

    profile = cProfile.Profile()
    run = ExplainerApp.run

    def profiled(self: ExplainerApp, **_: object) -> None:
        self.call_later(lambda: self.call_after_refresh(self.exit))
        profile.enable()
        run(self, headless=True)
        profile.disable()

    ExplainerApp.run = profiled  # type: ignore[method-assign,assignment]
    main(["run", "--data-dir", data])
    print("\nthe run to the first screen (cProfile, cumulative; profiling roughly doubles times):")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(
        r"tui/|stylesheet.py.*(apply|parse)|_register", 20
    )


async def _step(size: tuple[int, int], language: str, presses: int = 40) -> None:
    from textual.screen import Screen

    from tui.app import make_app
    from tui.content.loader import load_course
    from tui.screens.walkthrough import WalkthroughScreen

    marks: dict[str, float] = {}
    render_step = WalkthroughScreen.render_step
    update = Screen._on_timer_update

    def timed_render(self: WalkthroughScreen) -> None:
        marks.setdefault("action", time.perf_counter())
        render_step(self)
        marks.setdefault("action_end", time.perf_counter())

    def timed_update(self: Screen[Any]) -> None:
        marks.setdefault("update", time.perf_counter())
        update(self)
        marks.setdefault("update_end", time.perf_counter())

    WalkthroughScreen.render_step = timed_render  # type: ignore[method-assign]
    Screen._on_timer_update = timed_update  # type: ignore[method-assign]
    try:
        course = load_course()
        app = make_app(course, Path(tempfile.mkdtemp()), save=False)
        gc.collect()
        gc.freeze()
        rows: list[tuple[float, float, float, float]] = []
        async with app.run_test(size=size) as pilot:
            app.language = language
            await pilot.pause()
            for n in range(presses):
                marks.clear()
                sent = time.perf_counter()
                await pilot.press("right" if (n // 20) % 2 == 0 else "left")
                await pilot.pause()
                if {"action", "action_end", "update", "update_end"} <= marks.keys():
                    rows.append(
                        (
                            marks["action"] - sent,
                            marks["action_end"] - marks["action"],
                            marks["update"] - marks["action_end"],
                            marks["update_end"] - marks["update"],
                        )
                    )
                await pilot.pause()
    finally:
        WalkthroughScreen.render_step = render_step  # type: ignore[method-assign]
        Screen._on_timer_update = update  # type: ignore[method-assign]
    names = ("key → action", "action (render_step)", "wait for the update", "Textual's update")
    cells = "  ".join(
        f"{name} {statistics.median(r[i] for r in rows) * 1000:5.1f}" for i, name in enumerate(names)
    )
    print(f"{size[0]}x{size[1]} {language}: median ms  {cells}")


def step() -> None:
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    sys.path.insert(0, str(HERE.parent))
    for size in ((80, 24), (120, 36)):
        for language in ("en", "ja"):
            asyncio.run(_step(size, language))


if __name__ == "__main__":
    {"start": start, "step": step}[sys.argv[1] if len(sys.argv) > 1 else "step"]()
