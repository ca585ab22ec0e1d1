"""Atomic JSON files in the user data dir; unreadable files are set aside, never fatal."""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "stemcell-explainer"


def data_dir(override: Path | None = None) -> Path:
    """`override`, else the platform user data dir (honours $XDG_DATA_HOME on Linux)."""
    return override or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def atomic_write(path: Path, text: str) -> None:
    """Write text atomically (see `atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write via a temp file in the same folder, fsync, then os.replace: never a half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _file_mode(path: Path) -> int:
    """Keep an existing file's permissions; a new one gets the usual 0o666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@dataclass
class Loaded:
    """What reading a JSON file produced, and a notice for the user if it had to be set aside."""

    data: Any
    notice: str | None = None


def set_aside(path: Path, why: str) -> str:
    """Rename an unreadable file out of the way and return a notice saying where it went."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        path.replace(target)
    except OSError:
        return f"{path.name} is unreadable ({why}) and could not be moved aside; starting fresh."
    return f"{path.name} was unreadable ({why}); it was kept as {target.name} and a fresh one started."


def read_json(path: Path) -> Loaded:
    """Read a JSON file; a missing file is None, an unreadable one is set aside with a notice."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Loaded(None)
    except OSError as error:
        return Loaded(None, f"{path.name} could not be read ({error.strerror}); starting fresh.")
    if not raw.strip():
        return Loaded(None, set_aside(path, "empty file"))
    try:
        return Loaded(json.loads(raw.decode("utf-8")))
    except UnicodeDecodeError:
        return Loaded(None, set_aside(path, "not UTF-8 text"))
    except json.JSONDecodeError as error:
        return Loaded(None, set_aside(path, f"invalid JSON at line {error.lineno}"))
