"""DISCERN ratings made by people: a learner's ratings of the articles, a class's show of hands,
and their export beside the reference appraisals (CSV or JSON).

UI-free. The answer database (`tui.quiz.db`) stores both kinds of rows; the screens make them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from tui.content.inline import plain_text
from tui.content.model import Course
from tui.content.workshop import QUESTIONS, RATINGS

if TYPE_CHECKING:  # the answer database imports this module at start-up: no YAML then
    from tui.content.discern import Discern

MAX_HANDS = 999  # per rating: no room holds more, and it bounds what a follower accepts
# The catalogue keys naming 1, 3 and 5 on a rating row (question 16 is rated low ... high).
SCALE_WORDS = {
    False: {1: "appraise.scale.low", 3: "appraise.scale.mid", 5: "appraise.scale.high"},
    True: {1: "appraise.overall.low", 3: "appraise.overall.mid", 5: "appraise.overall.high"},
}


class ArticleRating(NamedTuple):
    """One question rated by the learner for one article (the latest rating)."""

    seed: str
    question: int
    rating: int
    time: str  # ISO time in UTC


class ClassTally(NamedTuple):
    """How many hands went up for each rating 1-5 on one question, in one class session."""

    session: str  # when the class DISCERN screen was opened (ISO time): one per class
    seed: str
    question: int
    hands: tuple[int, int, int, int, int]
    time: str


def valid_hands(hands: object) -> bool:
    return (
        isinstance(hands, tuple | list)
        and len(hands) == len(RATINGS)
        and all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= MAX_HANDS for n in hands)
    )


def valid_rating(question: object, rating: object) -> bool:
    return (
        isinstance(question, int)
        and not isinstance(question, bool)
        and question in QUESTIONS
        and isinstance(rating, int)
        and not isinstance(rating, bool)
        and rating in RATINGS
    )


def by_article(ratings: Iterable[ArticleRating]) -> dict[str, dict[int, int]]:
    """The learner's ratings as {article: {question: rating}}."""
    found: dict[str, dict[int, int]] = {}
    for row in ratings:
        found.setdefault(row.seed, {})[row.question] = row.rating
    return found


def median(hands: Sequence[int]) -> float | None:
    """The middle rating of the room (halfway between two when the count is even)."""
    votes = [rating for rating, n in zip(RATINGS, hands, strict=True) for _ in range(n)]
    if not votes:
        return None
    middle = len(votes) // 2
    return float(votes[middle]) if len(votes) % 2 else (votes[middle - 1] + votes[middle]) / 2


@dataclass
class Hands:
    """The show of hands for one question: counts per rating, undone in the order they came."""

    counts: list[int] = field(default_factory=lambda: [0] * len(RATINGS))
    added: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, counts: Sequence[int]) -> Hands:
        return cls(list(counts), [r for r, n in zip(RATINGS, counts, strict=True) for _ in range(n)])

    def add(self, rating: int) -> bool:
        if rating not in RATINGS or self.counts[rating - 1] >= MAX_HANDS:
            return False
        self.counts[rating - 1] += 1
        self.added.append(rating)
        return True

    def undo(self) -> int | None:
        if not self.added:
            return None
        rating = self.added.pop()
        self.counts[rating - 1] -= 1
        return rating

    @property
    def votes(self) -> int:
        return sum(self.counts)

    @property
    def median(self) -> float | None:
        return median(self.counts)

    def as_tuple(self) -> tuple[int, int, int, int, int]:
        a, b, c, d, e = self.counts
        return (a, b, c, d, e)


# -- export ---------------------------------------------------------------------------------

COLUMNS = [
    "learner",
    "who",
    "session",
    "article",
    "publisher",
    "question",
    "section",
    "short",
    "rating",
    "votes",
    "hands_1",
    "hands_2",
    "hands_3",
    "hands_4",
    "hands_5",
    "median",
    "reference",
    "difference",
    "time",
]


def rows(
    course: Course,
    discern: Discern,
    ratings: Sequence[ArticleRating],
    tallies: Sequence[ClassTally],
    learner: str = "",
) -> list[dict[str, object]]:
    """One row per learner rating, then one per class question, each beside the reference and
    naming `learner` (whose export it is), so `report class` can merge a class's exports.

    `difference` is the learner's rating (or the class median) minus the reference rating.
    """
    out: list[dict[str, object]] = []

    def common(seed: str, question: int) -> dict[str, object]:
        source = course.source(seed)
        appraisal = discern.appraisal(seed)
        q = discern.instrument.question(question)
        return {
            "learner": learner,
            "article": seed,
            "publisher": source.publisher if source and source.publisher else "",
            "question": question,
            "section": q.section.value,
            "short": plain_text(q.short.en),
            "reference": appraisal.rating(question).score if appraisal else None,
        }

    for r in sorted(ratings, key=lambda r: (r.seed, r.question)):
        row = common(r.seed, r.question)
        reference = row["reference"]
        out.append(
            {
                "who": "learner",
                "session": "",
                **row,
                "rating": r.rating,
                "votes": None,
                "hands": None,
                "median": None,
                "difference": r.rating - reference if isinstance(reference, int) else None,
                "time": r.time,
            }
        )
    for c in sorted(tallies, key=lambda c: (c.session, c.seed, c.question)):
        row = common(c.seed, c.question)
        reference = row["reference"]
        middle = median(c.hands)
        out.append(
            {
                "who": "class",
                "session": c.session,
                **row,
                "rating": None,
                "votes": sum(c.hands),
                "hands": list(c.hands),
                "median": middle,
                "difference": middle - reference
                if middle is not None and isinstance(reference, int)
                else None,
                "time": c.time,
            }
        )
    return out


def export_appraisals(
    course: Course,
    discern: Discern,
    ratings: Sequence[ArticleRating],
    tallies: Sequence[ClassTally],
    fmt: str,
    learner: str = "",
) -> str:
    from tui.quiz.export import json_or_csv  # here: the database imports this module at start-up

    def flat(row: dict[str, object]) -> dict[str, object]:
        out: dict[str, object] = {k: "" if v is None else v for k, v in row.items() if k != "hands"}
        hands = row["hands"]
        counts = hands if isinstance(hands, list) else [""] * len(RATINGS)
        out.update({f"hands_{n}": count for n, count in enumerate(counts, 1)})
        return out

    return json_or_csv(rows(course, discern, ratings, tallies, learner), fmt, COLUMNS, flat)
