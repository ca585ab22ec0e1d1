"""Japanese wraps between characters, with kinsoku; guards the hook into the pinned Textual/Rich."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rich.console import Console
from rich.text import Text
from textual.content import Content

from tui import cjkwrap

SENTENCE = "000の記事（CZEN CLINIC）は、加齢によって幹細胞の数が減り、機能も衰えるとしています。"


@pytest.fixture(autouse=True)
def _installed() -> Iterator[None]:
    cjkwrap.install()
    yield
    cjkwrap.uninstall()


def test_textual_lines_are_filled() -> None:
    lines = [line.plain for line in Content(SENTENCE).wrap(30)]
    assert lines[0] == "000の記事（CZEN CLINIC）は、加"
    assert all(Content(line).cell_length <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == SENTENCE.replace(" ", "")


def test_no_line_starts_with_closing_punctuation() -> None:
    for width in range(8, 40):
        for line in Content(SENTENCE).wrap(width):
            assert not line.plain.startswith(("、", "。", "）")), (width, line.plain)


def test_rich_text_wraps_too() -> None:
    console = Console(width=20, record=True, color_system=None)
    lines = Text(SENTENCE).wrap(console, 20)
    assert max(line.cell_len for line in lines) <= 20
    assert lines[1].plain.startswith("は、") is False


def test_english_unchanged() -> None:
    text = "Stem cells can renew themselves and differentiate into other cells."
    assert [c.plain.rstrip() for c in Content(text).wrap(20)] == [
        "Stem cells can renew",
        "themselves and",
        "differentiate into",
        "other cells.",
    ]


def test_a_text_area_wraps_japanese_too() -> None:
    """Textual's own wrapper (a TextArea's soft wrap) gets the pattern compiled on first use,
    and then the compiled pattern itself."""
    from textual import _wrap as textual_wrap

    offsets = textual_wrap.compute_wrap_offsets(SENTENCE, 30, tab_size=4)
    lines = [SENTENCE[start:end] for start, end in zip([0, *offsets], [*offsets, len(SENTENCE)], strict=True)]
    assert lines[0] == "000の記事（CZEN CLINIC）は、加"
    assert not any(line.startswith(("、", "。", "）")) for line in lines)
    assert textual_wrap.re_chunk.pattern == cjkwrap.TEXTUAL_CHUNK
    cjkwrap.install()  # again: the compiled pattern stays
    assert textual_wrap.re_chunk.pattern == cjkwrap.TEXTUAL_CHUNK
