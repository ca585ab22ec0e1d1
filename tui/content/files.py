"""Reading files that may be hostile: regular files only, never blocking, bounded in size.

Every reader of course files, source articles, saved state and the course cache goes through
`read_regular`. A FIFO, device, socket or folder is refused before it is read (a FIFO would
block forever, `/dev/zero` would fill memory), symlinks are followed but what they lead to must
be a regular file, and the size limit is enforced while reading, not only from `stat`.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
)
_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
_CHUNK = 1 << 20


class Unreadable(Exception):
    """Why a file was not read. `missing`: there is simply no such file; `refused`: the file is
    there but is not one to read (not regular, too large, a symlink loop), as opposed to an
    ordinary I/O error such as EACCES."""

    def __init__(
        self, reason: str, *, missing: bool = False, too_large: bool = False, refused: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.missing = missing
        self.too_large = too_large
        self.refused = refused or too_large


def file_kind(mode: int) -> str:
    """'a FIFO', 'a character device', ... for anything that is not a regular file."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "a special file"


def _refuse_oserror(path: Path, error: OSError) -> Unreadable:
    if isinstance(error, FileNotFoundError):
        if os.path.islink(path):
            return Unreadable("a symbolic link to a file that does not exist", missing=True)
        return Unreadable("no such file", missing=True)
    if error.errno == errno.ELOOP:
        return Unreadable("a symbolic link loop (too many levels of symbolic links)", refused=True)
    return Unreadable(error.strerror or type(error).__name__)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; raise `Unreadable` otherwise."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise _refuse_oserror(path, error) from None
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable(f"not a regular file ({file_kind(info.st_mode)})", refused=True)
    if info.st_size > limit:
        raise Unreadable(f"file is too large ({info.st_size} bytes; the limit is {limit})", too_large=True)
    try:
        fd = os.open(path, _FLAGS)
    except OSError as error:
        raise _refuse_oserror(path, error) from None
    try:
        info = os.fstat(fd)  # what was opened, in case the path changed since the stat
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"not a regular file ({file_kind(info.st_mode)})", refused=True)
        chunks: list[bytes] = []
        total = 0
        while True:
            try:
                chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            except OSError as error:
                raise _refuse_oserror(path, error) from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise Unreadable(f"file is too large (more than {limit} bytes)", too_large=True)
        return b"".join(chunks)
    finally:
        os.close(fd)
