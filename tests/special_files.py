"""Hostile files for tests: put a FIFO, a device, a symlink loop ... where a file is expected.

`make_special(kind, path)` replaces `path` with one of `KINDS`; `KINDS` is the parameter list
used for course files, source articles, saved state and export targets alike.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

SECRET = "root:$6$SECRETHASH$abcdefghijklmnop:19000:0:99999:7:::"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

KINDS = [
    "fifo",
    pytest.param("chardev", marks=pytest.mark.skipif(not IS_ROOT, reason="os.mknod of a device needs root")),
    "devzero-link",
    "symlink-loop",
    "oversized",
    "dangling-link",
    "link-to-non-yaml",
]

# What a reader must say about each kind (a fragment of the message).
REASONS = {
    "fifo": "not a regular file (a FIFO)",
    "chardev": "not a regular file (a character device)",
    "devzero-link": "not a regular file (a character device)",
    "symlink-loop": "symbolic link loop",
    "oversized": "too large",
    "dangling-link": "symbolic link to a file that does not exist",
}


def make_special(kind: str, path: Path, *, oversize: int = 70 * 1024 * 1024) -> Path:
    """Replace `path` with a hostile file of `kind`; returns `path`."""
    if path.is_symlink() or path.exists():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "chardev":
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null
    elif kind == "devzero-link":
        path.symlink_to("/dev/zero")
    elif kind == "symlink-loop":
        path.symlink_to(path.name)
    elif kind == "oversized":
        with open(path, "wb") as handle:  # sparse: costs no disk and no time
            handle.truncate(oversize)
    elif kind == "dangling-link":
        path.symlink_to(path.parent / "no-such-file")
    elif kind == "link-to-non-yaml":
        target = path.parent / f".{path.name}.passwd"
        target.write_text("\n".join([SECRET] + [f"user{i}:*:19000:0:99999:7:::" for i in range(40)]))
        path.symlink_to(target)
    else:  # pragma: no cover
        raise ValueError(kind)
    return path
