"""Take the cards home: the quiz as an Anki deck (.apkg), written with genanki.

Each question is one note: the front is the prompt (with the options, in authored order, for
choice questions; the statement for myth/fact), the back the answer, the explanation and the
cited quotes with their article file and clinic. Notes are tagged with their lesson id. Note
GUIDs come from the question id, and the deck and model ids are fixed, so importing a newer
export updates the notes instead of adding duplicates.

Content is Markdown: it is rendered with raw HTML disabled, so `<` in content is escaped.
Pure Python, no Textual.
"""

from __future__ import annotations

import html
import io
import random
from typing import Any

import genanki
from markdown_it import MarkdownIt

from tui.content.model import Course, Question, Text
from tui.i18n import both_ways, t
from tui.quiz.grading import describe_correct

# Random numbers chosen once: Anki identifies the deck and the note type by them. Never change.
DECK_ID = 1_718_093_470
MODEL_ID = 1_607_392_319
DECK_NAME = "stemcell-explainer"
CSS = """
.card { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", system-ui, sans-serif;
        font-size: 18px; text-align: left; line-height: 1.5; }
.options { list-style: none; padding-left: 0; }
.source { font-size: 0.85em; color: #555; margin-top: .6em; }
.quote { font-weight: bold; }
"""

_md = MarkdownIt("commonmark", {"html": False, "typographer": False})

MODEL = genanki.Model(
    MODEL_ID,
    "stemcell-explainer question",
    fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Lesson"}],
    templates=[
        {
            "name": "Card",
            "qfmt": "{{Question}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}',
        }
    ],
    css=CSS,
)


def inline(text: str) -> str:
    """Markdown inline text → HTML; raw HTML in content is escaped, never passed through."""
    return str(_md.renderInline(text)).replace("\n", "<br>")


def _pick(text: Text, lang: str) -> str:
    return text.get(lang)


def front(q: Question, lang: str) -> str:
    parts = [f"<div class=prompt>{inline(_pick(q.prompt, lang))}</div>"]
    if q.type in ("single", "multiple"):
        items = "".join(
            f"<li>{chr(65 + i)}. {inline(_pick(o.text, lang))}</li>" for i, o in enumerate(q.options)
        )
        parts.append(f"<ul class=options>{items}</ul>")
    elif q.type == "myth_fact":
        parts.append(
            f"<p>{html.escape(t('verdict.myth', lang))} / {html.escape(t('verdict.fact', lang))}?</p>"
        )
    elif q.type == "order":
        shuffled = list(enumerate(q.sequence))
        random.Random(q.id).shuffle(shuffled)  # a fixed scramble: the authored order is the answer
        items = "".join(f"<li>{inline(_pick(text, lang))}</li>" for _, text in shuffled)
        parts.append(f"<ul class=options>{items}</ul>")
    elif q.type == "match":
        rights = [p.right for p in q.pairs]
        random.Random(q.id).shuffle(rights)
        left = "".join(f"<li>{inline(_pick(p.left, lang))}</li>" for p in q.pairs)
        right = "".join(f"<li>{inline(_pick(r, lang))}</li>" for r in rights)
        parts.append(f"<ol>{left}</ol><ul class=options>{right}</ul>")
    return "".join(parts)


def back(course: Course, q: Question, lang: str) -> str:
    terms = {term.id: term for term in course.terms}
    answer = "<br>".join(inline(line) for line in describe_correct(q, terms, lang))
    explanation = inline(_pick(q.explanation, lang))
    parts = [
        f"<p><b>{html.escape(both_ways('handout.answer', lang))}:</b><br>{answer}</p>",
        f"<p><b>{html.escape(both_ways('handout.explanation', lang))}:</b> {explanation}</p>",
    ]
    for ref in q.sources:
        source = course.source(ref.seed)
        clinic = (
            source.publisher if source and source.publisher else both_ways("handout.publisher_none", lang)
        )
        gloss = f"<br>“{html.escape(ref.gloss)}”" if ref.gloss and lang != "ja" else ""
        parts.append(
            f"<div class=source>{html.escape(ref.seed)} · {html.escape(clinic)}<br>"
            f"「<span class=quote>{html.escape(ref.quote)}</span>」{gloss}</div>"
        )
    return "".join(parts)


def notes(course: Course, lang: str) -> list[Any]:
    steps = {step.id: lesson for lesson, step in course.steps()}
    langs = ("en", "ja") if lang == "both" else (lang,)
    out = []
    for q in course.questions:
        lesson = steps[q.step]
        out.append(
            genanki.Note(
                model=MODEL,
                fields=[
                    "<hr>".join(front(q, one) for one in langs),
                    "<hr>".join(back(course, q, one) for one in langs),
                    html.escape(" / ".join(_pick(lesson.title, one) for one in langs)),
                ],
                tags=[lesson.id],
                guid=genanki.guid_for(q.id),
            )
        )
    return out


def anki_package(course: Course, lang: str, timestamp: float | None = None) -> bytes:
    """The .apkg file's bytes: one note per question (see the module docstring)."""
    deck = genanki.Deck(DECK_ID, DECK_NAME, description=html.escape(course.title.get("en")))
    for note in notes(course, lang):
        deck.add_note(note)
    buffer = io.BytesIO()
    genanki.Package(deck).write_to_file(buffer, timestamp=timestamp)
    return buffer.getvalue()
