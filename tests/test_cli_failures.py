"""Every failure of the command line exits non-zero, with a message and no traceback: bad
ports, unverifiable quotes, a closed or full standard output, an app that crashed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI, REPO
from tui.cli import main


def run_cli(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "STEMCELL_SEEDS"}
    options: dict[str, object] = {"capture_output": True, **kwargs}
    if "stdout" in kwargs:
        options = {"stderr": subprocess.PIPE, **kwargs}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "tui", *args], cwd=REPO, text=True, env=env, timeout=60, **options
    )


@pytest.mark.parametrize("command", [["classroom", "--presenter"], ["classroom", "--follow"], ["serve"]])
@pytest.mark.parametrize("port", ["99999", "0", "-1", "65536", "http", "1e3"])
def test_bad_ports_are_usage_errors(
    command: list[str], port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--port", port])
    assert exit_info.value.code == 2
    assert "argument --port:" in capsys.readouterr().err


def test_good_port_parses() -> None:
    from tui.cli import build_parser

    assert build_parser().parse_args(["serve", "--port", "65535"]).port == 65535
    assert build_parser().parse_args(["classroom", "--port", "1"]).port == 1


def test_check_fails_when_seeds_are_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content", str(MINI), "--seeds", "/nonexistent"]) == 1
    out = capsys.readouterr().out
    assert "error: quotes could not be verified" in out and "/nonexistent is not a directory" in out
    assert "ok:" not in out
    assert main(["check", "--content", str(MINI), "--no-seeds"]) == 0
    assert main(["check", "--content", str(MINI), "--no-seeds", "--seeds", "/x"]) == 2


def test_check_json_reports_the_error(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["check", "--content", str(MINI), "--seeds", "/nonexistent", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["errors"] and data["problems"] == []


def test_closed_pipe_on_stdout() -> None:
    """`check --json | head -1`, made deterministic: the reading end is already closed."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = run_cli("check", "--content", str(MINI), "--no-seeds", "--json", stdout=write_end)
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert "standard output was closed" in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args",
    [["check", "--no-seeds"], ["export", "handout"], ["export", "handout", "-o", "-"]],
    ids=["check", "export", "export-dash"],
)
def test_full_stdout(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = run_cli(*args[:1], "--content", str(MINI), *args[1:], stdout=full)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert "cannot write to standard output: No space left on device" in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_export_to_a_full_device(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "handout", "--content", str(MINI), "-o", "/dev/full"]) == 1
    assert "cannot write /dev/full: No space left on device" in capsys.readouterr().err


def test_app_crash_gives_a_non_zero_exit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    class Crashed:
        return_code = 1

        def run(self) -> None:
            pass

    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr("tui.app.make_app", lambda *a, **k: Crashed())
    assert main(["--content", str(MINI), "quiz", "--data-dir", str(tmp_path)]) == 1


def test_port_in_use_is_a_message(tmp_path: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("--content", str(MINI), "serve", "--port", str(port))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "address already in use" in result.stderr


def test_unknown_lesson_is_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quiz", "--lesson", "x\x1b[2J", "--content", str(MINI)]) == 2
    err = capsys.readouterr().err
    assert "no lesson 'x\\x1b[2J'" in err and "\x1b" not in err
