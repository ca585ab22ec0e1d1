"""Typed records for the course: lessons, steps, items, glossary, quiz and sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from tui.content.language import single
from tui.content.later import Later, read_later


@dataclass(frozen=True, slots=True)
class Text:
    """A user-facing text in both languages (Markdown, never Rich markup)."""

    en: str
    ja: str

    def get(self, lang: str) -> str:
        """The text in one language ("both" gives English: callers that show both use `pick`)."""
        return str(getattr(self, single(lang)))


class Strength(StrEnum):
    """How a source puts a claim."""

    STATED = "stated"
    EXPECTED = "expected"
    REPORTED = "reported"
    PROMOTIONAL = "promotional"


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int
    col: int = 1


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One cited quote. A citation of a claim (`claim` set) carries the claim's strength, or a
    different reading justified by `strength_note`; a plain quote carries no strength."""

    seed: str
    quote: str
    gloss: str | None = None
    strength: Strength | None = None
    where: Location | None = field(default=None, compare=False)
    claim: str | None = None
    strength_note: Text | None = None


@dataclass(frozen=True, slots=True)
class ClaimQuote:
    """A verbatim quote that makes a claim, with an optional English gloss."""

    quote: str
    gloss: str | None = None
    where: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Claim:
    """One thing one article claims, recorded once: its quotes, strength, topic and wording.

    `says` attributes the claim ("002 says…"); `row` groups claims that say the same thing
    (across articles) into one row of the "who says what" matrix."""

    id: str
    seed: str
    topic: str
    strength: Strength
    says: Text
    quotes: tuple[ClaimQuote, ...]
    row: str | None = None
    where: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Row:
    """A named row of the matrix: claims from several articles that say the same thing."""

    id: str
    label: Text


@dataclass(frozen=True, slots=True)
class Topic:
    """One of the fixed topics claims are filed under, in matrix order."""

    id: str
    name: Text
    rows: tuple[Row, ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    """One bullet, ordered step, or table row: the unit that carries a claim."""

    text: Text
    strength: Strength
    sources: tuple[SourceRef, ...]
    label: Text | None = None
    cells: tuple[Text, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: Text
    strength: Strength
    sources: tuple[SourceRef, ...]
    disagreements: tuple[str, ...] = ()
    kind: Literal["paragraph"] = "paragraph"


@dataclass(frozen=True, slots=True)
class Bullets:
    entries: tuple[Entry, ...]
    caption: Text | None = None
    kind: Literal["bullets"] = "bullets"


@dataclass(frozen=True, slots=True)
class Ordered:
    entries: tuple[Entry, ...]
    caption: Text | None = None
    kind: Literal["ordered"] = "ordered"


@dataclass(frozen=True, slots=True)
class Table:
    caption: Text
    columns: tuple[Text, ...]
    rows: tuple[Entry, ...]
    kind: Literal["table"] = "table"


@dataclass(frozen=True, slots=True)
class Disagreement:
    id: str
    topic: Text
    sides: tuple[Entry, ...]
    explanation: Text
    kind: Literal["disagreement"] = "disagreement"


@dataclass(frozen=True, slots=True)
class Slip:
    original: str
    note: Text
    sources: tuple[SourceRef, ...]
    intended: str | None = None
    kind: Literal["slip"] = "slip"


Item = Paragraph | Bullets | Ordered | Table | Disagreement | Slip


def item_entries(item: Item) -> tuple[Entry, ...]:
    """The claim-bearing entries inside an item (empty for paragraphs and slips)."""
    if isinstance(item, Bullets | Ordered):
        return item.entries
    if isinstance(item, Table):
        return item.rows
    if isinstance(item, Disagreement):
        return item.sides
    return ()


def item_sources(item: Item) -> tuple[SourceRef, ...]:
    """Every source reference cited by an item, in order."""
    if isinstance(item, Paragraph | Slip):
        return item.sources
    return tuple(ref for entry in item_entries(item) for ref in entry.sources)


class NoteKind(StrEnum):
    """What a teacher note is for."""

    POINT = "point"  # what to point at on the slide
    ASK = "ask"  # one question to ask the class
    PITFALL = "pitfall"  # the misreading learners fall into


@dataclass(frozen=True, slots=True)
class Note:
    """A teacher note for classroom mode."""

    text: Text
    sources: tuple[SourceRef, ...] = ()
    kind: NoteKind = NoteKind.POINT


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    title: Text
    items: tuple[Item, ...]
    notes: tuple[Note, ...] = ()
    # Set when the course cache left fields to read on first use (see tui.content.later).
    _later: Later | None = field(default=None, init=False, repr=False, compare=False)

    if not TYPE_CHECKING:  # hidden from mypy, which would then allow any attribute name
        __getattr__ = read_later


@dataclass(frozen=True, slots=True)
class Lesson:
    id: str
    title: Text
    summary: Text
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Term:
    id: str
    ja: str
    reading: str
    en: str
    definition: Text
    sources: tuple[SourceRef, ...]
    related: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form: used for linking and for accepting recall answers."""
        return (self.ja, self.reading, self.en, *self.aliases)


QuestionType = Literal["single", "multiple", "myth_fact", "order", "match", "recall"]
QUESTION_TYPES: tuple[QuestionType, ...] = (
    "single",
    "multiple",
    "myth_fact",
    "order",
    "match",
    "recall",
)


@dataclass(frozen=True, slots=True)
class Option:
    text: Text
    correct: bool
    why: Text | None = None


@dataclass(frozen=True, slots=True)
class Pair:
    left: Text
    right: Text


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    type: QuestionType
    step: str
    prompt: Text
    explanation: Text
    sources: tuple[SourceRef, ...]
    options: tuple[Option, ...] = ()
    answer: Literal["myth", "fact"] | None = None
    sequence: tuple[Text, ...] = ()
    pairs: tuple[Pair, ...] = ()
    term: str | None = None
    accept: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Exclusion:
    first: int
    last: int
    reason: str


@dataclass(frozen=True, slots=True)
class Source:
    seed: str
    publisher: str | None
    title: str | None
    title_en: str
    date: str | None
    sha256: str
    kind: Text
    publisher_note: Text | None = None
    exclude: tuple[Exclusion, ...] = ()
    where: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Course:
    title: Text
    summary: Text
    lessons: tuple[Lesson, ...]
    terms: tuple[Term, ...]
    questions: tuple[Question, ...]
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...] = ()
    topics: tuple[Topic, ...] = ()
    # Set when the course cache left fields to read on first use (see tui.content.later).
    _later: Later | None = field(default=None, init=False, repr=False, compare=False)

    if not TYPE_CHECKING:  # hidden from mypy, which would then allow any attribute name
        __getattr__ = read_later

    def steps(self) -> list[tuple[Lesson, Step]]:
        return [(lesson, step) for lesson in self.lessons for step in lesson.steps]

    def source(self, seed: str) -> Source | None:
        return next((s for s in self.sources if s.seed == seed), None)

    def term(self, term_id: str) -> Term | None:
        return next((t for t in self.terms if t.id == term_id), None)

    def claim(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)

    def all_refs(self) -> list[SourceRef]:
        """Every source reference in the course: lessons, notes, glossary and quiz."""
        refs: list[SourceRef] = []
        for _, step in self.steps():
            for item in step.items:
                refs.extend(item_sources(item))
            for note in step.notes:
                refs.extend(note.sources)
        for term in self.terms:
            refs.extend(term.sources)
        for question in self.questions:
            refs.extend(question.sources)
        return refs
