"""Lopsided answer keys: warn when the quiz key itself gives the answer away.

A learner who notices that the right option is nearly always A, or that "myth" is nearly
always the answer, can score well without reading. `balance_warnings` looks at the authored
key (the order in the YAML, before any shuffling at display time) and returns plain-string
warnings. They are warnings, not errors: `check` still exits 0.

Thresholds:

- **Positions** (`single`, and the correct options of `multiple`). Under a fair key each
  question puts its correct option(s) at random, so the number of correct answers at a given
  position is a sum of independent Bernoulli trials: for a single question with *n* options
  the chance is 1/n, for a multiple question with *c* of *n* correct it is c/n. The exact
  distribution of that sum (Poisson binomial) gives the chance of a count at least as high,
  or at least as low, as the one seen. The key is flagged when either tail at some position
  is below ``ALPHA`` (1%) divided by the number of positions tested (a Bonferroni
  correction: a fair key is flagged with probability at most about 2% per check, under 1%
  in simulation for 53 questions); the warning names the most extreme position. This
  catches "A in 53 of 53" and "never D" alike, and stays quiet for small quizzes where a few
  repeats are just chance.
- **Correct counts** (`multiple`): flagged when at least ``COUNT_SHARE`` (80%) of the
  questions have the same number of correct options, so "pick two" stops being a rule.
- **Myth/fact**: flagged when the less common answer is under ``MINORITY_SHARE`` (35%).

The two share checks need at least ``MIN_QUESTIONS`` questions of that type: with three
myth/fact questions a 2:1 split says nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from tui.content.model import Course, Question

ALPHA = 0.01
COUNT_SHARE = 0.80
MINORITY_SHARE = 0.35
MIN_QUESTIONS = 10


def balance_warnings(course: Course | Iterable[Question]) -> list[str]:
    """Warnings about lopsided keys in `course` (a Course or any iterable of questions)."""
    questions = list(course.questions if isinstance(course, Course) else course)
    warnings: list[str] = []
    warnings.extend(_single(questions))
    warnings.extend(_multiple(questions))
    warnings.extend(_myth_fact(questions))
    return warnings


def _letter(i: int) -> str:
    return chr(ord("A") + i)


def _tails(probabilities: Sequence[float], k: int) -> tuple[float, float]:
    """P(X >= k) and P(X <= k) for X a sum of independent Bernoulli(p) trials."""
    dist = [1.0]
    for p in probabilities:
        nxt = [0.0] * (len(dist) + 1)
        for j, mass in enumerate(dist):
            nxt[j] += mass * (1 - p)
            nxt[j + 1] += mass * p
        dist = nxt
    return sum(dist[k:]), sum(dist[: k + 1])


def _skewed_position(chances: dict[int, list[float]], counts: Counter[int]) -> int | None:
    """The position whose count is least plausible under a random key, if implausible enough.

    One warning per key is enough: when A holds every answer, B, C and D are empty for the
    same reason, so only the most extreme position (smallest tail probability) is reported.
    """
    tested = [i for i, ps in chances.items() if ps]
    alpha = ALPHA / max(1, len(tested))
    worst: tuple[float, int] | None = None
    for i in tested:
        p = min(_tails(chances[i], counts[i]))
        if p < alpha and (worst is None or p < worst[0]):
            worst = (p, i)
    return None if worst is None else worst[1]


def _breakdown(counts: Counter[int], width: int) -> str:
    return ", ".join(f"{_letter(i)} {counts[i]}" for i in range(width))


def _single(questions: list[Question]) -> list[str]:
    single = [q for q in questions if q.type == "single" and q.options]
    counts: Counter[int] = Counter()
    chances: dict[int, list[float]] = {}
    for q in single:
        right = [i for i, o in enumerate(q.options) if o.correct]
        if len(right) != 1:
            continue  # malformed: the validator reports it
        counts[right[0]] += 1
        for i in range(len(q.options)):
            chances.setdefault(i, []).append(1 / len(q.options))
    width = max(chances, default=-1) + 1
    pos = _skewed_position(chances, counts)
    if pos is None:
        return []
    return [
        f"single-choice key is lopsided: correct option is {_letter(pos)} in {counts[pos]} of "
        f"{len(chances[pos])} questions ({_breakdown(counts, width)})"
    ]


def _multiple(questions: list[Question]) -> list[str]:
    multiple = [q for q in questions if q.type == "multiple" and q.options]
    counts: Counter[int] = Counter()
    chances: dict[int, list[float]] = {}
    n_correct: Counter[int] = Counter()
    for q in multiple:
        c = sum(o.correct for o in q.options)
        n_correct[c] += 1
        for i, option in enumerate(q.options):
            counts[i] += option.correct
            chances.setdefault(i, []).append(c / len(q.options))
    width = max(chances, default=-1) + 1
    warnings = []
    pos = _skewed_position(chances, counts)
    if pos is not None:
        warnings.append(
            f"multiple-answer key is lopsided: option {_letter(pos)} is correct in {counts[pos]} of "
            f"{len(chances[pos])} questions (correct options by position: {_breakdown(counts, width)})"
        )
    if len(multiple) >= MIN_QUESTIONS and n_correct:
        c, n = n_correct.most_common(1)[0]
        if n / len(multiple) >= COUNT_SHARE:
            spread = ", ".join(f"{k} correct: {v}" for k, v in sorted(n_correct.items()))
            warnings.append(
                f"multiple-answer key is lopsided: {n} of {len(multiple)} questions have "
                f"exactly {c} correct options ({spread})"
            )
    return warnings


def _myth_fact(questions: list[Question]) -> list[str]:
    answers: Counter[str] = Counter(q.answer for q in questions if q.type == "myth_fact" and q.answer)
    total = sum(answers.values())
    if total < MIN_QUESTIONS:
        return []
    minority = min(("myth", "fact"), key=lambda a: (answers[a], a))
    if answers[minority] / total >= MINORITY_SHARE:
        return []
    majority = "fact" if minority == "myth" else "myth"
    return [
        f"myth/fact key is lopsided: the answer is {majority} in {answers[majority]} of "
        f"{total} questions (myth {answers['myth']}, fact {answers['fact']})"
    ]
