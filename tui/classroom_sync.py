"""Presenter → follower sync over a local TCP socket: one JSON object per line.

The presenter listens on 127.0.0.1 and sends its state to every follower on each change
(and the latest state to each new follower). A follower whose presenter goes away is told so
and keeps retrying quietly; nothing crashes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from typing import Any

DEFAULT_PORT = 8765
HOST = "127.0.0.1"

State = dict[str, Any]


class PresenterServer:
    def __init__(self, host: str = HOST, port: int = DEFAULT_PORT) -> None:
        self.host = host
        self.port = port
        self.state: State = {}
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> int:
        """Start listening; returns the port (useful when port 0 asked for a free one)."""
        self._server = await asyncio.start_server(self._client, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.port

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        if self.state:
            await self._send(writer, self.state)
        with contextlib.suppress(ConnectionError, OSError):
            await reader.read()  # followers send nothing; this returns when they leave
        self._writers.discard(writer)
        writer.close()

    async def _send(self, writer: asyncio.StreamWriter, state: State) -> None:
        try:
            writer.write((json.dumps(state, ensure_ascii=False) + "\n").encode())
            await writer.drain()
        except (ConnectionError, OSError):
            self._writers.discard(writer)

    async def publish(self, state: State) -> None:
        self.state = state
        for writer in list(self._writers):
            await self._send(writer, state)

    @property
    def followers(self) -> int:
        return len(self._writers)

    async def close(self) -> None:
        for writer in list(self._writers):
            writer.close()
        self._writers.clear()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


async def follow(
    on_state: Callable[[State], None],
    on_status: Callable[[str], None],
    host: str = HOST,
    port: int = DEFAULT_PORT,
    retry: float = 2.0,
) -> None:
    """Apply the presenter's states until cancelled; report 'connected' / 'waiting' / 'lost'."""
    was_connected = False
    while True:
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            on_status("lost" if was_connected else "waiting")
            await asyncio.sleep(retry)
            continue
        was_connected = True
        on_status("connected")
        try:
            while line := await reader.readline():
                try:
                    state = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(state, dict):
                    on_state(state)
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()
        on_status("lost")
        await asyncio.sleep(retry)
