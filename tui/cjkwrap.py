"""Line breaking for Japanese: Textual and Rich wrap only at spaces, so a Japanese sentence is one
"word" that gets pushed to a new line and then folded. We let a line break fall between
any two CJK characters, keeping closing punctuation (、。」…) off the start of a line and
opening brackets (「（…) off the end of one (kinsoku shori).

Textual and Rich are pinned exactly, and tests/test_cjkwrap.py fails if this hook stops working.
"""

from __future__ import annotations

import re

from rich import _wrap as rich_wrap
from textual import _wrap as textual_wrap

CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
OPENING = "「『（([｛〔〈《【“‘"
CLOSING = "、。，．・：；？！ー」』）)]｝〕〉》】”’…‥々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"

# one CJK character (with kinsoku-bound punctuation), or one non-CJK word
WORD = rf"[{re.escape(OPENING)}]*(?:[{CJK}]|[^\s{CJK}]+)[{re.escape(CLOSING)}]*"
RICH_WORD = re.compile(rf"\s*(?:{WORD})\s*")  # rich._wrap.re_word's contract (Content wraps with it)
TEXTUAL_CHUNK = rf"(?:{WORD})\s*|\s+"  # textual._wrap.re_chunk's contract (TextArea wraps with it)


class _CompiledOnFirstUse:
    """Stands in for `textual._wrap.re_chunk` until Textual first wraps with it, then puts the
    compiled pattern in its place. Only a TextArea's soft wrap uses it, and the app has none
    today (the hook is kept for one added later), while compiling these wide character
    classes costs ~2.5 ms of every start."""

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        compiled = re.compile(TEXTUAL_CHUNK)
        if textual_wrap.re_chunk is self:  # type: ignore[comparison-overlap]  # it is, until now
            textual_wrap.re_chunk = compiled
        return compiled.match(text, pos)


_ORIGINAL = (textual_wrap.re_chunk, rich_wrap.re_word)


def install() -> None:
    """Make Textual's and Rich's wrappers break between CJK characters (idempotent)."""
    if textual_wrap.re_chunk is _ORIGINAL[0]:
        textual_wrap.re_chunk = _CompiledOnFirstUse()  # type: ignore[assignment]  # has its `match`
    rich_wrap.re_word = RICH_WORD


def uninstall() -> None:
    textual_wrap.re_chunk, rich_wrap.re_word = _ORIGINAL
