"""Apps started in a subprocess for start-up and memory: exit once the first screen is ready."""

from __future__ import annotations

import os
import sys
import time


def bare(size: tuple[int, int] | None = None) -> None:
    """The floor: Header + Static + Footer, stopped as soon as a frame shows all three (the
    footer's key fills in a frame after the rest, as Textual's footer does)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

    display = App._display

    def shown(self: App[object], screen: object, renderable: object) -> None:
        display(self, screen, renderable)  # type: ignore[arg-type]
        if renderable is not None and self.screen.query("FooterKey"):
            os._exit(0)

    App._display = shown  # type: ignore[method-assign]
    Bare().run(headless=True, size=size)


def first_frame(data_dir: str, size: tuple[int, int] | None = None, *, at_once: bool = False) -> int:
    """Start the app as `stemcell-explainer run` does (the command-line path: the course cache,
    the collector frozen, the saved place in `data_dir`), headless, and stop once a frame shows
    the complete first screen: the step and footer drawn, and the side panes on view filled
    (they fill right after the first frame). The exit code of the command. With `at_once`, the
    process ends with that frame (as the bare app's does): the work queued for later keys and
    the app's shutdown are not timed."""
    from textual.app import App

    from tui.app import ExplainerApp
    from tui.cli import main
    from tui.screens.walkthrough import WalkthroughScreen

    run, display = ExplainerApp.run, App._display

    def first_screen_only(self: ExplainerApp, **_: object) -> None:
        self.call_later(lambda: self.set_timer(10, self.exit))  # never complete: stop anyway
        run(self, headless=True, size=size)

    def shown(self: App[object], screen: object, renderable: object) -> None:
        display(self, screen, renderable)  # type: ignore[arg-type]
        if renderable is not None and isinstance(screen, WalkthroughScreen) and screen.complete:
            if at_once:
                os._exit(0)
            self.exit()

    ExplainerApp.run = first_screen_only  # type: ignore[method-assign,assignment]
    App._display = shown  # type: ignore[method-assign]
    return main(["run", "--data-dir", data_dir])


def explainer() -> None:
    sys.exit(first_frame(sys.argv[2], at_once=True))


WIDE = (120, 36)  # the side panes show from 100 columns: the first screen fills them


def bare_wide() -> None:
    bare(WIDE)


def explainer_wide() -> None:
    sys.exit(first_frame(sys.argv[2], WIDE, at_once=True))


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
    {**apps, "explainer": explainer, "explainer-wide": explainer_wide}[sys.argv[1]]()
