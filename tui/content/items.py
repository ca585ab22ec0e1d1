"""Readers for course files: lessons and their items, glossary terms, quiz questions, sources."""

from __future__ import annotations

import re
from typing import Any, cast

from yaml.nodes import Node

from tui.content.claimreader import ClaimReader
from tui.content.model import (
    QUESTION_TYPES,
    Bullets,
    Disagreement,
    Entry,
    Exclusion,
    Item,
    Lesson,
    Note,
    NoteKind,
    Option,
    Ordered,
    Pair,
    Paragraph,
    Question,
    QuestionType,
    Slip,
    Source,
    Step,
    Table,
    Term,
    Text,
)
from tui.content.problems import excerpt
from tui.content.reader import Gather

ITEM_KINDS = ("paragraph", "bullets", "ordered", "table", "disagreement", "slip")
READING_RE = re.compile(r"^[\u3041-\u3096\u30fc\u30fb\u3000 ]+$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LINES_RE = re.compile(r"^(\d{1,7})(?:-(\d{1,7}))?$")  # bounded: int() of 5,000 digits raises


class CourseReader(ClaimReader):
    """Reads lesson, glossary, quiz and source files into model records."""

    # -- lessons ------------------------------------------------------------

    def lesson(self, node: Node) -> Lesson:
        f = self.mapping(node, "lesson", ("id", "title", "summary", "steps"))
        g = Gather()
        lesson_id = g(lambda: self.ident(f["id"], "lesson id", define="lesson"))
        title = g(lambda: self.text(f["title"], "title"))
        summary = g(lambda: self.text(f["summary"], "summary"))
        steps = g(lambda: self.each(f["steps"], "steps", self.step, min_len=1))
        g.done("lesson")
        return Lesson(cast(str, lesson_id), cast(Text, title), cast(Text, summary), steps or ())

    def step(self, node: Node) -> Step:
        f = self.mapping(node, "step", ("id", "title", "items"), ("notes",))
        g = Gather()
        step_id = g(lambda: self.ident(f["id"], "step id", define="step"))
        title = g(lambda: self.text(f["title"], "title"))
        items = g(lambda: self.each(f["items"], "items", self.item, min_len=1))
        notes = g(lambda: self.each(f["notes"], "notes", self.note)) if "notes" in f else ()
        g.done("step")
        return Step(cast(str, step_id), cast(Text, title), items or (), notes or ())

    def note(self, node: Node) -> Note:
        f = self.mapping(node, "note", ("text",), ("kind", "sources"))
        g = Gather()
        kind = (
            g(lambda: NoteKind(self.choice(f["kind"], "note kind", tuple(k.value for k in NoteKind))))
            if "kind" in f
            else NoteKind.POINT
        )
        text = g(lambda: self.text(f["text"], "note text"))
        sources = g(lambda: self.sources(f["sources"])) if "sources" in f else ()
        g.done("note")
        return Note(cast(Text, text), sources or (), kind or NoteKind.POINT)

    def item(self, node: Node) -> Item:
        head = self.mapping(node, "item", ("kind",), _ANY_KEYS)
        kind = self.choice(head["kind"], "item kind", ITEM_KINDS)
        return cast(Item, getattr(self, f"_item_{kind}")(node))

    def _item_paragraph(self, node: Node) -> Paragraph:
        f = self.mapping(node, "paragraph", ("kind", "text", "strength", "sources"), ("disagreements",))
        g = Gather()
        text = g(lambda: self.text(f["text"], "text"))
        strength = g(lambda: self.strength(f["strength"]))
        sources = g(lambda: self.sources(f["sources"], claims_only=True))
        g(lambda: self.labelled("paragraph", f["strength"], strength, sources))
        links = (
            g(lambda: self.ids(f["disagreements"], "disagreements", refer="disagreement"))
            if "disagreements" in f
            else ()
        )
        g.done("paragraph")
        return Paragraph(cast(Text, text), strength, sources or (), links or ())  # type: ignore[arg-type]

    def entry(self, node: Node, what: str, *, label: bool = False) -> Entry:
        optional = ("label",) if label else ()
        f = self.mapping(node, what, ("text", "strength", "sources"), optional)
        g = Gather()
        text = g(lambda: self.text(f["text"], "text"))
        strength = g(lambda: self.strength(f["strength"]))
        sources = g(lambda: self.sources(f["sources"], claims_only=True))
        g(lambda: self.labelled(what, f["strength"], strength, sources))
        lab = g(lambda: self.text(f["label"], "label")) if "label" in f else None
        g.done(what)
        return Entry(cast(Text, text), strength, sources or (), lab)  # type: ignore[arg-type]

    def _caption(self, f: dict[str, Node], g: Gather) -> Text | None:
        return g(lambda: self.text(f["caption"], "caption")) if "caption" in f else None

    def _item_bullets(self, node: Node) -> Bullets:
        f = self.mapping(node, "bullets", ("kind", "entries"), ("caption",))
        g = Gather()
        caption = self._caption(f, g)
        entries = g(lambda: self.each(f["entries"], "entries", lambda n: self.entry(n, "bullet"), min_len=1))
        g.done("bullets")
        return Bullets(entries or (), caption)

    def _item_ordered(self, node: Node) -> Ordered:
        f = self.mapping(node, "ordered", ("kind", "entries"), ("caption",))
        g = Gather()
        caption = self._caption(f, g)
        entries = g(
            lambda: self.each(
                f["entries"],
                "entries",
                lambda n: self.entry(n, "ordered entry", label=True),
                min_len=2,
            )
        )
        g.done("ordered")
        return Ordered(entries or (), caption)

    def _item_table(self, node: Node) -> Table:
        f = self.mapping(node, "table", ("kind", "caption", "columns", "rows"))
        g = Gather()
        caption = g(lambda: self.text(f["caption"], "caption"))
        columns = g(lambda: self.each(f["columns"], "columns", lambda n: self.text(n, "column"), min_len=2))
        rows = g(lambda: self.each(f["rows"], "rows", self.row, min_len=1))
        g.done("table")
        if columns and rows:
            for row_node, row in zip(f["rows"].value, rows, strict=True):
                if len(row.cells) != len(columns):
                    self.fail(
                        row_node,
                        f"table row has {len(row.cells)} cells but the table has {len(columns)} columns",
                    )
                    g.failed = True
            g.done("table")
        return Table(cast(Text, caption), columns or (), rows or ())

    def row(self, node: Node) -> Entry:
        f = self.mapping(node, "table row", ("cells", "strength", "sources"))
        g = Gather()
        cells = g(lambda: self.each(f["cells"], "cells", lambda n: self.text(n, "cell"), min_len=1))
        strength = g(lambda: self.strength(f["strength"]))
        sources = g(lambda: self.sources(f["sources"], claims_only=True))
        g(lambda: self.labelled("table row", f["strength"], strength, sources))
        g.done("table row")
        cells = cells or ()
        return Entry(cells[0], strength, sources or (), None, cells)  # type: ignore[arg-type]

    def _item_disagreement(self, node: Node) -> Disagreement:
        f = self.mapping(node, "disagreement", ("kind", "id", "topic", "sides", "explanation"))
        g = Gather()
        item_id = g(lambda: self.ident(f["id"], "disagreement id", define="disagreement"))
        topic = g(lambda: self.text(f["topic"], "topic"))
        sides = g(lambda: self.each(f["sides"], "sides", lambda n: self.entry(n, "side"), min_len=2))
        explanation = g(lambda: self.text(f["explanation"], "explanation"))
        g.done("disagreement")
        return Disagreement(cast(str, item_id), cast(Text, topic), sides or (), cast(Text, explanation))

    def _item_slip(self, node: Node) -> Slip:
        f = self.mapping(node, "slip", ("kind", "original", "note", "sources"), ("intended",))
        g = Gather()
        original = g(lambda: self.string(f["original"], "original"))
        note = g(lambda: self.text(f["note"], "note"))
        sources = g(lambda: self.sources(f["sources"]))
        intended = g(lambda: self.optional_string(f.get("intended"), "intended"))
        g.done("slip")
        if original and sources and not any(original in ref.quote for ref in sources):
            raise self.fail(f["original"], f"slip original '{excerpt(original)}' does not occur in its quote")
        return Slip(cast(str, original), cast(Text, note), sources or (), intended)

    # -- glossary -----------------------------------------------------------

    def term(self, node: Node) -> Term:
        f = self.mapping(
            node,
            "term",
            ("id", "ja", "reading", "en", "definition", "sources"),
            ("related", "aliases"),
        )
        g = Gather()
        term_id = g(lambda: self.ident(f["id"], "term id", define="term"))
        ja = g(lambda: self.string(f["ja"], "ja"))
        reading = g(lambda: self.reading(f["reading"]))
        en = g(lambda: self.string(f["en"], "en"))
        definition = g(lambda: self.text(f["definition"], "definition"))
        sources = g(lambda: self.sources(f["sources"]))
        related = g(lambda: self.ids(f["related"], "related", refer="term")) if "related" in f else ()
        aliases = (
            g(lambda: self.each(f["aliases"], "aliases", lambda n: self.string(n, "alias")))
            if "aliases" in f
            else ()
        )
        g.done("term")
        return Term(
            cast(str, term_id),
            cast(str, ja),
            cast(str, reading),
            cast(str, en),
            cast(Text, definition),
            sources or (),
            related or (),
            aliases or (),
        )

    def reading(self, node: Node) -> str:
        value = self.string(node, "reading")
        if not READING_RE.match(value):
            raise self.fail(node, f"reading '{excerpt(value)}' must be hiragana (ー and ・ allowed)")
        return value

    # -- quiz -----------------------------------------------------------------

    _QUESTION_KEYS: dict[str, tuple[str, ...]] = {
        "single": ("options",),
        "multiple": ("options",),
        "myth_fact": ("answer",),
        "order": ("sequence",),
        "match": ("pairs",),
        "recall": ("term",),
    }

    def question(self, node: Node) -> Question:
        head = self.mapping(node, "question", ("type",), _ANY_KEYS)
        qtype = cast(QuestionType, self.choice(head["type"], "question type", QUESTION_TYPES))
        common = ("id", "type", "step", "prompt", "explanation", "sources")
        optional = ("accept",) if qtype == "recall" else ()
        f = self.mapping(node, f"{qtype} question", common + self._QUESTION_KEYS[qtype], optional)
        g = Gather()
        qid = g(lambda: self.ident(f["id"], "question id", define="question"))
        step = g(lambda: self.ident(f["step"], "step", refer="step"))
        prompt = g(lambda: self.text(f["prompt"], "prompt"))
        explanation = g(lambda: self.text(f["explanation"], "explanation"))
        sources = g(lambda: self.sources(f["sources"]))
        extra: dict[str, Any] = {}
        if qtype in ("single", "multiple"):
            extra["options"] = g(lambda: self.options(f["options"], qtype))
        elif qtype == "myth_fact":
            extra["answer"] = g(lambda: self.choice(f["answer"], "answer", ("myth", "fact")))
        elif qtype == "order":
            extra["sequence"] = g(
                lambda: self.each(
                    f["sequence"],
                    "sequence",
                    lambda n: self.text(n, "sequence entry"),
                    min_len=3,
                    max_len=6,
                )
            )
        elif qtype == "match":
            extra["pairs"] = g(lambda: self.each(f["pairs"], "pairs", self.pair, min_len=3, max_len=5))
        else:
            extra["term"] = g(lambda: self.ident(f["term"], "term", refer="term"))
            if "accept" in f:
                extra["accept"] = g(
                    lambda: self.each(f["accept"], "accept", lambda n: self.string(n, "accepted answer"))
                )
        g.done("question")
        return Question(
            cast(str, qid),
            qtype,
            cast(str, step),
            cast(Text, prompt),
            cast(Text, explanation),
            sources or (),
            **extra,
        )

    def options(self, node: Node, qtype: str) -> tuple[Option, ...]:
        options = self.each(node, "options", self.option, min_len=3, max_len=4)
        correct = sum(option.correct for option in options)
        if qtype == "single" and correct != 1:
            raise self.fail(
                node, f"a single-choice question needs exactly one correct option, found {correct}"
            )
        if qtype == "multiple" and correct < 2:
            raise self.fail(
                node,
                f"a multiple-answer question needs at least two correct options, found {correct}",
            )
        return options

    def option(self, node: Node) -> Option:
        f = self.mapping(node, "option", ("text", "correct"), ("why",))
        g = Gather()
        text = g(lambda: self.text(f["text"], "option text"))
        correct = g(lambda: self.boolean(f["correct"], "correct"))
        why = g(lambda: self.text(f["why"], "why")) if "why" in f else None
        g.done("option")
        if correct is False and why is None:
            raise self.fail(node, "a wrong option needs 'why' (why it is wrong)")
        return Option(cast(Text, text), bool(correct), why)

    def pair(self, node: Node) -> Pair:
        f = self.mapping(node, "pair", ("left", "right"))
        g = Gather()
        left = g(lambda: self.text(f["left"], "left"))
        right = g(lambda: self.text(f["right"], "right"))
        g.done("pair")
        return Pair(cast(Text, left), cast(Text, right))

    # -- sources ----------------------------------------------------------------

    def source(self, node: Node) -> Source:
        f = self.mapping(
            node,
            "source",
            ("seed", "publisher", "title", "title_en", "date", "sha256", "kind"),
            ("publisher_note", "exclude"),
        )
        g = Gather()
        seed = g(lambda: self.seed_name(f["seed"]))
        if seed:
            self.registry.defined.setdefault("seed", {}).setdefault(seed, []).append((self.path, f["seed"]))
        publisher = g(lambda: self.optional_string(f["publisher"], "publisher"))
        title = g(lambda: self.optional_string(f["title"], "title"))
        title_en = g(lambda: self.string(f["title_en"], "title_en"))
        date = g(lambda: self.date(f["date"]))
        sha = g(lambda: self.sha256(f["sha256"]))
        kind = g(lambda: self.text(f["kind"], "kind"))
        note = g(lambda: self.text(f["publisher_note"], "publisher_note")) if "publisher_note" in f else None
        exclude = g(lambda: self.each(f["exclude"], "exclude", self.exclusion)) if "exclude" in f else ()
        g.done("source")
        if publisher is None and note is None:
            raise self.fail(node, "a source with no publisher needs a 'publisher_note' saying so")
        return Source(
            cast(str, seed),
            publisher,
            title,
            cast(str, title_en),
            date,
            cast(str, sha),
            cast(Text, kind),
            note,
            exclude or (),
            self.where(f["sha256"]),
        )

    def date(self, node: Node) -> str | None:
        value = self.optional_string(node, "date")
        if value is not None and not DATE_RE.match(value):
            raise self.fail(node, f"date '{excerpt(value)}' must be written YYYY-MM-DD, in quotes")
        return value

    def sha256(self, node: Node) -> str:
        value = self.string(node, "sha256")
        if not SHA_RE.match(value):
            raise self.fail(node, "sha256 must be 64 lower-case hex digits")
        return value

    def exclusion(self, node: Node) -> Exclusion:
        f = self.mapping(node, "exclusion", ("lines", "reason"))
        g = Gather()
        lines = g(lambda: self.string(f["lines"], "lines"))
        reason = g(lambda: self.string(f["reason"], "reason"))
        g.done("exclusion")
        match = LINES_RE.match(cast(str, lines))
        if not match:
            raise self.fail(
                f["lines"], f"lines '{excerpt(str(lines))}' must be a line number or a range like \"3-7\""
            )
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise self.fail(f["lines"], f"lines '{excerpt(str(lines))}' is not a valid range")
        return Exclusion(first, last, cast(str, reason))


class _AnyKeys(tuple[str, ...]):
    """Accepts every key: used to peek at `kind`/`type` before the strict read."""

    def __contains__(self, key: object) -> bool:
        return True


_ANY_KEYS = _AnyKeys()
