"""Handouts people can navigate: a linked table of contents whose every link lands on a heading,
footnotes that name the article number and clinic, and a Japanese glossary whose terms and
readings stay on one line (checked in headless Chromium where it is installed)."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINI
from tests.devtools import chromium
from tests.test_handout import parse
from tui.content.loader import load_course
from tui.content.matrix import build_matrix
from tui.content.model import Course
from tui.content.paths import default_course_root
from tui.handout import handout_markdown, heading_ids, to_html
from tui.i18n import both_ways

REAL = load_course(default_course_root())


def handout(course: Course, lang: str) -> str:
    return to_html(handout_markdown(course, lang), course.title.get(lang), lang)


def contents_links(page: str) -> list[str]:
    toc = page.split('<h2 id="contents">', 1)[1].split("<h2", 1)[0]
    return re.findall(r'href="#([^"]+)"', toc)


@pytest.mark.parametrize("lang", ["en", "ja", "both"])
def test_every_contents_link_lands_on_a_heading(lang: str) -> None:
    page = handout(REAL, lang)
    doc = parse(page)
    links = contents_links(page)
    steps = sum(len(lesson.steps) for lesson in REAL.lessons)
    assert len(links) == len(REAL.lessons) + steps + 4  # + glossary, who says what, sources, citations
    missing = [link for link in links if link not in doc.ids]
    assert missing == []
    headings = set(re.findall(r'<h[1-3] id="([^"]+)"', page))
    assert set(links) <= headings
    # and every other in-page link (footnotes and back-references) resolves too
    assert [h for h in doc.hrefs if h.startswith("#") and h[1:] not in doc.ids] == []


def test_contents_lists_lessons_and_steps_in_order() -> None:
    page = handout(REAL, "en")
    links = contents_links(page)
    expected = []
    for n, lesson in enumerate(REAL.lessons, 1):
        expected.append(f"lesson-{n}")
        expected += [f"step-{n}-{m}" for m in range(1, len(lesson.steps) + 1)]
    assert links == [*expected, "glossary", "who-says-what", "sources", "citations"]
    first = REAL.lessons[0]
    assert f'<a href="#lesson-1">1. {first.title.en}</a>' in page
    assert f'<h3 id="step-1-1">1.1 {first.steps[0].title.en}</h3>' in page


def test_heading_ids() -> None:
    slug = heading_ids("ja")
    assert slug("3. 何か") == "lesson-3" and slug("3.12 何か") == "step-3-12"
    assert slug("用語集") == "glossary" and slug("目次") == "contents" and slug("引用") == "citations"
    assert slug("2025 regulations") == "2025-regulations"


def test_footnotes_name_the_article_number_and_clinic() -> None:
    doc = parse(handout(REAL, "ja"))
    notes = [text for ident, text in doc.ids.items() if re.fullmatch(r"fn\d+", ident)]
    assert len(notes) > 500
    publishers = {source.seed: source.publisher for source in REAL.sources}
    for note in notes:
        match = re.match(r"(\d{3}) · (.+?) · ((\d{3})_[0-9a-f]{16}\.txt) 「", note)
        assert match, note
        number, clinic, seed, prefix = match.groups()
        assert number == prefix and clinic == (publishers[seed] or "(クリニック名の記載なし)")
    assert any(note.startswith("002 · SAKAE美容クリニック · 002_4a1c8c3543b59136.txt 「") for note in notes)


def test_mini_footnote_without_a_clinic() -> None:
    md = handout_markdown(load_course(MINI), "en")
    assert "· Alpha Clinic · `100_alpha.txt` 「" in md
    assert "101 · (names no clinic) · `101_beta.txt` 「" in md


def test_glossary_styles_keep_terms_on_one_line() -> None:
    page = handout(REAL, "ja")
    assert '<h2 id="glossary">用語集</h2>\n<table>' in page
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "h2#glossary + table { table-layout: auto;" in style
    assert re.search(r"td:nth-child\(2\) \{ white-space: nowrap; \}", style)
    assert "min-width" in style


# -- in a real browser --------------------------------------------------------------------

MEASURE = """
(() => {
  const rows = [...document.querySelectorAll('h2#glossary + table tbody tr')];
  const lines = (cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  };
  return JSON.stringify(rows.map(row => {
    const [term, reading, , definition] = row.cells;
    return {
      term: term.textContent, termLines: lines(term), readingLines: lines(reading),
      overflow: term.scrollWidth > term.clientWidth || reading.scrollWidth > reading.clientWidth,
      definitionWidth: definition.getBoundingClientRect().width,
    };
  }));
})()
"""


async def measure(url: str, shot: Path) -> list[dict[str, object]]:
    async with chromium("1200,1600") as page:
        await page.open(url)
        await page.js("document.getElementById('glossary').scrollIntoView()")
        shot.write_bytes(await page.shot())
        return list(json.loads(str(await page.js(MEASURE))))


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("chromium") is None,
    reason="Chromium is not installed (CI installs Debian's chromium; install it to run this test)",
)
def test_japanese_glossary_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "handout-ja.html"
    page.write_text(handout(REAL, "ja"), "utf-8")
    rows = asyncio.run(measure(page.as_uri(), tmp_path / "glossary.png"))
    assert len(rows) == len(REAL.terms)
    # every term and reading on one line, nothing spilling out of its cell ...
    assert [r["term"] for r in rows if r["termLines"] != 1 or r["readingLines"] != 1 or r["overflow"]] == []
    # ... and the definitions keep a readable measure (at least 18em of 16px)
    assert min(float(r["definitionWidth"]) for r in rows) >= 18 * 16  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_who_says_what_section_cites_every_non_silent_cell(lang: str) -> None:
    """The matrix in the handout: a table per topic, each non-silent cell footnoted to its quotes,
    and every footnote mark defined, with the same numbers as the rest of the handout."""
    md = handout_markdown(REAL, lang)
    section = md.split(f"## {both_ways('handout.who', lang)}\n", 1)[1]
    section = section.split("\n## ", 1)[0]
    m = build_matrix(REAL)
    tables = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    header = f"| {both_ways('claims.claim', lang)} | "
    body = [line for line in tables if not line.startswith(header)]
    assert len(body) == len(m.rows)
    for topic in m.topics:
        assert f"### {topic.name.get(lang)}" in section
    defined = set(re.findall(r"^\[\^(\d+)\]: ", md, flags=re.M))
    for line, row in zip(body, m.rows, strict=True):
        cells = line.strip("|").split(" | ")[1:]
        for text, seed in zip(cells, m.seeds, strict=True):
            marks = re.findall(r"\[\^(\d+)\]", text)
            assert bool(marks) == (m.cell(row.id, seed).state != "silent"), (row.id, seed, text)
            assert set(marks) <= defined
    page = parse(handout(REAL, lang))
    assert "who-says-what" in page.ids
