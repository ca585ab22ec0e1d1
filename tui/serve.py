"""`stemcell-explainer serve`: the app in a browser through textual-serve (no login: loopback
by default), made safe to hand to a class.

- Every browser session runs `python -m tui.serve_session ROOT`, which keeps that viewer's
  progress in a private folder of its own under the server's temporary folder ROOT and removes
  it when the session ends. Viewers never share progress, and never touch the local user's.
- ROOT itself is removed when the server stops: on Ctrl-C, on SIGTERM, and when it cannot
  start (the port is busy).
- At most `max_sessions` sessions run at once; past that, the page says the class is full.

Textual and textual-serve are imported only when serving.
"""

from __future__ import annotations

import ipaddress
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from tui.content.problems import printable
from tui.i18n import t

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
MAX_SESSIONS = 40
ROOT_PREFIX = "stemcell-serve-"


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def warning_for(host: str) -> str | None:
    if is_loopback(host):
        return None
    return (
        f"WARNING: serving on {host}, which is not a loopback address. textual-serve has no login: "
        "anyone who can reach this machine on that port can use the app. "
        "Use the default --host 127.0.0.1 unless you mean to share it on a trusted network."
    )


def session_command(content: Path | None, root: Path) -> str:
    """The command textual-serve runs for each browser session (a shell command line)."""
    parts = [sys.executable, "-m", "tui.serve_session", str(root)]
    if content is not None:
        parts += ["--content", str(content.resolve())]
    return shlex.join(parts)


def full_command(max_sessions: int) -> str:
    """The command run for a session past the cap: a screen that says the class is full."""
    return shlex.join([sys.executable, "-m", "tui.serve_session", "--full", str(max_sessions)])


def serve(host: str, port: int, content: Path | None, max_sessions: int = MAX_SESSIONS) -> int:
    host_shown = printable(host)  # a --host with escape sequences must not reach the terminal raw
    warning = warning_for(host)
    if warning:
        print(warning.replace(host, host_shown), file=sys.stderr)
    root = Path(tempfile.mkdtemp(prefix=ROOT_PREFIX))
    try:
        from tui.serve_server import ClassServer

        print(
            t("serve.serving", "en", host=host_shown, port=port, n=max_sessions, root=root), file=sys.stderr
        )
        server = ClassServer(
            session_command(content, root),
            full_command(max_sessions),
            max_sessions=max_sessions,
            host=host,
            port=port,
            title="stemcell-explainer",
        )
        server.serve()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0
