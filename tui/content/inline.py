"""Inline Markdown → plain text plus style spans: what the renderer shows and search indexes.

Pure Python (markdown-it, never Textual), so the content model can strip Markdown exactly as
the app renders it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Text without Markdown punctuation is returned as is, so markdown-it is only imported
# (and run) for text that needs it.
_MARKDOWN_CHARS = re.compile(r"[*_`\[\]<>\\&!~]")
_md: Any = None
_INLINE = {"strong_open": "bold", "em_open": "italic", "s_open": "strike"}
CODE_STYLE = "bold $text-secondary"
# Every style a span can have, besides "href:URL" (the course cache checks spans against it).
SPAN_STYLES = frozenset({*_INLINE.values(), CODE_STYLE})

Parsed = tuple[str, tuple[tuple[int, int, str], ...]]
# Results worked out earlier (the course cache stores them for every course text), so that
# start-up and the steps never import markdown-it, which costs ~17 ms on the first frame.
_known: dict[str, Parsed] = {}


def needs_parsing(text: str) -> bool:
    return _MARKDOWN_CHARS.search(text) is not None


def preload(parsed: dict[str, Parsed]) -> None:
    """Known results of `parse_inline` (from the course cache, which computed them with it)."""
    _known.update(parsed)


@lru_cache(maxsize=4096)
def parse_inline(text: str) -> Parsed:
    """Plain text plus (start, end, style) spans for bold, italic, code and links.

    A link's span style is ``href:URL``; `to_content` turns it into click metadata.
    """
    global _md
    if not _MARKDOWN_CHARS.search(text):
        return text, ()
    known = _known.get(text)
    if known is not None:
        return known
    if _md is None:
        from markdown_it import MarkdownIt

        _md = MarkdownIt("commonmark")
    plain: list[str] = []
    spans: list[tuple[int, int, str]] = []
    open_at: dict[str, int] = {}
    links: list[tuple[int, str]] = []
    length = 0
    tokens = _md.parseInline(text)
    children = tokens[0].children or [] if tokens else []
    for token in children:
        if token.type in ("text", "html_inline"):
            piece = token.content
        elif token.type == "code_inline":
            piece = token.content
            spans.append((length, length + len(piece), CODE_STYLE))
        elif token.type in ("softbreak", "hardbreak"):
            piece = "\n"
        elif token.type in _INLINE:
            open_at[token.type] = length
            continue
        elif token.type == "link_open":
            links.append((length, str(token.attrs.get("href", ""))))
            continue
        elif token.type == "link_close":
            if links:
                start, href = links.pop()
                spans.append((start, length, f"href:{href}"))
            continue
        elif token.type.endswith("_close"):
            opener = token.type.replace("_close", "_open")
            if opener in open_at:
                spans.append((open_at.pop(opener), length, _INLINE[opener]))
            continue
        else:  # links and images: keep only their text
            piece = token.content
        plain.append(piece)
        length += len(piece)
    return "".join(plain), tuple(spans)


def plain_text(text: str) -> str:
    """The text without its inline Markdown (`**bold**` → `bold`), for plain-text exports."""
    return parse_inline(text)[0]
