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
    order = list(range(len(question.options)))
    rng = random.Random(f"{seed}:{question.id}") if seed is not None else random.SystemRandom()
    rng.shuffle(order)
    return tuple(order)


def letter(position: int) -> str:
    """The letter of a display position (0 → A)."""
    return LETTERS[position]


def letter_of(order: tuple[int, ...], index: int) -> str:
    """The displayed letter of authored option `index` under `order`."""
    return LETTERS[order.index(index)] if order else LETTERS[index]
