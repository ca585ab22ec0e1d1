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
    import tempfile
    from pathlib import Path

    from tui.app import make_app
    from tui.content.paths import default_course_root
    from tui.course_cache import load_course_cached

    app = make_app(load_course_cached(default_course_root()), Path(tempfile.mkdtemp()), save=False)
    app.call_later(lambda: app.call_after_refresh(app.exit))
    app.run(headless=True)


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
