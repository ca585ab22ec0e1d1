"""`stemcell-explainer serve`: the app in a browser through textual-serve (no login: loopback
by default). Served sessions keep their progress in a private temporary folder, so a browser
viewer never overwrites the local user's saved place."""

from __future__ import annotations

import ipaddress
import shlex
import sys
import tempfile
from pathlib import Path

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


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


def app_command(content: Path | None, data: Path) -> str:
    parts = [sys.executable, "-m", "tui"]
    if content is not None:
        parts += ["--content", str(content.resolve())]
    parts += ["run", "--data-dir", str(data)]
    return shlex.join(parts)


def serve(host: str, port: int, content: Path | None) -> int:
    from textual_serve.server import Server

    warning = warning_for(host)
    if warning:
        print(warning, file=sys.stderr)
    data = Path(tempfile.mkdtemp(prefix="stemcell-serve-"))
    print(f"Serving on http://{host}:{port} (served progress is kept in {data})", file=sys.stderr)
    Server(app_command(content, data), host=host, port=port, title="stemcell-explainer").serve()
    return 0
