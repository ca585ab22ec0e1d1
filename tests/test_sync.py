"""The presenter/follower link against hostile peers: lies, garbage, floods and wrong codes."""

from __future__ import annotations

import asyncio
import json
import resource
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.sync import (
    MAX_HANDS,
    MAX_ID,
    MAX_LINE,
    PresenterServer,
    SyncState,
    check_hello,
    decode,
    encode,
    follow,
    hello,
    new_join_code,
    normalise_code,
)

CODE = "K7QF2M9X"
STATE = SyncState("slides", "basics.size", 2, "ja")


async def until(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)


def test_round_trip_and_authentication() -> None:
    line = encode(STATE, CODE).rstrip(b"\n")
    assert decode(line, CODE) == STATE
    assert decode(line, "K7QF2M9Y") is None  # another code
    assert decode(line, "k7qf-2m9x") == STATE  # codes are typed by people
    tampered = json.loads(line)
    tampered["state"] = tampered["state"].replace('"reveal":2', '"reveal":3')
    assert decode(json.dumps(tampered).encode(), CODE) is None
    assert check_hello(hello(CODE), CODE) and not check_hello(hello("ZZZZZZZZ"), CODE)
    code = new_join_code()
    assert len(code) == 8 and normalise_code(code) == code
    assert normalise_code("ｋ７ｑｆ－２ｍ９ｘ") == "K7QF2M9X"  # as an IME types it
    assert normalise_code("!!") == ""


def test_states_are_validated_field_by_field() -> None:
    good = STATE.to_json()
    assert SyncState.from_json(good) == STATE
    for field, value in [
        ("mode", "shell"),
        ("language", "fr"),
        ("reveal", 0),
        ("reveal", True),
        ("reveal", 10**100),
        ("step", 5),
        ("step", "x" * 1000),
        ("revealed", "yes"),
        ("seed", -1),
    ]:
        assert SyncState.from_json({**good, field: value}) is None, (field, value)
    assert SyncState.from_json({**good, "extra": 1}) is None
    assert SyncState.from_json([good]) is None


DISCERN = SyncState(
    "discern", "basics.size", 2, "ja", revealed=True, article="001_x.txt", number=5, hands=(0, 3, 1, 0, 2)
)


def test_a_class_discern_state_round_trips_and_is_validated() -> None:
    assert decode(encode(DISCERN, CODE).rstrip(b"\n"), CODE) == DISCERN
    choosing = SyncState("discern", "basics.size", 2, "en")  # the teacher is choosing an article
    assert SyncState.from_json(choosing.to_json()) == choosing
    good = DISCERN.to_json()
    assert good["hands"] == [0, 3, 1, 0, 2]  # JSON-shaped: a list
    for field, value in [
        ("number", 17),
        ("number", -1),
        ("number", True),
        ("number", 5.0),
        ("number", 0),  # an article without a question
        ("article", ""),  # a question without an article
        ("article", 7),
        ("article", "x" * (MAX_ID + 1)),
        ("hands", [0, 0, 0, 0]),
        ("hands", [0, 0, 0, 0, 0, 0]),
        ("hands", [0, 0, 0, 0, MAX_HANDS + 1]),
        ("hands", [0, 0, -1, 0, 0]),
        ("hands", [0, 0, True, 0, 0]),
        ("hands", [0, 0, "1", 0, 0]),
        ("hands", [0, 0, 1.5, 0, 0]),
        ("hands", "00000"),
        ("hands", {"1": 0}),
        ("hands", [[0] * 5] * 5),
        ("hands", list(range(10**4))),
    ]:
        assert SyncState.from_json({**good, field: value}) is None, (field, value)
    slides = STATE.to_json()
    for field, value in [("number", 3), ("article", "001_x.txt"), ("hands", [0, 1, 0, 0, 0])]:
        assert SyncState.from_json({**slides, field: value}) is None, (
            field,
            value,
        )  # DISCERN fields only in DISCERN
    assert (
        len(
            encode(
                SyncState(
                    "discern", "s" * MAX_ID, 1, "en", article="a" * MAX_ID, number=16, hands=(MAX_HANDS,) * 5
                ),
                CODE,
            )
        )
        < MAX_LINE
    )  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            "number": st.one_of(st.integers(), st.booleans(), st.none(), st.text(max_size=3)),
            "article": st.one_of(st.text(max_size=300), st.integers()),
            "hands": st.one_of(
                st.lists(st.one_of(st.integers(), st.booleans(), st.floats()), max_size=7), st.text()
            ),
            "revealed": st.one_of(st.booleans(), st.integers()),
        }
    )
)
def test_fuzzed_discern_fields_never_raise(fields: dict[str, object]) -> None:
    state = SyncState.from_json({**DISCERN.to_json(), **fields})
    if state is not None:
        assert 1 <= state.number <= 16 and state.article and len(state.hands) == 5
        assert all(type(n) is int and 0 <= n <= MAX_HANDS for n in state.hands)


HOSTILE = [
    b"x" * (MAX_LINE + 10),
    b"\xff\xfe\xfd",
    b"9" * 5000,
    b"[" * 30000 + b"]" * 30000,
    b'{"state": "' + b"[" * 30000 + b'", "mac": "00"}',
    b"",
    b"null",
]


def test_decode_never_raises_on_hostile_lines() -> None:
    for line in HOSTILE:
        assert decode(line, CODE) is None
        assert not check_hello(line, CODE)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096))
def test_decode_fuzzed_bytes(data: bytes) -> None:
    assert decode(data, CODE) is None or isinstance(decode(data, CODE), SyncState)


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda c: st.lists(c) | st.dictionaries(st.text(), c),
    )
)
def test_from_json_fuzzed_structures(data: object) -> None:
    assert SyncState.from_json(data) is None or isinstance(SyncState.from_json(data), SyncState)


async def _fake_presenter(lines: list[bytes]) -> tuple[asyncio.Server, int]:
    """A liar on the port: sends `lines` to whoever connects, then keeps the line open."""

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for line in lines:
            writer.write(line + b"\n")
            await writer.drain()
        await asyncio.sleep(10)

    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


async def test_follower_survives_a_lying_peer_and_reports_it() -> None:
    lines = [*HOSTILE, encode(STATE, "WRNGWRNG").rstrip(b"\n"), encode(STATE, CODE).rstrip(b"\n")]
    server, port = await _fake_presenter(lines)
    states: list[SyncState] = []
    statuses: list[str] = []
    bad: list[int] = []
    task = asyncio.create_task(
        follow(CODE, states.append, statuses.append, bad.append, port=port, retry=0.05)
    )
    try:
        await until(lambda: states == [STATE])
        assert statuses == ["connected"]  # only an authentic state counts as a presenter
        assert bad and bad[-1] >= len(HOSTILE)  # every bad line was counted, none applied
    finally:
        task.cancel()
        server.close()


async def test_wrong_code_is_refused_by_the_presenter() -> None:
    presenter = PresenterServer(CODE, port=0)
    port = await presenter.start()
    presenter.publish(STATE)
    statuses: list[str] = []
    task = asyncio.create_task(follow("ZZZZZZZZ", lambda s: None, statuses.append, port=port, retry=0.05))
    try:
        await until(lambda: "refused" in statuses)
        assert presenter.followers == 0
    finally:
        task.cancel()
        await presenter.close()


async def test_presenter_memory_stays_flat_under_a_flood() -> None:
    """A client that streams bytes without a newline costs the presenter no memory."""
    presenter = PresenterServer(CODE, port=0)
    port = await presenter.start()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(hello(CODE))
    await writer.drain()
    await until(lambda: presenter.followers == 1)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    chunk = b"x" * (1 << 20)
    for _ in range(100):  # 100 MiB, no newline
        writer.write(chunk)
        await writer.drain()
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 20, f"peak memory grew by {grown_mib:.0f} MiB"
    presenter.publish(STATE)  # and it still serves its followers
    line = await asyncio.wait_for(reader.readline(), 5)
    assert decode(line.rstrip(b"\n"), CODE) == STATE
    writer.close()
    await presenter.close()


async def test_a_stranger_without_hello_gets_nothing() -> None:
    presenter = PresenterServer(CODE, port=0)
    port = await presenter.start()
    presenter.publish(STATE)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b'{"hello": "x", "mac": "00"}\n')
    await writer.drain()
    assert await asyncio.wait_for(reader.read(), 5) == b""  # closed without a word
    assert presenter.followers == 0
    writer.close()
    await presenter.close()


def test_the_key_is_stretched(monkeypatch: pytest.MonkeyPatch) -> None:
    """An overheard hello must not let a peer try every code quickly: each try costs a PBKDF2."""
    import hashlib

    import tui.sync as sync

    calls: list[int] = []
    real = hashlib.pbkdf2_hmac

    def counting(name: str, password: bytes, salt: bytes, rounds: int) -> bytes:
        calls.append(rounds)
        return real(name, password, salt, rounds)

    monkeypatch.setattr(sync.hashlib, "pbkdf2_hmac", counting)
    sync._key.cache_clear()
    assert decode(encode(STATE, "ABCDEFGH").rstrip(b"\n"), "ABCDEFGH") == STATE
    assert calls == [sync.KDF_ROUNDS] and sync.KDF_ROUNDS >= 100_000
