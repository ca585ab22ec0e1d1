"""One broken fixture per kind of content error: exact message and position."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.content import yamlfile
from tui.content.report import build_report, format_text

# libyaml and PyYAML word this error differently; the project uses libyaml when present.
FLOW_ERROR = (
    "did not find expected ',' or ']'"
    if yamlfile.LOADER.__name__ == "CSafeLoader"
    else "expected ',' or ']', but got ':'"
)

L1 = "content/lessons/01-basics.yaml"
L2 = "content/lessons/02-claims.yaml"
Q1 = "content/quiz/01-basics.yaml"
G = "glossary.yaml"
S = "content/sources.yaml"
C = "content/course.yaml"
CL100 = "content/claims/100.yaml"
CL101 = "content/claims/101.yaml"
T = "content/topics.yaml"

# (name, file, old text, new text, expected problem)
CASES = [
    ("yaml-syntax", L1, "id: basics\n", "id: [basics\n", f"{L1}:2:6: invalid YAML: {FLOW_ERROR}"),
    (
        "duplicate-key",
        L1,
        "id: basics\n",
        "id: basics\nid: basics\n",
        f"{L1}:2:1: duplicate key 'id' (first on line 1)",
    ),
    (
        "unknown-key",
        L1,
        "summary:",
        "colour: red\nsummary:",
        f"{L1}:3:1: unknown key 'colour' in lesson (expected one of: id, steps, summary, title)",
    ),
    (
        "missing-key",
        L1,
        'title: {en: "Basics", ja: "基本"}\n',
        "",
        f"{L1}:1:1: lesson is missing required key 'title'",
    ),
    (
        "yaml11-boolean",
        G,
        'en: "stem cell"',
        "en: no",
        f"{G}:5:9: en must be a string, not a boolean ('no'); put it in quotes",
    ),
    (
        "empty-string",
        L1,
        'title: {en: "Definition", ja: "定義"}',
        'title: {en: "", ja: "定義"}',
        f"{L1}:6:17: title.en must not be empty",
    ),
    (
        "bad-id",
        L1,
        "id: basics.size",
        "id: Basics Size",
        f"{L1}:24:9: step id 'Basics Size' must be lower-case letters and digits joined by '-' or '.'",
    ),
    (
        "duplicate-id",
        L1,
        "id: basics.size",
        "id: basics.definition",
        f"{L1}:24:9: duplicate step id 'basics.definition' (first defined at {L1}:5)",
    ),
    (
        "unknown-step",
        Q1,
        'step: basics.size\n    prompt: {en: "Myth',
        'step: basics.nope\n    prompt: {en: "Myth',
        f"{Q1}:35:11: unknown step 'basics.nope'",
    ),
    (
        "unknown-term",
        G,
        "related: [exosome]",
        "related: [exosomes]",
        f"{G}:9:15: unknown glossary term 'exosomes'",
    ),
    (
        "unknown-recall-term",
        Q1,
        "term: stem-cell",
        "term: stem-cells",
        f"{Q1}:67:11: unknown glossary term 'stem-cells'",
    ),
    (
        "unknown-seed",
        G,
        '{seed: "100_alpha.txt", quote: "幹細胞とは"',
        '{seed: "999_gamma.txt", quote: "幹細胞とは"',
        f"{G}:8:16: unknown source article '999_gamma.txt'",
    ),
    (
        "quote-not-found",
        CL100,
        'quote: "成長因子が含まれており"}',
        'quote: "成長因子が含まれています"}',
        f'{CL100}:14:17: quote not found in 100_alpha.txt: "成長因子が含まれています"',
    ),
    (
        "quote-too-long",
        G,
        'quote: "幹細胞とは"',
        'quote: "' + "幹" * 81 + '"',
        f"{G}:8:40: quote is 81 characters; keep it to 80 or fewer",
    ),
    (
        "bad-strength",
        L1,
        "strength: expected",
        "strength: likely",
        f"{L1}:35:23: strength 'likely' must be one of: stated, expected, reported, promotional",
    ),
    (
        "bad-kind",
        L1,
        "- kind: table",
        "- kind: chart",
        f"{L1}:38:15: item kind 'chart' must be one of: "
        "paragraph, bullets, ordered, table, disagreement, slip",
    ),
    (
        "bad-note-kind",
        L1,
        "{kind: ask, text:",
        "{kind: tip, text:",
        f"{L1}:23:16: note kind 'tip' must be one of: point, ask, pitfall",
    ),
    (
        "single-two-correct",
        Q1,
        '        correct: false\n        why: {en: "That is',
        '        correct: true\n        why: {en: "That is',
        f"{Q1}:7:7: a single-choice question needs exactly one correct option, found 2",
    ),
    (
        "wrong-option-no-why",
        Q1,
        '        why: {en: "Not mentioned.", ja: "記載なし。"}\n',
        "",
        f"{Q1}:27:9: a wrong option needs 'why' (why it is wrong)",
    ),
    (
        "table-cells",
        L1,
        '              - {en: "30–150 nm", ja: "30〜150nm"}\n',
        "",
        f"{L1}:44:13: table row has 1 cells but the table has 2 columns",
    ),
    (
        "reading-not-hiragana",
        G,
        'reading: "かんさいぼう"',
        'reading: "カンサイボウ"',
        f"{G}:4:14: reading 'カンサイボウ' must be hiragana (ー and ・ allowed)",
    ),
    (
        "lesson-not-listed",
        C,
        "  - claims\n",
        "",
        f"{C}:1:1: lesson 'claims' is not listed in course.yaml",
    ),
    (
        "lesson-file-missing",
        C,
        "  - claims\n",
        "  - claims\n  - extra\n",
        f"{C}:6:5: lesson 'extra' has no lesson file in content/lessons/",
    ),
    (
        "slip-not-in-quote",
        L2,
        'original: "当院"',
        'original: "当社"',
        f"{L2}:22:19: slip original '当社' does not occur in its quote",
    ),
    (
        "unknown-disagreement",
        L2,
        "disagreements: [d-safety]",
        "disagreements: [d-safe]",
        f"{L2}:32:25: unknown disagreement 'd-safe'",
    ),
    (
        "bad-date",
        S,
        'date: "2025-01-02"',
        "date: 2025-01-02",
        f"{S}:6:11: date must be a string, not a date ('2025-01-02')",
    ),
    (
        "question-type",
        Q1,
        "type: order",
        "type: essay",
        f"{Q1}:42:11: question type 'essay' must be one of: "
        "single, multiple, myth_fact, order, match, recall",
    ),
    (
        "too-few-pairs",
        Q1,
        '      - {left: {en: "c", ja: "う"}, right: {en: "3", ja: "三"}}\n',
        "",
        f"{Q1}:57:7: pairs needs at least 3 entries, found 2",
    ),
    # -- the claim registry -----------------------------------------------------------
    (
        "unknown-claim",
        L1,
        "{claim: c-100-growth-factors}",
        "{claim: c-100-growth}",
        f"{L1}:21:25: unknown claim 'c-100-growth'",
    ),
    (
        "unknown-topic",
        CL100,
        "topic: contents",
        "topic: content",
        f"{CL100}:10:12: unknown topic 'content'",
    ),
    (
        "unknown-row",
        CL101,
        "row: r-size",
        "row: r-sise",
        f"{CL101}:6:10: unknown matrix row 'r-sise'",
    ),
    (
        "row-of-another-topic",
        CL101,
        "topic: size",
        "topic: what",
        f"{CL101}:6:10: row 'r-size' belongs to topic 'size', not 'what'",
    ),
    (
        "duplicate-claim-id",
        CL101,
        "id: c-101-safety",
        "id: c-101-size",
        f"{CL101}:10:9: duplicate claim id 'c-101-size' (first defined at {CL101}:3)",
    ),
    (
        "two-strengths-citation",
        Q1,
        "{claim: c-100-growth-factors}",
        "{claim: c-100-growth-factors, strength: expected}",
        f'{Q1}:32:17: quote "成長因子が含まれており" has two strengths: stated at {CL100}:14:17 and '
        f"expected at {Q1}:32:17 (one claim, one strength: change one, or explain this reading "
        "with strength_note)",
    ),
    (
        "two-strengths-claims",
        CL100,
        '      - {quote: "成長因子が含まれており"}\n',
        '      - {quote: "成長因子が含まれており"}\n      - {quote: "肌のハリの改善が期待されています"}\n',
        f'{CL100}:21:17: quote "肌のハリの改善が期待されています" has two strengths: stated at {CL100}:15:17 '
        f"and expected at {CL100}:21:17 (one claim, one strength: change one, or explain this reading "
        "with strength_note)",
    ),
    (
        "quote-in-two-claims",
        CL100,
        '      - {quote: "成長因子が含まれており"}\n',
        '      - {quote: "成長因子が含まれており"}\n      - {quote: "さまざまな細胞に分化できる細胞"}\n',
        f'{CL100}:15:17: quote "さまざまな細胞に分化できる細胞" is already in a claim at {CL100}:8:17 '
        "(a quote belongs to one claim)",
    ),
    (
        "excerpt-not-in-claim",
        L1,
        'quote: "30〜150nm"}',
        'quote: "40〜150nm"}',
        f"{L1}:49:44: quote '40〜150nm' is not part of the quotes of claim 'c-101-size'",
    ),
    (
        "gloss-without-quote",
        L1,
        "{claim: c-100-firmness}",
        '{claim: c-100-firmness, gloss: "firmer skin"}',
        f"{L1}:37:48: gloss goes with quote: a claim's own quotes carry their glosses",
    ),
    (
        "note-without-strength",
        Q1,
        "{claim: c-100-growth-factors}",
        '{claim: c-100-growth-factors, strength_note: {en: "Why", ja: "理由"}}',
        f"{Q1}:32:54: strength_note goes with strength: the reading it explains",
    ),
    (
        "strength-is-the-claims-own",
        Q1,
        "{claim: c-100-growth-factors}",
        "{claim: c-100-growth-factors, strength: stated}",
        f"{Q1}:32:49: strength stated is the claim's own; drop it",
    ),
    (
        "plain-quote-in-claim-bearing-item",
        L1,
        "{claim: c-100-growth-factors}",
        '{seed: "100_alpha.txt", quote: "幹細胞培養上清液には"}',
        f"{L1}:21:17: a claim-bearing item cites claims: record this quote as a claim in content/claims/ "
        "and cite {claim: id}",
    ),
    (
        "plain-quote-with-strength",
        G,
        'quote: "幹細胞とは", gloss: "a stem cell is"}',
        'quote: "幹細胞とは", gloss: "a stem cell is", strength: stated}',
        f"{G}:8:84: a plain quote has no strength of its own: record it as a claim in content/claims/ "
        "and cite {claim: id}",
    ),
    (
        "plain-quote-that-is-a-claim",
        Q1,
        "{claim: c-100-definition}",
        '{seed: "100_alpha.txt", quote: "さまざまな細胞に分化できる細胞"}',
        f"{Q1}:17:40: this quote is claim 'c-100-definition': cite {{claim: c-100-definition}}",
    ),
    (
        "plain-quote-inside-a-claim",
        G,
        'quote: "幹細胞とは", gloss: "a stem cell is"}',
        'quote: "分化できる細胞", gloss: "a cell that can differentiate"}',
        f"{G}:8:40: this quote is part of claim 'c-100-definition': cite "
        '{claim: c-100-definition, quote: "分化できる細胞"} (a quote has its claim\'s strength)',
    ),
    (
        "label-not-a-claim-strength",
        L1,
        "            strength: stated\n            sources:\n              - {claim: c-100-growth",
        "            strength: promotional\n            sources:\n              - {claim: c-100-growth",
        f"{L1}:19:23: bullet is labelled promotional but none of its claims is "
        "('c-100-growth-factors' is stated)",
    ),
]


def problems_for(root: Path) -> list[str]:
    report = build_report(root, root.parent / "seeds")
    return [str(p) for p in report.problems]


def test_mini_course_is_clean(mini: Path) -> None:
    report = build_report(mini, mini.parent / "seeds")
    assert report.problems == []
    assert report.counts()["quotes_verified"] == report.counts()["quotes"] == 22


@pytest.mark.parametrize(("name", "file", "old", "new", "expected"), CASES, ids=[c[0] for c in CASES])
def test_error_case(mini: Path, name: str, file: str, old: str, new: str, expected: str) -> None:
    path = mini / file
    text = path.read_text("utf-8")
    assert old in text, f"fixture edit for {name} no longer applies"
    path.write_text(text.replace(old, new, 1), "utf-8")
    found = problems_for(mini)
    assert expected in found, found


def test_wrong_type_list(mini: Path) -> None:
    path = mini / L1
    path.write_text(
        path.read_text("utf-8").replace(
            "    items:\n      - kind: paragraph",
            "    items: 3\n    x:\n      - kind: paragraph",
            1,
        ),
        "utf-8",
    )
    assert f"{L1}:7:12: items must be a list, not a number ('3')" in problems_for(mini)


def test_alias_rejected(mini: Path) -> None:
    path = mini / G
    path.write_text(
        path.read_text("utf-8").replace(
            "related: [exosome]\n", "related: &r [exosome]\n    aliases: *r\n", 1
        ),
        "utf-8",
    )
    assert f"{G}:9:14: anchors and aliases are not allowed in content" in problems_for(mini)


def test_sha_mismatch(mini: Path) -> None:
    article = mini.parent / "seeds" / "101_beta.txt"
    article.write_text(article.read_text("utf-8") + "追記\n", "utf-8")
    found = problems_for(mini)
    assert any(p.startswith(f"{S}:17:1: sha256 of 101_beta.txt does not match") for p in found), found


def test_never_cited(mini: Path) -> None:
    (mini / "content/claims/101.yaml").unlink()
    for rel in (L1, L2, Q1, G):
        path = mini / rel
        path.write_text(
            path.read_text("utf-8")
            .replace('"101_beta.txt"', '"100_alpha.txt"')
            .replace("c-101-size", "c-100-definition")
            .replace("c-101-safety", "c-100-firmness")
            .replace("strength: promotional", "strength: expected")
            .replace("当院の製剤", "幹細胞とは")
            .replace('quote: "30〜150nm"', 'quote: "分化できる"')
            .replace("エクソソームは直径", "幹細胞とは"),
            "utf-8",
        )
    (mini / L2).write_text(
        (mini / L2).read_text("utf-8").replace('original: "当院"', 'original: "幹細胞"'), "utf-8"
    )
    assert problems_for(mini) == [f"{S}:11:11: source article '101_beta.txt' is never cited"]


def test_missing_article(mini: Path) -> None:
    (mini.parent / "seeds" / "101_beta.txt").unlink()
    found = problems_for(mini)
    assert any(p.startswith(f"{S}:17:1: article 101_beta.txt not found in") for p in found), found


def test_not_utf8(mini: Path) -> None:
    (mini / L2).write_bytes(b"id: \xff\xfe\n")
    assert f"{L2}:1:1: file is not valid UTF-8 (byte 4)" in problems_for(mini)


def test_empty_file(mini: Path) -> None:
    (mini / Q1).write_text("", "utf-8")
    assert f"{Q1}:1:1: file is empty" in problems_for(mini)


def test_too_large(mini: Path) -> None:
    (mini / Q1).write_text("# x\n" * 1_200_000, "utf-8")
    found = problems_for(mini)
    assert any(p.startswith(f"{Q1}:1:1: file is too large") for p in found), found


def test_all_problems_collected(mini: Path) -> None:
    """Several errors in different files are all reported, not just the first."""
    for rel, old, new in (
        (L1, "strength: expected", "strength: maybe"),
        (G, 'en: "stem cell"', "en: no"),
        (Q1, "answer: fact", "answer: true"),
    ):
        path = mini / rel
        path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    found = problems_for(mini)
    assert len(found) == 3, found


def test_note_kind_defaults_to_point(mini: Path) -> None:
    path = mini / L1
    path.write_text(path.read_text("utf-8").replace("{kind: ask, text:", "{text:", 1), "utf-8")
    report = build_report(mini, mini.parent / "seeds")
    assert report.problems == []
    assert report.course is not None
    assert [n.kind for n in report.course.lessons[0].steps[0].notes] == ["point"]


def test_steps_without_notes_are_warned(mini: Path) -> None:
    """Missing teacher notes are a warning, not an error: the check still passes."""
    report = build_report(mini, mini.parent / "seeds")
    assert report.ok
    assert report.warnings == [
        "2 step(s) have no teacher notes: basics.size, claims.safety",
        "1 step(s) lack a teacher note of each kind (point, ask, pitfall): "
        "basics.definition (no point/pitfall)",
    ]
    assert report.as_json()["warnings"] == report.warnings
    assert "warning: 2 step(s) have no teacher notes: basics.size, claims.safety" in format_text(report)
