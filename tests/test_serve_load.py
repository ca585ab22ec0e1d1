"""Load: 30 concurrent browser-protocol sessions against `serve` on loopback for 60 s
(STEMCELL_LOAD_SECONDS overrides the duration). No session may error; memory per session is
reported (printed, and written to serve-load.json in the test's tmp folder)."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

import pytest

from tests.conftest import start_serve

pytestmark = pytest.mark.slow

SESSIONS = 30
SECONDS = float(os.environ.get("STEMCELL_LOAD_SECONDS", "60"))
KEYS = ["\x1b[C", "\x1b[C", "l", "\x1b[D", "s", "s", "l", "l"]


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                found.append(child)
                todo.append(child)
    return found


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


async def session(port: int, n: int, stop: float, stats: dict[str, list[int]]) -> None:
    import aiohttp

    received = 0
    async with (
        aiohttp.ClientSession() as client,
        client.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24", heartbeat=None) as ws,
    ):
        k = 0
        next_key = time.monotonic() + 1.0
        while time.monotonic() < stop:
            try:
                message = await asyncio.wait_for(ws.receive(), timeout=0.5)
            except TimeoutError:
                message = None
            if message is not None:
                if message.type in (
                    aiohttp.WSMsgType.CLOSED,
                    aiohttp.WSMsgType.ERROR,
                    aiohttp.WSMsgType.CLOSE,
                ):
                    stats["errors"].append(n)
                    return
                received += len(message.data) if isinstance(message.data, (bytes, str)) else 0
            if time.monotonic() >= next_key:
                await ws.send_json(["stdin", KEYS[k % len(KEYS)]])
                await ws.send_json(["ping", str(k)])
                k += 1
                next_key += 1.0
    stats["received"].append(received)


async def drive(port: int, server_pid: int) -> dict[str, object]:
    stats: dict[str, list[int]] = {"errors": [], "received": []}
    stop = time.monotonic() + SECONDS
    tasks = [asyncio.create_task(session(port, n, stop, stats)) for n in range(SESSIONS)]
    peak: list[int] = []
    while not all(t.done() for t in tasks):
        await asyncio.wait(tasks, timeout=2)  # sample memory every 2 s, or stop when all are done
        children = descendants(server_pid)
        peak.append(sum(rss_kib(pid) for pid in children))
    for task in tasks:
        if task.exception() is not None:
            stats["errors"].append(-1)
    return {"stats": stats, "peak_children_kib": max(peak or [0]), "children": len(descendants(server_pid))}


def test_thirty_sessions_for_a_minute(tmp_path: Path) -> None:
    server, port = start_serve()
    try:
        server_rss = rss_kib(server.pid)
        result = asyncio.run(drive(port, server.pid))
    finally:
        server.terminate()
        server.communicate(timeout=20)
    stats = result["stats"]
    per_session_mib = result["peak_children_kib"] / SESSIONS / 1024  # type: ignore[operator]
    report = {
        "sessions": SESSIONS,
        "seconds": SECONDS,
        "errors": len(stats["errors"]),  # type: ignore[index]
        "server_rss_mib": round(server_rss / 1024, 1),
        "memory_per_session_mib": round(per_session_mib, 1),
        "min_bytes_received": min(stats["received"] or [0]),
    }  # type: ignore[index]
    (tmp_path / "serve-load.json").write_text(json.dumps(report), "utf-8")
    print(f"\nserve load: {report}")
    assert stats["errors"] == [], stats  # type: ignore[index]
    assert len(stats["received"]) == SESSIONS  # type: ignore[index]
    assert min(stats["received"]) > 1000  # type: ignore[index]  # every session got screen output
    assert per_session_mib < 200
