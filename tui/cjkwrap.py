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
TEXTUAL_CHUNK = re.compile(rf"(?:{WORD})\s*|\s+")  # textual._wrap.re_chunk's contract
RICH_WORD = re.compile(rf"\s*(?:{WORD})\s*")  # rich._wrap.re_word's contract

_ORIGINAL = (textual_wrap.re_chunk, rich_wrap.re_word)


def install() -> None:
    """Make Textual's and Rich's wrappers break between CJK characters (idempotent)."""
    textual_wrap.re_chunk = TEXTUAL_CHUNK
    rich_wrap.re_word = RICH_WORD


def uninstall() -> None:
    textual_wrap.re_chunk, rich_wrap.re_word = _ORIGINAL
