"""The interface language: one type and one list, used by every mode and by the CLI."""

from __future__ import annotations

from typing import Literal, TypeGuard

Language = Literal["en", "ja", "both"]
LANGUAGES: tuple[Language, ...] = ("en", "ja", "both")

# One language for labels: "both" shows content in both languages but labels in English,
# so a label never doubles the width of the chrome.
Single = Literal["en", "ja"]


def is_language(value: object) -> TypeGuard[Language]:
    return value in LANGUAGES


def parse_language(value: object, default: Language = "en") -> Language:
    """`value` if it names a language, else `default` (saved data and peers are not trusted)."""
    return value if is_language(value) else default


def next_language(language: Language) -> Language:
    """The `l` key's order: English → 日本語 → both → English."""
    return LANGUAGES[(LANGUAGES.index(language) + 1) % len(LANGUAGES)]


_SINGLE: dict[str, Single] = {"en": "en", "ja": "ja", "both": "en"}


def single(language: Language | str) -> Single:
    """The one language labels are shown in (English for "both" and anything unknown)."""
    return _SINGLE.get(language, "en")
