"""Full-text search: the pure index (mini and real course) and the command palette's text hits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.command import CommandList

from tests.conftest import MINI, REPO
from tui.app import ExplainerApp, make_app
from tui.content.folding import fold, fold_query, locate, snippet
from tui.content.inline import parse_inline
from tui.content.loader import load_course
from tui.content.model import Course, Text
from tui.content.search import Entry, SearchIndex, Target, course_entries
from tui.content.units import Unit, step_units
from tui.screens.walkthrough import WalkthroughScreen
from tui.widgets.source_panel import SourcePanel
from tui.widgets.step_view import StepView

COURSE = load_course(MINI)
INDEX = SearchIndex.of(COURSE)


def at(step: str, unit: int | None = None) -> Target:
    return Target(step=step, unit=unit)


def targets(query: str, index: SearchIndex = INDEX) -> list[Target]:
    return [hit.target for hit in index.search(query)]


# -- the index, on the mini course ------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "target", "field"),
    [
        ("firmness", at("basics.size", 1), "text"),  # a bullet of an ordered list
        ("ステップ1", at("basics.size", 0), "text"),  # an ordered entry's label
        ("もの", at("basics.size", 2), "text"),  # a table column
        ("30〜150nm", at("basics.size", 0), "text"),  # first the entry, then the table cell
        ("hope", at("claims.safety", 0), "text"),  # a disagreement's explanation: its first side
        ("当クリニック", at("claims.safety", 2), "text"),  # a slip's intended word
        ("fixture", at("claims.safety", 2), "text"),  # a slip's note
        ("various cells", at("basics.definition", 0), "quote"),  # a quote's gloss
        ("製剤", at("claims.safety", 2), "quote"),  # the quote a slip cites
        ("改善", at("basics.size", 1), "quote"),  # the quote an entry cites
        ("vesicle", Target(term="exosome"), "definition"),
        ("幹細胞とは", Target(term="stem-cell"), "quote"),  # a glossary term's source
    ],
)
def test_every_kind_of_text_leads_to_the_unit_that_holds_it(query: str, target: Target, field: str) -> None:
    hit = INDEX.search(query)[0]
    assert (hit.target, hit.field) == (target, field)


def test_width_case_and_kana_do_not_matter() -> None:
    for query in ("ハリ", "はり", "ﾊﾘ", "ＦＩＲＭＮＥＳＳ", "Firmness", "  firmness "):
        assert targets(query) == [at("basics.size", 1)], query
    for query in ("エクソソーム", "えくそそーむ", "ｴｸｿｿｰﾑ", "EXOSOME"):
        assert targets(query)[0] == Target(term="exosome"), query


def test_snippet_is_the_original_text_in_the_language_of_the_hit() -> None:
    (hit,) = INDEX.search("はり")
    assert hit.language == "ja"
    assert hit.snippet.text == "肌のハリが期待されています。"
    assert hit.snippet.text[hit.snippet.start : hit.snippet.end] == "ハリ"
    (hit,) = INDEX.search("FIRM")
    assert (hit.language, hit.snippet.text) == ("en", "Skin firmness is expected.")
    assert hit.snippet.text[hit.snippet.start : hit.snippet.end] == "firm"


def test_titles_come_before_body_text_whatever_the_reading_order() -> None:
    # "Claims" is a bullet caption in lesson 1 and the title of lesson 2.
    assert targets("claims") == [at("claims.safety"), at("basics.definition", 1)]
    assert INDEX.search("claims")[0].field == "title"


def test_exact_then_word_start_then_inside_a_word() -> None:
    one, two, three, four, five, six = (Target(term=f"t{n}") for n in range(6))
    index = SearchIndex(
        [
            Entry("unwell", "en", "text", one),  # body, inside a word
            Entry("the wellness", "en", "text", two),  # body, word start
            Entry("farewell", "en", "title", three),  # title, inside a word
            Entry("Well", "en", "term", four),  # title, exact
            Entry("well said", "en", "quote", five),  # body quote, word start
            Entry("unwell again", "en", "quote", six),  # body quote, inside a word
        ]
    )
    assert targets("well", index) == [four, three, two, five, one, six]


def test_one_hit_per_target_and_a_limit() -> None:
    assert targets("安全性") == [at("claims.safety"), at("claims.safety", 0), at("claims.safety", 3)]
    assert len(INDEX.search("a", limit=3)) == 3
    assert INDEX.search("") == [] and INDEX.search("   ") == [] and INDEX.search("zzz") == []


def test_punctuation_and_spaces_in_a_query() -> None:
    assert targets("guaranteed safety") == []
    assert targets("is safety") == [at("claims.safety", 0)]
    assert targets("(") == []
    assert targets("article 101 says") == [at("claims.safety", 0)]


def test_a_character_outside_the_basic_plane_is_still_found() -> None:
    index = SearchIndex([Entry("🚫 重要:献血について", "ja", "quote", Target(term="t"))])
    (hit,) = index.search("🚫 重要")
    assert hit.snippet.text[hit.snippet.start : hit.snippet.end] == "🚫 重要"


def test_inline_markdown_is_stripped_before_indexing(mini: Path) -> None:
    lesson = mini / "content/lessons/01-basics.yaml"
    lesson.write_text(
        lesson.read_text("utf-8").replace(
            "Skin firmness is expected.",
            "Skin **firm**ness is *expected*, see [the list](https://example.org).",
        ),
        "utf-8",
    )
    index = SearchIndex.of(load_course(mini))
    (hit,) = index.search("firmness")
    assert hit.snippet.text == "Skin firmness is expected, see the list."
    assert targets("is expected, see the list", index) == [at("basics.size", 1)]
    assert index.search("**") == [] and index.search("example.org") == []


def test_snippets_are_short_and_mark_the_match() -> None:
    text = "lead " * 20 + "needle" + " tail" * 20
    cut = snippet(text, "needle")
    assert cut.text.startswith("…") and cut.text.endswith("…")
    assert len(cut.text) <= 42 and cut.text[cut.start : cut.end] == "needle"
    assert snippet("short\ntext", "text") == snippet("short text", "text")
    assert snippet("no match here", "zzz").start == snippet("no match here", "zzz").end == 0


def test_matches_map_back_to_the_original_characters() -> None:
    text = "ｶﾞﾗｽ ＡＢＣ… x ß tail"  # half-width kana with a voicing mark, full width, expansions
    assert locate(text, "がら") == (0, 3)
    assert locate(text, "abc") == (5, 8)
    assert locate(text, "ss t") == (12, 15)
    assert fold("ＡＢＣ エクソ\nﾃｽﾄ") == "abc えくそ てすと"
    assert fold_query("  Ｓtem   CELL ") == "stem cell"


def test_the_search_model_never_imports_textual() -> None:
    code = (
        "import sys, tui.content.search, tui.content.folding, tui.content.inline\n"
        "tui.content.inline.parse_inline('**bold** and *em*')\n"
        "assert 'textual' not in sys.modules, [m for m in sys.modules if m.startswith('textual')]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr


# -- the index, on the real course ------------------------------------------------------------

REAL = load_course()
REAL_INDEX = SearchIndex.of(REAL)


def unit_texts(unit: Unit) -> list[str]:
    """What a reader sees in a unit (its item's captions too) and its quotes."""
    texts: list[Text] = []
    item = unit.item
    for name in ("caption", "topic", "text", "note", "explanation"):
        value = getattr(item, name, None)
        if isinstance(value, Text):
            texts.append(value)
    texts.extend(getattr(item, "columns", ()))
    for entry in (unit.entry,) if unit.entry else getattr(item, "rows", ()):
        texts.extend(entry.cells or (entry.text,))
        if entry.label:
            texts.append(entry.label)
    plain = [parse_inline(s)[0] for text in texts for s in (text.en, text.ja)]
    plain += [getattr(item, name, None) or "" for name in ("original", "intended")]
    plain += [q for ref in unit.sources for q in (ref.quote, ref.gloss or "")]
    return plain


def units_of(course: Course) -> dict[str, list[Unit]]:
    return {step.id: [u for _, units in step_units(step) for u in units] for _, step in course.steps()}


@pytest.mark.parametrize("query", ["chemokine", "ケモカイン", "けもかいん", "ＣＨＥＭＯＫＩＮＥ"])
def test_a_term_finds_the_steps_that_explain_it_not_just_the_glossary(query: str) -> None:
    hits = REAL_INDEX.search(query)
    assert hits[0].target == Target(term="chemokine")
    steps = {hit.target.step for hit in hits if hit.target.step}
    # 3.1 lists what article 000 says is secreted; 3.4 is where chemokines are defined.
    assert {"contents.secreted-factors", "contents.what-is-a-cytokine", "stem-cells.secretions"} <= steps
    units = units_of(REAL)
    needle = fold_query(query)
    for hit in hits:
        if hit.target.step is not None:
            assert hit.target.unit is not None
            unit = units[hit.target.step][hit.target.unit]
            assert any(needle in fold(text) for text in unit_texts(unit)), hit


def test_every_target_in_the_real_course_is_a_real_unit() -> None:
    units = units_of(REAL)
    terms = {term.id for term in REAL.terms}
    for entry in course_entries(REAL):
        where = entry.target
        if where.term is not None:
            assert where.term in terms
        else:
            assert where.step in units
            assert where.unit is None or where.unit < len(units[where.step])


# -- the palette ------------------------------------------------------------------------------


def app_for(tmp_path: Path, course: Course = COURSE) -> ExplainerApp:
    return make_app(course, tmp_path / "data", save=False)


def options(app: ExplainerApp) -> list[tuple[float, str]]:
    listed = app.screen.query_one(CommandList)
    found = [listed.get_option_at_index(n) for n in range(listed.option_count)]
    return [(option.hit.score, str(option.prompt.plain)) for option in found]  # type: ignore[attr-defined]


async def palette(app: ExplainerApp, pilot, query: str) -> list[tuple[float, str]]:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.press(*query)
    await pilot.pause(0.4)
    return options(app)


@pytest.mark.parametrize(
    ("query", "step", "unit", "quote"),
    [
        ("firmness", "basics.size", 1, "肌のハリの改善が期待されています"),  # only in body text
        ("製剤", "claims.safety", 2, "当院の製剤"),  # only in a quote
    ],
)
async def test_choosing_a_text_hit_selects_the_unit_and_shows_its_sources(
    tmp_path: Path, query: str, step: str, unit: int, quote: str
) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        shown = await palette(app, pilot, query)
        assert " — " in shown[0][1]  # "1.2 Size — Skin firmness is expected."
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen)
        assert screen.step.id == step and screen.query_one(StepView).selected == unit
        body = screen.query_one(SourcePanel).body
        assert quote in str(body.visual.plain)  # type: ignore[attr-defined]


async def test_a_hit_far_down_a_long_step_is_scrolled_into_view(tmp_path: Path) -> None:
    app = app_for(tmp_path, REAL)
    async with app.run_test(size=(120, 36)) as pilot:
        await palette(app, pilot, "細胞の増殖や分化を促す")
        await pilot.press("enter")
        await pilot.pause(0.2)
        view = app.screen.query_one(StepView)
        assert view.selected > 5
        assert view.region.contains_region(view.units[view.selected].region)


async def test_text_hits_show_where_in_the_current_language(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l")  # English → 日本語
        shown = await palette(app, pilot, "firmness")
        assert shown[0][1] == "1.2 大きさ — Skin firmness is expected.\n本文 · 基本"


async def test_course_hits_come_before_textuals_own_commands(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        discovered = [text.split("\n")[0] for _, text in options(app)]
        assert discovered[:6] == [
            "Quiz: this lesson",
            "Quiz: review my mistakes",
            "Quiz: due questions",
            "Who says what",
            "1. Basics",  # shown in the interface language, matched in both
            "2. Claims",
        ]
        assert "Quit" in discovered[6:]
        await pilot.press(*"the")  # Textual's "Theme", and "See the disagreement." in 2.1
        await pilot.pause(0.4)
        shown = [text.split("\n")[0] for _, text in options(app)]
        assert "Theme" in shown and "2.1 Safety — See the disagreement." in shown
        assert shown.index("Theme") == len(shown) - 1


async def test_content_in_a_hit_is_never_markup(mini: Path, tmp_path: Path) -> None:
    from tests.test_safety import INJECTION, injected

    app = app_for(tmp_path, load_course(injected(mini)))
    async with app.run_test(size=(120, 36)) as pilot:
        shown = await palette(app, pilot, "click=app.quit")
        assert "[@click=app.quit]Q[/]" in shown[0][1] and INJECTION.startswith("[bold]")
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, WalkthroughScreen)
        assert app.screen.step.id == "basics.definition"
