"""Class DISCERN: the presenter counts the room's hands for each question and reveals the
reference; a follower mirrors the question, the count and the reveal; the counts are saved on
the presenter's machine only."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MINI, plain
from tests.test_classroom import CODE, base, linked, until
from tui.app import ExplainerApp, make_app
from tui.content.discern import load_discern
from tui.content.loader import default_course_root, load_course
from tui.i18n import t
from tui.quiz.db import ReviewDB
from tui.screens.class_discern import ClassDiscernScreen
from tui.screens.classroom import ClassroomRequest, ClassroomScreen, Link
from tui.storage import data_dir
from tui.sync import SyncState

COURSE = load_course(default_course_root())
DISCERN = load_discern(default_course_root(), [s.seed for s in COURSE.sources], None)
SEED = "001_6a4e017ff932e135.txt"
APPRAISAL = DISCERN.appraisal(SEED)
assert APPRAISAL is not None


def app_for(tmp_path: Path, name: str, *, port: int = 0, **request: object) -> ExplainerApp:
    role = request.get("role")
    link = Link(CODE, port, 0.1) if role in ("presenter", "follower") else None
    return make_app(
        COURSE,
        tmp_path / name,
        classroom=ClassroomRequest(**request, link=link),  # type: ignore[arg-type]
        discern=DISCERN,
    )


def body(app: ExplainerApp) -> str:
    return plain(app.screen.query_one("#class-discern-body"))


def tallies(tmp_path: Path, name: str) -> list[tuple[int, tuple[int, ...]]]:
    return [(c.question, c.hands) for c in ReviewDB(data_dir(tmp_path / name)).class_tallies()]


async def test_follower_mirrors_the_question_the_count_and_the_reveal(tmp_path: Path) -> None:
    async with linked(tmp_path, app_for) as (presenter, ppilot, follower, fpilot):
        await ppilot.press("d")
        await until(fpilot, lambda: isinstance(follower.screen, ClassDiscernScreen))
        assert t("class_discern.waiting", "en") in body(follower)
        await ppilot.press("down", "enter")  # article 001
        shown = lambda: follower.screen  # noqa: E731
        await until(fpilot, lambda: shown().seed == SEED and shown().number == 1)  # type: ignore[attr-defined]
        ask = DISCERN.instrument.question(1).ask.en
        assert ask in body(follower) and "(reference hidden)" in body(follower)
        assert "enter shows it" not in body(follower)  # the teacher's keys stay on the teacher's screen
        await ppilot.press("1", "3", "3", "backspace", "4")
        await until(fpilot, lambda: shown().current.as_tuple() == (1, 0, 1, 1, 0))  # type: ignore[attr-defined]
        assert "3 hand(s) · class median 3" in body(follower)
        assert "Reference rating" not in body(follower)
        await fpilot.press("5", "enter")  # the follower cannot count or reveal
        assert shown().current.as_tuple() == (1, 0, 1, 1, 0)  # type: ignore[attr-defined]
        await ppilot.press("enter")
        await until(fpilot, lambda: 1 in shown().revealed)  # type: ignore[attr-defined]
        reference = APPRAISAL.rating(1).score
        assert f"Reference rating: {reference} · class median 3" in body(follower)
        assert APPRAISAL.rating(1).why.en[:40] in body(follower)
        await ppilot.press("n")
        await until(fpilot, lambda: shown().number == 2 and 2 not in shown().revealed)  # type: ignore[attr-defined]
        assert DISCERN.instrument.question(2).ask.en in body(follower)
        # A state naming an article the follower does not know is ignored.
        server = base(presenter).server
        assert server is not None
        server.publish(SyncState("discern", "x", 1, "en", article="999_unknown.txt", number=3))
        await fpilot.pause(0.3)
        assert shown().seed == SEED and shown().number == 2  # type: ignore[attr-defined]
        await ppilot.press("p", "escape")
        await until(fpilot, lambda: isinstance(follower.screen, ClassroomScreen))
    assert tallies(tmp_path, "p") == [(1, (1, 0, 1, 1, 0))]
    assert tallies(tmp_path, "f") == []  # nothing is saved on a follower


async def test_counts_are_undone_skipped_and_summed_up_at_the_end(tmp_path: Path) -> None:
    app = app_for(tmp_path, "solo")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClassDiscernScreen)
        await pilot.press("1")  # no article yet: no count
        await pilot.press("down", "enter")
        assert screen.seed == SEED and screen.current.votes == 0
        await pilot.press("2", "2", "enter")  # question 1: two hands for 2, revealed
        await pilot.press("n", "5", "backspace")  # question 2: a hand taken back, so skipped
        await pilot.press("n", "4", "4", "4", "1")  # question 3: counted, never revealed
        for _ in range(14):
            await pilot.press("n")
        await pilot.pause()
        assert screen.finished
        summary = body(app)
        assert "The class's ratings beside the reference" in summary
        lines = {line.split()[0]: line for line in summary.splitlines() if line.strip()[:2].strip().isdigit()}
        assert " 0  2  0  0  0 " in lines["1"] and "skipped" in lines["2"] and " 1  0  0  3  0 " in lines["3"]
        await pilot.press("1", "enter")  # the table takes no counts
        assert screen.finished and screen.hands[16].votes == 0
        await pilot.press("p")
        assert not screen.finished and screen.number == 16
    assert tallies(tmp_path, "solo") == [(1, (0, 2, 0, 0, 0)), (3, (1, 0, 0, 3, 0))]


async def test_without_a_workshop_the_classroom_says_so(tmp_path: Path) -> None:
    app = make_app(load_course(MINI), tmp_path / "m", classroom=ClassroomRequest())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ClassroomScreen)
        assert any(n.message == t("appraise.unavailable", "en") for n in app._notifications)
