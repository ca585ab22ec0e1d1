"""The appraise mode: rate an article question by question with keys, the reference revealed
only after rating, the difference, the summary with section bars and rankings, saved ratings,
the ways in (walkthrough key, palette, command line) and the fit at 80x24."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import OptionList

from tests.conftest import MINI, plain, wait_for_async
from tui.app import ExplainerApp, make_app
from tui.cli import main
from tui.content.discern import load_discern
from tui.content.loader import default_course_root, load_course
from tui.quiz.db import ReviewDB
from tui.screens.appraise import AppraisalSummary, AppraiseScreen
from tui.screens.appraise_home import AppraiseHome, AppraiseRequest
from tui.screens.walkthrough import WalkthroughScreen
from tui.storage import data_dir

COURSE = load_course(default_course_root())
DISCERN = load_discern(default_course_root(), [s.seed for s in COURSE.sources], None)
SEED = "001_6a4e017ff932e135.txt"
REFERENCE = DISCERN.appraisal(SEED).scores  # type: ignore[union-attr]


def app_for(tmp_path: Path, article: str | None = None, **kwargs: object) -> ExplainerApp:
    return make_app(COURSE, tmp_path / "data", appraise=AppraiseRequest(article), discern=DISCERN, **kwargs)  # type: ignore[arg-type]


def text(app: ExplainerApp, selector: str) -> str:
    return plain(app.screen.query_one(selector))


def mine(question: int) -> int:
    """The learner's rating in these tests: the reference's, one up on odd questions, and 5 on 16."""
    return 5 if question == 16 else min(5, REFERENCE[question] + question % 2)


async def test_rate_a_whole_article_then_the_summary(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AppraiseHome)
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AppraiseScreen) and screen.seed == SEED
        assert "Does the page say near the start what it sets out to do?" in text(app, "#appraise-question")
        assert "Look for:" in text(app, "#appraise-question")
        row = text(app, "#appraise-row")
        assert "no" in row and "partly" in row and "yes" in row and "reference" not in row
        assert text(app, "#appraise-detail").startswith("What the numbers mean\n1 (no):")
        await pilot.press("enter")  # nothing to move on to before a rating
        assert screen.number == 1
        for question in range(1, 17):
            assert screen.number == question
            assert "reference" not in text(app, "#appraise-detail")
            await pilot.press(str(mine(question)))
            detail = text(app, "#appraise-detail")
            difference = mine(question) - REFERENCE[question]
            apart = {0: "the same", 1: "1 point apart"}.get(
                abs(difference), f"{abs(difference)} points apart"
            )
            assert f"you: {mine(question)} · reference: {REFERENCE[question]} — {apart}" in detail
            assert DISCERN.appraisal(SEED).rating(question).why.en.split(",")[0] in detail  # type: ignore[union-attr]
            await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AppraisalSummary)
        summary = text(app, "#appraise-summary-body")
        for title in ("Is it reliable?", "Treatment choices", "Overall quality"):
            assert title in summary
        assert "█" in summary and "░" in summary
        assert f"{sum(mine(q) == REFERENCE[q] for q in range(1, 17))} of 16 ratings the same" in summary
        assert "Yours (articles rated in full)" in summary and "Reference" in summary
        assert "1. 001 · 五良会クリニック" in summary  # the only article this learner has ranked
        assert "4. 001 · 五良会クリニック" in summary  # where the reference puts it
        await pilot.press("escape")
        assert isinstance(app.screen, AppraiseHome)
    saved = ReviewDB(data_dir(tmp_path / "data")).article_ratings()
    assert [(r.seed, r.question, r.rating) for r in saved] == [(SEED, q, mine(q)) for q in range(1, 17)]
    assert all(r.time.endswith("+00:00") for r in saved)


async def test_passages_show_quotes_before_rating_but_not_the_reference(tmp_path: Path) -> None:
    app = app_for(tmp_path, SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AppraiseScreen)
        await pilot.press("s")
        detail = text(app, "#appraise-detail")
        quote = DISCERN.appraisal(SEED).rating(1).quotes[0].quote  # type: ignore[union-attr]
        assert quote in detail and SEED in detail
        assert "Why the reference" not in detail and "reference:" not in detail
        await pilot.press("s")
        assert "What the numbers mean" in text(app, "#appraise-detail")


async def test_a_silent_question_has_no_passages_and_says_so(tmp_path: Path) -> None:
    """Question 12 of 001 is rated from a checked silence: nothing to quote before rating."""
    db = ReviewDB(data_dir(tmp_path / "data"))
    for question in range(1, 12):
        db.rate_article(SEED, question, 3, datetime(2026, 3, 1, tzinfo=UTC))
    db.close()
    app = app_for(tmp_path, SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.number == 12  # type: ignore[attr-defined]
        await pilot.press("s")
        assert "The reference quotes nothing from this article" in text(app, "#appraise-detail")
        await pilot.press("1")
        detail = text(app, "#appraise-detail")
        assert "the same" in detail and "The article says nothing on this point" in detail


async def test_ratings_are_kept_and_a_session_resumes(tmp_path: Path) -> None:
    app = app_for(tmp_path, SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("2", "enter", "3", "enter", "4", "escape")
        await pilot.pause()
        assert isinstance(app.screen, AppraiseHome)
        option = app.screen.query_one("#appraise-articles", OptionList).get_option_at_index(1)
        assert "3/16 rated" in option.prompt.plain  # type: ignore[union-attr]
        await pilot.press("r")  # results need all 16
        assert any("Rate all 16 questions" in n.message for n in app._notifications)
    app = app_for(tmp_path, SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AppraiseScreen) and screen.number == 4  # the first unrated
        await pilot.press("p")
        assert screen.number == 3 and "you: 4 ·" in text(app, "#appraise-detail")
        await pilot.press("1")  # change of mind: saved again
        assert "you: 1 ·" in text(app, "#appraise-detail")
    assert [r.rating for r in ReviewDB(data_dir(tmp_path / "data")).article_ratings()] == [2, 3, 1]


@pytest.mark.parametrize("language", ["en", "ja"])
async def test_question_hint_and_row_fit_at_80x24(tmp_path: Path, language: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "ui-state.json").write_text(f'{{"schema": 1, "language": "{language}"}}', "utf-8")
    app = make_app(COURSE, folder, appraise=AppraiseRequest(SEED), discern=DISCERN)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AppraiseScreen)
        footer_top = screen.size.height - 1
        for question in range(1, 17):
            for rated in (False, True):
                await pilot.pause()
                for part in ("#appraise-progress", "#appraise-question", "#appraise-row", "#appraise-keys"):
                    widget = screen.query_one(part)
                    assert widget.region.height == widget.size.height > 0, (question, part)
                    assert widget.region.bottom <= footer_top, (question, rated, part)
                hint = DISCERN.instrument.question(question).hint.get(language)
                assert hint[-10:] in text(app, "#appraise-question").replace("\n", "")
                more = screen.query_one("#appraise-more")
                assert more.region.height >= 4 and more.region.bottom <= footer_top
                if not rated:
                    await pilot.press("3")
            await pilot.press("enter")


async def test_the_walkthrough_key_and_the_palette_open_the_workshop(tmp_path: Path) -> None:
    app = make_app(COURSE, tmp_path / "data", discern=DISCERN)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
        await pilot.press("a")
        await pilot.pause()
        assert app.current_mode == "appraise" and isinstance(app.screen, AppraiseHome)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
        app.switch_mode("walkthrough")
        await pilot.press("ctrl+p")
        await pilot.press(*"DISCERN")
        commands = app.screen.query_one(CommandList)
        await wait_for_async(
            lambda: commands.option_count and "DISCERN" in str(commands.get_option_at_index(0).prompt),
            what="the workshop at the top of the palette",
        )
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "appraise"


async def test_a_course_without_the_workshop_offers_none(tmp_path: Path) -> None:
    app = make_app(load_course(MINI), tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen) and app.current_mode == "walkthrough"
        assert "appraise" not in {
            b.action for b in app.screen.active_bindings.values() if b.enabled for b in [b[1]]
        }
        await pilot.press("ctrl+p", *"DISCERN")
        await pilot.pause(0.5)
        commands = app.screen.query_one(CommandList)
        assert all(
            "DISCERN" not in str(commands.get_option_at_index(n).prompt) for n in range(commands.option_count)
        )


async def test_a_broken_workshop_says_so(tmp_path: Path) -> None:
    """A course whose workshop fails to load: the key is offered, and says why nothing opens."""
    from tui.content.loader import ContentError
    from tui.content.problems import Problem
    from tui.content.workshop import DiscernSource

    def broken() -> None:
        raise ContentError([Problem("content/discern.yaml", 1, 1, "broken")])

    app = make_app(COURSE, tmp_path / "data", discern=DiscernSource(broken))  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
        assert any("cannot be opened" in n.message for n in app._notifications)


async def test_language_follows_the_app_mid_question(tmp_path: Path) -> None:
    app = app_for(tmp_path, SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("2", "l")
        await pilot.pause()
        assert "ページの冒頭近くで" in text(app, "#appraise-question")
        assert "あなた: 2 · 参照評価: 3 — 1点差" in text(app, "#appraise-detail")


def test_cli_appraise_refuses_unknown_articles_and_courses_without_a_workshop(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["appraise", "--article", "042"]) == 2
    assert "no article '042' (articles: 000, 001, 002, 003, 004)" in capsys.readouterr().err
    assert main(["--content", str(MINI), "appraise"]) == 1
    assert "has no DISCERN workshop" in capsys.readouterr().err
