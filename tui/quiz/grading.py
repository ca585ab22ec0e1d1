"""Grade an answer to any question type; describe answers for the feedback screen."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from tui.content.inline import plain_text
from tui.content.model import Question, Term, Text
from tui.i18n import t
from tui.quiz.order import letter_of

KATAKANA = range(0x30A1, 0x30F7)


def normalise_answer(text: str) -> str:
    """NFKC (full-width → half-width), katakana → hiragana, case-folded, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(chr(ord(ch) - 0x60) if ord(ch) in KATAKANA else ch for ch in text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Answer:
    """What the learner gave. Only the field for the question's type is used."""

    choices: frozenset[int] = frozenset()  # single / multiple: option indices
    verdict: str = ""  # myth_fact: "myth" or "fact"
    order: tuple[int, ...] = ()  # order: indices into question.sequence, as arranged
    pairs: tuple[tuple[int, int], ...] = ()  # match: (left index, right index)
    text: str = ""  # recall

    def is_empty(self) -> bool:
        return not (self.choices or self.verdict or self.order or self.pairs or self.text.strip())


@dataclass(frozen=True)
class Grade:
    correct: bool
    score: float  # 0..1; partial credit for multiple, order and match
    wrong_options: tuple[int, ...] = ()  # chosen options that are wrong (their `why` is shown)
    missed_options: tuple[int, ...] = ()  # correct options not chosen
    empty: bool = False
    notes: list[str] = field(default_factory=list)
    close_to: str | None = None  # recall: the accepted form a one-letter slip was counted as
    pair_marks: tuple[bool, ...] = ()  # match: whether each given pair (in answer order) is right


def accepted_answers(question: Question, terms: dict[str, Term]) -> list[str]:
    term = terms.get(question.term or "")
    forms = list(term.forms) if term else []
    return [*forms, *question.accept]


def grade(question: Question, answer: Answer, terms: dict[str, Term]) -> Grade:
    if answer.is_empty():
        return Grade(False, 0.0, empty=True)
    qtype = question.type
    if qtype in ("single", "multiple"):
        right = {i for i, option in enumerate(question.options) if option.correct}
        chosen = {i for i in answer.choices if 0 <= i < len(question.options)}
        wrong = tuple(sorted(chosen - right))
        missed = tuple(sorted(right - chosen))
        hits = len(chosen & right)
        score = max(0.0, (hits - len(wrong)) / len(right))
        return Grade(chosen == right, score, wrong, missed)
    if qtype == "myth_fact":
        ok = answer.verdict == question.answer
        return Grade(ok, float(ok))
    if qtype == "order":
        n = len(question.sequence)
        placed = sum(1 for pos, idx in enumerate(answer.order) if pos == idx)
        ok = tuple(answer.order) == tuple(range(n))
        return Grade(ok, placed / n)
    if qtype == "match":
        n = len(question.pairs)
        marks = tuple(left == right for left, right in answer.pairs)
        ok = sum(marks) == n and len(answer.pairs) == n
        return Grade(ok, sum(marks) / n, pair_marks=marks)
    given = normalise_answer(answer.text)
    forms = [form for form in accepted_answers(question, terms) if form]
    if any(given == normalise_answer(form) for form in forms):
        return Grade(True, 1.0)
    for form in forms:
        target = normalise_answer(form)
        if len(target) >= CLOSE_MIN_LENGTH and within_one_edit(given, target):
            return Grade(True, 1.0, close_to=form)
    return Grade(False, 0.0)


CLOSE_MIN_LENGTH = 5  # a one-letter slip in a short word is usually another word


def within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance(a, b) <= 1: one insertion, deletion or substitution at most."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def describe_answer(question: Question, answer: Answer, lang: str, order: tuple[int, ...] = ()) -> list[str]:
    """The learner's answer as lines of text (for "Your answer"), lettered as displayed."""
    if answer.is_empty():
        return [t("answer.none", lang)]
    qtype = question.type
    if qtype in ("single", "multiple"):
        return [
            f"{letter_of(order, i)}. {_t(question.options[i].text, lang)}"
            for i in _by_position(answer.choices, order)
        ]
    if qtype == "myth_fact":
        return [_verdict(answer.verdict, lang)]
    if qtype == "order":
        return [f"{n}. {_t(question.sequence[i], lang)}" for n, i in enumerate(answer.order, 1)]
    if qtype == "match":
        return [
            f"{_t(question.pairs[left].left, lang)} → {_t(question.pairs[right].right, lang)}"
            for left, right in sorted(answer.pairs)
        ]
    return [answer.text.strip()]


def describe_correct(
    question: Question, terms: dict[str, Term], lang: str, order: tuple[int, ...] = ()
) -> list[str]:
    """The correct answer as lines of text (for "Correct answer"), lettered as displayed."""
    qtype = question.type
    if qtype in ("single", "multiple"):
        right = [i for i, o in enumerate(question.options) if o.correct]
        return [
            f"{letter_of(order, i)}. {_t(question.options[i].text, lang)}" for i in _by_position(right, order)
        ]
    if qtype == "myth_fact":
        return [_verdict(question.answer or "", lang)]
    if qtype == "order":
        return [f"{n}. {_t(text, lang)}" for n, text in enumerate(question.sequence, 1)]
    if qtype == "match":
        return [f"{_t(p.left, lang)} → {_t(p.right, lang)}" for p in question.pairs]
    term = terms.get(question.term or "")
    if term:
        return [f"{term.ja} ({term.reading}) / {term.en}"]
    return [", ".join(question.accept)]


def plain_answer(question: Question, answer: Answer) -> list[str]:
    """The answer in English plain text, without letters (letters depend on the shuffle)."""
    if answer.is_empty():
        return []
    if question.type in ("single", "multiple"):
        return [plain_text(question.options[i].text.en) for i in sorted(answer.choices)]
    return [plain_text(line) for line in describe_answer(question, answer, "en")]


def _by_position(indices: frozenset[int] | list[int], order: tuple[int, ...]) -> list[int]:
    """Authored indices sorted by where they are displayed."""
    return sorted(indices, key=lambda i: order.index(i) if i in order else i)


def _t(text: Text, lang: str) -> str:
    return text.get(lang)


def _verdict(verdict: str, lang: str) -> str:
    return t(f"verdict.{verdict}", lang) if verdict in ("myth", "fact") else verdict
