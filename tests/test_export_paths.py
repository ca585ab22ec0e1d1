"""Where `export -o` writes: only a regular file is ever replaced (and only with --force or a
yes on the terminal); a device or FIFO is written in place; `-` is standard output; a symlink
is written through to its regular-file target and stays a link; a missing folder is an error."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import MINI, REPO
from tests.special_files import IS_ROOT, KINDS, SECRET, make_special
from tui.cli import main
from tui.storage import UnsafeTarget, atomic_write, atomic_write_bytes, check_replaceable


def export(out: str | Path, *extra: str) -> int:
    return main(["export", "handout", "--content", str(MINI), "-o", str(out), *extra])


def test_new_file_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    assert export(folder / "handout.md") == 0
    assert (folder / "handout.md").read_text("utf-8").startswith("# ")
    assert [p.name for p in folder.iterdir()] == ["handout.md"]  # no temp file left


def test_existing_file_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "handout.md"
    out.write_text("keep me", "utf-8")
    out.chmod(0o640)
    assert export(out) == 1
    assert "already exists; not overwritten (pass --force to overwrite it)" in capsys.readouterr().err
    assert out.read_text("utf-8") == "keep me"
    assert export(out, "--force") == 0
    assert out.read_text("utf-8").startswith("# ")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # permissions kept


@pytest.mark.parametrize(("answer", "code"), [("y\n", 0), ("yes\n", 0), ("n\n", 1), ("\n", 1), ("", 1)])
def test_existing_file_asks_on_a_terminal(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    answer: str,
    code: int,
) -> None:
    out = tmp_path / "handout.md"
    out.write_text("keep me", "utf-8")
    stdin = io.StringIO(answer)
    stdin.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", stdin)
    assert export(out) == code
    assert "Overwrite it? [y/N]" in capsys.readouterr().err
    assert (out.read_text("utf-8") == "keep me") == (code == 1)


def test_missing_folder_is_an_error_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export(tmp_path / "nowhere" / "handout.md") == 1
    assert "the folder" in capsys.readouterr().err and not (tmp_path / "nowhere").exists()
    (tmp_path / "file").write_text("x", "utf-8")
    assert export(tmp_path / "file" / "handout.md") == 1
    assert "is not a folder" in capsys.readouterr().err


def test_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export(tmp_path) == 1
    assert "it is a folder" in capsys.readouterr().err


def test_dash_is_standard_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert export("-") == 0
    assert capsys.readouterr().out.startswith("# ")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_special_export_targets(tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    target = make_special(kind, tmp_path / "out.md", oversize=1024)
    before = os.lstat(target)
    if kind == "fifo":  # written in place, to whoever reads the FIFO
        received: list[bytes] = []
        reader = threading.Thread(target=lambda: received.append(target.read_bytes()))
        reader.start()
        assert export(target) == 0
        reader.join(timeout=30)
        assert received and received[0].startswith(b"# ")
    elif kind in ("chardev", "devzero-link"):  # a device: written in place, never replaced
        assert export(target) == 0
    elif kind in ("symlink-loop", "dangling-link"):
        assert export(target, "--force") == 1
        assert "symbolic link" in capsys.readouterr().err
    elif kind == "oversized":  # an ordinary existing file
        assert export(target) == 1
        assert export(target, "--force") == 0
    elif kind == "link-to-non-yaml":  # written through; the link stays a link
        assert export(target) == 1
        assert export(target, "--force") == 0
        err = capsys.readouterr().err
        assert f"{target} (a link to " in err
        assert target.is_symlink() and target.resolve().read_text("utf-8").startswith("# ")
        assert SECRET not in target.resolve().read_text("utf-8")
    after = os.lstat(target)
    if kind != "oversized" and kind != "link-to-non-yaml":
        assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)
        assert after.st_ino == before.st_ino  # the very same device, FIFO or link
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


@pytest.mark.skipif(not IS_ROOT, reason="os.mknod of a device needs root")
def test_the_repro_fakenull_stays_a_device(tmp_path: Path) -> None:
    fake = tmp_path / "fakenull"
    os.mknod(fake, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    result = subprocess.run(
        [sys.executable, "-m", "tui", "export", "handout", "--content", str(MINI), "-o", str(fake)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(fake).st_mode)


def test_dev_stdout_is_standard_output(tmp_path: Path) -> None:
    """`-o /dev/stdout` writes to the pipe or file that is stdout; it never replaces it."""
    out_file = tmp_path / "captured.md"
    with open(out_file, "wb") as handle:
        result = subprocess.run(
            [sys.executable, "-m", "tui", "export", "handout", "--content", str(MINI), "-o", "/dev/stdout"],
            cwd=REPO,
            stdout=handle,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    assert out_file.read_text("utf-8").startswith("# ")
    piped = subprocess.run(
        [sys.executable, "-m", "tui", "export", "handout", "--content", str(MINI), "-o", "/dev/stdout"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert piped.returncode == 0 and piped.stdout.startswith("# ")
    assert (
        os.path.islink("/dev/stdout")
        or not os.path.exists("/dev/stdout")
        or not os.path.isfile("/dev/stdout")
    )


# -- the atomic writer itself -------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", ["fifo", "devzero-link", "symlink-loop", "dangling-link", "link-to-non-yaml"]
)
def test_atomic_writer_replaces_only_regular_files(tmp_path: Path, kind: str) -> None:
    target = make_special(kind, tmp_path / "reviews.jsonl")
    before = os.lstat(target)
    with pytest.raises(UnsafeTarget) as error:
        atomic_write(target, "{}\n")
    assert "refusing to replace it" in str(error.value.strerror)
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert not list(tmp_path.glob(".reviews.jsonl.*.tmp"))


def test_check_replaceable(tmp_path: Path) -> None:
    assert check_replaceable(tmp_path / "missing") is False
    (tmp_path / "file").write_text("x", "utf-8")
    assert check_replaceable(tmp_path / "file") is True
    with pytest.raises(UnsafeTarget):
        check_replaceable(tmp_path)


def test_no_clobber_write_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "new.md"
    atomic_write_bytes(target, b"first", make_parents=False, overwrite=False)
    with pytest.raises(FileExistsError):
        atomic_write_bytes(target, b"second", make_parents=False, overwrite=False)
    assert target.read_bytes() == b"first"
    with pytest.raises(FileNotFoundError):
        atomic_write_bytes(tmp_path / "missing" / "x", b"", make_parents=False)
