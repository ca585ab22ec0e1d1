"""Handouts: every footnote resolves to a quote, the bibliography lists every article, no network."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import MINI
from tui.cli import main
from tui.content.loader import load_course
from tui.content.paths import default_course_root
from tui.handout import answer_key_markdown, handout_markdown, to_html

VOID = {"meta", "br", "hr", "img", "link", "input"}


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, str] = {}
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: set[str] = set()
        self._capture: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        a = dict(attrs)
        if a.get("href"):
            self.hrefs.append(a["href"] or "")
        if a.get("src"):
            self.srcs.append(a["src"] or "")
        if tag not in VOID:
            self.stack.append(tag)
            self._capture.append((a.get("id") or "", []))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
            return
        self.stack.pop()
        ident, text = self._capture.pop()
        joined = "".join(text)
        if ident:
            self.ids[ident] = joined
        if self._capture:
            self._capture[-1][1].append(joined)

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._capture[-1][1].append(data)


def parse(html: str) -> Collect:
    parser = Collect()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def real_html() -> str:
    course = load_course(default_course_root())
    return to_html(handout_markdown(course, "both"), course.title.en, "both")


def test_handout_html_is_well_formed_and_self_contained(real_html: str) -> None:
    doc = parse(real_html)
    assert doc.errors == [] and doc.stack == []
    assert real_html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in real_html
    assert "@media print" in real_html
    assert {"script", "iframe", "img", "link"}.isdisjoint(doc.tags)
    assert all(h.startswith("#") for h in doc.hrefs), [h for h in doc.hrefs if not h.startswith("#")][:5]
    assert "http://" not in real_html and "https://" not in real_html  # nothing fetched or linked out
    assert doc.srcs == []


def footnotes(html: str) -> list[re.Match[str]]:
    """Each distinct footnote's (article, quote) match; fails on a note that names neither."""
    doc = parse(html)
    refs = [h[1:] for h in doc.hrefs if re.fullmatch(r"#fn\d+", h)]
    assert len(refs) > 500
    found = []
    for ref in sorted(set(refs)):
        note = doc.ids[ref]
        match = re.search(r"(\d{3}_[0-9a-f]{16}\.txt) 「(.+?)」", note)
        assert match, note
        found.append(match)
    return found


def test_every_footnote_names_an_article_and_a_quote(real_html: str) -> None:
    footnotes(real_html)


def test_every_footnote_quote_is_verbatim(real_html: str, real_seeds: Path) -> None:
    """Skipped, with the reason shown, where the source articles are not beside the repo."""
    texts = {p.name: p.read_text("utf-8") for p in real_seeds.glob("*.txt")}
    for match in footnotes(real_html):
        assert match.group(1) in texts, f"{match.group(1)} is not in {real_seeds}"
        assert match.group(2) in texts[match.group(1)], match.group(0)


def test_bibliography_lists_all_five_articles(real_html: str) -> None:
    course = load_course(default_course_root())
    section = real_html.split("Sources / 出典一覧")[-1]  # the section, not its entry in the contents
    for source in course.sources:
        assert source.seed in section
    assert "names no clinic" in section


def test_markdown_handout_and_key(mini: Path) -> None:
    course = load_course(mini)
    md = handout_markdown(course, "ja")
    assert (
        "## 1. 基本" in md
        and "[^1]: 100 · Alpha Clinic · `100_alpha.txt` 「さまざまな細胞に分化できる細胞」" in md
    )
    assert "## 用語集" in md and "| 幹細胞 | かんさいぼう | stem cell |" in md
    key = answer_key_markdown(course, "en")
    assert (
        "✔ **A.** A cell that can differentiate" in key and "✘ **B.** A vesicle — That is the exosome." in key
    )


def test_content_html_is_escaped(mini: Path) -> None:
    lesson = mini / "content/lessons/01-basics.yaml"
    lesson.write_text(
        lesson.read_text("utf-8").replace(
            "Article 100 defines a stem cell as a cell that can differentiate.",
            "<script>alert(1)</script> [bold]b[/] [site](https://example.org)",
        ),
        "utf-8",
    )
    html = to_html(handout_markdown(load_course(mini), "en"), "t", "en")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "[bold]b[/]" in html and '<a href="https://example.org">site</a>' in html


def test_export_cli_writes_files(tmp_path: Path) -> None:
    out = tmp_path / "handout.html"
    assert (
        main(
            [
                "export",
                "handout",
                "--format",
                "html",
                "--lang",
                "ja",
                "--content",
                str(MINI),
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert '<html lang="ja">' in out.read_text("utf-8")
    key = tmp_path / "key.md"
    assert main(["export", "answer-key", "--content", str(MINI), "-o", str(key)]) == 0
    assert key.read_text("utf-8").startswith("# Answer key")
    with pytest.raises(SystemExit):
        main(["export", "handout", "--format", "csv", "--content", str(MINI)])
