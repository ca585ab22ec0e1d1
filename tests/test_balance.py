"""Lopsided answer keys: the real course is balanced; skewed synthetic keys are reported."""

from __future__ import annotations

import json
import random

import pytest

from tests.conftest import MINI
from tui.cli import main
from tui.content.balance import balance_warnings
from tui.content.loader import default_course_root, load_course
from tui.content.model import Option, Question, Text

T = Text(en="x", ja="x")
WHY = Text(en="why", ja="なぜ")


def single(n: int, right: int, options: int = 4) -> Question:
    opts = tuple(Option(T, i == right, None if i == right else WHY) for i in range(options))
    return Question(f"q-s-{n}", "single", "s", T, T, (), options=opts)


def multiple(n: int, right: set[int], options: int = 4) -> Question:
    opts = tuple(Option(T, i in right, None if i in right else WHY) for i in range(options))
    return Question(f"q-m-{n}", "multiple", "s", T, T, (), options=opts)


def myth_fact(n: int, answer: str) -> Question:
    return Question(f"q-f-{n}", "myth_fact", "s", T, T, (), answer=answer)  # type: ignore[arg-type]


def test_real_course_has_no_balance_warning() -> None:
    assert balance_warnings(load_course(default_course_root())) == []


def test_mini_course_is_too_small_to_judge() -> None:
    assert balance_warnings(load_course(MINI)) == []


def test_all_a_single_key_warns_with_counts() -> None:
    warnings = balance_warnings([single(n, 0) for n in range(53)])
    assert warnings == [
        "single-choice key is lopsided: correct option is A in 53 of 53 questions (A 53, B 0, C 0, D 0)"
    ]


def test_single_key_that_never_uses_d_warns() -> None:
    questions = [single(n, n % 3) for n in range(45)]
    (warning,) = balance_warnings(questions)
    assert "correct option is D in 0 of 45 questions (A 15, B 15, C 15, D 0)" in warning


def test_balanced_single_key_is_quiet() -> None:
    rights = [i % 4 for i in range(53)]
    random.Random(7).shuffle(rights)
    assert balance_warnings([single(n, r) for n, r in enumerate(rights)]) == []


def test_a_few_repeats_in_a_small_quiz_are_not_flagged() -> None:
    assert balance_warnings([single(n, 0) for n in range(3)]) == []


def test_three_option_questions_expect_a_third_each() -> None:
    rights = [i % 3 for i in range(30)]
    assert balance_warnings([single(n, r, options=3) for n, r in enumerate(rights)]) == []


def test_multiple_key_front_loaded_warns() -> None:
    questions = [multiple(n, {0, 1} if n % 3 else {0, 1, 2}) for n in range(23)]
    warnings = balance_warnings(questions)
    assert any(
        w.startswith("multiple-answer key is lopsided: option ")
        and "(correct options by position: A 23, B 23, C 8, D 0)" in w
        for w in warnings
    ), warnings


def test_multiple_same_correct_count_warns() -> None:
    patterns = [{0, 1}, {2, 3}, {0, 2}, {1, 3}, {0, 3}, {1, 2}]
    questions = [multiple(n, patterns[n % 6]) for n in range(18)]
    questions += [multiple(18, {0, 1, 2}), multiple(19, {1, 2, 3})]
    assert balance_warnings(questions) == [
        "multiple-answer key is lopsided: 18 of 20 questions have exactly 2 correct options "
        "(2 correct: 18, 3 correct: 2)"
    ]


def test_myth_heavy_set_warns() -> None:
    questions = [myth_fact(n, "myth" if n < 25 else "fact") for n in range(35)]
    assert balance_warnings(questions) == [
        "myth/fact key is lopsided: the answer is myth in 25 of 35 questions (myth 25, fact 10)"
    ]


@pytest.mark.parametrize(("myths", "facts"), [(18, 17), (13, 7), (7, 13)])
def test_myth_fact_near_even_is_quiet(myths: int, facts: int) -> None:
    questions = [myth_fact(n, "myth" if n < myths else "fact") for n in range(myths + facts)]
    assert balance_warnings(questions) == []


def test_check_reports_balance_as_warning_not_error(
    mini: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.content.report as report

    monkeypatch.setattr(report, "balance_warnings", lambda course: ["single-choice key is lopsided: test"])
    root = str(mini)
    seeds = str(MINI.parent / "seeds")
    assert main(["check", "--content", root, "--seeds", seeds]) == 0
    out = capsys.readouterr().out
    assert "warning: single-choice key is lopsided: test" in out
    assert "ok: the course is valid and every quote is verified" in out
    assert main(["check", "--content", root, "--seeds", seeds, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and "single-choice key is lopsided: test" in data["warnings"]
