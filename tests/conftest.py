"""Shared fixtures and helpers: the mini course, its seeds, the real course, running the CLI,
reading a widget's text, polling waits, and starting `serve` on a port of its own."""

from __future__ import annotations

import asyncio
import inspect
import os
import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
MINI_SEEDS = FIXTURES / "seeds"
REPO = Path(__file__).resolve().parent.parent
REAL_SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini course; its seeds sit in `tmp_path/seeds`."""
    root = tmp_path / "course"
    shutil.copytree(MINI, root)
    shutil.copytree(MINI_SEEDS, tmp_path / "seeds")
    return root


@pytest.fixture
def real_seeds() -> Path:
    if not REAL_SEEDS.is_dir():
        pytest.skip(f"source articles not found at {REAL_SEEDS}: quotes cannot be verified here")
    return REAL_SEEDS


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the user's data dir and from a $STEMCELL_SEEDS set outside."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("STEMCELL_SEEDS", raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


# -- helpers ------------------------------------------------------------------------------

T = TypeVar("T")
_RANDOM = random.SystemRandom()


def styled_nodes(monkeypatch: pytest.MonkeyPatch, kind: type[T]) -> list[T]:
    """Every time Textual applies the stylesheet to a node of `kind`, that node (from now on)."""
    from textual.css.stylesheet import Stylesheet

    styled: list[T] = []
    apply = Stylesheet.apply

    def counted(self: Stylesheet, node: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(node, kind):
            styled.append(node)
        return apply(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counted)
    return styled


def wait_for(predicate: Callable[[], T], timeout: float = 10.0, interval: float = 0.05, what: str = "") -> T:
    """Poll `predicate` until it returns something truthy (returned), or fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what or predicate}")
        time.sleep(interval)


async def wait_for_async(
    predicate: Callable[[], Any], timeout: float = 10.0, interval: float = 0.05, what: str = ""
) -> Any:
    """`wait_for` inside an event loop; `predicate` may also return an awaitable (a coroutine)."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what or predicate}")
        await asyncio.sleep(interval)


def run_cli(*args: str, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m tui ARGS` from the repo root, with `env` added to this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def plain(widget: object) -> str:
    """The plain text a widget shows (its visual, else its renderable; "" when it has neither)."""
    visual = getattr(widget, "visual", None)
    if visual is None:
        visual = getattr(widget, "renderable", None)
    return "" if visual is None else str(getattr(visual, "plain", visual))


@pytest.fixture
def refused_port() -> Iterator[int]:
    """A loopback port that refuses connections for the whole test: it is bound (so nothing else
    can take it) but not listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])


def _unassigned_port() -> socket.socket:
    """Bind a random loopback port *below* the kernel's ephemeral range, so no port-0 bind and no
    outgoing connection elsewhere in the test run can be handed it."""
    try:
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        low = 32768
    while True:
        sock = socket.socket()
        try:
            sock.bind(("127.0.0.1", _RANDOM.randrange(10_000, max(low, 10_001))))
            return sock
        except OSError:
            sock.close()


def _listening_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[1].endswith(f":{port:04X}") and fields[3] == "0A":  # 0A: LISTEN
                inodes.add(fields[9])
    return inodes


def _listens_on(pid: int, port: int) -> bool:
    """True when process `pid` itself holds a socket listening on `port`."""
    inodes = _listening_inodes(port)
    if not inodes:
        return False
    try:
        links = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
    except OSError:
        return False
    return any(link == f"socket:[{inode}]" for link in links for inode in inodes)


def start_serve(
    env: dict[str, str] | None = None, attempts: int = 5, args: tuple[str, ...] = ()
) -> tuple[subprocess.Popen[str], int]:
    """Start `stemcell-explainer serve` on the mini course; return it and its port once it answers.

    textual-serve cannot bind port 0 usefully (it puts the port it was given into the page's
    URLs, and never reports the one it bound), so the port is picked here: a free one outside
    the ephemeral range, reserved until just before the server starts, and the start is retried
    on another port if the server still finds it taken (EADDRINUSE). The server counts as
    started only once this very process listens on the port and answers there. `args` are
    added to the serve command (`--max-sessions 1`)."""
    for _ in range(attempts):
        started = _serve_once(env, args)
        if started is not None:
            return started
    raise AssertionError(f"the server found its port taken {attempts} times")


def _serve_once(
    env: dict[str, str] | None, args: tuple[str, ...] = ()
) -> tuple[subprocess.Popen[str], int] | None:
    reservation = _unassigned_port()
    port = int(reservation.getsockname()[1])
    reservation.close()
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "--content", str(MINI), "serve", "--port", str(port), *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(
            lambda: server.poll() is not None or _listens_on(server.pid, port),
            timeout=30,
            interval=0.1,
            what="the server to listen",
        )
    except AssertionError:
        server.kill()
        server.communicate()
        raise
    if server.poll() is not None:
        output = server.communicate()[0]
        if "address already in use" in output.lower():
            return None  # another process took the port in between: the caller tries another
        raise AssertionError(f"the server exited with {server.returncode}:\n{output}")
    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read()
    return server, port


def footer_overflow(app: object) -> list[str]:
    """The footer keys that do not fit before the palette key (docked on the right, over
    whatever reaches it): [] when every key shows."""
    from textual.app import App
    from textual.widgets import Footer

    assert isinstance(app, App)
    footer = app.screen.query_one(Footer)
    keys = list(footer.query("FooterKey"))
    right = min((key.region.x for key in keys if key.key == "ctrl+p"), default=app.size.width)
    return [
        f"{key.key} {key.description}"
        for key in keys
        if key.key != "ctrl+p" and not (key.region and key.region.right <= right)
    ]
