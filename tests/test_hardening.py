"""Bad input and faults: fuzzed content, huge and hostile YAML, failed saves, markup injection
everywhere, and unusual terminals."""

from __future__ import annotations

import errno
import shutil
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINI, MINI_SEEDS, plain, run_cli
from tui.app import make_app
from tui.content.loader import load_course, read_course
from tui.content.report import build_report
from tui.handout import handout_markdown, to_html
from tui.quiz.session import QuizRequest
from tui.screens.classroom import ClassroomRequest, Link
from tui.state import StateStore, UiState
from tui.storage import atomic_write

FUZZ_ROOT = Path(tempfile.mkdtemp(prefix="stemcell-fuzz-"))
shutil.copytree(MINI, FUZZ_ROOT / "course")
LESSON = FUZZ_ROOT / "course" / "content" / "lessons" / "01-basics.yaml"

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def problems_only(data: bytes) -> list[str]:
    LESSON.write_bytes(data)
    _, problems = read_course(FUZZ_ROOT / "course")  # must never raise
    return [str(p) for p in problems.items]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_fuzz_random_bytes(data: bytes) -> None:
    for problem in problems_only(data):
        assert problem.count(":") >= 3  # path:line:col: message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{}'\"&*!|>#\n\t幹")), max_size=200))
def test_fuzz_yamlish_text(text: str) -> None:
    problems_only(text.encode("utf-8"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_fuzz_random_documents(document: object) -> None:
    found = problems_only(yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))
    assert found, "a random document is never a valid lesson"


def test_ten_megabyte_file_is_refused_quickly(mini: Path) -> None:
    lesson = mini / "content/lessons/01-basics.yaml"
    lesson.write_bytes(b"# padding\n" * 1_048_576)
    start = time.perf_counter()
    _, problems = read_course(mini)
    assert time.perf_counter() - start < 2
    assert any("01-basics.yaml:1:1: file is too large (10485760 bytes" in str(p) for p in problems.items)


def test_alias_bomb_is_refused_quickly(mini: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    (mini / "glossary.yaml").write_text(bomb, "utf-8")
    start = time.perf_counter()
    _, problems = read_course(mini)
    assert time.perf_counter() - start < 2
    assert any("anchors and aliases are not allowed" in str(p) for p in problems.items)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 50_000 + "]" * 50_000,
        "a: 'it''s' " + "{" * 5_000,
        "terms:\n" + "".join(" " * (2 * i) + "- x:\n" for i in range(300)),
    ],
    ids=["flow", "after-quote", "block"],
)
def test_deep_nesting_is_refused(mini: Path, text: str) -> None:
    """libyaml recurses per level and can crash the process; deep files are refused first."""
    (mini / "glossary.yaml").write_text(text, "utf-8")
    _, problems = read_course(mini)
    assert any(str(p).startswith("glossary.yaml:") and "nested too deeply" in str(p) for p in problems.items)


# -- saves under faults ---------------------------------------------------------------


def test_disk_full_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "ui-state.json"
    atomic_write(target, '{"old": true}')

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("tui.storage.os.fsync", full)
    with pytest.raises(OSError):
        atomic_write(target, '{"new": true}')
    assert target.read_text("utf-8") == '{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["ui-state.json"]
    store = StateStore(tmp_path)
    warning = store.save(UiState(step="x"))
    assert warning and "No space left on device" in warning
    assert target.read_text("utf-8") == '{"old": true}'


# -- markup injection everywhere --------------------------------------------------------

INJECTION = "[bold]B[/] [@click=app.quit]Q[/] [link=file:///etc/passwd]F[/]"


@pytest.fixture
def injected(mini: Path) -> Path:
    replacements = {
        "content/lessons/01-basics.yaml": [
            ("Article 100 defines a stem cell as a cell that can differentiate.", INJECTION),
            ("Ask: what does differentiate mean?", f"Ask: {INJECTION}"),
            ('gloss: "a cell that can differentiate into various cells"', f'gloss: "{INJECTION}"'),
        ],
        "glossary.yaml": [("A cell that can differentiate.", INJECTION)],
        "content/quiz/01-basics.yaml": [
            ("How does article 100 define a stem cell?", INJECTION),
            ("That is the exosome.", INJECTION),
        ],
    }
    for rel, pairs in replacements.items():
        path = mini / rel
        text = path.read_text("utf-8")
        for old, new in pairs:
            assert old in text, old
            text = text.replace(old, new)
        path.write_text(text, "utf-8")
    return mini


async def test_injection_is_literal_in_walkthrough(injected: Path, tmp_path: Path) -> None:
    app = make_app(load_course(injected), tmp_path / "data", save=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        unit = app.screen.query_one("#step").units[0]  # type: ignore[attr-defined]
        assert INJECTION in plain(unit)
        assert INJECTION in plain(app.screen.query_one("#source-body"))
        app.screen.open_term("stem-cell")  # type: ignore[attr-defined]
        await pilot.pause()
        assert INJECTION in plain(app.screen.query_one("#glossary-card"))
        await pilot.click(unit, offset=(plain(unit).index("Q") + 1, 0))
        await pilot.pause()
        assert app.is_running


async def test_injection_is_literal_in_quiz(injected: Path, tmp_path: Path) -> None:
    app = make_app(
        load_course(injected), tmp_path / "data", quiz=QuizRequest(lesson="basics", count=None, seed=0)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        for _ in range(6):
            if screen.question.id == "q-basics-1":  # type: ignore[attr-defined]
                break
            screen.index += 1  # type: ignore[attr-defined]
            screen.show_question()  # type: ignore[attr-defined]
            await pilot.pause()
        assert INJECTION in plain(screen.query_one("#quiz-prompt"))
        await pilot.press("abc"[screen.order.index(1)])  # type: ignore[attr-defined]  # option B as authored
        await pilot.pause()
        assert INJECTION in plain(screen.query_one("#quiz-feedback"))
        assert app.is_running


async def test_injection_is_literal_in_presenter_notes(injected: Path, tmp_path: Path) -> None:
    app = make_app(
        load_course(injected),
        tmp_path / "data",
        classroom=ClassroomRequest(role="presenter", link=Link("K7QF2M", 0)),
    )
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert f"Ask: {INJECTION}" in plain(app.screen.query_one("#presenter-notes"))
        assert INJECTION in "".join(plain(w) for w in app.screen.query(".slide-text"))


def test_injection_is_literal_in_handout(injected: Path) -> None:
    html = to_html(handout_markdown(load_course(injected), "en"), "t", "en")
    assert INJECTION in html  # literal text; markdown-it sees no link syntax in it


# -- terminals ----------------------------------------------------------------------------


def test_term_dumb_gets_a_clear_message() -> None:
    result = run_cli("--content", str(MINI), env={"TERM": "dumb"})
    assert result.returncode == 2
    assert "TERM=dumb" in result.stderr and "serve" in result.stderr
    assert "Traceback" not in result.stderr and "\x1b[" not in result.stdout


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TEXTUAL_COLOR_SYSTEM": "standard"}])
async def test_colour_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    app = make_app(load_course(MINI), tmp_path / "data", save=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "l", "g", "escape")
        svg = app.export_screenshot()
        assert "Size" in svg or "大きさ" in svg
        if "NO_COLOR" in env:
            assert app.no_color


async def test_resize_storm(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    app = make_app(load_course(MINI), tmp_path / "data", save=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(60):
            await pilot.resize_terminal(rng.randint(1, 220), rng.randint(1, 70))
            if rng.random() < 0.3:
                await pilot.press(rng.choice(["right", "left", "l", "s", "o", "g", "escape"]))
        await pilot.resize_terminal(1, 1)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.is_running


def test_changed_article_is_reported(mini: Path) -> None:
    seeds = mini.parent / "seeds"
    article = seeds / "100_alpha.txt"
    article.write_bytes(article.read_bytes().replace("期待".encode(), "確実".encode()))
    problems = [str(p) for p in build_report(mini, seeds).problems]
    assert any("sha256 of 100_alpha.txt does not match" in p for p in problems)
    assert any('quote not found in 100_alpha.txt: "肌のハリの改善が期待されています"' in p for p in problems)
    assert MINI_SEEDS.is_dir()
