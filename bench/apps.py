"""Apps started in a subprocess for start-up and memory: exit once the first screen is ready."""

from __future__ import annotations

import sys
import time


def bare(size: tuple[int, int] | None = None) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self.exit)

    Bare().run(headless=True, size=size)


def first_frame(data_dir: str, size: tuple[int, int] | None = None) -> int:
    """Start the app as `stemcell-explainer run` does (the command-line path: the course cache,
    the collector frozen, the saved place in `data_dir`), headless, and stop once a frame shows
    the complete first screen: the step and footer drawn, and the side panes on view filled
    (they fill right after the first frame). The exit code of the command."""
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
            self.exit()

    ExplainerApp.run = first_screen_only  # type: ignore[method-assign,assignment]
    App._display = shown  # type: ignore[method-assign]
    return main(["run", "--data-dir", data_dir])


def explainer() -> None:
    sys.exit(first_frame(sys.argv[2]))


WIDE = (120, 36)  # the side panes show from 100 columns: the first screen fills them


def bare_wide() -> None:
    bare(WIDE)


def explainer_wide() -> None:
    sys.exit(first_frame(sys.argv[2], WIDE))


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
