"""Import hygiene: the content model, the quiz engine, storage, handouts and the command line
never import Textual. Each module is imported alone in a fresh interpreter."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import tui
import tui.content
import tui.quiz
from tests.conftest import REPO

# Whole packages that are UI-free: every module in them is found by walking the package.
UI_FREE_PACKAGES = [tui.content, tui.quiz]
# UI-free modules directly under tui/ (the rest there, and tui/screens, tui/widgets, are the UI).
UI_FREE_MODULES = [
    "tui",
    "tui.__main__",
    "tui.sync",
    "tui.i18n",
    "tui.cli",
    "tui.classreport_doc",
    "tui.course_cache",
    "tui.handout",
    "tui.worksheet",
    "tui.claims_export",
    "tui.serve",  # imports textual_serve only when serving
    "tui.state",
    "tui.storage",
]


def ui_free_modules() -> list[str]:
    found = list(UI_FREE_MODULES)
    for package in UI_FREE_PACKAGES:
        found.append(package.__name__)
        found += [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
    return sorted(set(found))


def test_the_walk_finds_the_content_and_quiz_modules() -> None:
    found = ui_free_modules()
    assert {"tui.content.loader", "tui.content.report", "tui.quiz.store", "tui.quiz.session"} <= set(found)
    assert len(found) >= 25, found


@pytest.mark.parametrize("module", ui_free_modules())
def test_module_never_imports_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not loaded, loaded[:5]\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 0, f"{module} imports textual:\n{result.stderr}"


def test_start_up_imports_no_yaml_and_no_workshop() -> None:
    """The DISCERN workshop (its YAML reader, its screens) loads on first use, not at start-up."""
    later = ["yaml", "tui.content.discern", "tui.screens.appraise_home", "tui.screens.class_discern"]
    code = (
        "import sys, tui.app, tui.cli, tui.quiz.db\n"
        f"loaded = [m for m in {later!r} if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 0, result.stderr


FIRST_FRAME = """
import sys
from bench.apps import first_frame
from tui.app import ExplainerApp
from tui.content.later import is_pending

made = []
init = ExplainerApp.__init__
ExplainerApp.__init__ = lambda self, *a, **k: (made.append(self), init(self, *a, **k))[1]
code = first_frame(sys.argv[1])
app = made[0]
later = [
    "yaml", "markdown_it", "importlib.metadata", "tui.content.loader", "tui.screens.classroom",
    "tui.screens.quiz_home", "tui.screens.quiz", "tui.screens.appraise_home",
    "tui.screens.who_says_what", "tui.content.search", "textual_serve", "tui.quiz.session",
    "tui.screens.course_done", "tui.screens.help", "tui.screens.confirm", "fsrs",
]
# Read when first used, not at start-up (tui.content.later): every step but the first, the
# quiz, the claims and the topics.
steps = [step for lesson in app.course.lessons for step in lesson.steps]
print("read", sum(not is_pending(step, "items") for step in steps), [
    name for name in ("questions", "claims", "topics") if not is_pending(app.course, name)
])
import gc
from tui.collector import HELD
assert gc.get_threshold()[2] == HELD, gc.get_threshold()  # the run holds full collections back
print(code, [m for m in later if m in sys.modules])
"""


def test_first_frame_loads_only_what_the_walkthrough_needs(tmp_path: Path) -> None:
    """From the course cache to the first frame: no YAML, no markdown-it (the cache holds the
    parsed inline Markdown), no other mode's screens; speed itself is measured in `make bench`."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "TEXTUAL_ANIMATIONS": "none"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", FIRST_FRAME, str(tmp_path / "data")],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
            env=env,
        )
        for _ in range(2)  # the first writes the cache and the database; the second is a start
    ]
    assert runs[1].returncode == 0, runs[1].stderr
    *_, read, result = runs[1].stdout.strip().splitlines()
    assert result == "0 []"
    # The first step, and perhaps its neighbours (prepared while idle before the app exits).
    assert read in ("read 1 []", "read 2 []", "read 3 []", "read 4 []"), read
