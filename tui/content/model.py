"""Typed records for the course: lessons, steps, items, glossary, quiz and sources."""

from __future__ import annotations

from dataclasses import field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from tui.content.language import single
from tui.content.later import Later, read_later
from tui.content.records import Record, record


@record
class Text(Record):
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


@record
class Location(Record):
    """Where a value was read: file, line and column (for error messages; never compared)."""

    path: str
    line: int
    col: int = 1


@record
class SourceRef(Record):
    """One cited quote. A citation of a claim (`claim` set) carries the claim's strength, or a
    different reading justified by `strength_note`; a plain quote carries no strength."""

    seed: str
    quote: str
    gloss: str | None = None
    strength: Strength | None = None
    where: Location | None = field(default=None, compare=False)
    claim: str | None = None
    strength_note: Text | None = None


@record
class ClaimQuote(Record):
    """A verbatim quote that makes a claim, with an optional English gloss."""

    quote: str
    gloss: str | None = None
    where: Location | None = field(default=None, compare=False)


@record
class Claim(Record):
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


@record
class Row(Record):
    """A named row of the matrix: claims from several articles that say the same thing."""

    id: str
    label: Text


@record
class Topic(Record):
    """One of the fixed topics claims are filed under, in matrix order."""

    id: str
    name: Text
    rows: tuple[Row, ...] = ()


@record
class Entry(Record):
    """One bullet, ordered step, or table row: the unit that carries a claim."""

    text: Text
    strength: Strength
    sources: tuple[SourceRef, ...]
    label: Text | None = None
    cells: tuple[Text, ...] = ()


@record
class Paragraph(Record):
    """A paragraph of prose with the strength its sources give it."""

    text: Text
    strength: Strength
    sources: tuple[SourceRef, ...]
    disagreements: tuple[str, ...] = ()
    kind: Literal["paragraph"] = "paragraph"


@record
class Bullets(Record):
    """A bulleted list; each entry carries its own sources and strength."""

    entries: tuple[Entry, ...]
    caption: Text | None = None
    kind: Literal["bullets"] = "bullets"


@record
class Ordered(Record):
    """A numbered list (the steps of a process); each entry carries its own sources."""

    entries: tuple[Entry, ...]
    caption: Text | None = None
    kind: Literal["ordered"] = "ordered"


@record
class Table(Record):
    """A comparison table: its column headers and one entry per row."""

    caption: Text
    columns: tuple[Text, ...]
    rows: tuple[Entry, ...]
    kind: Literal["table"] = "table"


@record
class Disagreement(Record):
    """Where the sources disagree: each side with its sources, and why they conflict."""

    id: str
    topic: Text
    sides: tuple[Entry, ...]
    explanation: Text
    kind: Literal["disagreement"] = "disagreement"


@record
class Slip(Record):
    """A typo or slip in a source, quoted as written, with what was probably meant."""

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


@record
class Note(Record):
    """A teacher note for classroom mode."""

    text: Text
    sources: tuple[SourceRef, ...] = ()
    kind: NoteKind = NoteKind.POINT


@record
class Step(Record):
    """One screen of a lesson: its items and the teacher's notes."""

    id: str
    title: Text
    items: tuple[Item, ...]
    notes: tuple[Note, ...] = ()
    # Set when the course cache left fields to read on first use (see tui.content.later).
    _later: Later | None = field(default=None, init=False, repr=False, compare=False)

    if not TYPE_CHECKING:  # hidden from mypy, which would then allow any attribute name
        __getattr__ = read_later


@record
class Lesson(Record):
    """A lesson: its steps in reading order."""

    id: str
    title: Text
    summary: Text
    steps: tuple[Step, ...]


@record
class Term(Record):
    """A glossary term in Japanese, its reading and English, with a sourced definition."""

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


@record
class Option(Record):
    """An answer option of a quiz question, and why it is right or wrong."""

    text: Text
    correct: bool
    why: Text | None = None


@record
class Pair(Record):
    """One left-right pair of a matching question."""

    left: Text
    right: Text


@record
class Question(Record):
    """A quiz question of any type, with its explanation and sources."""

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


@record
class Exclusion(Record):
    """A range of lines of a source left out of coverage, and why."""

    first: int
    last: int
    reason: str


@record
class Source(Record):
    """One of the seed articles: who published it, when, and its checksum."""

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


@record
class Course(Record):
    """The whole course: lessons, glossary, quiz, sources, claims and topics."""

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
