"""The shipped course: valid, every quote verified, coverage and minimum sizes pinned."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.content.loader import default_course_root
from tui.content.model import NoteKind
from tui.content.report import Report, build_report

MIN_COVERAGE = 0.85


@pytest.fixture(scope="module")
def report() -> Report:
    from tests.conftest import REAL_SEEDS

    if not REAL_SEEDS.is_dir():
        pytest.skip(f"source articles not found at {REAL_SEEDS}: quotes cannot be verified here")
    return build_report(default_course_root(), REAL_SEEDS, MIN_COVERAGE)


def test_course_is_clean(report: Report) -> None:
    assert [str(p) for p in report.problems] == []
    counts = report.counts()
    assert counts["quotes_verified"] == counts["quotes"] > 0


def test_every_article_cited_and_covered(report: Report) -> None:
    assert report.verification is not None
    coverage = report.verification.coverage
    assert len(coverage) == 5
    for seed, cov in coverage.items():
        assert cov.share >= MIN_COVERAGE, f"{seed}: {cov.share:.1%}"


def test_minimum_counts(report: Report) -> None:
    counts = report.counts()
    assert counts["lessons"] >= 11
    assert counts["terms"] >= 60
    assert counts["questions"] >= 100
    assert counts["disagreements"] >= 12
    assert all(n > 0 for n in report.question_types().values()), report.question_types()


def test_every_lesson_has_questions(report: Report) -> None:
    assert report.course is not None
    step_lesson = {step.id: lesson.id for lesson, step in report.course.steps()}
    quizzed = {step_lesson[q.step] for q in report.course.questions}
    assert quizzed == {lesson.id for lesson in report.course.lessons}


def test_default_root_is_checkout() -> None:
    assert (default_course_root() / "content" / "course.yaml").is_file()
    assert Path(default_course_root(), "glossary.yaml").is_file()


def test_every_step_has_a_note_of_each_kind(report: Report) -> None:
    assert report.course is not None
    gaps = {
        step.id: sorted(k.value for k in set(NoteKind) - {n.kind for n in step.notes})
        for _, step in report.course.steps()
    }
    assert {step: kinds for step, kinds in gaps.items() if kinds} == {}
    assert not any("teacher note" in w for w in report.warnings), report.warnings
