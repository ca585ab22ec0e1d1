"""`serve` for a class: a private data folder per browser session (removed when it ends), the
server's temporary folder removed on exit (also on Ctrl-C and when the port is busy), and a cap
on concurrent sessions with a 'class full' page."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import MINI, REPO, run_cli, start_serve, wait_for, wait_for_async
from tui.serve import ROOT_PREFIX, full_command, session_command
from tui.serve_server import full_page
from tui.serve_session import SESSION_PREFIX


def test_help_states_isolation_and_the_cap() -> None:
    result = run_cli("serve", "--help")
    text = " ".join(result.stdout.split())
    assert result.returncode == 0
    assert "keeps its progress in its own temporary folder, removed when the session ends" in text
    assert "removed when it stops" in text and "--max-sessions N" in text and "(default 40)" in text


@pytest.mark.parametrize("bad", ["0", "-1", "lots", "1001"])
def test_bad_session_counts_are_usage_errors(bad: str) -> None:
    result = run_cli("serve", "--max-sessions", bad)
    assert result.returncode == 2 and "is not a number of sessions (1-1000)" in result.stderr


def test_commands_are_quoted(tmp_path: Path) -> None:
    root = tmp_path / "a b; rm -rf ~"
    command = session_command(MINI, root)
    assert f"-m tui.serve_session '{root}' --content {MINI.resolve()}" in command
    assert full_command(3).endswith("-m tui.serve_session --full 3")


def test_full_page_is_plain_and_bilingual() -> None:
    page = full_page(40)
    assert "The class is full" in page and "満員です" in page and "40" in page
    assert "<script" not in page and "http" not in page


def serve_env(tmp_path: Path) -> dict[str, str]:
    """The server's temporary folder goes under tmp_path/tmp, so a test can find it."""
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return {**os.environ, "TMPDIR": str(tmp_path / "tmp"), "XDG_DATA_HOME": str(tmp_path / "xdg")}


def server_root(tmp_path: Path) -> Path:
    roots = list((tmp_path / "tmp").glob(f"{ROOT_PREFIX}*"))
    assert len(roots) == 1, roots
    return roots[0]


def sessions(root: Path) -> list[Path]:
    return sorted(root.glob(f"{SESSION_PREFIX}*"))


async def connect(port: int):  # type: ignore[no-untyped-def]
    import aiohttp

    client = aiohttp.ClientSession()
    ws = await client.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24", heartbeat=None)
    return client, ws


async def screen_text(ws, needle: bytes, timeout: float = 20) -> bytes:  # type: ignore[no-untyped-def]
    """What the session sent, once it holds `needle` (the app has drawn its screen)."""
    import aiohttp

    received = b""

    async def more() -> bool:
        nonlocal received
        try:
            message = await ws.receive(timeout=0.5)
        except TimeoutError:
            return False
        if message.type == aiohttp.WSMsgType.BINARY:
            received += message.data
        return needle in received

    await wait_for_async(more, timeout=timeout, what=f"{needle!r} on the screen")
    return received


def status(port: int) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.slow
def test_each_session_has_its_own_folder_removed_when_it_ends(tmp_path: Path) -> None:
    server, port = start_serve(serve_env(tmp_path))
    try:
        root = server_root(tmp_path)

        async def scenario() -> None:
            (c1, ws1), (c2, ws2) = await connect(port), await connect(port)
            await screen_text(ws1, b"Basics"), await screen_text(ws2, b"Basics")
            folders = wait_for(lambda: len(sessions(root)) == 2 and sessions(root), what="two folders")
            assert folders[0] != folders[1] and all(f.parent == root for f in folders)
            assert all(oct(f.stat().st_mode & 0o777) == "0o700" for f in folders)  # private
            await ws1.close()
            await c1.close()
            left = wait_for(
                lambda: len(sessions(root)) == 1 and sessions(root), what="the first folder to go"
            )
            assert left[0] in folders
            await ws2.close()
            await c2.close()
            wait_for(lambda: sessions(root) == [], what="the second folder to go")

        asyncio.run(scenario())
        assert root.is_dir()
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C
        output = server.communicate(timeout=30)[0]
    assert server.returncode == 0, output
    assert not root.exists()
    assert not (tmp_path / "xdg" / "stemcell-explainer").exists()  # the user's data: untouched


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_with_sessions_open_removes_everything(tmp_path: Path, stop: signal.Signals) -> None:
    server, port = start_serve(serve_env(tmp_path))
    root = server_root(tmp_path)

    async def scenario() -> None:
        client, ws = await connect(port)
        await screen_text(ws, b"Basics")
        wait_for(lambda: len(sessions(root)) == 1, what="a session folder")
        server.send_signal(stop)
        await asyncio.to_thread(server.wait, 30)
        await client.close()

    try:
        asyncio.run(scenario())
    finally:
        if server.poll() is None:
            server.kill()
        server.communicate(timeout=10)
    assert not root.exists()


@pytest.mark.slow
def test_past_the_cap_the_class_is_full(tmp_path: Path) -> None:
    server, port = start_serve(serve_env(tmp_path), args=("--max-sessions", "1"))
    root = server_root(tmp_path)
    try:

        async def scenario() -> None:
            client, ws = await connect(port)
            await screen_text(ws, b"Basics")
            code, page = status(port)
            assert code == 503 and "The class is full" in page and "満員です" in page
            # a websocket that still arrives gets the 'full' screen, not a session
            other, full = await connect(port)
            await screen_text(full, b"full")
            assert len(sessions(root)) == 1
            await full.close()
            await other.close()
            await ws.close()
            await client.close()
            wait_for(lambda: sessions(root) == [], what="the session to end")
            wait_for(lambda: status(port)[0] == 200, what="room again")

        asyncio.run(scenario())
    finally:
        server.terminate()
        server.communicate(timeout=30)
    assert not root.exists()


def test_a_busy_port_removes_the_temporary_folder(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "tui", "--content", str(MINI), "serve", "--port", str(port)],
            cwd=REPO,
            env=serve_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1 and "address already in use" in result.stderr.lower()
    assert list((tmp_path / "tmp").iterdir()) == []
