"""Whether a comparison table fits as a grid at a given width, and how wide each column is.

Pure layout arithmetic on plain cell text (Markdown already stripped): no Rich rendering and
no Textual. A grid is only chosen when no word has to be split, otherwise the caller stacks
the rows as cards.

- Latin text breaks only at spaces, so a column is at least as wide as its longest word, and
  at least `LATIN_MIN_CELLS` wide (or its whole line) so it is not a ribbon of one word a line.
- Japanese breaks between characters (see `tui.cjkwrap`), but a column narrower than
  `JA_MIN_CHARS` characters turns a sentence into a ribbon of two or three characters a line,
  so a cell with Japanese needs that much room (or its whole line, if shorter), and more when
  a Latin word inside it would be pushed to the next line.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from tui.content.records import Record, record

# The same ranges as `tui.cjkwrap.CJK` (a test keeps them in step): text the wrapper may
# break between any two characters.
CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
# As code points, for the character tests below. Regular expressions over classes this wide
# take ~5 ms to compile, which the first frame paid whenever its step held a table; a table's
# cells are short, and testing each character costs a fraction of that.
_CJK_RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x3000, 0x303F))
# Kana and kanji: Japanese words, as opposed to Japanese punctuation.
_KANA_KANJI_RANGES = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def _within(char: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ranges)


def _unbreakable(line: str) -> list[tuple[int, int]]:
    """Where the runs the wrapper never breaks are (a Latin word, number or code, up to the
    next space or CJK character), as (start, end)."""
    runs: list[tuple[int, int]] = []
    start = -1
    for index, char in enumerate(line):
        if char.isspace() or _within(char, _CJK_RANGES):
            if start >= 0:
                runs.append((start, index))
                start = -1
        elif start < 0:
            start = index
    if start >= 0:
        runs.append((start, len(line)))
    return runs


JA_MIN_CHARS = 6
"""A column of Japanese text is at least this many characters (two cells each) wide."""
LATIN_MIN_CELLS = 14
"""A column of English text is at least this wide (or as wide as its line): two or three
words a line, not a ribbon of one."""
JA_SLACK = 2
"""Characters a wrapped Japanese line may lose: kinsoku keeps punctuation with its neighbour,
and a Latin word that does not fit moves whole to the next line. So a Japanese line that
wraps holds at least `JA_MIN_CHARS - JA_SLACK` characters."""


@record
class Bounds(Record):
    """The narrowest width a text allows without splitting a word, and its unwrapped width."""

    minimum: int
    natural: int


def text_bounds(text: str) -> Bounds:
    lines = text.split("\n")
    return Bounds(max(line_minimum(line) for line in lines), max(cell_len(line) for line in lines))


def line_minimum(line: str) -> int:
    """The narrowest column that wraps `line` without splitting a word or leaving a ribbon of
    one English word or a few Japanese characters a line."""
    width = cell_len(line)
    runs = _unbreakable(line)
    longest = max((cell_len(line[start:end]) for start, end in runs), default=0)
    japanese = sum(2 for char in line if _within(char, _CJK_RANGES))
    if 2 * japanese < width:
        # English, perhaps with a Japanese phrase, "(自己修復機能)", which may wrap inside.
        return max(longest, min(width, LATIN_MIN_CELLS))
    ribbon = 2 * JA_MIN_CHARS
    # A Latin word after Japanese moves whole to the next line, so the line it leaves must still
    # hold enough Japanese (the word's space and punctuation take two more cells).
    first_word = next((i for i, char in enumerate(line) if _within(char, _KANA_KANJI_RANGES)), len(line))
    after = [cell_len(line[start:end]) for start, end in runs if first_word < start]
    if after:
        ribbon = max(ribbon, max(after) + 2 + 2 * (JA_MIN_CHARS - JA_SLACK))
    return max(longest, min(width, ribbon))


def column_bounds(texts: Sequence[str]) -> Bounds:
    """The bounds of a column holding `texts` (its header and every cell)."""
    bounds = [text_bounds(text) for text in texts]
    return Bounds(max((b.minimum for b in bounds), default=0), max((b.natural for b in bounds), default=0))


def grid_overhead(columns: int) -> int:
    """Cells a grid spends outside its text: a rule between columns and on each edge, and one
    space of padding on each side of every cell."""
    return 3 * columns + 1


def allocate(bounds: Sequence[Bounds], width: int, *, rigid: int = 0) -> tuple[int, ...] | None:
    """Text widths for each column so the grid is exactly `width` wide, or None if it cannot
    fit without splitting a word.

    Between its minimum and natural width a column gets a share of the room in proportion to
    how much it would use (the CSS automatic table layout). Room beyond every natural width goes
    to all but the last `rigid` columns (a short label column has no use for it).
    """
    room = width - grid_overhead(len(bounds))
    low = sum(b.minimum for b in bounds)
    high = sum(b.natural for b in bounds)
    if not bounds or room < low:
        return None
    if room >= high:
        growing = [b.natural for b in bounds[: len(bounds) - rigid]] + [0] * rigid
        return _spread([b.natural for b in bounds], growing, room - high)
    return _spread([b.minimum for b in bounds], [b.natural - b.minimum for b in bounds], room - low)


def _spread(base: list[int], weights: list[int], extra: int) -> tuple[int, ...]:
    """`base` plus `extra` shared by `weights`, rounded so the total is exact."""
    total = sum(weights)
    if extra <= 0 or total == 0:
        return tuple(base)
    shares = [extra * weight / total for weight in weights]
    widths = [b + int(share) for b, share in zip(base, shares, strict=True)]
    left = extra - sum(int(share) for share in shares)
    by_remainder = sorted(range(len(base)), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    for i in by_remainder[:left]:
        widths[i] += 1
    return tuple(widths)
