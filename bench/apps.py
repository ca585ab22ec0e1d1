"""Apps started in a subprocess for start-up and memory: exit once the first screen is ready."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any


def stop_at_first_complete_frame(complete: Callable[[Any, Any], bool], stop: Callable[[Any], None]) -> None:
    """Call `stop(app)` with the first frame that reaches the terminal showing the complete
    first screen. Frames Textual makes while it holds repaints back at start-up never reach
    the terminal, and the first one after the hold may repaint only part of the screen: the
    screen counts as drawn from the first full frame (a layout) after the hold."""
    from textual.app import App

    display = App._display
    drawn = [False]

    def shown(self: App[object], screen: Any, renderable: Any) -> None:
        display(self, screen, renderable)
        if renderable is None or self._batch_count:
            return
        drawn[0] = drawn[0] or type(renderable).__name__ == "LayoutUpdate"
        if drawn[0] and complete(self, screen):
            stop(self)

    App._display = shown  # type: ignore[method-assign]


def bare(size: tuple[int, int] | None = None) -> None:
    """The floor: Header + Static + Footer, stopped at the first frame that shows all three
    (Textual's footer fills its key in a frame after the rest)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

    stop_at_first_complete_frame(
        lambda app, screen: bool(app.screen.query("FooterKey")), lambda app: os._exit(0)
    )
    Bare().run(headless=True, size=size)


def first_frame(data_dir: str, size: tuple[int, int] | None = None, *, at_once: bool = False) -> int:
    """Start the app as `stemcell-explainer run` does (the command-line path: the course cache,
    the collector frozen, the saved place in `data_dir`), headless, and stop once a frame shows
    the complete first screen: the step and footer drawn, and the side panes on view filled
    (they fill right after the first frame). The exit code of the command. With `at_once`, the
    process ends with that frame (as the bare app's does): the work queued for later keys and
    the app's shutdown are not timed."""
    from tui.app import ExplainerApp
    from tui.cli import main
    from tui.screens.walkthrough import WalkthroughScreen

    run = ExplainerApp.run

    def first_screen_only(self: ExplainerApp, **_: object) -> None:
        self.call_later(lambda: self.set_timer(10, self.exit))  # never complete: stop anyway
        run(self, headless=True, size=size)

    def complete(app: Any, screen: Any) -> bool:
        return isinstance(screen, WalkthroughScreen) and screen.complete

    stop_at_first_complete_frame(complete, (lambda app: os._exit(0)) if at_once else (lambda app: app.exit()))
    ExplainerApp.run = first_screen_only  # type: ignore[method-assign,assignment]
    return main(["run", "--data-dir", data_dir])


def explainer() -> None:
    sys.exit(first_frame(sys.argv[2], at_once=True))


WIDE = (120, 36)  # the side panes show from 100 columns: the first screen fills them


def bare_wide() -> None:
    bare(WIDE)


def explainer_wide() -> None:
    sys.exit(first_frame(sys.argv[2], WIDE, at_once=True))


def floor(route_file: str, tuned: bool) -> None:
    """Textual's floor for the first screen: the explainer's first screen (as `bench.floor`
    recorded it, from JSON) in a plain Textual app, with none of the app's modules, course or
    data; stopped like the bare app, once a frame shows its footer's keys. `tuned`: drawn
    the way the explainer has Textual draw it (`bench.floor.tuned_floor`)."""
    import json

    from bench.floor import Floor, first_screen, tuned_floor

    with open(route_file, encoding="utf-8") as file:
        route = first_screen(json.load(file))
    stop_at_first_complete_frame(lambda app, screen: bool(screen.query("FooterKey")), lambda app: os._exit(0))
    (tuned_floor(route) if tuned else Floor(route)).run(headless=True, size=route.size)


def bare_wait() -> None:
    """The bare app, staying up (for the tmux measurement, which kills it)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

    Bare().run()


if __name__ == "__main__":
    started = time.perf_counter()
    apps = {"bare": bare, "bare-wide": bare_wide, "bare-wait": bare_wait}
    if sys.argv[1].startswith("floor"):  # floor, floor-tuned, floor-wide, floor-tuned-wide DATA
        size = "120x36" if sys.argv[1].endswith("-wide") else "80x24"
        floor(f"{sys.argv[2]}/floor-{size}.json", tuned="-tuned" in sys.argv[1])
        sys.exit("bench: the floor app ended without drawing its first screen")
    {**apps, "explainer": explainer, "explainer-wide": explainer_wide}[sys.argv[1]]()
