"""Classroom mode: reveal order, step diagram, resume, presenter/follower sync and loss."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.conftest import MINI
from tui.app import ClassroomRequest, ExplainerApp, make_app
from tui.content.loader import load_course
from tui.screens.class_quiz import ClassQuizScreen
from tui.screens.classroom import ClassroomScreen

COURSE = load_course(MINI)


def app_for(tmp_path: Path, name: str = "data", **request: object) -> ExplainerApp:
    return make_app(COURSE, tmp_path / name, classroom=ClassroomRequest(**request))  # type: ignore[arg-type]


def where(app: ExplainerApp) -> tuple[str, int]:
    screen = app._classroom_base()
    assert screen is not None
    return screen.step.id, screen.reveal


async def until(pilot, condition: Callable[[], bool], seconds: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not met in time")


async def test_reveal_order_forward_and_back(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        seen = [where(app)]
        for _ in range(6):
            await pilot.press("pagedown")
            seen.append(where(app))
        assert seen == [
            ("basics.definition", 1),
            ("basics.definition", 2),
            ("basics.size", 1),
            ("basics.size", 2),
            ("basics.size", 3),
            ("claims.safety", 1),
            ("claims.safety", 2),
        ]
        await pilot.press("pageup", "pageup")
        assert where(app) == ("basics.size", 3)  # back into the previous step, fully revealed
        await pilot.press("pageup", "space", "left", "left")
        assert where(app) == ("basics.size", 1)


async def test_step_diagram_lights_one_step_per_key(tmp_path: Path) -> None:
    app = app_for(tmp_path, lesson="basics")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("pagedown", "pagedown")  # basics.size, 1 piece shown
        screen = app.screen
        boxes = list(screen.query(".slide-diagram"))
        assert len(boxes) == 2 and [b.has_class("-dim") for b in boxes] == [False, True]
        assert not screen.query(".slide-table")  # the table row is not revealed yet
        await pilot.press("pagedown")
        boxes = list(screen.query(".slide-diagram"))
        assert [b.has_class("-dim") for b in boxes] == [False, False]
        await pilot.press("pagedown")
        assert screen.query(".slide-table")


async def test_resumes_the_lecture_series(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.press("q")
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)):
        assert where(app) == ("basics.size", 2)


async def test_presenter_view_shows_notes_next_and_timer(tmp_path: Path) -> None:
    app = app_for(tmp_path, role="presenter", port=0)  # the presenter binds a free port itself
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        notes = str(app.screen.query_one("#presenter-notes").visual.plain)  # type: ignore[attr-defined]
        nxt = str(app.screen.query_one("#presenter-next").visual.plain)  # type: ignore[attr-defined]
        timer = str(app.screen.query_one("#presenter-timer").visual.plain)  # type: ignore[attr-defined]
        assert "what does differentiate mean?" in notes
        assert "Next step: Size" in nxt and timer.startswith("⏱ 0:00:0")


async def test_follower_mirrors_presenter_and_survives_its_exit(tmp_path: Path) -> None:
    presenter = app_for(tmp_path, "p", role="presenter", port=0)  # binds a free port itself
    started: asyncio.Future[Pilot[None]] = asyncio.get_running_loop().create_future()
    quit_presenter = asyncio.Event()

    async def present() -> None:  # in a task of its own, so that it can quit before the follower
        async with presenter.run_test(size=(120, 36)) as pilot:
            started.set_result(pilot)
            await quit_presenter.wait()

    presenting = asyncio.create_task(present())
    try:
        ppilot = await asyncio.wait_for(started, 30)
        await until(ppilot, lambda: presenter.presenter is not None)
        port = presenter.presenter.port  # type: ignore[union-attr]
        follower = app_for(tmp_path, "f", role="follower", port=port, retry=0.1)
        async with follower.run_test(size=(80, 24)) as fpilot:
            await until(
                fpilot,
                lambda: presenter.presenter is not None and presenter.presenter.followers == 1,
            )
            await ppilot.press("pagedown", "pagedown", "l")
            await until(fpilot, lambda: where(follower) == ("basics.size", 1))
            await until(fpilot, lambda: follower.screen.language == "ja")  # type: ignore[attr-defined]
            await fpilot.press("pagedown")  # the follower cannot drive
            assert where(follower) == ("basics.size", 1)
            await ppilot.press("c")
            await until(fpilot, lambda: isinstance(follower.screen, ClassQuizScreen))
            await ppilot.press("space")
            await until(fpilot, lambda: follower.screen.revealed)  # type: ignore[attr-defined]
            await ppilot.press("escape")
            await until(fpilot, lambda: isinstance(follower.screen, ClassroomScreen))
            quit_presenter.set()
            await presenting  # the presenter has quit
            base = follower._classroom_base()
            assert base is not None
            await until(fpilot, lambda: "ended the session" in base.status)
            assert follower.is_running
            await until(
                fpilot, lambda: any("presenter has ended" in n.message for n in follower._notifications)
            )
    finally:
        quit_presenter.set()
        await presenting


async def test_follower_without_presenter_waits(tmp_path: Path, refused_port: int) -> None:
    app = app_for(tmp_path, role="follower", port=refused_port, retry=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        base = app._classroom_base()
        assert base is not None
        await until(pilot, lambda: "waiting for a presenter" in base.status)


async def test_class_quiz_hides_answer_until_revealed_and_saves_nothing(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, ClassQuizScreen)
        body = lambda: str(screen.query_one("#class-quiz-body").visual.plain)  # type: ignore[attr-defined]  # noqa: E731
        assert "answer hidden" in body() and "✔" not in body()
        await pilot.press("space")
        assert "✔" in body() and "「" in body()
        await pilot.press("right")
        assert "answer hidden" in body()
        await pilot.press("escape")
        assert isinstance(app.screen, ClassroomScreen)
    assert not (tmp_path / "data" / "reviews.jsonl").exists()
