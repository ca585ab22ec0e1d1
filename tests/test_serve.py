"""Serving to a browser: loopback by default, a warning otherwise, and an end-to-end check in
headless Chromium (skipped, with the reason, where Chromium is not installed)."""

from __future__ import annotations

import asyncio
import base64
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import MINI, start_serve, wait_for_async
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
    import aiohttp

    profile = tempfile.mkdtemp()
    browser = subprocess.Popen(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "--window-size=1200,800",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = Path(profile) / "DevToolsActivePort"
        await wait_for_async(
            lambda: port_file.exists() and port_file.read_text().strip(),
            timeout=20,
            what="Chromium's DevTools port",
        )
        port = port_file.read_text().split()[0]
        async with aiohttp.ClientSession() as session:
            targets = await (await session.get(f"http://127.0.0.1:{port}/json")).json()
            page = next(t for t in targets if t["type"] == "page")
            async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                counter = 0

                async def call(method: str, **params: object) -> dict[str, object]:
                    nonlocal counter
                    counter += 1
                    await ws.send_json({"id": counter, "method": method, "params": params})
                    while True:
                        message = await ws.receive_json()
                        if message.get("id") == counter:
                            return message.get("result", {})

                async def shot() -> bytes:
                    result = await call("Page.captureScreenshot", format="png")
                    return base64.b64decode(str(result["data"]))

                async def js(expression: str) -> object:
                    result = await call("Runtime.evaluate", expression=expression, returnByValue=True)
                    return result.get("result", {}).get("value")  # type: ignore[attr-defined]

                async def rendered() -> bytes | None:
                    # textual-serve marks the page once the app's first bytes arrive; then wait
                    # for a screenshot with the app's detail in it (the splash is about 12 kB)
                    if not await js("document.body.classList.contains('-first-byte')"):
                        return None
                    image = await shot()
                    return image if len(image) > 30_000 else None

                await call("Page.enable")
                await call("Page.navigate", url=url)
                await wait_for_async(
                    lambda: js("document.readyState === 'complete'"), timeout=20, what="the page to load"
                )
                before = await shot()
                for kind in ("mousePressed", "mouseReleased"):
                    await call(
                        "Input.dispatchMouseEvent",
                        type=kind,
                        x=600,
                        y=400,
                        button="left",
                        clickCount=1,
                    )
                after = await wait_for_async(rendered, timeout=30, interval=0.5, what="the app to render")
    finally:
        browser.terminate()
        browser.wait(10)
        shutil.rmtree(profile, ignore_errors=True)
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
