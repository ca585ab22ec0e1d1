"""Content text in the chosen language, and the strength badges."""

from __future__ import annotations

from textual.content import Content

from tui.content.language import single
from tui.content.model import Strength, Term, Text
from tui.i18n import t

BADGE_COLOURS = {
    Strength.STATED: "$text-primary on $primary-muted",
    Strength.EXPECTED: "$text-warning on $warning-muted",
    Strength.REPORTED: "$text-success on $success-muted",
    Strength.PROMOTIONAL: "$text-error on $error-muted",
}


def pick(text: Text, language: str) -> str:
    """One language's string; 'both' shows English then Japanese."""
    if language == "both":
        return f"{text.en}\n{text.ja}"
    return text.get(language)


def badge(strength: Strength | None, language: str, *, short: bool = False) -> Content:
    """A coloured label such as ` EXPECTED ` (CSS-free so it also works in tables); `short`
    gives the narrow form a matrix column holds (` EXPECT `)."""
    if strength is None:
        return Content("")
    # upper() leaves Japanese as it is and makes English labels read as badges.
    key = f"matrix.badge.{strength.value}" if short else f"strength.{strength.value}"
    label = t(key, language).upper()
    return Content.styled(f" {label} ", f"bold {BADGE_COLOURS[strength]}")


def term_label(term: Term, language: str, separator: str = " / ") -> str:
    """A glossary term's name: Japanese alone in Japanese, else Japanese then English (a short
    Japanese term first never wraps mid-word in a narrow sidebar; English wraps at spaces)."""
    if single(language) == "ja":
        return term.ja
    return f"{term.ja}{separator}{term.en}"
