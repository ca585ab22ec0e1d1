"""Text as search sees it: folded for matching, and cut into snippets around a match.

Folding is how typed answers are compared (`tui.quiz.grading.normalise_answer`): NFKC
(full-width → half-width), case-folded, katakana → hiragana. So 「エクソソーム」 finds
「えくそそーむ」 and ＥＸＯ finds "exo".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

SNIPPET = 40
_KATAKANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_KATAKANA_RUN = re.compile("[\u30a1-\u30f6]+")
_BREAKS = re.compile("[\n\t\r\x00]")
_VOICING = "\uff9e\uff9f"  # half-width ﾞ ﾟ: NFKC merges them into the kana before them


def _hiragana(match: re.Match[str]) -> str:
    return match.group().translate(_KATAKANA)


def fold(text: str, breaks: re.Pattern[str] = _BREAKS) -> str:
    """NFKC, case-folded, katakana → hiragana, line breaks (and NUL) → spaces.

    Each step runs only where it can change something: the search index folds every text.
    """
    if text.isascii():
        text = text.lower()  # casefold, for ASCII
    else:
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        text = _KATAKANA_RUN.sub(_hiragana, text.casefold())
    return breaks.sub(" ", text) if breaks.search(text) else text


_LINE_BREAKS = re.compile("[\n\t\r]")


def fold_all(texts: list[str], separator: str = "\x00") -> list[str]:
    """`fold` each text, in one pass over them all joined (NFKC never merges across NUL)."""
    joined = separator.join(texts)
    if joined.count(separator) != max(0, len(texts) - 1):
        return [fold(text) for text in texts]  # a text holds the separator: fold one by one
    return fold(joined, _LINE_BREAKS).split(separator) if texts else []


def fold_query(query: str) -> str:
    """A query folded like the texts, with its runs of spaces collapsed."""
    return " ".join(fold(query).split())


# -- snippets ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Snippet:
    """About `SNIPPET` characters of one line around a match; `text[start:end]` is the match."""

    text: str
    start: int
    end: int


@lru_cache(maxsize=8192)
def _keeps_place(ch: str) -> bool:
    """Folding `ch` gives one character, and it never merges with its neighbours."""
    return len(fold(ch)) == 1 and not unicodedata.combining(ch) and ch not in _VOICING


def _clusters(text: str) -> Iterator[tuple[int, str]]:
    """(offset, characters) of each base character with the marks that merge into it."""
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not (unicodedata.combining(text[i]) or text[i] in _VOICING):
            yield start, text[start:i]
            start = i


def locate(text: str, needle: str, near: int = 0) -> tuple[int, int] | None:
    """Where folded `needle` occurs in the unfolded `text`: (start, end) in `text`, or None.

    The first match at or after folded offset `near` (where the index found it), else the first.
    """
    if all(_keeps_place(ch) for ch in set(text)):
        # The usual case: folding keeps every character in its place.
        folded = fold(text)
        at = folded.find(needle, near)
        at = folded.find(needle) if at == -1 else at
        return None if at == -1 else (at, at + len(needle))
    pieces: list[str] = []
    origin: list[int] = []
    for offset, chars in _clusters(text):
        piece = fold(chars)
        pieces.append(piece)
        origin.extend([offset] * len(piece))
    joined = "".join(pieces)
    origin.append(len(text))
    at = joined.find(needle, near)
    at = joined.find(needle) if at == -1 else at
    if at == -1:
        return None
    # The end maps to the first original character after the folded match.
    return origin[at], origin[at + len(needle)]


def snippet(text: str, needle: str, near: int = 0, width: int = SNIPPET) -> Snippet:
    """About `width` characters of `text` around the match of folded `needle`, on one line,
    with … where it is cut. Without a match: the start of the text, nothing marked."""
    flat = text.replace("\n", " ")
    where = locate(flat, needle, near)
    if where is None:
        return Snippet(flat[:width] + ("…" if len(flat) > width else ""), 0, 0)
    start, end = where
    room = max(0, width - (end - start))
    left = max(0, start - room // 3)  # a third of the room before the match, the rest after
    right = min(len(flat), max(end, left + width))
    left = max(0, min(left, right - width))
    head = "…" if left > 0 else ""
    tail = "…" if right < len(flat) else ""
    return Snippet(head + flat[left:right] + tail, start - left + len(head), end - left + len(head))
