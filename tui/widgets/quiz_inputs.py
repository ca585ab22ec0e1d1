"""Keyboard-first answer widgets, one per question type. Each posts `AnswerInput.Submitted`."""

from __future__ import annotations

import random
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from tui.content.language import parse_language
from tui.content.model import Question, Text
from tui.i18n import t
from tui.quiz.grading import Answer
from tui.quiz.order import letter
from tui.richtext import to_content
from tui.screens.base import localise_bindings

LETTERS = "abcd"


def _t(text: Text, lang: str) -> str:
    return text.get(lang)


class AnswerInput(Static, can_focus=True):
    """Base: holds the question and language, renders itself, submits an `Answer`."""

    @dataclass
    class Submitted(Message):
        answer: Answer

    def __init__(self, question: Question, lang: str, seed: int) -> None:
        super().__init__("", classes="answer-input")
        self.question = question
        self.lang = lang
        self.rng = random.Random(seed)
        self.locked = False

    def on_mount(self) -> None:
        localise_bindings(self, parse_language(self.lang))
        self.update(self.body())

    def body(self) -> Content:
        raise NotImplementedError

    def redraw(self) -> None:
        self.update(self.body())

    def submit(self, answer: Answer) -> None:
        if not self.locked:
            self.locked = True
            self.post_message(self.Submitted(answer))

    def hint(self, key: str, **values: object) -> Content:
        return Content.styled("\n" + t(f"quiz.hint.{key}", self.lang, **values), "italic $text-muted")


class ChoiceInput(AnswerInput):
    """Single choice (a key answers) or multiple answer (keys toggle, enter submits).

    Options are shown in `order` (authored indices in display order): key n and letter n pick
    the option displayed n-th, and the answer holds authored indices.
    """

    BINDINGS = [
        *[Binding(f"{n + 1},{LETTERS[n]}", f"pick({n})", "key.option", show=False) for n in range(4)],
        Binding("enter", "done", "key.submit"),
    ]

    def __init__(
        self, question: Question, lang: str, seed: int, order: tuple[int, ...] | None = None
    ) -> None:
        super().__init__(question, lang, seed)
        self.order = order if order is not None else tuple(range(len(question.options)))
        self.chosen: set[int] = set()  # authored indices

    def body(self) -> Content:
        lines = []
        for n, index in enumerate(self.order):
            option = self.question.options[index]
            mark = ("[x]" if index in self.chosen else "[ ]") if self.question.type == "multiple" else "   "
            style = "bold $text-accent" if index in self.chosen else ""
            lines.append(
                Content.assemble(
                    (f" {n + 1} {letter(n)}. ", "bold"),
                    (mark + " ", style),
                    to_content(_t(option.text, self.lang), style=style),
                )
            )
        n = len(self.question.options)
        lines.append(self.hint(self.question.type, last=n, letter="abcd"[n - 1]))
        return Content("\n").join(lines)

    def action_pick(self, n: int) -> None:
        if n >= len(self.order) or self.locked:
            return
        index = self.order[n]
        if self.question.type == "single":
            # Not redrawn here: the screen redraws it with the feedback, in the same frame
            # (a redraw now would draw a frame of its own first, and the feedback a frame later).
            self.chosen = {index}
            self.submit(Answer(choices=frozenset(self.chosen)))
            return
        self.chosen ^= {index}
        self.redraw()

    def action_done(self) -> None:
        self.submit(Answer(choices=frozenset(self.chosen)))


class MythFactInput(AnswerInput):
    BINDINGS = [
        Binding("m,1", "verdict('myth')", "key.myth"),
        Binding("f,2", "verdict('fact')", "key.fact"),
    ]

    def body(self) -> Content:
        return Content.assemble(
            (" 1 m ", "bold"),
            f"{t('verdict.myth', self.lang)}    ",
            (" 2 f ", "bold"),
            t("verdict.fact", self.lang),
            self.hint("myth_fact"),
        )

    def action_verdict(self, verdict: str) -> None:
        self.submit(Answer(verdict=verdict))


class OrderInput(AnswerInput):
    """Arrange the steps: ↑/↓ choose a line, shift+↑/↓ (or u/d) move it, enter submits."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "key.up", show=False),
        Binding("down,j", "cursor(1)", "key.down", show=False),
        # u/d first: the footer shows a binding's first key, and "shift+↑" costs the 80-column
        # footer its last keys (end quiz, quit).
        Binding("u,shift+up", "move(-1)", "key.move_up"),
        Binding("d,shift+down", "move(1)", "key.move_down"),
        Binding("enter", "done", "key.submit"),
    ]

    def __init__(self, question: Question, lang: str, seed: int) -> None:
        super().__init__(question, lang, seed)
        n = len(question.sequence)
        order = list(range(n))
        while order == list(range(n)):
            self.rng.shuffle(order)
        self.order = order
        self.cursor = 0

    def body(self) -> Content:
        lines = []
        for pos, idx in enumerate(self.order):
            here = pos == self.cursor
            lines.append(
                Content.assemble(
                    (" ▶ " if here else "   ", "bold $text-accent"),
                    (f"{pos + 1}. ", "bold"),
                    to_content(_t(self.question.sequence[idx], self.lang), style="reverse" if here else ""),
                )
            )
        lines.append(self.hint("order"))
        return Content("\n").join(lines)

    def action_cursor(self, delta: int) -> None:
        self.cursor = max(0, min(len(self.order) - 1, self.cursor + delta))
        self.redraw()

    def action_move(self, delta: int) -> None:
        target = self.cursor + delta
        if 0 <= target < len(self.order) and not self.locked:
            self.order[self.cursor], self.order[target] = (
                self.order[target],
                self.order[self.cursor],
            )
            self.cursor = target
            self.redraw()

    def action_done(self) -> None:
        self.submit(Answer(order=tuple(self.order)))


class MatchInput(AnswerInput):
    """Pick a left item by number, then its partner by letter; enter submits."""

    BINDINGS = [
        *[Binding(str(n + 1), f"left({n})", show=False) for n in range(5)],
        *[Binding("abcde"[n], f"right({n})", show=False) for n in range(5)],
        Binding("backspace", "clear", "key.clear_pair"),
        Binding("enter", "done", "key.submit"),
    ]

    def __init__(self, question: Question, lang: str, seed: int) -> None:
        super().__init__(question, lang, seed)
        n = len(question.pairs)
        rights = list(range(n))
        while n > 1 and rights == list(range(n)):
            self.rng.shuffle(rights)
        self.rights = rights  # letter position → pair index of the right-hand text
        self.pairs: dict[int, int] = {}  # left index → right pair index
        self.current = 0

    def body(self) -> Content:
        lines = []
        for n, pair in enumerate(self.question.pairs):
            chosen = self.pairs.get(n)
            letter = "abcde"[self.rights.index(chosen)].upper() if chosen is not None else "?"
            here = n == self.current
            lines.append(
                Content.assemble(
                    (" ▶ " if here else "   ", "bold $text-accent"),
                    (f"{n + 1}. ", "bold"),
                    to_content(_t(pair.left, self.lang), style="reverse" if here else ""),
                    ("  → ", "bold"),
                    (letter, "bold $text-accent"),
                )
            )
        lines.append(Content(""))
        for pos, idx in enumerate(self.rights):
            used = idx in self.pairs.values()
            lines.append(
                Content.assemble(
                    (f"   {'abcde'[pos].upper()}. ", "bold"),
                    to_content(
                        _t(self.question.pairs[idx].right, self.lang), style="$text-muted" if used else ""
                    ),
                )
            )
        n = len(self.question.pairs)  # the keys that do something on this question, no more
        lines.append(self.hint("match", last=n, letter="abcde"[n - 1]))
        return Content("\n").join(lines)

    def action_left(self, n: int) -> None:
        if n < len(self.question.pairs):
            self.current = n
            self.redraw()

    def action_right(self, pos: int) -> None:
        if pos >= len(self.rights) or self.locked:
            return
        idx = self.rights[pos]
        for left, right in list(self.pairs.items()):
            if right == idx:
                del self.pairs[left]
        self.pairs[self.current] = idx
        unpaired = [n for n in range(len(self.question.pairs)) if n not in self.pairs]
        if unpaired:
            self.current = unpaired[0]
        self.redraw()

    def action_clear(self) -> None:
        self.pairs.pop(self.current, None)
        self.redraw()

    def action_done(self) -> None:
        self.submit(Answer(pairs=tuple(sorted(self.pairs.items()))))


class RecallInput(Vertical, can_focus=False):
    """Type the term (Japanese, its reading or English); enter submits."""

    def __init__(self, question: Question, lang: str, seed: int) -> None:
        super().__init__(classes="answer-input")
        self.question = question
        self.lang = lang
        self.locked = False

    def compose(self) -> ComposeResult:
        placeholder = t("quiz.hint.recall", self.lang)
        yield Input(placeholder=placeholder, id="recall")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#recall")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.locked:
            self.locked = True
            self.query_one(Input).disabled = True
            self.post_message(AnswerInput.Submitted(Answer(text=event.value)))


def make_input(
    question: Question, lang: str, seed: int, order: tuple[int, ...] | None = None
) -> AnswerInput | RecallInput:
    kinds: dict[str, type[AnswerInput] | type[RecallInput]] = {
        "single": ChoiceInput,
        "multiple": ChoiceInput,
        "myth_fact": MythFactInput,
        "order": OrderInput,
        "match": MatchInput,
        "recall": RecallInput,
    }
    if question.type in ("single", "multiple"):
        return ChoiceInput(question, lang, seed, order)
    return kinds[question.type](question, lang, seed)
