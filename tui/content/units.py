"""Units: the pieces of a step that a reader selects one at a time (and the source panel cites)."""

from __future__ import annotations

import re
from collections.abc import Callable

from tui.content.later import hint
from tui.content.model import (
    Bullets,
    Course,
    Disagreement,
    Entry,
    Item,
    Ordered,
    Paragraph,
    Slip,
    SourceRef,
    Step,
    Strength,
    Table,
)
from tui.content.records import Record, record


@record
class Unit(Record):
    """One selectable claim: a paragraph, bullet, ordered step, table, side or slip."""

    item: Item
    entry: Entry | None
    index: int
    strength: Strength | None
    sources: tuple[SourceRef, ...]
    disagreements: tuple[str, ...] = ()


# "1. Culture", "1 培養", "１．培養", "① ヒト由来": a label carrying its own number (often the
# article's). Only the entry's own position counts: "2024 study" is not entry 2024.
_NUMBER = re.compile(r"\s*(?:(\d+)(?:[.)．、]\s*|\s+)|([\u2460-\u2473])\s*)")


def _number(label: str | None, position: int) -> re.Match[str] | None:
    found = _NUMBER.match(label) if label else None
    if found is None:
        return None
    digits, circled = found.groups()
    number = int(digits) if digits else ord(circled) - 0x2460 + 1
    return found if number == position else None


def numbered(label: str | None, position: int) -> bool:
    """Whether an ordered entry's label starts with its own number (1-based `position`)."""
    return _number(label, position) is not None


def without_number(label: str, position: int) -> str:
    """The label without its own leading number ("1 培養" → "培養"), for a list that numbers it."""
    found = _number(label, position)
    return label[found.end() :] if found else label


def step_units(step: Step) -> list[tuple[Item, list[Unit]]]:
    """Each item of a step with its selectable units, in reading order."""
    out: list[tuple[Item, list[Unit]]] = []
    for item in step.items:
        if isinstance(item, Paragraph):
            units = [Unit(item, None, 0, item.strength, item.sources, item.disagreements)]
        elif isinstance(item, Bullets | Ordered):
            units = [Unit(item, e, i, e.strength, e.sources) for i, e in enumerate(item.entries)]
        elif isinstance(item, Table):
            refs = tuple(ref for row in item.rows for ref in row.sources)
            strengths = {row.strength for row in item.rows}
            strength = strengths.pop() if len(strengths) == 1 else None
            units = [Unit(item, None, 0, strength, refs)]
        elif isinstance(item, Disagreement):
            units = [
                Unit(item, side, i, side.strength, side.sources, (item.id,))
                for i, side in enumerate(item.sides)
            ]
        else:
            assert isinstance(item, Slip)
            units = [Unit(item, None, 0, None, item.sources)]
        out.append((item, units))
    return out


def step_disagreements(step: Step) -> tuple[Disagreement, ...]:
    """The disagreement items of a step. For a step it has not read yet, the course cache can
    read them alone, so the index below is made without reading every step's text."""
    noted: Callable[[], tuple[Disagreement, ...]] | None = hint(step, "disagreements")
    if noted is not None:
        return noted()
    return tuple(item for item in step.items if isinstance(item, Disagreement))


def block_count(step: Step) -> int:
    """How many blocks the walkthrough shows for a step: the lesson and step titles, each
    unit, each caption or topic, and each disagreement's explanation."""
    count = 2
    for item, units in step_units(step):
        count += len(units)
        count += getattr(item, "caption", None) is not None or getattr(item, "topic", None) is not None
        count += isinstance(item, Disagreement)
    return count


def most_blocks(course: Course) -> int:
    """The most blocks any step needs. The course cache notes it, so it is known without
    reading every step."""
    noted: int | None = hint(course, "most_blocks")
    if noted is not None:
        return noted
    return max((block_count(step) for _, step in course.steps()), default=2)


@record
class DisputeSite(Record):
    disagreement: Disagreement
    lesson_id: str
    step_id: str


class DisputeIndex:
    """Which disagreement items discuss a given unit: by explicit id or by a shared quote."""

    def __init__(self, course: Course) -> None:
        self.sites: dict[str, DisputeSite] = {}
        self._quotes: list[tuple[str, str, str]] = []
        for lesson, step in course.steps():
            for item in step_disagreements(step):
                self.sites[item.id] = DisputeSite(item, lesson.id, step.id)
                for side in item.sides:
                    self._quotes.extend((ref.seed, ref.quote, item.id) for ref in side.sources)

    def for_unit(self, unit: Unit) -> list[DisputeSite]:
        ids = dict.fromkeys(unit.disagreements)
        for ref in unit.sources:
            for seed, quote, dispute in self._quotes:
                if seed == ref.seed and (quote in ref.quote or ref.quote in quote):
                    ids.setdefault(dispute, None)
        return [self.sites[i] for i in ids if i in self.sites]


def card_places(course: Course) -> dict[str, tuple[str, int]]:
    """Where each disagreement card is read: its step and the index of its first unit there
    (as `StepView.select` counts units), so a screen can open the walkthrough at the card."""
    places: dict[str, tuple[str, int]] = {}
    for _, step in course.steps():
        index = 0
        for item, units in step_units(step):
            if isinstance(item, Disagreement):
                places[item.id] = (step.id, index)
            index += len(units)
    return places
