"""Shared fixtures: the mini course, its seeds, and the real course."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
MINI_SEEDS = FIXTURES / "seeds"
REPO = Path(__file__).resolve().parent.parent
REAL_SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini course; its seeds sit in `tmp_path/seeds`."""
    root = tmp_path / "course"
    shutil.copytree(MINI, root)
    shutil.copytree(MINI_SEEDS, tmp_path / "seeds")
    return root


@pytest.fixture
def real_seeds() -> Path:
    if not REAL_SEEDS.is_dir():
        pytest.skip(f"source articles not found at {REAL_SEEDS}: quotes cannot be verified here")
    return REAL_SEEDS


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the user's data dir and from a $STEMCELL_SEEDS set outside."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("STEMCELL_SEEDS", raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


def start_serve(port: int, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """Start `stemcell-explainer serve` on the mini course and wait until it answers."""
    import subprocess
    import sys
    import time
    import urllib.request

    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "--content", str(MINI), "serve", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).read()
            return server
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                raise AssertionError("the server did not start") from None
            time.sleep(0.3)
