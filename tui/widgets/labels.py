"""Interface labels in both languages, and the strength badges."""

from __future__ import annotations

from textual.content import Content

from tui.content.model import Strength, Text

STRENGTH_LABEL = {
    Strength.STATED: Text("stated", "断定"),
    Strength.EXPECTED: Text("expected", "期待"),
    Strength.REPORTED: Text("reported", "報告"),
    Strength.PROMOTIONAL: Text("promotional", "宣伝"),
}
STRENGTH_HELP = {
    Strength.STATED: Text("asserted as fact", "事実として断定"),
    Strength.EXPECTED: Text("hedged: 期待されています / may", "「期待されています」などの控えめな表現"),
    Strength.REPORTED: Text("attributed to research or a report", "研究や報告を根拠として提示"),
    Strength.PROMOTIONAL: Text("the clinic's sales claim or an overclaim", "クリニックの宣伝・誇張"),
}


BADGE_COLOURS = {
    Strength.STATED: "$text-primary on $primary-muted",
    Strength.EXPECTED: "$text-warning on $warning-muted",
    Strength.REPORTED: "$text-success on $success-muted",
    Strength.PROMOTIONAL: "$text-error on $error-muted",
}


def pick(text: Text, language: str) -> str:
    """One language's string; 'both' shows English then Japanese."""
    if language == "both":
        return f"{text.en}\n{text.ja}"
    return text.get(language)


def badge(strength: Strength | None, language: str) -> Content:
    """A coloured label such as ` EXPECTED ` (CSS-free so it also works in tables)."""
    if strength is None:
        return Content("")
    label = STRENGTH_LABEL[strength]
    text = label.ja if language == "ja" else label.en.upper()
    return Content.styled(f" {text} ", f"bold {BADGE_COLOURS[strength]}")


UI = {
    "lesson": Text("Lesson", "レッスン"),
    "step": Text("Step", "ステップ"),
    "course": Text("Course", "全体"),
    "sources": Text("Sources", "出典"),
    "glossary": Text("Glossary", "用語集"),
    "filter": Text("Filter terms (ja / reading / en)…", "用語を絞り込み(日本語・よみ・英語)…"),
    "in_step": Text("In this step", "このステップの用語"),
    "all_terms": Text("All terms", "すべての用語"),
    "related": Text("Related", "関連用語"),
    "reading": Text("reading", "よみ"),
    "cited": Text("Cited", "出典"),
    "no_publisher": Text("(names no clinic)", "(クリニック名の記載なし)"),
    "untitled": Text("(untitled)", "(タイトルなし)"),
    "disputed": Text("Discussed in “Where the articles disagree”", "「記事どうしの食い違い」で扱っています"),
    "why_conflict": Text("Why they can't all be right", "両立しない理由"),
    "select_hint": Text(
        "Select an item (↑/↓ or click) to see its sources.",
        "項目を選ぶ(↑/↓ またはクリック)と出典が表示されます。",
    ),
    "sic": Text("[sic]", "[原文ママ]"),
    "intended": Text("presumably meant", "本来は"),
    "strength": Text("strength", "表現の強さ"),
}


def ui(key: str, language: str) -> str:
    return pick(UI[key], language) if language != "both" else UI[key].en
