"""Special files where a file is expected (FIFO, device, symlink loop, oversized, dangling link,
link to a file that is not YAML), for course files, source articles and saved state; and
control characters (terminal escapes) anywhere in a course, an article or a file name."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.special_files import KINDS, REASONS, SECRET, make_special
from tui.content.files import Unreadable, read_regular
from tui.content.loader import read_course
from tui.content.problems import printable
from tui.content.report import build_report, format_text
from tui.state import StateStore
from tui.storage import read_json

TIMEOUT = 60  # a FIFO that is opened for reading would block forever: fail instead of hanging


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "STEMCELL_SEEDS"}
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT,
    )


def problems_of(root: Path, seeds: Path | None = None) -> list[str]:
    if seeds is None:
        _, problems = read_course(root)
        return [str(p) for p in problems.items]
    return [str(p) for p in build_report(root, seeds).problems]


# -- the reader ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_read_regular_refuses_special_files(tmp_path: Path, kind: str) -> None:
    path = make_special(kind, tmp_path / "file")
    if kind == "link-to-non-yaml":
        assert read_regular(path, 1 << 20).startswith(SECRET.encode())  # a regular file: readable
        return
    with pytest.raises(Unreadable) as error:
        read_regular(path, 64 * 1024 * 1024)
    assert REASONS[kind] in error.value.reason


def test_size_limit_is_enforced_while_reading(tmp_path: Path) -> None:
    """/proc files say they are 0 bytes long: stat alone cannot cap what is read."""
    proc = Path("/proc/self/status")
    if not proc.exists():
        pytest.skip("no /proc on this system")
    assert os.stat(proc).st_size == 0
    with pytest.raises(Unreadable) as error:
        read_regular(proc, 16)
    assert "more than 16 bytes" in error.value.reason
    link = tmp_path / "lesson.yaml"
    link.symlink_to(proc)
    with pytest.raises(Unreadable):
        read_regular(link, 16)


# -- course files ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "rel",
    ["content/lessons/01-basics.yaml", "content/quiz/01-basics.yaml", "glossary.yaml", "content/course.yaml"],
)
def test_special_course_file_is_a_problem_not_a_hang(mini: Path, kind: str, rel: str) -> None:
    make_special(kind, mini / rel)
    found = problems_of(mini)
    mine = [p for p in found if p.startswith(f"{rel}:")]
    assert mine, found
    if kind == "link-to-non-yaml":  # one problem, quoting nothing of the file
        assert len(mine) == 1 and mine[0].startswith(f"{rel}:1:1: "), mine
        assert "has none of the expected keys" in mine[0] and "41 other key(s)" in mine[0]
        assert "SECRET" not in "\n".join(found) and "user1" not in "\n".join(found)
    else:
        assert mine[0].startswith(f"{rel}:1:1: ") and REASONS[kind] in mine[0], mine


@pytest.mark.parametrize("kind", ["fifo", "devzero-link", "symlink-loop", "link-to-non-yaml"])
def test_cli_commands_survive_a_special_lesson(mini: Path, kind: str) -> None:
    """`check`, `run` and `export` all stop with exit 1 and a message: no hang, no traceback."""
    make_special(kind, mini / "content/lessons/02-claims.yaml")
    seeds = str(mini.parent / "seeds")
    for args in (
        ["check", "--content", str(mini), "--seeds", seeds],
        ["--content", str(mini), "run"],
        ["export", "handout", "--content", str(mini)],
    ):
        result = run_cli(*args)
        output = result.stdout + result.stderr
        assert result.returncode == 1, (args, output)
        assert "Traceback" not in output and "SECRET" not in output
        assert "content/lessons/02-claims.yaml:1:1:" in output


def test_special_file_named_yaml_in_lessons_is_reported(mini: Path) -> None:
    (mini / "content/lessons/03-folder.yaml").mkdir()
    assert "content/lessons/03-folder.yaml:1:1: cannot read file: not a regular file (a folder)" in (
        problems_of(mini)
    )


# -- source articles --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_special_seed_file(mini: Path, kind: str) -> None:
    seeds = mini.parent / "seeds"
    make_special(kind, seeds / "100_alpha.txt")
    found = problems_of(mini, seeds)
    text = "\n".join(found)
    assert "SECRET" not in text
    if kind == "link-to-non-yaml":
        assert "sha256 of 100_alpha.txt does not match" in text
        return
    assert any(
        p.startswith("content/sources.yaml:7:1: article 100_alpha.txt cannot be read: ")
        and REASONS[kind] in p
        for p in found
    ), found


def test_seed_names_cannot_leave_the_seeds_folder(mini: Path) -> None:
    sources = mini / "content/sources.yaml"
    sources.write_text(
        sources.read_text("utf-8").replace('"100_alpha.txt"', '"../../etc/passwd"', 1), "utf-8"
    )
    found = problems_of(mini, mini.parent / "seeds")
    assert any("seed '../../etc/passwd' must be a file name in the seeds folder" in p for p in found), found


def test_huge_exclusion_range_is_cheap(mini: Path) -> None:
    """`lines: "1-9999999"` used to build a set of ten million ints; 5,000 digits crashed int()."""
    sources = mini / "content/sources.yaml"
    text = sources.read_text("utf-8")
    sources.write_text(text.replace('lines: "4"', 'lines: "1-9999999"'), "utf-8")
    report = build_report(mini, mini.parent / "seeds")
    assert report.verification is not None and report.verification.coverage["100_alpha.txt"].substantive == 0
    sources.write_text(text.replace('lines: "4"', f'lines: "{"9" * 5000}"'), "utf-8")
    found = problems_of(mini)
    assert any("must be a line number or a range" in p and "(5000 characters)" in p for p in found), found


# -- saved state --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_special_state_file_starts_fresh(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    make_special(kind, folder / "ui-state.json")
    loaded = read_json(folder / "ui-state.json")
    assert loaded.data is None
    if kind == "dangling-link":
        assert loaded.notice is None  # nothing there: a first start
    else:
        assert loaded.notice and "ui-state.json" in loaded.notice
        assert "SECRET" not in loaded.notice
        if kind in REASONS:
            assert REASONS[kind] in loaded.notice
    store = StateStore(folder)
    state = store.load()
    assert state.step is None and state.language == "en"


def test_state_file_over_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ui-state.json"
    path.write_text(json.dumps({"schema": 1, "step": "x" * 100}), "utf-8")
    loaded = read_json(path, limit=64)
    assert loaded.data is None and loaded.notice and "too large" in loaded.notice
    assert list(tmp_path.glob("ui-state.json.corrupt-*"))


# -- control characters -----------------------------------------------------------------------

ESCAPES = {
    "CSI clear": ("\\e[2J", "\\x1b"),
    "OSC 52": ("\\e]52;c;aGVsbG8=\\a", "\\x1b"),
    "OSC 0": ("\\e]0;pwned\\a", "\\x1b"),
    "C1 CSI": ("\\u009b31m", "\\u009b"),
    "tab": ("\\tb", "\\t"),
    "carriage return": ("\\rb", "\\r"),
    "bidi override": ("\\u202e", "\\u202e"),
}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize("escape", ESCAPES, ids=list(ESCAPES))
def test_escapes_in_a_string_are_refused_with_their_place(mini: Path, escape: str) -> None:
    yaml_escape, shown = ESCAPES[escape]
    lesson = mini / "content/lessons/01-basics.yaml"
    edit(lesson, "Article 100 defines", f"Article {yaml_escape} defines")
    found = problems_of(mini)
    assert len(found) == 1 and found[0].startswith("content/lessons/01-basics.yaml:9:20: "), found
    assert "is not allowed in course text (character 9 of the value)" in found[0]
    assert shown in found[0]
    assert not any(ch in "".join(found) for ch in "\x1b\x9b\x07\t\r\u202e")


SITES = {
    "course title": ("content/course.yaml", 'en: "Mini course"', 'en: "Mini\\e[2J course"', 1),
    "source title_en": ("content/sources.yaml", '"About stem cells"', '"About\\e]0;x\\a"', 5),
    "quiz prompt": (
        "content/quiz/01-basics.yaml",
        '"How does article 100 define a stem cell?"',
        '"How\\u009b does it?"',
        5,
    ),
    "glossary definition": ("glossary.yaml", '"A cell that can differentiate."', '"A\\e[1mcell"', 6),
    "lesson id": ("content/lessons/01-basics.yaml", "id: basics\n", 'id: "basics\\e[2J"\n', 1),
    "mapping key": ("content/lessons/01-basics.yaml", "summary:", '"summ\\x07ary":', 3),
}


@pytest.mark.parametrize("site", SITES, ids=list(SITES))
def test_escapes_are_refused_in_every_file_and_in_keys(mini: Path, site: str) -> None:
    rel, old, new, line = SITES[site]
    edit(mini / rel, old, new)
    found = problems_of(mini)
    mine = [p for p in found if p.startswith(f"{rel}:{line}:") and "is not allowed in course text" in p]
    assert mine, found
    assert not any(ch in "".join(found) for ch in "\x1b\x9b\x07")


def test_raw_control_character_gets_its_exact_column(mini: Path) -> None:
    lesson = mini / "content/lessons/01-basics.yaml"
    text = lesson.read_text("utf-8").replace("What stem cells are.", "What \x1b[2J stem cells are.")
    lesson.write_text(text, "utf-8")
    assert problems_of(mini) == [
        "content/lessons/01-basics.yaml:3:21: "
        "a control character (\\x1b, U+001B) is not allowed in course text"
    ]


def test_nel_and_line_separator_are_refused_raw(mini: Path) -> None:
    lesson = mini / "content/lessons/01-basics.yaml"
    edit(lesson, "What stem cells are.", "What stem\u2028cells are.")
    assert problems_of(mini)[0].startswith(
        "content/lessons/01-basics.yaml:3:25: a control character (\\u2028"
    )


def test_check_and_export_never_send_escapes(mini: Path) -> None:
    lesson = mini / "content/lessons/01-basics.yaml"
    edit(lesson, "Article 100 defines", "Article \\e[2J\\e]52;c;aGVsbG8=\\a\\u009b defines")
    seeds = str(mini.parent / "seeds")
    for args in (
        ["check", "--content", str(mini), "--seeds", seeds],
        ["check", "--content", str(mini), "--seeds", seeds, "--json"],
        ["export", "handout", "--content", str(mini), "-o", "-"],
    ):
        result = run_cli(*args)
        assert result.returncode == 1
        out = result.stdout + result.stderr
        assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out, out
        assert "\\x1b" in out


def test_file_names_and_articles_are_escaped(mini: Path) -> None:
    seeds = mini.parent / "seeds"
    article = seeds / "101_beta.txt"
    article.write_text(article.read_text("utf-8") + "evil \x1b]0;title\x07 \x9b31m paragraph\n", "utf-8")
    (mini / "content/lessons/03-\x1b[2J.yaml").write_text("id: [", "utf-8")
    report = build_report(mini, seeds)
    text = format_text(report, uncovered=True)
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
    assert "evil \\x1b]0;title\\x07 \\u009b31m paragraph" in text
    assert "content/lessons/03-\\x1b[2J.yaml:" in text
    assert "\x1b" not in json.dumps(report.as_json(), ensure_ascii=False)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("\x9b", "\\u009b"),
        ("a\nb\tc\rd", "a\\nb\\tc\\rd"),
        ("\x7f", "\\x7f"),
        ("\u202e", "\\u202e"),
        ("bad\udcffname", "bad\\udcffname"),
        ("幹細胞　培養", "幹細胞　培養"),
    ],
)
def test_printable(raw: str, shown: str) -> None:
    assert printable(raw) == shown
