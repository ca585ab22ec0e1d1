"""Apps started in a subprocess for start-up and memory: exit once the first screen is ready."""

from __future__ import annotations

import sys
import time


def bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self.exit)

    Bare().run(headless=True)


def explainer() -> None:
    """The app as `stemcell-explainer` starts it (the same command-line path: the course cache,
    the collector frozen, the saved place in the data folder given), headless, stopping after
    its first frame."""
    from tui.app import ExplainerApp
    from tui.cli import main

    run = ExplainerApp.run

    def first_frame_only(self: ExplainerApp, **_: object) -> None:
        self.call_later(lambda: self.call_after_refresh(self.exit))
        run(self, headless=True)

    ExplainerApp.run = first_frame_only  # type: ignore[method-assign,assignment]
    sys.exit(main(["run", "--data-dir", sys.argv[2]]))


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
    {"bare": bare, "bare-wait": bare_wait, "explainer": explainer}[sys.argv[1]]()
