"""No position gives the answer away: options are shuffled per presentation, the same for one seed
everywhere (self-quiz, class quiz on both ends, answer key), and hashes ignore option order."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, replace

import pytest

from tests.conftest import MINI
from tui.content.loader import load_course
from tui.content.model import Question
from tui.handout import answer_key_markdown
from tui.quiz.cards import question_hash
from tui.quiz.classquiz import class_questions
from tui.quiz.grading import Answer, describe_answer, describe_correct, grade
from tui.quiz.order import letter, option_order
from tui.screens.class_quiz import question_content
from tui.widgets.quiz_inputs import MatchInput, OrderInput

REAL = load_course()
MINI_COURSE = load_course(MINI)
TERMS = {t.id: t for t in REAL.terms}
SEEDS = range(8)


def fixed_key_scores(shuffle: bool) -> dict[str, float]:
    """Share answered right by a learner who never reads: always the first displayed option,
    always "myth", the first pairing, the order as displayed. Recall cannot be gamed this way."""
    right: dict[str, list[bool]] = defaultdict(list)
    for seed in SEEDS:
        for n, q in enumerate(REAL.questions):
            if q.type in ("single", "multiple"):
                order = option_order(q, seed) if shuffle else tuple(range(len(q.options)))
                answer = Answer(choices=frozenset({order[0]}))
            elif q.type == "myth_fact":
                answer = Answer(verdict="myth")
            elif q.type == "order":
                answer = Answer(order=tuple(OrderInput(q, "en", seed + n).order))
            elif q.type == "match":
                rights = MatchInput(q, "en", seed + n).rights
                answer = Answer(pairs=tuple((i, rights[i]) for i in range(len(q.pairs))))
            else:
                continue
            right[q.type].append(grade(q, answer, TERMS).correct)
    return {qtype: sum(marks) / len(marks) for qtype, marks in right.items()}


def test_always_the_first_option_scores_near_chance() -> None:
    after = fixed_key_scores(shuffle=True)
    assert after["single"] < 0.35  # four options: chance is 25%
    assert after["multiple"] < 0.05  # one pick never gets every correct option
    assert after["order"] == 0 and after["match"] == 0  # the displayed order is never the answer
    assert 0.3 < after["myth_fact"] < 0.7


@pytest.mark.parametrize("position", range(4))
def test_no_display_position_is_favoured(position: int) -> None:
    singles = [q for q in REAL.questions if q.type == "single"]
    hits = [q.options[option_order(q, seed)[position]].correct for seed in SEEDS for q in singles]
    assert 0.15 < sum(hits) / len(hits) < 0.35


def test_option_order_is_a_permutation_and_reproducible() -> None:
    q = next(q for q in REAL.questions if q.type == "single")
    assert sorted(option_order(q, 3)) == list(range(len(q.options)))
    assert option_order(q, 3) == option_order(q, 3)
    assert len({option_order(q, seed) for seed in range(40)}) > 10
    assert len({option_order(q, None) for _ in range(40)}) > 1  # no seed: random
    assert option_order(next(q for q in REAL.questions if q.type == "myth_fact"), 1) == ()


def _old_hash(question: Question) -> str:
    data = asdict(question)
    data.pop("sources", None)
    data.pop("explanation", None)
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]


def test_hash_ignores_option_order_and_keeps_other_types() -> None:
    q = MINI_COURSE.questions[0]
    reordered = replace(q, options=tuple(reversed(q.options)))
    assert question_hash(reordered) == question_hash(q)
    edited = replace(
        q, options=(replace(q.options[0], text=replace(q.options[0].text, en="Other")), *q.options[1:])
    )
    assert question_hash(edited) != question_hash(q)
    for other in (q for q in REAL.questions if not q.options):
        assert question_hash(other) == _old_hash(other)


def test_feedback_letters_follow_the_display() -> None:
    q = MINI_COURSE.questions[0]  # option 0 is right, 1 is the vesicle
    order = (2, 1, 0)
    answer = Answer(choices=frozenset({1}))
    assert describe_answer(q, answer, "en", order) == ["B. A vesicle"]
    assert describe_correct(q, {}, "en", order) == ["C. A cell that can differentiate"]


def test_class_quiz_presenter_follower_and_answer_key_agree() -> None:
    seed = 12345
    questions = class_questions(REAL, REAL.lessons[0].id)
    key = answer_key_markdown(REAL, "en", seed)
    for q in questions:
        order = option_order(q, seed)
        screens = [
            question_content(
                REAL, q, "en", False, "", audience=audience, order=option_order(q, seed), seed=seed
            ).plain
            for audience in (False, True)
        ]
        assert screens[0].split("(answer hidden")[0] == screens[1].split("(answer hidden")[0]
        if q.type == "myth_fact":
            assert "A. Myth" in screens[0] and "B. Fact" in screens[0]
            continue
        for n, i in enumerate(order):
            text = q.options[i].text.en.replace("**", "")
            assert f"  {letter(n)}. {text}" in screens[0]
            assert f"**{letter(n)}.** {q.options[i].text.en}" in key


def test_answer_key_without_seed_keeps_the_authored_order() -> None:
    q = next(q for q in REAL.questions if q.type == "single")
    key = answer_key_markdown(REAL, "en")
    assert f"**A.** {q.options[0].text.en}" in key and f"**D.** {q.options[3].text.en}" in key
