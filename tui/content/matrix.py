"""The "who says what" matrix: claims by topic down the side, the five articles across the top.

`build_matrix(course)` is pure (no Textual, no I/O). Each row is a named row of
`content/topics.yaml` (claims from several articles that say the same thing) or a single claim;
each cell says what one article does about that row:

- ``claim``: the article makes the claim, at the claim's strength (several claims of one article
  can share a row, so a cell has a tuple of strengths);
- ``contradicts``: the article makes none of the row's claims but takes another side of a
  disagreement card (a `Disagreement` item in the lessons) that cites one of them; the cell names
  the card(s) and the article's claims on those sides;
- ``silent``: neither.

Every non-silent cell is traceable: `Matrix.quotes(row_id, seed)` gives the verbatim quotes behind
it (the article's claims in the row, or its claims on the other side of the card).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from tui.content.model import Claim, Course, Disagreement, SourceRef, Strength, Text, Topic

CellState = Literal["claim", "silent", "contradicts"]


@dataclass(frozen=True, slots=True)
class Cell:
    """What one article does about one row."""

    state: CellState
    claims: tuple[str, ...] = ()  # "claim": this article's claims in the row
    strengths: tuple[Strength, ...] = ()  # "claim": their strengths, distinct, in claim order
    disagreements: tuple[str, ...] = ()  # cards citing the row's claims where this article speaks
    against: tuple[str, ...] = ()  # "contradicts": this article's claims on the other side(s)

    @property
    def strength(self) -> Strength | None:
        """The cell's one strength, or None when silent, contradicting or mixed."""
        return self.strengths[0] if len(self.strengths) == 1 else None


SILENT = Cell("silent")


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One row: a named row (several articles, `named`) or a single claim."""

    id: str  # the row id from topics.yaml, or the claim id
    topic: str
    label: Text  # the named row's label, or the single claim's `says`
    claims: tuple[str, ...]  # every claim in the row, in registry order
    named: bool = False


@dataclass(frozen=True)
class Matrix:
    """Rows grouped by topic, articles as columns, and the claims and quotes behind each cell."""

    topics: tuple[Topic, ...]
    seeds: tuple[str, ...]  # the columns: article file names, in course order
    rows: tuple[MatrixRow, ...]
    cells: Mapping[tuple[str, str], Cell]  # (row id, seed) -> cell; absent means silent
    claims: Mapping[str, Claim] = field(default_factory=dict)

    def rows_for(self, topic_id: str) -> tuple[MatrixRow, ...]:
        return tuple(row for row in self.rows if row.topic == topic_id)

    def row(self, row_id: str) -> MatrixRow:
        return next(row for row in self.rows if row.id == row_id)

    def cell(self, row_id: str, seed: str) -> Cell:
        return self.cells.get((row_id, seed), SILENT)

    def claim(self, claim_id: str) -> Claim:
        return self.claims[claim_id]

    def quotes(self, row_id: str, seed: str) -> tuple[SourceRef, ...]:
        """The verbatim quotes behind a cell (empty for a silent one), as the screens cite them."""
        cell = self.cell(row_id, seed)
        ids = cell.claims if cell.state == "claim" else cell.against
        return tuple(ref for claim_id in ids for ref in claim_refs(self.claims[claim_id]))


def claim_refs(claim: Claim) -> tuple[SourceRef, ...]:
    """A claim's own quotes as source references, at its strength."""
    return tuple(
        SourceRef(claim.seed, q.quote, q.gloss, claim.strength, q.where, claim.id) for q in claim.quotes
    )


_CLINIC_WORDS = re.compile(r"\s*(美容)?(クリニック|clinic\b).*$", re.IGNORECASE)


def clinic_short(publisher: str | None) -> str | None:
    """A clinic's name without "…クリニック…" / "… CLINIC" (a column header: `CZEN`, `五良会`);
    the whole name when that would leave nothing, None when the article names no clinic."""
    if not publisher:
        return None
    return _CLINIC_WORDS.sub("", publisher) or publisher


def build_matrix(course: Course) -> Matrix:
    """The matrix for `course` (every registry claim is in exactly one row)."""
    claims = {claim.id: claim for claim in course.claims}
    seeds = tuple(source.seed for source in course.sources)
    rows = _rows(course)
    cards = [item for _, step in course.steps() for item in step.items if isinstance(item, Disagreement)]
    cells: dict[tuple[str, str], Cell] = {}
    for row in rows:
        in_row = set(row.claims)
        by_seed: dict[str, list[str]] = {}
        for claim_id in row.claims:
            by_seed.setdefault(claims[claim_id].seed, []).append(claim_id)
        covering: dict[str, list[str]] = {}  # seed -> cards where it speaks about this row
        against: dict[str, dict[str, None]] = {}  # seed -> its claims on another side
        for card in cards:
            sides = [[ref.claim for ref in side.sources if ref.claim] for side in card.sides]
            touched = [i for i, side in enumerate(sides) if in_row.intersection(side)]
            if not touched:
                continue
            for i, side in enumerate(sides):
                for claim_id in side:
                    seed = claims[claim_id].seed
                    covering.setdefault(seed, [])
                    if card.id not in covering[seed]:
                        covering[seed].append(card.id)
                    if i not in touched and claim_id not in in_row:
                        against.setdefault(seed, {})[claim_id] = None
        for seed in seeds:
            mine = by_seed.get(seed)
            cards_here = tuple(covering.get(seed, ()))
            if mine:
                strengths = tuple(dict.fromkeys(claims[c].strength for c in mine))
                cells[(row.id, seed)] = Cell("claim", tuple(mine), strengths, cards_here)
            elif seed in against:
                cells[(row.id, seed)] = Cell("contradicts", (), (), cards_here, tuple(against[seed]))
    return Matrix(course.topics, seeds, tuple(rows), cells, claims)


def _rows(course: Course) -> list[MatrixRow]:
    """Per topic (in topics.yaml order): its named rows, then each claim without a row."""
    members: dict[str, list[str]] = {}
    for claim in course.claims:
        if claim.row:
            members.setdefault(claim.row, []).append(claim.id)
    rows: list[MatrixRow] = []
    for topic in course.topics:
        for named in topic.rows:
            if named.id in members:
                rows.append(MatrixRow(named.id, topic.id, named.label, tuple(members[named.id]), True))
        rows.extend(
            MatrixRow(claim.id, topic.id, claim.says, (claim.id,))
            for claim in course.claims
            if claim.topic == topic.id and not claim.row
        )
    return rows
