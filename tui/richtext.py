"""Content text (Markdown) → Textual `Content`, with glossary terms as clickable spans.

Content text is never parsed as Rich/Textual markup: `[bold]` stays literal text.
"""

from __future__ import annotations

from textual.content import Content, Span
from textual.style import Style

from tui.content.inline import parse_inline
from tui.content.linking import TermIndex

__all__ = ["TERM_STYLE", "parse_inline", "to_content"]

TERM_STYLE = "underline $text-accent"


def to_content(text: str, index: TermIndex | None = None, *, style: str = "") -> Content:
    """Render one Markdown inline text; terms become underlined spans carrying their id."""
    plain, inline = parse_inline(text)
    spans: list[Span] = []
    for start, end, s in inline:
        if s.startswith("href:"):
            spans.append(Span(start, end, "underline"))
            spans.append(Span(start, end, Style.from_meta({"href": s[5:]})))
        else:
            spans.append(Span(start, end, s))
    if style:
        spans.insert(0, Span(0, len(plain), style))
    if index is not None:
        for found in index.find(plain):
            spans.append(Span(found.start, found.end, TERM_STYLE))
            spans.append(Span(found.start, found.end, Style.from_meta({"term": found.term})))
    return Content(plain, spans)
