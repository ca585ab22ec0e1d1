"""Pilot tests of the walkthrough, on the mini fixture course."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.conftest import MINI, styled_nodes
from tests.conftest import plain as text_of
from tui.app import ExplainerApp, make_app
from tui.content.loader import load_course
from tui.content.paths import default_course_root
from tui.i18n import t
from tui.screens.course_done import CourseDone
from tui.screens.walkthrough import WalkthroughScreen
from tui.widgets.glossary_panel import GlossaryPanel, TermCard
from tui.widgets.outline import Outline
from tui.widgets.source_panel import SourcePanel
from tui.widgets.step_view import StepView

COURSE = load_course(MINI)


def app_for(tmp_path: Path) -> ExplainerApp:
    return make_app(COURSE, tmp_path / "data")


def screen(app: ExplainerApp) -> WalkthroughScreen:
    assert isinstance(app.screen, WalkthroughScreen)
    return app.screen


async def test_next_and_previous_cross_lesson_boundaries(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        s = screen(app)
        assert (s.lesson.id, s.step.id) == ("basics", "basics.definition")
        await pilot.press("right")
        assert s.step.id == "basics.size"
        await pilot.press("space")
        assert (s.lesson.id, s.step.id) == ("claims", "claims.safety")
        await pilot.press("n")  # at the end: stays, and the end-of-course summary opens
        assert s.step.id == "claims.safety"
        assert isinstance(app.screen, CourseDone)
        await pilot.press("escape")
        await pilot.press("left")
        assert s.step.id == "basics.size"
        await pilot.press("pageup")
        assert s.step.id == "basics.definition"
        await pilot.press("right_square_bracket")
        assert s.lesson.id == "claims"
        await pilot.press("left_square_bracket")
        assert s.step.id == "basics.definition"


async def test_progress_shows_step_and_course(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        progress = text_of(app.screen.query_one("#progress", Static))
        assert "Lesson 1/2" in progress and "Step 2/2" in progress and "1/3 read (33%)" in progress


async def test_jumps_are_not_reading(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("right_square_bracket")  # jumped to the last step: nothing was read
        progress = lambda: text_of(app.screen.query_one("#progress", Static))  # noqa: E731
        assert "0/3 read (0%)" in progress()
        await pilot.press("left_square_bracket", "right", "right")
        assert "2/3 read (66%)" in progress()
        outline = app.screen.query_one(Outline)
        labels = {str(node.data): str(node.label) for node in outline._steps.values()}
        assert labels["basics.definition"].startswith("✓") and not labels["claims.safety"].startswith("✓")
        assert "2/2" in str(outline._lessons["basics"].label)


async def test_staying_on_a_step_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.screens.walkthrough as walkthrough

    monkeypatch.setattr(walkthrough, "DWELL_SECONDS", 0.05)
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(100):
            if screen(app).cursor.is_read("basics.definition"):
                break
            await pilot.pause(0.02)
        assert "1/3 read" in text_of(app.screen.query_one("#progress", Static))


async def test_read_marks_and_outline_follow_a_restart(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("right", "right")
        await pilot.press("q")
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.pause()
        s = screen(app)
        assert s.cursor.read == {"basics.definition", "basics.size"}
        outline = app.screen.query_one(Outline)
        assert outline.cursor_node is not None and outline.cursor_node.data == "claims.safety"


async def test_80x24_gives_the_step_the_rows(tmp_path: Path) -> None:
    app = make_app(load_course(default_course_root()), tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(StepView).size.height >= 14
        sources = app.screen.query_one(SourcePanel)
        assert sources.has_class("-strip") and sources.size.height <= 2
        await pilot.press("enter")  # the strip opens into the quotes on demand
        assert sources.has_class("-open")


async def test_120x36_step_column_is_wide(tmp_path: Path) -> None:
    app = make_app(load_course(default_course_root()), tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#center").size.width >= 66


async def test_language_cycles_en_ja_both(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        s = screen(app)
        title = lambda: text_of(app.screen.query_one(StepView).blocks[1])  # noqa: E731
        assert title() == "Definition"
        await pilot.press("l")
        assert s.language == "ja" and title() == "定義"
        await pilot.press("l")
        assert s.language == "both" and title() == "Definition\n定義"
        await pilot.press("l")
        assert s.language == "en"


async def test_source_panel_shows_quote_article_and_strength(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        body = text_of(app.screen.query_one("#source-body"))
        assert "100_alpha.txt" in body and "Alpha Clinic" in body and "2025-01-02" in body
        assert "「さまざまな細胞に分化できる細胞」" in body
        assert "a cell that can differentiate into various cells" in body
        assert "STATED" in body
        await pilot.press("down")
        body = text_of(app.screen.query_one("#source-body"))
        assert "「成長因子が含まれており」" in body


async def test_source_panel_links_disagreement(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen(app).jump_to_step("claims.safety")
        await pilot.pause()
        view = app.screen.query_one(StepView)
        view.focus_unit(len(view.units) - 1)  # the paragraph that cites the disputed quote
        await pilot.pause()
        body = text_of(app.screen.query_one("#source-body"))
        assert "Where the articles disagree" in body and "Is safety guaranteed?" in body


async def test_source_panel_toggles(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.screen.query_one(SourcePanel)
        assert panel.display
        await pilot.press("s")
        assert not panel.display
        await pilot.press("s")
        assert panel.display


async def test_glossary_filter_by_ja_reading_and_en(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("g")
        panel = app.screen.query_one(GlossaryPanel)
        options = lambda: [  # noqa: E731
            panel.query_one("#glossary-list").get_option_at_index(i).id  # type: ignore[attr-defined]
            for i in range(panel.query_one("#glossary-list").option_count)  # type: ignore[attr-defined]
        ]
        for query, expected in (
            ("えくそ", ["exosome"]),
            ("ＥＸＯ", ["exosome"]),
            ("幹細胞", ["stem-cell"]),
            ("stem", ["stem-cell"]),
        ):
            panel.query_one("#glossary-filter").value = ""  # type: ignore[attr-defined]
            await pilot.press(*query) if query.isascii() else None
            if not query.isascii():
                panel.query_one("#glossary-filter").value = query  # type: ignore[attr-defined]
            await pilot.pause()
            assert options() == expected, query
        await pilot.press("enter", "enter")
        await pilot.pause()
        card = text_of(panel.query_one(TermCard))
        assert "幹細胞" in card and "かんさいぼう" in card and "stem cell" in card
        assert "「幹細胞とは」" in card and "Related" in card


async def test_terms_in_step_come_first_and_cycle(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        option_list = app.screen.query_one("#glossary-step")
        first = option_list.get_option_at_index(0)  # type: ignore[attr-defined]
        assert first.id == "step:stem-cell"
        await pilot.press("t")
        card = text_of(app.screen.query_one(TermCard))
        assert card.startswith("幹細胞")


async def test_clicking_a_term_in_the_text_opens_its_card(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        unit = app.screen.query_one(StepView).units[0]
        plain = text_of(unit)
        x = plain.index("stem cell") + 2  # padding
        assert await pilot.click(unit, offset=(x, 0))
        await pilot.pause()
        assert text_of(app.screen.query_one(TermCard)).startswith("幹細胞")


async def test_related_term_is_selectable(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen(app).open_term("stem-cell")
        await pilot.pause()
        app.screen.query_one(GlossaryPanel).action_related(1)
        assert text_of(app.screen.query_one(TermCard)).startswith("エクソソーム")


async def test_resume_after_restart(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("right", "right", "l")
        app.theme = "textual-light"
        await pilot.press("q")
    saved = json.loads((tmp_path / "data" / "ui-state.json").read_text("utf-8"))
    assert saved == {
        "schema": 1,
        "lesson": "claims",
        "step": "claims.safety",
        "language": "ja",
        "theme": "textual-light",
        "class_step": None,
        "class_reveal": 0,
        "read": [],  # read marks live with the answers, in the database
        "learner": None,  # no name given: the quiz asks for one
    }
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        s = screen(app)
        assert (s.step.id, s.language, app.theme) == ("claims.safety", "ja", "textual-light")


@pytest.mark.parametrize("bad", [b"{not json", b"", b"\xff\xfe", b'{"schema": 99}', b"[1, 2]"])
async def test_corrupt_state_is_set_aside(tmp_path: Path, bad: bytes) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "ui-state.json").write_bytes(bad)
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert screen(app).step.id == "basics.definition"
        notes = [n.message for n in app._notifications]
        assert any("ui-state.json" in m and "kept as ui-state.json.corrupt-" in m for m in notes), notes
    aside = list(folder.glob("ui-state.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == bad


async def test_read_only_data_dir_warns_once(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.write_text("a file where the folder should be", "utf-8")
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("right")
        app.save_state()
        await pilot.press("right")
        app.save_state()
        await pilot.pause()
        # Once for the settings, once for the answer database (read marks live there): not per key.
        progress = [n for n in app._notifications if "Progress can't be saved" in n.message]
        answers = [n for n in app._notifications if "Answers can't be saved" in n.message]
        assert len(progress) == 1 and len(answers) == 1


@pytest.mark.parametrize("size", [(20, 6), (1, 1), (80, 24), (200, 60)])
async def test_sizes_and_resizes(tmp_path: Path, size: tuple[int, int]) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("right", "l", "g", "escape", "s", "o", "left")
        for width, height in ((20, 6), (120, 36), (1, 1), (80, 24), (300, 5)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
        assert not screen(app).has_class("-narrow")  # last size is 300 wide
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen(app).has_class("-narrow")


async def test_narrow_layout_collapses_side_panes(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        s = screen(app)
        assert not s.query_one("#outline").display and not s.query_one("#glossary").display
        await pilot.press("g")
        assert s.query_one("#glossary").display and not s.query_one("#center").display
        await pilot.press("escape")
        assert s.query_one("#center").display
        await pilot.press("o")
        assert s.query_one("#outline").display


async def test_help_screen_lists_keys(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = text_of(app.screen.query_one("#help Static"))
        for needle in ("Next", "Glossary", "Language", "EXPECTED", "PgDn"):
            assert needle in text
        await pilot.press("escape")
        assert isinstance(app.screen, WalkthroughScreen)


async def test_unit_focus_moves_with_arrows(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(StepView)
        assert view.current_index() == 0
        await pilot.press("down")
        assert view.current_index() == 1
        assert app.focused is view and view.units[1].has_class("-selected")
        assert not view.units[0].has_class("-selected")


async def test_high_contrast_theme_is_available_and_kept(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        assert "stemcell-high-contrast" in app.available_themes
        app.theme = "stemcell-high-contrast"
        await pilot.press("q")
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)):
        assert app.theme == "stemcell-high-contrast"


async def test_palette_starts_a_quiz_on_this_lesson(tmp_path: Path) -> None:
    from tui.screens.quiz import QuizScreen

    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Quiz: this lesson")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert {q.step.split(".")[0] for q in app.screen.questions} == {"basics"}


async def test_glossary_lists_it_all_until_long_then_cuts_and_counts(tmp_path: Path) -> None:
    from dataclasses import replace

    from textual.widgets import OptionList

    from tui.widgets.glossary_panel import MAX_LISTED, MAX_SHOWN

    course = load_course(default_course_root())
    assert len(course.terms) <= MAX_LISTED  # today's glossary is listed whole
    many = tuple(replace(term, id=f"{term.id}-{k}") for k in range(3) for term in course.terms)
    for terms, shown, more in (
        (course.terms, len(course.terms), None),
        (many, MAX_SHOWN, len(many) - MAX_SHOWN),
    ):
        app = make_app(replace(course, terms=terms), tmp_path / f"data-{len(terms)}", save=False)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.pause()
            listed = app.screen.query_one("#glossary-list", OptionList)
            ids = [listed.get_option_at_index(i).id for i in range(listed.option_count)]
            assert sum(i is not None for i in ids) == shown
            last = str(listed.get_option_at_index(listed.option_count - 1).prompt)
            assert (last == f"… +{more}") if more else not last.startswith("…")


def real_app(tmp_path: Path) -> ExplainerApp:
    return make_app(load_course(default_course_root()), tmp_path / "data", save=False)


async def test_a_late_selection_never_shows_the_last_steps_sources(tmp_path: Path) -> None:
    """j then → sent at once: j's selection message arrives after the step changed, and the
    panel must keep the new step's first unit (the tester saw the old step's quotes)."""
    from textual import events

    app = real_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        s, view = screen(app), app.screen.query_one(StepView)
        for key, char in (("j", "j"), ("j", "j"), ("right", None)):
            app.post_message(events.Key(key, char))
        for _ in range(5):
            await pilot.pause()
        assert s.step.id == s.cursor.course.lessons[0].steps[1].id
        assert app.screen.query_one(SourcePanel).unit is view.selected_unit is view.units[0].unit


async def test_outline_highlight_follows_after_the_reader_opens_a_lesson(tmp_path: Path) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=(150, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        outline = app.screen.query_one(Outline)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        first_lesson = outline.root.children[0]
        first_lesson.expand()  # as a click on its ▶ does: two lessons open
        await pilot.pause()
        await pilot.press("left_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert outline.cursor_node is not None and outline.cursor_node.data == screen(app).step.id


async def test_the_bar_is_full_only_when_every_step_is_read(tmp_path: Path) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        s = screen(app)
        steps = [step.id for lesson in s.course.lessons for step in lesson.steps]
        for step_id in steps[:-1]:
            s.cursor.mark_read(step_id)
        assert "░" in str(s.progress())  # 68/69 is not a full bar
        s.cursor.mark_read(steps[-1])
        assert "░" not in str(s.progress()) and "(100%)" in str(s.progress())


@pytest.mark.parametrize("language_presses", [1, 2], ids=["ja", "both"])
async def test_every_step_opens_at_its_titles(tmp_path: Path, language_presses: int) -> None:
    """However tall a step's first unit, the step opens scrolled to its top (its titles)."""
    app = real_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["l"] * language_presses)
        s, view = screen(app), app.screen.query_one(StepView)
        for lesson in s.course.lessons:
            s.jump_to_step(lesson.steps[-1].id)  # lesson 11's last step begins with a tall card
            await pilot.press("left", "right")
            await pilot.pause()
            assert view.scroll_y == 0, s.step.id


def test_ordered_entries_are_numbered_once() -> None:
    """Labels such as "1 培養" or "① ヒト由来" carry the article's number: none is added."""
    import re

    from tui.content.model import Ordered
    from tui.content.units import step_units
    from tui.widgets.unit_view import unit_content

    course = load_course(default_course_root())
    seen = 0
    for lesson in course.lessons:
        for step in lesson.steps:
            for item, units in step_units(step):
                if not isinstance(item, Ordered):
                    continue
                for unit in units:
                    for language in ("en", "ja", "both"):
                        text = unit_content(unit, language, None).plain
                        body = re.sub(r"^ *\S+ +", "", text) if unit.strength else text  # the badge
                        assert not re.match(r"\d+\. *(\d|[\u2460-\u2473])", body), (step.id, body[:30])
                        seen += 1
    assert seen > 50


@pytest.mark.parametrize(
    ("label", "position", "expected"),
    [
        ("1. Culture", 1, "Culture"),
        ("1.Culture", 1, "Culture"),
        ("1 培養", 1, "培養"),
        ("１．培養", 1, "培養"),
        ("① ヒト由来", 1, "ヒト由来"),
        ("③ 免疫系", 3, "免疫系"),
        ("2024 study", 1, None),
        ("3 weeks of culture", 1, None),
        ("3D culture", 3, None),
        ("2. Carried", 1, None),
        ("Culture", 1, None),
    ],
)
def test_a_label_carries_its_number_only_at_its_position(
    label: str, position: int, expected: str | None
) -> None:
    from tui.content.units import numbered, without_number

    assert numbered(label, position) is (expected is not None)
    assert without_number(label, position) == (expected or label)


def test_the_citation_strip_always_ends_with_its_hint() -> None:
    """However many sources a unit cites, the one-line strip fits and keeps "enter: quotes"."""
    from tui.content.units import step_units
    from tui.widgets.source_panel import strip_content

    course = load_course(default_course_root())
    units = [u for lesson in course.lessons for s in lesson.steps for _, us in step_units(s) for u in us]
    many = max(units, key=lambda u: len(u.sources))
    assert len(many.sources) >= 3
    for language in ("en", "ja"):
        for width in (12, 30, 40, 60, 76, 118):
            line = strip_content(many, course, language, width)
            assert line.cell_length <= width, (language, width, line.plain)
            assert line.plain.startswith("[1")
            if width >= 30:
                assert line.plain.endswith(f" — {t('strip_hint', language)}")
    from dataclasses import replace

    nothing = strip_content(replace(many, sources=()), course, "en", 76).plain
    assert "[" not in nothing and nothing.endswith(t("strip_hint", "en"))


@pytest.mark.parametrize("language_presses", [0, 1, 2], ids=["en", "ja", "both"])
async def test_the_walkthrough_footer_fits_80_columns(tmp_path: Path, language_presses: int) -> None:
    from tests.conftest import footer_overflow

    app = real_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["l"] * language_presses)
        for _ in range(3):
            await pilot.pause()
        assert not footer_overflow(app)
        for keys in (["o"], ["escape", "g"]):  # the outline, the glossary: escape shows too
            await pilot.press(*keys)
            for _ in range(3):
                await pilot.pause()
            assert not footer_overflow(app), keys
            assert any(key.key == "escape" for key in app.screen.query("FooterKey"))  # type: ignore[attr-defined]
        await pilot.press("escape")
        for _ in range(3):
            await pilot.pause()
        assert not any(key.key == "escape" for key in app.screen.query("FooterKey"))  # type: ignore[attr-defined]
        await pilot.press("x")  # a quiz on this lesson
        for _ in range(3):
            await pilot.pause()
        assert not footer_overflow(app), type(app.screen).__name__


@pytest.mark.parametrize("width", [80, 100, 120])
@pytest.mark.parametrize("language_presses", [0, 1], ids=["en", "ja"])
async def test_the_read_count_always_shows(tmp_path: Path, width: int, language_presses: int) -> None:
    """The progress line fits its column at every width (the bar and words give way first)."""
    from rich.cells import cell_len

    app = real_app(tmp_path)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.press(*["l"] * language_presses)
        s = screen(app)
        for lesson in s.course.lessons:
            for step in lesson.steps:
                s.cursor.mark_read(step.id)
        s.jump_to_step(s.course.lessons[-1].steps[-1].id)  # 10/11 lessons: the widest numbers
        for _ in range(3):
            await pilot.pause()
        line = app.screen.query_one("#progress", Static)
        shown = text_of(line)
        total = sum(len(lesson.steps) for lesson in s.course.lessons)
        count = t("read_count", s.language, done=total, total=total, percent=100)
        assert shown.endswith(count) and cell_len(shown) <= line.content_region.width, shown


def test_block_count_is_what_a_step_builds() -> None:
    """The spare blocks are counted without building every step: the count must stay in step
    with the building."""
    from tui.content.linking import TermIndex

    course = load_course(default_course_root())
    view = StepView(TermIndex(course.terms))
    for lesson in course.lessons:
        for step in lesson.steps:
            for language in ("en", "ja"):
                assert StepView.block_count(step) == len(view._build(lesson, step, language)), step.id


async def test_making_the_first_screen_parses_no_stylesheet_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual re-parses every stylesheet when a mode's first screen is made unless the screen
    is marked as styled (tui/modes.py); a Textual upgrade that changes how must not quietly
    bring the ~30 ms back."""
    calls: list[str] = []
    monkeypatch.setattr(ExplainerApp, "refresh_css", lambda self, animate=True: calls.append("css"))
    app = real_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen) and calls == []


async def test_the_progress_line_refits_when_a_pane_opens_or_closes(tmp_path: Path) -> None:
    """At 100 columns the line has 42 cells beside the outline (no room for the bar); hiding
    the outline (o) gives it 68 (the whole bar), showing it again takes the bar away."""
    from rich.cells import cell_len

    app = real_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#progress", Static)
        bars = []
        for keys in ([], ["o"], ["o"]):
            await pilot.press(*keys)
            for _ in range(3):
                await pilot.pause()
            shown = text_of(line)
            assert shown.endswith("read (0%)") and cell_len(shown) <= line.content_region.width, shown
            bars.append(shown.count("░"))
        assert bars == [0, 12, 0]


@pytest.mark.parametrize("language", ["en", "ja"])
async def test_the_quiz_homes_footer_fits_80_columns(tmp_path: Path, language: str) -> None:
    from tests.conftest import footer_overflow

    app = real_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.language = language  # type: ignore[assignment]
        app.switch_mode("quiz")
        for _ in range(4):
            await pilot.pause()
        assert type(app.screen).__name__ == "QuizHome" and not footer_overflow(app)


async def test_hidden_side_panes_fill_when_shown(tmp_path: Path) -> None:
    """Below 100 columns the outline and glossary are hidden: they are not filled at start
    (tens of milliseconds nobody would see), and show the current step, read marks and the
    step's terms the moment they are opened, however far the reader moved meanwhile."""
    app = real_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await pilot.pause()
        s = screen(app)
        glossary, outline = app.screen.query_one(GlossaryPanel), app.screen.query_one(Outline)
        assert glossary._parts is None and not outline.root.children
        await pilot.press("right", "right", "right")
        await pilot.press("g")
        await pilot.pause()
        assert glossary.step_terms == s.step_terms(s.step) != []
        assert glossary.parts.filter.has_focus
        await pilot.press("escape", "o")
        await pilot.pause()
        assert outline.cursor_node is not None and outline.cursor_node.data == s.step.id
        first = s.course.lessons[0].steps[0].id
        assert "✓" in str(outline._steps[first].label)  # read: moved on from it with next


async def test_panes_shown_by_a_wider_terminal_are_filled(tmp_path: Path) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("right", "right")
        await pilot.resize_terminal(120, 36)
        for _ in range(3):
            await pilot.pause()
        s = screen(app)
        assert app.screen.query_one(GlossaryPanel).step_terms == s.step_terms(s.step)
        outline = app.screen.query_one(Outline)
        assert outline.cursor_node is not None and outline.cursor_node.data == s.step.id
        await pilot.press("l")  # and follow the language while on view
        await pilot.pause()
        lesson = s.course.lessons[0]
        assert lesson.title.ja in str(outline._lessons[lesson.id].label)


async def test_prepared_steps_show_what_a_fresh_build_shows(tmp_path: Path) -> None:
    """Next, back and the neighbouring lessons are built and measured while idle; showing one
    must give the blocks and sources a step built on the spot gives, and lay them out as tall
    as their text wraps."""
    from textual.content import Content

    from tui.widgets.comparison import ComparisonTable
    from tui.widgets.source_panel import sources_content

    def seen(visual: object) -> str:
        if isinstance(visual, ComparisonTable):  # by its cells
            return " | ".join([*visual.headers, *(c for row in visual.rows for c in row.cells)])
        return str(visual)

    app = real_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        s, view = screen(app), app.screen.query_one(StepView)
        sources = app.screen.query_one(SourcePanel)
        for _ in range(6):
            await pilot.press("right")
            for _ in range(3):
                await pilot.pause()
            blocks = [block for block in view.blocks if block.display]
            fresh = StepView(view.term_index)._build(s.lesson, s.step, s.language)
            assert [seen(block.content) for block in blocks] == [seen(body) for _, body, _ in fresh]
            expected = sources_content(view.selected_unit, s.course, sources.disputes, s.language)
            assert text_of(sources.body) == expected.plain != ""
            for block in blocks:  # each as tall as its text, wrapped afresh at its width, is
                if isinstance(block.content, Content):
                    again = Content(block.content.plain, list(block.content.spans))
                    assert block.content_region.height == again.get_height(
                        block.styles, block.content_region.width
                    )


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_first_screen_is_complete_with_the_panes_on_view(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """`complete` (what the start-up bench waits for) holds once the step is drawn and every
    side pane on view is filled; hidden panes are not waited for."""
    app = real_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        for _ in range(3):
            await pilot.pause()
        s = screen(app)
        glossary = app.screen.query_one(GlossaryPanel)
        assert s.complete
        assert glossary.listed == (size[0] >= 100) and bool(app.screen.query_one(Outline).root.children) == (
            size[0] >= 100
        )


async def test_nothing_holds_the_first_frame_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's switch_mode holds repaints back for 50 ms to mask a change of screens; the
    first screen has nothing to mask. Later changes of mode are masked as Textual does."""
    from textual.app import App

    held: list[float] = []
    monkeypatch.setattr(App, "delay_update", lambda self, delay=0.05: held.append(delay))
    app = real_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert held == []
        app.switch_mode("quiz")
        assert held == [0.05]


async def test_work_for_later_keys_waits_for_the_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The neighbouring steps and spare blocks are prepared only once the app's start-up stops
    holding repaints (Textual's private `_batch_count`, which this test guards): run inside
    the hold, they kept the first frame off the terminal."""
    held: list[int] = []
    for name in ("_prepare_neighbours", "_reserve_blocks"):
        work = getattr(WalkthroughScreen, name)

        def recorded(self: WalkthroughScreen, work=work) -> None:  # type: ignore[no-untyped-def]
            held.append(self.app._batch_count)
            work(self)

        monkeypatch.setattr(WalkthroughScreen, name, recorded)
    app = real_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.screen.query_one(StepView)
        while len(held) < 2:  # both run once the hold is over (the test's own timeout bounds this)
            await pilot.pause()
        assert held == [0, 0]
        assert len(view._specs) > 1  # the next step is built


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_a_screen_not_restyled_on_becoming_active_has_its_styles(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """Screens skip Textual's restyle of every widget when they become active until another
    screen has covered them (tui/screens/base.py): the styles they got as they mounted must be
    what that restyle would give, at the first screen and after a theme change."""

    def styles(app: ExplainerApp) -> dict[int, object]:
        return {
            id(node): sorted((k, repr(v)) for k, v in node.styles.get_rules().items())
            for node in app.screen.walk_children(with_self=True)
        }

    app = real_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        for change in (None, "textual-light"):
            if change:
                app.theme = change
            for _ in range(3):
                await pilot.pause()
            before = styles(app)
            app.screen.update_node_styles(animate=False)
            await pilot.pause()
            assert styles(app) == before


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_each_block_of_the_first_step_is_styled_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """A new block gets its classes before it mounts, so it is styled as it mounts and not
    again when its classes are set; only the selected block is restyled (it is marked)."""
    from tui.widgets.unit_view import Block

    styled = styled_nodes(monkeypatch, Block)
    app = app_for(tmp_path)
    async with app.run_test(size=size):
        view = screen(app).query_one(StepView)
        shown = [block for block in view.blocks if block.display]
        assert len(shown) > 2 and all(block.kind for block in shown)
        assert [styled.count(block) for block in shown] == [
            2 if block.has_class("-selected") else 1 for block in shown
        ]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_first_screen_is_laid_out_and_painted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """Textual laid the first screen out three times (as it resumed, then on two resizes to
    the same size) and rendered it once while it held repaints back (a frame thrown away).
    Now: one layout, and one render, once the hold is over (tui/textual_private.py)."""
    from textual._compositor import Compositor
    from textual.screen import Screen

    events: list[str] = []
    layout, render = Screen._refresh_layout, Compositor.render_update

    def laid_out(self: Screen[object], *args: object, **kwargs: object) -> None:
        if isinstance(self, WalkthroughScreen):
            events.append("layout")
        layout(self, *args, **kwargs)  # type: ignore[arg-type]

    def rendered(self: Compositor, *args: object, **kwargs: object) -> object:
        found = render(self, *args, **kwargs)  # type: ignore[arg-type]
        if isinstance(app.screen, WalkthroughScreen) and found is not None:
            events.append("render held" if app._batch_count else "render")
        return found

    monkeypatch.setattr(Screen, "_refresh_layout", laid_out)
    monkeypatch.setattr(Compositor, "render_update", rendered)
    app = app_for(tmp_path)
    async with app.run_test(size=size) as pilot:
        for _ in range(3):
            await pilot.pause()
        first = events.index("render")
        assert events[: first + 1] == ["layout", "render"]
        assert "render held" not in events
        assert screen(app).query_one(StepView).blocks[0].region.height > 0  # really laid out
