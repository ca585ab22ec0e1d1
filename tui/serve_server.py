"""textual-serve's server with a cap on concurrent sessions and a clean shutdown.

textual-serve starts one process per websocket session by running a command (AppService). This
subclass counts the sessions that are running; past `max_sessions` the page says the class is
full (HTTP 503), and a websocket that still arrives runs `full_command` (a screen saying the
same) instead of the app. On shutdown every session is told to quit and waited for (then
killed), so each removes its own data folder before the caller removes the server's root.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from tui.i18n import t

log = logging.getLogger("textual-serve")
STOP_WAIT = 5.0  # seconds a session gets to quit when the server stops


def full_page(max_sessions: int) -> str:
    """The page shown past the cap: both languages, no script, nothing fetched."""
    title = f"{t('serve.full_title', 'en')} / {t('serve.full_title', 'ja')}"
    body = "".join(
        f'<p lang="{lang}">{html.escape(t("serve.full_body", lang, n=max_sessions))}</p>'
        for lang in ("en", "ja")
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>body {{ font-family: system-ui, sans-serif; "
        "max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.6; }</style>\n"
        f"</head>\n<body>\n<h1>{html.escape(title)}</h1>\n{body}\n</body>\n</html>\n"
    )


class ClassServer(Server):
    """A `Server` for a class: at most `max_sessions` app sessions at once."""

    def __init__(self, command: str, full_command: str, *, max_sessions: int, **kwargs: object) -> None:
        super().__init__(command, **kwargs)  # type: ignore[arg-type]
        self.full_command = full_command
        self.max_sessions = max_sessions
        self.sessions: set[web.WebSocketResponse] = set()  # admitted and not yet ended
        self.services: set[AppService] = set()

    @property
    def full(self) -> bool:
        return len(self.sessions) >= self.max_sessions

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.full:
            return web.Response(
                text=full_page(self.max_sessions),
                content_type="text/html",
                status=503,
                headers={"Retry-After": "30", "Cache-Control": "no-store"},
            )
        response: web.StreamResponse = await super().handle_index(request)
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, with the session counted from start to the process's end."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        admitted = not self.full
        if admitted:
            self.sessions.add(websocket)
        service: AppService | None = None
        try:
            await websocket.prepare(request)
            service = AppService(
                self.command if admitted else self.full_command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,  # type: ignore[arg-type]  # as textual-serve passes it
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.services.add(service)
            await service.start(width, height)
            try:
                await self._process_messages(websocket, service)
            finally:
                await service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            if service is not None:
                await service.stop()
                self.services.discard(service)
            self.sessions.discard(websocket)
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every session and wait for its process (it removes its own folder)."""
        await super().on_shutdown(app)
        for websocket in list(self.sessions):
            with contextlib.suppress(Exception):
                await websocket.close()
        services = list(self.services)
        if not services:
            return
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(asyncio.gather(*(s.stop() for s in services)), STOP_WAIT)
        for service in services:
            process = service._process  # textual-serve keeps it private; pinned, so stable
            if process is not None and process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(process.wait(), STOP_WAIT)
