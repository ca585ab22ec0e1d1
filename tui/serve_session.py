"""One browser session of `serve`: `python -m tui.serve_session ROOT [--content DIR]`.

textual-serve runs this once per websocket. It makes a private data folder under ROOT (the
server's temporary folder), runs the app with it, and removes it when the session ends: when
the viewer leaves (textual-serve asks the app to quit), on SIGTERM or SIGHUP, and when the app
fails. `--full N` instead shows a screen saying the class is full (N sessions at once).
"""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from types import FrameType

SESSION_PREFIX = "session-"


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def run_session(root: Path, content: Path | None) -> int:
    """Run the app with a fresh data folder under `root`; the folder is removed afterwards."""
    from tui.app import make_app
    from tui.content.loader import ContentError
    from tui.content.paths import default_course_root
    from tui.course_cache import load_course_cached

    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, _exit_on_signal)  # the app's own handlers replace these while it runs
    folder = Path(tempfile.mkdtemp(prefix=SESSION_PREFIX, dir=root))
    try:
        try:
            course = load_course_cached(content or default_course_root())
        except ContentError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            return 1
        app = make_app(course, folder)
        app.run()
        return app.return_code or 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_full(max_sessions: int) -> int:
    """A screen saying the class is full, in both languages."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.content import Content
    from textual.widgets import Static

    from tui.i18n import t

    text = "\n\n".join(
        f"{t('serve.full_title', lang)}\n\n{t('serve.full_body', lang, n=max_sessions)}"
        for lang in ("en", "ja")
    )

    class ClassFull(App[None]):
        CSS = """
        Screen { align: center middle; }
        Static { width: 70; max-width: 95%; padding: 1 2; border: thick $warning; }
        """
        BINDINGS = [Binding("q", "quit", show=False)]

        def compose(self) -> ComposeResult:
            yield Static(Content(text))

    ClassFull().run()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.serve_session")
    parser.add_argument("root", type=Path, nargs="?", help="the server's temporary folder")
    parser.add_argument("--content", type=Path, metavar="DIR")
    parser.add_argument("--full", type=int, metavar="N", help="show the 'class full' screen")
    args = parser.parse_args(argv)
    if args.full is not None:
        return run_full(args.full)
    if args.root is None or not args.root.is_dir():
        parser.error("ROOT must be the server's temporary folder")
    return run_session(args.root, args.content)


if __name__ == "__main__":
    sys.exit(main())
