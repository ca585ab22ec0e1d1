"""Atomic JSON files in the user data dir; unreadable files are set aside, never fatal.

The atomic writer only ever replaces a regular file: a symlink, FIFO, device or folder in the
way is refused with `UnsafeTarget` (an OSError, so callers that already turn OSError into a
notice keep doing so). Readers refuse anything that is not a regular file, cap the size they
read, and treat *any* failure to parse as a corrupt file.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import platformdirs

from tui.content.files import Unreadable, file_kind, read_regular
from tui.i18n import Notice

APP_NAME = "stemcell-explainer"
MAX_STATE_BYTES = 64 * 1024 * 1024


class UnsafeTarget(OSError):
    """Refused to write: the target is a symlink, FIFO, device or folder (or vanished/changed)."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(errno.EPERM, message)
        self.path = path


def data_dir(override: Path | None = None) -> Path:
    """`override`, else the platform user data dir (honours $XDG_DATA_HOME on Linux)."""
    return override or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def atomic_write(path: Path, text: str) -> None:
    """Write text atomically (see `atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def check_replaceable(path: Path) -> bool:
    """True if `path` is a regular file, False if nothing is there; else raise `UnsafeTarget`.

    Uses lstat: a symlink is refused even when it points at a regular file, because replacing
    it would silently turn the link into a file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    if stat.S_ISREG(info.st_mode):
        return True
    raise UnsafeTarget(f"{path.name} is {file_kind(info.st_mode)}; refusing to replace it", path)


_NO_HARD_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS, errno.EACCES}
_NO_HARD_LINKS |= {getattr(errno, "ENOTSUP", errno.EPERM), getattr(errno, "EOPNOTSUPP", errno.EPERM)}


def atomic_write_bytes(path: Path, data: bytes, *, make_parents: bool = True, overwrite: bool = True) -> None:
    """Write via a temp file in the same folder, fsync, then rename: never a half file.

    Only a regular file is ever replaced (see `check_replaceable`). With `overwrite=False` an
    existing file is never replaced (FileExistsError), even one created while writing. With
    `make_parents=False` a missing folder is an error (FileNotFoundError)."""
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    existed = check_replaceable(path)
    if existed and not overwrite:
        raise FileExistsError(errno.EEXIST, f"{path.name} already exists", str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite or not _link_new(tmp, path):
            # check again just before the rename: something may have appeared meanwhile
            if check_replaceable(path) and not overwrite:
                raise FileExistsError(errno.EEXIST, f"{path.name} already exists", str(path))
            os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    Path(tmp).unlink(missing_ok=True)
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


def _link_new(tmp: str, path: Path) -> bool:
    """Hard-link the temp file to a path that must not exist (atomic no-clobber). False when
    the file system has no hard links, so the caller falls back to a checked rename."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, f"{path.name} already exists", str(path)) from None
    except OSError as error:
        if error.errno in _NO_HARD_LINKS:
            return False
        raise
    return True


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
    notice: Notice | None = None


def aside_path(path: Path) -> Path:
    """A free `<name>.corrupt-<stamp>[-n]` beside `path`, where a damaged file is kept."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    return target


def set_aside(path: Path, why: Notice | str) -> Notice:
    """Rename an unreadable file out of the way and return a notice saying where it went."""
    target = aside_path(path)
    try:
        path.replace(target)
    except OSError:
        return Notice("saved.not_moved", {"name": path.name, "why": why})
    return Notice("saved.set_aside", {"name": path.name, "why": why, "kept": target.name})


def read_saved(path: Path, limit: int = MAX_STATE_BYTES) -> tuple[bytes | None, Notice | None]:
    """The bytes of a saved file, or (None, notice). Missing is (None, None). A FIFO, device,
    symlink loop or a file over `limit` is never read: it is set aside (renamed) with a notice
    so the next start is clean. A folder, or an I/O error such as EACCES, only gets a notice."""
    try:
        return read_regular(path, limit), None
    except Unreadable as error:
        if error.missing:
            return None, None
        if error.refused and not os.path.isdir(path):
            return None, set_aside(path, error.reason)
        return None, Notice("saved.not_read", {"name": path.name, "why": error.reason})


def read_json(path: Path, limit: int = MAX_STATE_BYTES) -> Loaded:
    """Read a JSON file; a missing file is None, an unreadable one is set aside with a notice.

    Any failure to parse counts as corrupt, not only JSONDecodeError: deep nesting
    (RecursionError), a 10,000-digit number (ValueError), MemoryError, ..."""
    raw, notice = read_saved(path, limit)
    if raw is None:
        return Loaded(None, notice)
    if not raw.strip():
        return Loaded(None, set_aside(path, Notice("why.empty")))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Loaded(None, set_aside(path, Notice("why.not_utf8")))
    try:
        return Loaded(json.loads(text))
    except json.JSONDecodeError as error:
        return Loaded(None, set_aside(path, Notice("why.bad_json", {"line": error.lineno})))
    except RecursionError:
        return Loaded(None, set_aside(path, Notice("why.too_deep")))
    except Exception:  # ValueError (int digits), MemoryError, ...: corrupt, not fatal
        return Loaded(None, set_aside(path, Notice("why.unreadable_json")))


# -- export targets ---------------------------------------------------------------------

OutputKind = Literal["stdout", "new", "file", "stream"]


@dataclass(frozen=True)
class OutputTarget:
    """Where an export goes. `file` is an existing regular file (for a symlink, the file it
    leads to: the link itself is kept); `stream` is a device or FIFO, written in place."""

    kind: OutputKind
    path: Path
    given: Path | None = None  # the path as given, when it is a symlink to `path`


def output_target(path: Path) -> OutputTarget:
    """Classify an export destination; raise OSError with a clear `strerror` if unusable."""
    if str(path) == "-":
        return OutputTarget("stdout", path)
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        if os.path.islink(path):
            raise UnsafeTarget("it is a symbolic link to a file that does not exist", path) from None
        parent = path.parent
        if not parent.is_dir():
            what = "is not a folder" if parent.exists() else "does not exist"
            raise FileNotFoundError(errno.ENOENT, f"the folder {parent} {what}", str(path)) from None
        return OutputTarget("new", path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeTarget("it is a symbolic link loop", path) from None
        raise
    if _is_stdout(info):
        return OutputTarget("stdout", path)
    if stat.S_ISREG(info.st_mode):
        if os.path.islink(path):
            return OutputTarget("file", Path(os.path.realpath(path)), path)
        return OutputTarget("file", path)
    # A character device (a terminal, /dev/null) or a FIFO is written in place; a block device
    # (a disk) never is: writing a handout over a disk as root destroys it.
    if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        return OutputTarget("stream", path)
    raise UnsafeTarget(f"it is {file_kind(info.st_mode)}", path)


def _is_stdout(info: os.stat_result) -> bool:
    try:
        out = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return (out.st_dev, out.st_ino) == (info.st_dev, info.st_ino)


def write_stream(path: Path, data: bytes) -> None:
    """Write to a device or FIFO in place (never created, truncated or replaced)."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:  # a FIFO nobody reads would block forever: open it without waiting, and say so
        fd = os.open(path, flags | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "a FIFO with no reader (start the reader first)") from None
        raise
    os.set_blocking(fd, True)
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode) or stat.S_ISDIR(os.fstat(fd).st_mode):
            raise UnsafeTarget("it changed into a regular file while writing", path)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)
