"""The order options are shown in: shuffled for every presentation, reproducible from a seed.

A learner who notices that the answer is usually A, or usually the longest option, scores
without reading; shuffling at display time takes position out of the game. Pure Python.
"""

from __future__ import annotations

import random

from tui.content.model import Question

LETTERS = "ABCDEFGHIJ"


def option_order(question: Question, seed: int | None) -> tuple[int, ...]:
    """Authored option indices in display order.

    With a seed the order depends only on (seed, question id), so a presenter and a follower,
    a test and a printed answer key all show the same letters. Without one it is random.
    Myth/fact questions have no options and keep Myth, Fact.
    """
    return shuffled(len(question.options), seed, question.id)


def shuffled(count: int, seed: int | None, key: str) -> tuple[int, ...]:
    """0..count-1 in an order fixed by (seed, key), or random without a seed."""
    order = list(range(count))
    rng = random.Random(f"{seed}:{key}") if seed is not None else random.SystemRandom()
    rng.shuffle(order)
    return tuple(order)


def sequence_order(question: Question, seed: int | None) -> tuple[int, ...]:
    """An order question's steps as shown to put in order (never already in order)."""
    order = shuffled(len(question.sequence), seed, f"{question.id}:sequence")
    if order == tuple(range(len(order))) and len(order) > 1:
        order = order[1:] + order[:1]
    return order


def pair_order(question: Question, seed: int | None) -> tuple[int, ...]:
    """A match question's right-hand items as shown (the left keeps its authored order)."""
    return shuffled(len(question.pairs), seed, f"{question.id}:pairs")


def letter(position: int) -> str:
    """The letter of a display position (0 → A)."""
    return LETTERS[position]


def letter_of(order: tuple[int, ...], index: int) -> str:
    """The displayed letter of authored option `index` under `order`."""
    return LETTERS[order.index(index)] if order else LETTERS[index]
