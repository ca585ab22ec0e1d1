"""Find glossary terms in text, so lesson text links to the glossary automatically."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable

from tui.content.model import Item, Step, Term, Text, item_entries
from tui.content.records import Record, record

MIN_FORM = 2


@record
class Span(Record):
    """Where a glossary term occurs in a text: characters `start` to `end`."""

    start: int
    end: int
    term: str


def _is_ascii(text: str) -> bool:
    return all(ord(ch) < 128 for ch in text)


class TermIndex:
    """Longest-match search for term surface forms; English forms match case-insensitively,
    as whole words, with an optional plural -s/-es.

    Forms are bucketed by first character, so a scan costs a dict lookup per character
    rather than one regex alternation over every form.
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = {term.id: term for term in terms}
        buckets: dict[str, dict[str, str]] = {}
        for term in self.terms.values():
            for form in (term.ja, term.en, *term.aliases):
                form = form.strip()
                if len(form) < MIN_FORM:
                    continue
                key = form.lower() if _is_ascii(form) else form
                buckets.setdefault(key[0], {}).setdefault(key, term.id)
        self._buckets = {
            first: sorted(forms.items(), key=lambda kv: len(kv[0]), reverse=True)
            for first, forms in buckets.items()
        }

    def find(self, text: str) -> list[Span]:
        spans: list[Span] = []
        lowered = text.lower() if len(text.lower()) == len(text) else text
        i, size = 0, len(text)
        while i < size:
            candidates = self._buckets.get(lowered[i])
            match = self._match_at(lowered, i, candidates) if candidates else None
            if match is None:
                i += 1
                continue
            end, term_id = match
            spans.append(Span(i, end, term_id))
            i = end
        return spans

    @staticmethod
    def _match_at(text: str, i: int, candidates: list[tuple[str, str]]) -> tuple[int, str] | None:
        for form, term_id in candidates:
            if not text.startswith(form, i):
                continue
            end = i + len(form)
            if not _is_ascii(form):
                return end, term_id
            if i > 0 and _word_char(text[i - 1]):
                continue
            for suffix in ("es", "s", ""):
                if text.startswith(suffix, end) and not (
                    end + len(suffix) < len(text) and _word_char(text[end + len(suffix)])
                ):
                    return end + len(suffix), term_id
        return None

    def terms_in(self, texts: Iterable[str]) -> list[str]:
        """Term ids in order of first appearance."""
        seen: dict[str, None] = {}
        for text in texts:
            for span in self.find(text):
                seen.setdefault(span.term, None)
        return list(seen)


def _word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def step_texts(step: Step) -> list[str]:
    """All user-facing text of a step, both languages."""
    texts: list[Text] = [step.title]
    for item in step.items:
        texts.extend(item_texts(item))
    return [t for text in texts for t in (text.en, text.ja)]


def item_texts(item: Item) -> list[Text]:
    texts: list[Text] = []
    for name in ("caption", "topic", "text", "note", "explanation"):
        value = getattr(item, name, None)
        if isinstance(value, Text):
            texts.append(value)
    texts.extend(getattr(item, "columns", ()))
    for entry in item_entries(item):
        texts.extend(entry.cells or (entry.text,))
        if entry.label:
            texts.append(entry.label)
    return texts


def normalise(text: str) -> str:
    """For matching typed input: NFKC (full-width → half-width), case-folded, trimmed."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


class TermFilter:
    """Substring search over every term's forms (ja, reading, en, aliases), normalised.

    All keys live in one string, so a query is a handful of C-speed `str.find` calls
    rather than a Python loop over every term.
    """

    SEPARATOR = "\x00"

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = list(terms)
        keys = [" ".join(normalise(form) for form in term.forms) for term in self.terms]
        self.starts: list[int] = []
        offset = 0
        for key in keys:
            self.starts.append(offset)
            offset += len(key) + 1
        self.haystack = self.SEPARATOR.join(keys)

    def filter(self, query: str) -> list[Term]:
        needle = normalise(query)
        if not needle:
            return self.terms
        if self.SEPARATOR in needle:
            return []
        found: list[int] = []
        pos = self.haystack.find(needle)
        while pos != -1:
            index = bisect_right(self.starts, pos) - 1
            found.append(index)
            next_start = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.haystack)
            pos = self.haystack.find(needle, next_start)
        return [self.terms[i] for i in found]
