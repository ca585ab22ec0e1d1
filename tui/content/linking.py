"""Find glossary terms in text, so lesson text links to the glossary automatically."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from tui.content.model import Item, Step, Term, Text, item_entries

MIN_FORM = 2


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    term: str


def _is_ascii(text: str) -> bool:
    return all(ord(ch) < 128 for ch in text)


class TermIndex:
    """Longest-match search for term surface forms; English forms match case-insensitively."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = {term.id: term for term in terms}
        ascii_forms: dict[str, str] = {}
        other_forms: dict[str, str] = {}
        for term in self.terms.values():
            for form in (term.ja, term.en, *term.aliases):
                form = form.strip()
                if len(form) < MIN_FORM:
                    continue
                if _is_ascii(form):
                    ascii_forms.setdefault(form.lower(), term.id)
                else:
                    other_forms.setdefault(form, term.id)
        self._ascii = ascii_forms
        self._other = other_forms
        parts = [
            rf"(?<![A-Za-z0-9]){re.escape(f)}(?:s|es)?(?![A-Za-z0-9])"
            for f in sorted(ascii_forms, key=len, reverse=True)
        ] + [re.escape(f) for f in sorted(other_forms, key=len, reverse=True)]
        self._pattern = re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def find(self, text: str) -> list[Span]:
        if self._pattern is None:
            return []
        spans = []
        for match in self._pattern.finditer(text):
            term_id = self._lookup(match.group(0))
            if term_id:
                spans.append(Span(match.start(), match.end(), term_id))
        return spans

    def _lookup(self, found: str) -> str | None:
        if found in self._other:
            return self._other[found]
        lower = found.lower()
        for candidate in (lower, lower.removesuffix("es"), lower.removesuffix("s")):
            if candidate in self._ascii:
                return self._ascii[candidate]
        return None

    def terms_in(self, texts: Iterable[str]) -> list[str]:
        """Term ids in order of first appearance."""
        seen: dict[str, None] = {}
        for text in texts:
            for span in self.find(text):
                seen.setdefault(span.term, None)
        return list(seen)


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
