"""Serving to a browser: loopback by default, a warning otherwise, and an end-to-end check in
headless Chromium (skipped, with the reason, where Chromium is not installed)."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINI, start_serve, wait_for_async
from tests.devtools import chromium
from tui.serve import is_loopback, session_command, warning_for


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_hosts_need_no_warning(host: str) -> None:
    assert is_loopback(host) and warning_for(host) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "example.org", "::"])
def test_other_hosts_warn(host: str) -> None:
    warning = warning_for(host)
    assert warning is not None and "no login" in warning and host in warning


def test_served_sessions_run_under_the_server_root(tmp_path: Path) -> None:
    command = session_command(MINI, tmp_path)
    assert f"-m tui.serve_session {tmp_path} --content" in command


async def browse(url: str, shots: Path) -> tuple[bytes, bytes]:
    """Open `url` in headless Chromium, click to start the app, return (before, after) PNGs."""
    async with chromium() as page:

        async def rendered() -> bytes | None:
            # textual-serve marks the page once the app's first bytes arrive; then wait
            # for a screenshot with the app's detail in it (the splash is about 12 kB)
            if not await page.js("document.body.classList.contains('-first-byte')"):
                return None
            image = await page.shot()
            return image if len(image) > 30_000 else None

        await page.open(url)
        before = await page.shot()
        for kind in ("mousePressed", "mouseReleased"):
            await page.call("Input.dispatchMouseEvent", type=kind, x=600, y=400, button="left", clickCount=1)
        after = await wait_for_async(rendered, timeout=30, interval=0.5, what="the app to render")
    (shots / "before.png").write_bytes(before)
    (shots / "after.png").write_bytes(after)
    return before, after


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("chromium") is None,
    reason="Chromium is not installed (CI installs Debian's chromium; install it to run this test)",
)
def test_serve_end_to_end_in_headless_chromium(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    env = {**os.environ, "XDG_DATA_HOME": str(xdg)}
    server, port = start_serve(env)
    try:
        _before, after = asyncio.run(browse(f"http://127.0.0.1:{port}/", tmp_path))
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    # The app rendered: a screenshot of its screen holds far more detail than textual-serve's
    # splash (about 12 kB); both shots are kept in tmp_path for a person to look at.
    assert len(after) > 30_000, len(after)
    assert after[:8] == b"\x89PNG\r\n\x1a\n"
    # It kept its progress in a private folder under the server's root, never in the user's
    # data dir, and the root is gone now that the server has stopped.
    served = re.search(r"all of them are under (\S+) ,", output)
    assert served, output
    assert not Path(served.group(1)).exists()
    assert not (xdg / "stemcell-explainer" / "ui-state.json").exists()
