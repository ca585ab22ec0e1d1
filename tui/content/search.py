"""Full-text search over everything a learner can read: titles, item text, quotes, the glossary.

Texts are folded for matching (`tui.content.folding`: width, case and katakana/hiragana
don't matter) with inline Markdown stripped. Hits are ranked: titles and term names before
body text (item text before quotes), and within each, an exact match, then one at the start
of a word, then one inside a word; ties in reading order.

Each group of texts is one string, so a query is a few C-speed `find` calls that stop once
enough hits are found, not a Python loop over every text.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from typing import Literal

from tui.content.folding import Snippet, fold_all, fold_query, snippet
from tui.content.inline import parse_inline
from tui.content.language import Single
from tui.content.model import Course, Disagreement, Paragraph, Slip, SourceRef, Table, Text
from tui.content.units import step_units

Field = Literal["title", "text", "quote", "term", "definition"]
"""Where a hit was found: a lesson or step title, item text, a source quote (or its gloss),
a glossary term's name (ja, reading, en, aliases) or its definition."""

LIMIT = 40
CAP = 500  # occurrences listed per haystack; past that, word starts come from the ASCII copy
_SEPARATOR = "\x00"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# In the ASCII copy every character but an ASCII letter or digit is a space.
_ASCII_WORDS = bytes(ch if chr(ch).isalnum() else 32 for ch in range(128)).ljust(256, b" ")


# -- records ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    """What choosing a hit opens: a step (and the unit to select in it), or a glossary term."""

    step: str | None = None
    unit: int | None = None
    term: str | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    target: Target
    field: Field
    language: Single
    snippet: Snippet


@dataclass(frozen=True, slots=True)
class Entry:
    """One searchable text (Markdown already stripped) and where it leads."""

    text: str
    language: Single
    field: Field
    target: Target


# -- what is searchable -----------------------------------------------------------------------


def _both(text: Text, field: Field, target: Target) -> Iterator[Entry]:
    # The text as the reader sees it: inline Markdown stripped exactly as the app renders it.
    yield Entry(parse_inline(text.en)[0], "en", field, target)
    yield Entry(parse_inline(text.ja)[0], "ja", field, target)


def _quotes(refs: Iterable[SourceRef], target: Target) -> Iterator[Entry]:
    for ref in refs:
        yield Entry(ref.quote, "ja", "quote", target)
        if ref.gloss:
            yield Entry(ref.gloss, "en", "quote", target)


def _language(form: str) -> Single:
    return "en" if form.isascii() else "ja"


def course_entries(course: Course) -> Iterator[Entry]:
    """Every text a reader can search, in reading order, each with its target.

    A unit's index is its place among the step's selectable units (the order `StepView`
    shows them in). Captions, topics and explanations lead to the first unit of their item.
    """
    for lesson in course.lessons:
        yield from _both(lesson.title, "title", Target(step=lesson.steps[0].id))
        for step in lesson.steps:
            yield from _both(step.title, "title", Target(step=step.id))
            n = 0
            for item, units in step_units(step):
                first = Target(step=step.id, unit=n)
                for name in ("caption", "topic"):
                    value = getattr(item, name, None)
                    if isinstance(value, Text):
                        yield from _both(value, "text", first)
                if isinstance(item, Table):
                    for column in item.columns:
                        yield from _both(column, "text", first)
                for unit in units:
                    target = Target(step=step.id, unit=n)
                    n += 1
                    entry = unit.entry
                    if entry is not None:
                        if entry.label is not None:
                            yield from _both(entry.label, "text", target)
                        for text in entry.cells or (entry.text,):
                            yield from _both(text, "text", target)
                    elif isinstance(item, Table):
                        for row in item.rows:
                            for cell in row.cells:
                                yield from _both(cell, "text", target)
                    elif isinstance(item, Paragraph):
                        yield from _both(item.text, "text", target)
                    elif isinstance(item, Slip):
                        yield Entry(item.original, "ja", "text", target)
                        if item.intended:
                            yield Entry(item.intended, "ja", "text", target)
                        yield from _both(item.note, "text", target)
                    yield from _quotes(unit.sources, target)
                if isinstance(item, Disagreement):
                    yield from _both(item.explanation, "text", first)
    for term in course.terms:
        target = Target(term=term.id)
        for form in dict.fromkeys(term.forms):
            yield Entry(form, _language(form), "term", target)
        yield from _both(term.definition, "definition", target)
        yield from _quotes(term.sources, target)


# -- the index --------------------------------------------------------------------------------


def _is_word_start(prev: str, needle: str) -> bool:
    """An English word starts after anything but an ASCII letter or digit (so also right after
    Japanese); a Japanese run starts after a space, punctuation or the start of the text."""
    if needle[0].isascii():
        return not (prev.isascii() and prev.isalnum())
    return not prev.isalnum()


def _ascii_words(text: str) -> bytes:
    return text.encode("ascii", "replace").translate(_ASCII_WORDS)


class _Haystack:
    """Texts folded and joined into one string, plus `ascii`: one byte a character, with
    every character but an ASCII letter or digit a space. An English needle scans the copy
    (a quarter of the bytes of Japanese text), and " " + needle there finds word starts."""

    def __init__(self, numbers: list[int], entries: list[Entry], folded: list[str]) -> None:
        self.numbers = numbers  # each text's place in reading order within its group
        self.entries = entries
        self.starts: list[int] = []
        offset = 1
        for text in folded:
            self.starts.append(offset)
            offset += len(text) + 1
        # A separator before the first text too, so every text starts after one.
        text = _SEPARATOR + _SEPARATOR.join(folded)
        if not text.isascii() and len(text.encode("utf-16-le")) != 2 * len(text):
            # One emoji would make the string 4 bytes a character: fold such characters to one.
            text = _ASTRAL.sub("\ufffd", text)
        self.text = text
        self.ascii = _ascii_words(text)

    def entry_at(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def end_of(self, n: int) -> int:
        return self.starts[n + 1] - 1 if n + 1 < len(self.starts) else len(self.text)

    def occurrences(self, needle: str, *, word_start: bool = False, start: int = 0) -> Iterator[int]:
        """Every position of `needle`, in order (only English needles can ask for word starts)."""
        if needle.isascii() and any(ch.isalnum() for ch in needle):
            pattern = _ascii_words(needle)
            skip = 1 if word_start else 0
            if word_start:
                pattern = b" " + pattern
            pos = self.ascii.find(pattern, max(0, start - skip))
            while pos != -1:
                # The copy blurs punctuation and other scripts: confirm on the folded text.
                if self.text.startswith(needle, pos + skip):
                    yield pos + skip
                pos = self.ascii.find(pattern, pos + 1)
            return
        assert not word_start
        pos = self.text.find(needle, start)
        while pos != -1:
            yield pos
            pos = self.text.find(needle, pos + 1)


Found = tuple[int, int, int, _Haystack]
"""(place in reading order in the group, text number in the haystack, offset in the text, haystack)"""


class _Scan:
    """One query in one haystack: texts with a match at a word start, then texts with any.

    The first `CAP` positions are listed once, when first needed; when that is all of them,
    both passes read the list. An English needle found more often than that finds its word
    starts in the ASCII copy, a scan that stops as soon as the caller has enough hits; a
    Japanese one takes its word starts from the listed positions only.
    """

    def __init__(self, hay: _Haystack, needle: str) -> None:
        self.hay = hay
        self.needle = needle
        self._listed: tuple[list[int], bool] | None = None

    def _list(self) -> tuple[list[int], bool]:
        """The first `CAP` positions, and whether that is all of them."""
        if self._listed is None:
            found = self.hay.occurrences(self.needle)
            positions = list(islice(found, CAP))
            self._listed = positions, next(found, None) is None
        return self._listed

    def word_starts(self) -> Iterator[Found]:
        hay, needle = self.hay, self.needle
        if not needle[0].isalnum():
            return  # a needle that starts with punctuation has no word start to match
        positions, complete = self._list()
        if complete or not needle.isascii():
            yield from self._per_text(p for p in positions if _is_word_start(hay.text[p - 1], needle))
        else:
            yield from self._per_text(hay.occurrences(needle, word_start=True))

    def anywhere(self) -> Iterator[Found]:
        positions, complete = self._list()
        yield from self._per_text(positions)
        if not complete:
            after = self.hay.end_of(self.hay.entry_at(positions[-1]))
            yield from self._per_text(self.hay.occurrences(self.needle, start=after))

    def _per_text(self, positions: Iterable[int]) -> Iterator[Found]:
        """The first of `positions` in each text."""
        hay, last = self.hay, -1
        for pos in positions:
            n = hay.entry_at(pos)
            if n != last:
                last = n
                yield hay.numbers[n], n, pos - hay.starts[n], hay


class _Group:
    """Texts ranked alike (titles, item text or quotes), in two haystacks: all-ASCII texts,
    which a Japanese needle skips at once, and the rest."""

    def __init__(self, entries: list[Entry], *, exact: bool = False) -> None:
        self.entries = entries
        folded = fold_all([entry.text for entry in entries], _SEPARATOR)
        self.exact: dict[str, list[int]] = {}
        if exact:
            for n, text in enumerate(folded):
                self.exact.setdefault(text, []).append(n)
        kinds: tuple[list[int], list[int]] = ([], [])
        for n, text in enumerate(folded):
            kinds[not text.isascii()].append(n)
        self.haystacks = [
            _Haystack(numbers, [entries[n] for n in numbers], [folded[n] for n in numbers])
            for numbers in kinds
        ]

    def scans(self, needle: str) -> list[_Scan]:
        return [_Scan(hay, needle) for hay in self.haystacks]


def _in_order(scans: list[_Scan], *, word_start: bool) -> Iterator[Found]:
    """One pass of a group's scans, merged back into reading order."""
    passes = [scan.word_starts() if word_start else scan.anywhere() for scan in scans]
    return heapq.merge(*passes, key=itemgetter(0))


class SearchIndex:
    """Ranked full-text search over a course. Build once (it folds every text); each query
    then costs little more than a few `find` calls. One hit per target: a unit matched in
    both its text and its quote appears once."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        groups: dict[str, list[Entry]] = {"title": [], "text": [], "quote": []}
        quotes: set[tuple[str, Target]] = set()
        for entry in entries:
            if entry.field == "quote":
                if (entry.text, entry.target) in quotes:
                    continue  # the same quote cited twice by one unit
                quotes.add((entry.text, entry.target))
            group = {"term": "title", "definition": "text"}.get(entry.field, entry.field)
            groups[group].append(entry)
        self.titles = _Group(groups["title"], exact=True)
        self.body = (_Group(groups["text"]), _Group(groups["quote"]))

    @classmethod
    def of(cls, course: Course) -> SearchIndex:
        return cls(course_entries(course))

    def search(self, query: str, limit: int = LIMIT) -> list[SearchHit]:
        """The best `limit` hits for `query`, best first."""
        needle = fold_query(query)
        found: dict[Target, tuple[Entry, int]] = {}
        if needle and limit > 0:
            for entry, offset in self._ranked(_ASTRAL.sub("\ufffd", needle)):
                found.setdefault(entry.target, (entry, offset))
                if len(found) >= limit:
                    break
        return [
            SearchHit(entry.target, entry.field, entry.language, snippet(entry.text, needle, offset))
            for entry, offset in found.values()
        ]

    def _ranked(self, needle: str) -> Iterator[tuple[Entry, int]]:
        """Every matching text, best first. Lazy: a query stops scanning once it has enough."""
        for n in self.titles.exact.get(needle, ()):
            yield self.titles.entries[n], 0
        for tier in ((self.titles,), self.body):
            scans = [group.scans(needle) for group in tier]  # lazy: nothing is scanned yet
            for word_start in (True, False):
                for group_scans in scans:
                    for _, n, offset, hay in _in_order(group_scans, word_start=word_start):
                        yield hay.entries[n], offset
