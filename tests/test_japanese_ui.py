"""A walk through every screen in Japanese: no English interface word may show.

Allowed: content (the course's own Japanese text, which quotes some English names), key names,
article file names and the publishers' names. Everything else in Latin letters is chrome that
missed the catalogue.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from tests.conftest import MINI
from tui.app import make_app
from tui.content.discern import load_discern
from tui.content.loader import default_course_root, load_course
from tui.content.model import Course, Text
from tui.quiz.session import QuizRequest
from tui.screens.appraise_home import AppraiseRequest
from tui.screens.classroom import ClassroomRequest

COURSE = load_course(MINI)
# Command lines the screen tells a teacher to type are typed as they are, in any language.
COMMANDS = {"stemcell", "explainer", "export", "answer", "key", "seed", "classroom", "follow", "join", "port"}
# Names written in Latin letters in Japanese too: the appraisal instrument.
NAMES = {"DISCERN"}
KEYS = {"space", "PgDn", "PgUp", "enter", "esc", "ctrl", "tab", "shift", "Backspace", "Enter", "backspace"}
WORD = re.compile(r"[A-Za-z]{3,}")


def _content_words(course: Course = COURSE, *more: object) -> set[str]:
    """Latin words inside the course's Japanese text, names and file names: content, not chrome."""
    words: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, Text):
            words.update(WORD.findall(value.ja))
        elif isinstance(value, str):
            words.update(WORD.findall(value)) if value.isascii() is False or "." in value else None
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                walk(getattr(value, field.name))
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)

    walk(course)
    for value in more:
        walk(value)
    for source in course.sources:
        words.update(WORD.findall(f"{source.seed} {source.publisher or ''} {source.title or ''}"))
    for term in course.terms:
        words.update(WORD.findall(" ".join(term.aliases)))
    return words


ALLOWED = KEYS | COMMANDS | NAMES | _content_words()
# The shipped course and its DISCERN workshop, for the screens only it has.
REAL = load_course(default_course_root())
REAL_DISCERN = load_discern(default_course_root(), [s.seed for s in REAL.sources], None)
REAL_ALLOWED = KEYS | COMMANDS | NAMES | _content_words(REAL, REAL_DISCERN)


def english_words(screen_text: str, allowed: set[str] = ALLOWED) -> set[str]:
    return {word for word in WORD.findall(screen_text) if word not in allowed}


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    lines = []
    for widget in app.screen.walk_children():
        visual = getattr(widget, "visual", None)
        plain = getattr(visual, "plain", None)
        if isinstance(plain, str):
            lines.append(plain)
        for attr in ("border_title", "placeholder"):
            value = getattr(widget, attr, None)
            if isinstance(value, str):
                lines.append(value)
    lines.append(app.screen.sub_title or "")
    lines.append(app.title)
    footer = [b.description for b in app.screen.active_bindings.values() if b[1].show for b in [b[1]]]
    lines.extend(footer)
    return "\n".join(lines)


def in_japanese(data: Path) -> Path:
    """A data folder whose saved settings say Japanese, as a returning Japanese user has."""
    data.mkdir(parents=True)
    (data / "ui-state.json").write_text('{"schema": 1, "language": "ja"}', "utf-8")
    return data


async def _walk(
    app, size: tuple[int, int], steps: list[list[str]], allowed: set[str] = ALLOWED
) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    found: dict[str, set[str]] = {}
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for keys in steps:
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            words = english_words(screen_text(app), allowed)
            if words:
                found[f"{type(app.screen).__name__} after {keys}"] = words
    return found


async def test_walkthrough_help_glossary_and_end_in_japanese(tmp_path: Path) -> None:
    for size in ((80, 24), (120, 36)):
        app = make_app(COURSE, in_japanese(tmp_path / f"w{size[0]}"))
        steps = [[], ["right"], ["question_mark"], ["escape", "g"], ["escape", "right", "right"], ["escape"]]
        assert await _walk(app, size, steps) == {}


async def test_quiz_screens_in_japanese(tmp_path: Path) -> None:
    app = make_app(COURSE, in_japanese(tmp_path / "q"), quiz=QuizRequest(lesson="basics", count=None, seed=0))
    steps = [[], ["1"], ["enter"], ["escape"]]
    assert await _walk(app, (100, 36), steps) == {}


async def test_classroom_in_japanese(tmp_path: Path) -> None:
    app = make_app(COURSE, in_japanese(tmp_path / "c"), classroom=ClassroomRequest())
    steps = [[], ["pagedown"], ["c"], ["space"], ["escape"]]
    assert await _walk(app, (100, 30), steps) == {}


async def test_who_says_what_in_japanese(tmp_path: Path) -> None:
    for size in ((80, 24), (120, 36)):
        app = make_app(COURSE, in_japanese(tmp_path / f"m{size[0]}"))
        steps = [
            ["w"],
            ["t"],
            ["t", "a"],
            ["down", "right", "enter"],
            ["escape", "question_mark"],
            ["escape"],
        ]
        # The cell with 101's side of the safety card: its quotes and the card to open.
        steps += [["ctrl+end", "up"], ["enter"], ["escape", "a", "down"]]
        assert await _walk(app, size, steps) == {}


async def test_appraise_screens_in_japanese(tmp_path: Path) -> None:
    rate_all = [[str(n % 5 + 1), "enter"] for n in range(1, 17)]  # the last enter opens the summary
    steps = [[], ["down"], ["enter"], ["s"], *rate_all, ["end"], ["escape"], ["r"], ["escape"]]
    for size in ((80, 24), (120, 36)):
        app = make_app(
            REAL, in_japanese(tmp_path / f"a{size[0]}"), appraise=AppraiseRequest(), discern=REAL_DISCERN
        )
        assert await _walk(app, size, steps, REAL_ALLOWED) == {}


async def test_class_discern_in_japanese(tmp_path: Path) -> None:
    app = make_app(
        REAL, in_japanese(tmp_path / "cd"), classroom=ClassroomRequest(lesson=None), discern=REAL_DISCERN
    )
    steps = [[], ["d"], ["enter"], ["1", "3", "3"], ["enter"], ["n"], ["n"] * 15, ["p"], ["escape"]]
    assert await _walk(app, (100, 30), steps, REAL_ALLOWED) == {}
