"""Presenter → follower sync over a local TCP socket, safe against any peer's bytes.

Every line on the wire is one JSON object of at most `MAX_LINE` bytes. The presenter shows a
short join code; each state it sends carries an HMAC of the state with that code, and a
follower proves it knows the code before the presenter sends it anything. A follower drops
any line it cannot read, parse, validate or authenticate (and counts it); nothing a peer sends
can raise out of this module, exhaust memory or end the app.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import hmac
import json
import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from tui.content.language import Language, is_language

DEFAULT_PORT = 8765
HOST = "127.0.0.1"
MAX_LINE = 16 * 1024  # a state is under 500 bytes; anything longer is hostile
MAX_ID = 200
MAX_HANDS = 999  # hands for one rating in a class DISCERN vote (tui.quiz.appraisals.MAX_HANDS)
NO_HANDS = (0, 0, 0, 0, 0)
MAX_FOLLOWERS = 64
MAX_BUFFERED = 256 * 1024  # bytes queued for one follower before it is dropped
HELLO_TIMEOUT = 5.0
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in a classroom

Status = Literal["connected", "waiting", "lost", "refused"]


CODE_LENGTH = 8  # 40 bits, read aloud as two groups of four
KDF_ROUNDS = 200_000  # a guess costs this many SHA-256 rounds: an overheard hello can't be brute-forced


def new_join_code(length: int = CODE_LENGTH) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def show_code(code: str) -> str:
    """As the presenter shows it: K7QF-2M9X."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_code(code: str) -> str:
    """Codes are typed by people: full-width (an IME), case, spaces and dashes don't matter."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", code).upper() if ch in CODE_ALPHABET)


def valid_code(code: str) -> bool:
    return len(normalise_code(code)) == CODE_LENGTH


@functools.lru_cache(maxsize=8)
def _key(code: str) -> bytes:
    """The link key, stretched from the short code so that a peer who sees one hello or state
    cannot try every code offline (a 40-bit code with 200,000 rounds a try takes centuries)."""
    return hashlib.pbkdf2_hmac(
        "sha256", normalise_code(code).encode(), b"stemcell-explainer sync 1", KDF_ROUNDS
    )


@dataclass(frozen=True)
class SyncState:
    """What the presenter shows: a slide (step, how much is revealed), a class-quiz question, or
    a class DISCERN question (article, question 1-16 or 0 while choosing, the hands counted)."""

    mode: Literal["slides", "quiz", "discern"]
    step: str
    reveal: int
    language: Language
    question: str = ""  # class quiz: the question shown
    revealed: bool = False  # class quiz: whether the answer is shown
    seed: int = 0  # class quiz: the option order, so both ends show the same letters
    quotes: bool = False  # slides: the full quote under each source line
    article: str = ""  # class DISCERN: the article's file name ("" while the teacher chooses)
    number: int = 0  # class DISCERN: the question, 1-16; 0 while the teacher chooses
    hands: tuple[int, int, int, int, int] = NO_HANDS  # class DISCERN: hands up for ratings 1-5

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "hands": list(self.hands)}

    @classmethod
    def from_json(cls, data: object) -> SyncState | None:
        """A state from untrusted data, or None: every field is checked for type and range."""
        if not isinstance(data, dict) or set(data) != set(cls.__dataclass_fields__):
            return None
        mode, step, reveal = data["mode"], data["step"], data["reveal"]
        language, question, revealed, seed, quotes = (
            data["language"],
            data["question"],
            data["revealed"],
            data["seed"],
            data["quotes"],
        )
        article, number, hands = data["article"], data["number"], data["hands"]
        if mode not in ("slides", "quiz", "discern") or not is_language(language):
            return None
        if not (isinstance(step, str) and isinstance(question, str) and isinstance(article, str)):
            return None
        if len(step) > MAX_ID or len(question) > MAX_ID or len(article) > MAX_ID:
            return None
        if not (_small_int(reveal, 1, 10_000) and _small_int(seed, 0, 2**32)):
            return None
        if not (isinstance(revealed, bool) and isinstance(quotes, bool)):
            return None
        if not (
            isinstance(hands, list) and len(hands) == 5 and all(_small_int(n, 0, MAX_HANDS) for n in hands)
        ):
            return None
        if not _small_int(number, 0, 16):
            return None
        if mode == "discern" and bool(number) != bool(article):
            return None  # a question of an article, or neither while the teacher chooses
        if mode != "discern" and (number or article or any(hands)):
            return None  # only a DISCERN state carries these
        a, b, c, d, e = hands
        return cls(
            mode, step, reveal, language, question, revealed, seed, quotes, article, number, (a, b, c, d, e)
        )


def _small_int(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _mac(code: str, payload: str) -> str:
    return hmac.new(_key(code), payload.encode(), hashlib.sha256).hexdigest()


def encode(state: SyncState, code: str) -> bytes:
    payload = json.dumps(state.to_json(), separators=(",", ":"), ensure_ascii=True)
    return json.dumps({"state": payload, "mac": _mac(code, payload)}).encode() + b"\n"


def _load(raw: bytes | str) -> object:
    """json.loads that treats every failure (bad UTF-8, deep nesting, huge numbers) as no data."""
    try:
        return json.loads(raw)
    except (ValueError, RecursionError, MemoryError, TypeError):
        return None


def decode(line: bytes, code: str) -> SyncState | None:
    """The state in one received line, or None if it is not a valid, authentic state."""
    if len(line) > MAX_LINE:
        return None
    envelope = _load(line)
    if not isinstance(envelope, dict) or set(envelope) != {"state", "mac"}:
        return None
    payload, mac = envelope["state"], envelope["mac"]
    if not (isinstance(payload, str) and isinstance(mac, str)):
        return None
    if not hmac.compare_digest(_mac(code, payload), mac):
        return None
    return SyncState.from_json(_load(payload))


def hello(code: str) -> bytes:
    nonce = secrets.token_hex(8)
    return json.dumps({"hello": nonce, "mac": _mac(code, "hello:" + nonce)}).encode() + b"\n"


def check_hello(line: bytes, code: str) -> bool:
    data = _load(line[:MAX_LINE])
    if not isinstance(data, dict) or set(data) != {"hello", "mac"}:
        return False
    nonce, mac = data["hello"], data["mac"]
    if not (isinstance(nonce, str) and isinstance(mac, str) and len(nonce) <= 64):
        return False
    return hmac.compare_digest(_mac(code, "hello:" + nonce), mac)


class PresenterServer:
    """Listens on loopback and sends the latest state to every follower that knows the code."""

    def __init__(self, code: str, host: str = HOST, port: int = DEFAULT_PORT) -> None:
        self.code = code
        self.host = host
        self.port = port
        self.state: SyncState | None = None
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> int:
        """Start listening; returns the port (useful when port 0 asked for a free one)."""
        self._server = await asyncio.start_server(self._client, self.host, self.port, limit=MAX_LINE)
        self.port = self._server.sockets[0].getsockname()[1]
        return int(self.port)

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            line = await asyncio.wait_for(reader.readline(), HELLO_TIMEOUT)
            if len(self._writers) >= MAX_FOLLOWERS or not check_hello(line, self.code):
                return
            self._writers.add(writer)
            if self.state is not None:
                self._send(writer, self.state)
            # Followers send nothing more. Read and discard in bounded chunks until they leave,
            # so a client that streams bytes at us costs no memory.
            while await reader.read(4096):
                pass
        except (ConnectionError, OSError, ValueError, TimeoutError, asyncio.IncompleteReadError):
            pass
        finally:
            self._writers.discard(writer)
            writer.close()

    def _send(self, writer: asyncio.StreamWriter, state: SyncState) -> None:
        # A follower that stops reading is dropped rather than buffered for without end.
        if writer.transport.get_write_buffer_size() > MAX_BUFFERED or writer.is_closing():
            self._writers.discard(writer)
            writer.close()
            return
        with contextlib.suppress(ConnectionError, OSError):
            writer.write(encode(state, self.code))

    def publish(self, state: SyncState) -> None:
        """Send `state` to every follower now (synchronous, so states go out in order)."""
        self.state = state
        for writer in list(self._writers):
            self._send(writer, state)

    @property
    def followers(self) -> int:
        return len(self._writers)

    async def close(self) -> None:
        for writer in list(self._writers):
            writer.close()
        self._writers.clear()
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await self._server.wait_closed()


async def follow(
    code: str,
    on_state: Callable[[SyncState], None],
    on_status: Callable[[Status], None],
    on_bad: Callable[[int], None] = lambda n: None,
    host: str = HOST,
    port: int = DEFAULT_PORT,
    retry: float = 2.0,
) -> None:
    """Apply the presenter's states until cancelled.

    Reports 'waiting' (no presenter yet), 'connected', 'lost' (it went away) and 'refused'
    (a peer answered but never sent an authentic state: most likely the wrong code). Invalid
    lines are counted through `on_bad` and otherwise ignored.
    """
    was_connected = False
    bad = 0
    while True:
        try:
            reader, writer = await asyncio.open_connection(host, port, limit=MAX_LINE)
        except (OSError, ValueError):
            on_status("lost" if was_connected else "waiting")
            await asyncio.sleep(retry)
            continue
        authentic = False
        try:
            writer.write(hello(code))
            await writer.drain()
            while True:
                try:
                    line = await reader.readline()
                except ValueError:  # over MAX_LINE: asyncio drops it; count it and go on
                    bad += 1
                    on_bad(bad)
                    continue
                if not line:
                    break
                state = decode(line.rstrip(b"\n"), code)
                if state is None:
                    bad += 1
                    on_bad(bad)
                    continue
                if not authentic:
                    authentic = was_connected = True
                    on_status("connected")
                on_state(state)
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()
        # A presenter closes on a follower with the wrong code without a word; a line we could
        # not authenticate means the same, or a stranger on the port.
        on_status("lost" if authentic else "refused")
        await asyncio.sleep(retry)
