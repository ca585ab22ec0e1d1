"""Grade an answer to any question type; describe answers for the feedback screen."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from tui.content.model import Question, Term, Text
from tui.i18n import t

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
        right_pairs = sum(1 for left, right in answer.pairs if left == right)
        ok = right_pairs == n and len(answer.pairs) == n
        return Grade(ok, right_pairs / n)
    given = normalise_answer(answer.text)
    ok = any(given == normalise_answer(form) for form in accepted_answers(question, terms) if form)
    return Grade(ok, float(ok))


def describe_answer(question: Question, answer: Answer, lang: str) -> list[str]:
    """The learner's answer as lines of text (for "Your answer")."""
    if answer.is_empty():
        return [t("answer.none", lang)]
    qtype = question.type
    if qtype in ("single", "multiple"):
        return [f"{chr(65 + i)}. {_t(question.options[i].text, lang)}" for i in sorted(answer.choices)]
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


def describe_correct(question: Question, terms: dict[str, Term], lang: str) -> list[str]:
    """The correct answer as lines of text (for "Correct answer")."""
    qtype = question.type
    if qtype in ("single", "multiple"):
        return [f"{chr(65 + i)}. {_t(o.text, lang)}" for i, o in enumerate(question.options) if o.correct]
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


def _t(text: Text, lang: str) -> str:
    return text.get(lang)


def _verdict(verdict: str, lang: str) -> str:
    return t(f"verdict.{verdict}", lang) if verdict in ("myth", "fact") else verdict
