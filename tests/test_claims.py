"""The claim registry on the mini course: citations resolve to SourceRefs at the claim's
strength, unused claims are warned about, and a justified different reading is shown."""

from __future__ import annotations

from pathlib import Path

from tui.content.loader import load_course
from tui.content.model import Bullets, Paragraph, SourceRef, Strength, Table, Text
from tui.content.report import build_report, format_text

CL100 = "content/claims/100.yaml"
Q1 = "content/quiz/01-basics.yaml"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"fixture edit no longer applies: {old!r}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_claim_citations_resolve_to_source_refs(mini: Path) -> None:
    course = load_course(mini)
    step = course.lessons[0].steps[0]
    paragraph, bullets = step.items
    assert isinstance(paragraph, Paragraph) and isinstance(bullets, Bullets)
    assert bullets.entries[0].sources == (
        SourceRef(
            "100_alpha.txt", "成長因子が含まれており", None, Strength.STATED, claim="c-100-growth-factors"
        ),
    )
    # An excerpt keeps its own gloss; the whole quote takes the claim's gloss.
    assert paragraph.sources[0].gloss == "a cell that can differentiate into various cells"
    table = course.lessons[0].steps[1].items[1]
    assert isinstance(table, Table)
    assert table.rows[0].sources == (
        SourceRef("101_beta.txt", "30〜150nm", None, Strength.STATED, claim="c-101-size"),
    )
    assert [c.id for c in course.claims] == [
        "c-100-definition",
        "c-100-growth-factors",
        "c-100-firmness",
        "c-101-size",
        "c-101-safety",
    ]
    assert [t.id for t in course.topics] == ["what", "size", "contents", "effects", "safety"]


def test_claim_with_several_quotes_cites_them_all(mini: Path) -> None:
    edit(
        mini,
        CL100,
        '      - {quote: "成長因子が含まれており"}\n',
        '      - {quote: "成長因子が含まれており"}\n      - {quote: "幹細胞培養上清液には"}\n',
    )
    course = load_course(mini)
    bullets = course.lessons[0].steps[0].items[1]
    assert isinstance(bullets, Bullets)
    assert [ref.quote for ref in bullets.entries[0].sources] == [
        "成長因子が含まれており",
        "幹細胞培養上清液には",
    ]


def test_unused_claim_is_a_warning(mini: Path) -> None:
    (mini / CL100).write_text(
        (mini / CL100).read_text("utf-8")
        + "  - id: c-100-unused\n"
        + "    topic: what\n"
        + "    strength: stated\n"
        + '    says: {en: "100 says something.", ja: "100は何かを述べています。"}\n'
        + "    quotes:\n"
        + '      - {quote: "ご予約はこちら"}\n',
        "utf-8",
    )
    report = build_report(mini, mini.parent / "seeds")
    assert report.ok, report.problems
    assert f"{CL100}:21:5: claim 'c-100-unused' is never cited" in report.warnings
    assert f"warning: {CL100}:21:5: claim 'c-100-unused' is never cited" in format_text(report)


def test_strength_note_justifies_a_different_reading_and_check_shows_it(mini: Path) -> None:
    edit(
        mini,
        Q1,
        "{claim: c-100-growth-factors}",
        "{claim: c-100-growth-factors, strength: expected, "
        'strength_note: {en: "The quiz reads the sentence as a whole.", ja: "文全体として読む。"}}',
    )
    report = build_report(mini, mini.parent / "seeds")
    assert report.ok, report.problems
    note = (
        f"{Q1}:32:17: claim 'c-100-growth-factors' (stated) read as expected: "
        "The quiz reads the sentence as a whole."
    )
    assert report.notes() == [note]
    assert f"note: {note}" in format_text(report)
    assert report.as_json()["strength_notes"] == [note]
    assert report.course is not None
    question = next(q for q in report.course.questions if q.sources[0].claim == "c-100-growth-factors")
    ref = question.sources[0]
    assert ref.strength == Strength.EXPECTED
    assert ref.strength_note == Text("The quiz reads the sentence as a whole.", "文全体として読む。")


def test_named_row_without_claims_is_a_warning(mini: Path) -> None:
    edit(
        mini,
        "content/topics.yaml",
        "  - id: contents\n",
        '      - id: r-empty\n        label: {en: "Nobody says this", ja: "誰も言っていない"}\n'
        "  - id: contents\n",
    )
    report = build_report(mini, mini.parent / "seeds")
    assert report.ok, report.problems
    assert "content/topics.yaml: row 'r-empty' of topic 'size' has no claims" in report.warnings
