"""Classroom mode: reveal order, step diagram, resume, presenter/follower sync and loss."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.conftest import MINI
from tui.app import ExplainerApp, make_app
from tui.content.loader import load_course
from tui.i18n import t
from tui.screens.class_quiz import ClassQuizScreen
from tui.screens.classroom import ClassroomRequest, ClassroomScreen, Link

COURSE = load_course(MINI)


CODE = "K7QF2M9X"


def app_for(
    tmp_path: Path, name: str = "data", *, port: int = 0, retry: float = 2.0, **request: object
) -> ExplainerApp:
    link = Link(CODE, port, retry) if request.get("role") in ("presenter", "follower") else None
    return make_app(COURSE, tmp_path / name, classroom=ClassroomRequest(**request, link=link))  # type: ignore[arg-type]


def base(app: ExplainerApp) -> ClassroomScreen:
    """The classroom screen under any class quiz."""
    screen = app.get_screen_stack("classroom")[0]
    assert isinstance(screen, ClassroomScreen)
    return screen


@asynccontextmanager
async def linked(
    tmp_path: Path, make: Callable[..., ExplainerApp] | None = None
) -> AsyncIterator[tuple[ExplainerApp, Pilot[None], ExplainerApp, Pilot[None]]]:
    """A presenter on a free port and a follower that has joined it: (presenter, its pilot,
    follower, its pilot). `make(tmp_path, name, role=…, port=…)` builds each app."""
    make = make or app_for
    presenter = make(tmp_path, "p", role="presenter")
    async with presenter.run_test(size=(120, 36)) as ppilot:
        await until(ppilot, lambda: base(presenter).server is not None)
        server = base(presenter).server
        assert server is not None
        follower = make(tmp_path, "f", role="follower", port=server.port)
        async with follower.run_test(size=(80, 24)) as fpilot:
            await until(fpilot, lambda: server.followers == 1)
            yield presenter, ppilot, follower, fpilot


def where(app: ExplainerApp) -> tuple[str, int]:
    screen = base(app)
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
    app = app_for(tmp_path, role="presenter")
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: base(app).server is not None)
        notes = str(app.screen.query_one("#presenter-notes").visual.plain)  # type: ignore[attr-defined]
        nxt = str(app.screen.query_one("#presenter-next").visual.plain)  # type: ignore[attr-defined]
        timer = str(app.screen.query_one("#presenter-timer").visual.plain)  # type: ignore[attr-defined]
        assert "what does differentiate mean?" in notes
        assert "Next step: Size" in nxt and timer.startswith("⏱ 0:00:0")


async def test_follower_mirrors_presenter_and_survives_its_exit(tmp_path: Path) -> None:
    async with linked(tmp_path) as (_presenter, ppilot, follower, fpilot):
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
        await ppilot.press("q")  # the presenter quits; the follower says so and waits
        lost = t("class.status.lost", "ja")  # the presenter had switched the room to Japanese
        await until(fpilot, lambda: lost in str(base(follower).query_one("#class-info").visual.plain))  # type: ignore[attr-defined]
        assert follower.is_running
        ended = t("class.ended", "ja")
        await until(fpilot, lambda: any(n.message == ended for n in follower._notifications))
        stopped = base(follower).elapsed()
        await fpilot.pause(1.1)
        assert base(follower).elapsed() == stopped  # its clock stops with the presenter


async def test_follower_without_presenter_waits(tmp_path: Path, refused_port: int) -> None:
    app = app_for(tmp_path, role="follower", port=refused_port, retry=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "waiting for a presenter" in base(app).status)
        info = str(base(app).query_one("#class-info").visual.plain)  # type: ignore[attr-defined]
        assert "waiting for a presenter" in info


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


async def test_slides_cite_every_revealed_item_and_s_shows_quotes(tmp_path: Path) -> None:
    app = app_for(tmp_path, lesson="basics")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = base(app)
        cites = lambda: [str(w.visual.plain) for w in screen.query(".slide-cite")]  # type: ignore[attr-defined]  # noqa: E731
        texts = list(screen.query(".slide-text"))
        assert len(cites()) == len(texts) >= 1
        assert all("STATED" in c or "EXPECTED" in c or "REPORTED" in c or "PROMOTIONAL" in c for c in cites())
        assert not any("「" in c for c in cites())
        await pilot.press("s")
        assert all("「" in c for c in cites())  # the verbatim quote under each source line


async def test_the_newest_diagram_box_is_on_screen_at_80x24(tmp_path: Path) -> None:
    from tui.content.paths import default_course_root

    course = load_course(default_course_root())
    app = make_app(course, tmp_path / "data", classroom=ClassroomRequest(lesson="signalling"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = base(app)
        for _ in range(12):
            await pilot.press("pagedown")
            await pilot.pause()
            lit = [w for w in screen.query(".slide-diagram") if not w.has_class("-dim")]
            if not lit:
                continue
            body = screen.query_one("#slide-body")
            newest = lit[-1].region
            assert body.region.overlaps(newest), "the box just lit is scrolled off the screen"
            for box in screen.query(".slide-diagram.-dim"):
                assert not box.visual.spans, "an unlit box keeps colours or links"  # type: ignore[attr-defined]


def test_class_quiz_and_answer_key_agree_on_order_and_match() -> None:
    """For a seed, the projector's letters for order and match are the answer key's letters."""
    from tui.handout import answer_key_markdown
    from tui.quiz.classquiz import class_questions
    from tui.screens.class_quiz import question_content

    questions = [q for q in class_questions(COURSE, "basics") if q.type in ("order", "match")]
    assert {q.type for q in questions} == {"order", "match"}
    for seed in (1, 2, 3):
        key = answer_key_markdown(COURSE, "en", seed)
        for q in questions:
            shown = str(question_content(COURSE, q, "en", True, "", seed=seed).plain)
            answer = shown.split("✔ ")[-1].splitlines()[0].strip()
            assert f"**{answer}**" in key, (q.id, seed, answer)


async def test_follower_shows_the_same_order_question(tmp_path: Path) -> None:
    async with linked(tmp_path) as (presenter, ppilot, follower, fpilot):
        await ppilot.press("c")
        body = lambda app: str(app.screen.query_one("#class-quiz-body").visual.plain)  # type: ignore[attr-defined]  # noqa: E731
        for _ in range(6):  # walk every question of the lesson, whatever its type
            await until(fpilot, lambda: isinstance(follower.screen, ClassQuizScreen))
            await until(fpilot, lambda: follower.screen.index == presenter.screen.index)  # type: ignore[attr-defined]
            shown = [
                [line for line in body(app).splitlines() if line.startswith("  ")]
                for app in (follower, presenter)
            ]
            assert shown[0] == shown[1]  # same letters, same order, on both ends
            await ppilot.press("right")


@pytest.mark.parametrize("language", ["en", "ja"])
async def test_the_classroom_footer_fits_80_columns(tmp_path: Path, language: str) -> None:
    from tests.conftest import footer_overflow

    app = make_app(COURSE, tmp_path / "data", classroom=ClassroomRequest())
    async with app.run_test(size=(80, 24)) as pilot:
        app.language = language  # type: ignore[assignment]
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, ClassroomScreen) and footer_overflow(app) == []
