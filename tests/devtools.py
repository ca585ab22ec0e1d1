"""A small Chrome DevTools client for the browser tests: start headless Chromium, talk to its
page over the DevTools protocol (call, evaluate, screenshot), and always clean up."""

from __future__ import annotations

import base64
import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tests.conftest import wait_for_async


class Page:
    """One browser tab: `call` a protocol method, `js` evaluates, `shot` returns a PNG."""

    def __init__(self, ws: object) -> None:
        self.ws = ws
        self.counter = 0

    async def call(self, method: str, **params: object) -> dict[str, object]:
        self.counter += 1
        await self.ws.send_json({"id": self.counter, "method": method, "params": params})  # type: ignore[attr-defined]
        while True:
            message = await self.ws.receive_json()  # type: ignore[attr-defined]
            if message.get("id") == self.counter:
                return dict(message.get("result", {}))

    async def js(self, expression: str) -> object:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")  # type: ignore[attr-defined]

    async def shot(self) -> bytes:
        result = await self.call("Page.captureScreenshot", format="png")
        return base64.b64decode(str(result["data"]))

    async def open(self, url: str) -> None:
        await self.call("Page.enable")
        await self.call("Page.navigate", url=url)
        await wait_for_async(
            lambda: self.js("document.readyState === 'complete'"), timeout=20, what="the page to load"
        )


@asynccontextmanager
async def chromium(window: str = "1200,800") -> AsyncIterator[Page]:
    """Headless Chromium with a throw-away profile, on a DevTools port it picks itself."""
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
            f"--window-size={window}",
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
            target = next(t for t in targets if t["type"] == "page")
            async with session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                yield Page(ws)
    finally:
        browser.terminate()
        browser.wait(10)
        shutil.rmtree(profile, ignore_errors=True)
