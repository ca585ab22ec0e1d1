"""The course cursor (one navigation for every mode) and the interface-string catalogue."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from tests.conftest import MINI
from tui.content.cursor import Cursor
from tui.content.language import LANGUAGES, next_language, parse_language, single
from tui.content.loader import load_course
from tui.i18n import STRINGS, both_ways, t

COURSE = load_course(MINI)
STEPS = [step.id for _, step in COURSE.steps()]


def test_next_marks_read_and_jumps_do_not() -> None:
    cursor = Cursor(COURSE)
    assert cursor.step.id == STEPS[0] and cursor.course_read() == (0, len(STEPS))
    assert cursor.next()
    assert cursor.read == {STEPS[0]}
    assert cursor.jump_lesson(1) and cursor.read == {STEPS[0]}  # a jump reads nothing
    assert cursor.previous() and cursor.read == {STEPS[0]}
    cursor.go(STEPS[-1])
    assert not cursor.next()  # at the end: no move, but the last step counts as read
    assert STEPS[-1] in cursor.read


def test_at_resumes_by_step_then_lesson_then_start() -> None:
    assert Cursor.at(COURSE, STEPS[1]).step.id == STEPS[1]
    second = COURSE.lessons[1]
    assert Cursor.at(COURSE, "gone", second.id).step.id == second.steps[0].id
    assert Cursor.at(COURSE, "gone", "gone").index == 0
    # Marks of steps a course no longer has are dropped, not counted.
    assert Cursor.at(COURSE, read=["gone", STEPS[0]]).read == {STEPS[0]}


def test_numbers_and_lesson_progress() -> None:
    cursor = Cursor.at(COURSE, STEPS[1])
    assert (cursor.lesson_number, cursor.step_number) == (1, 2)
    assert cursor.peek(-1) is not None and cursor.peek(-1).id == STEPS[0]  # type: ignore[union-attr]
    assert cursor.peek(99) is None
    cursor.mark_read()
    assert cursor.lesson_read(cursor.lesson) == (1, len(cursor.lesson.steps))
    assert not cursor.jump_lesson(-5) and not cursor.go("gone")


def test_language_helpers() -> None:
    assert LANGUAGES == ("en", "ja", "both")
    assert [next_language(lang) for lang in LANGUAGES] == ["ja", "both", "en"]
    assert parse_language("xx") == "en" and parse_language(None, "ja") == "ja"
    assert single("both") == "en" and single("ja") == "ja"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_has_both_languages_and_the_same_placeholders(key: str) -> None:
    en, ja = STRINGS[key]
    assert en.strip() and ja.strip(), f"{key} lacks a language"
    assert _fields(en) == _fields(ja), f"{key}: placeholders differ"


def test_japanese_strings_are_japanese() -> None:
    """Catch an English string copied into the Japanese column."""
    kana_or_kanji = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    allowed = {"app.title"} | {key for key, (en, ja) in STRINGS.items() if en == ja}
    english_only = [
        key for key, (_, ja) in STRINGS.items() if key not in allowed and not kana_or_kanji.search(ja)
    ]
    assert english_only == []


def test_lookup() -> None:
    assert t("key.quit", "ja") == "終了" and t("key.quit", "both") == "Quit"
    assert t("home.days", "ja", n=3) == "3日"
    assert both_ways("handout.glossary", "both") == "Glossary / 用語集"


def test_no_language_choice_outside_the_catalogue() -> None:
    """Interface text is chosen in one place: no `… if ja else …` in the package."""
    pattern = re.compile(r'if ja else|== "ja" else')
    offenders = [
        f"{path}:{n}"
        for path in (Path(__file__).parent.parent / "tui").rglob("*.py")
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if pattern.search(line) and path.name != "i18n.py"
    ]
    assert offenders == []


def test_every_string_is_used() -> None:
    """A catalogue entry nobody shows is dead weight a translator still has to keep up."""
    sources = "\n".join(
        path.read_text("utf-8")
        for path in (Path(__file__).parent.parent / "tui").rglob("*.py")
        if path.name != "i18n.py"
    )
    unused = []
    for key in STRINGS:
        prefix = key.rsplit(".", 1)[0] + "."
        if f'"{key}"' in sources or f"'{key}'" in sources:
            continue
        # Keys built at run time: t(f"qtype.{q.type}", …), head("why", …) → "handout.why", …
        if f'"{prefix}{{' in sources or f"'{prefix}{{" in sources or f'f"{prefix}' in sources:
            continue
        if key.startswith("handout.") and (f'head("{key[8:]}"' in sources or f"head('{key[8:]}'" in sources):
            continue
        if key.startswith("system.") and "localise_system_commands" in sources:  # Textual's own commands
            continue
        unused.append(key)
    assert unused == []


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    """A literal key given to t(), both_ways() or Notice(), or as a Binding's description, exists
    (a missing one raises only when that line runs: a palette search swallows it silently)."""
    missing = []
    for path in (Path(__file__).parent.parent / "tui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            index = {"t": 0, "both_ways": 0, "Notice": 0, "Binding": 2}.get(name)
            if index is None or len(node.args) <= index:
                continue
            key = node.args[index]
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)) or key.value in STRINGS:
                continue
            if name != "Binding" or key.value.startswith("key."):  # some widgets' labels are plain text
                missing.append(f"{path.name}:{node.lineno}: {key.value}")
    assert missing == []
