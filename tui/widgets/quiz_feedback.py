"""Feedback after an answer: right or wrong, your answer vs the correct one, why, and the source."""

from __future__ import annotations

from textual.content import Content

from tui.content.language import single
from tui.content.model import Course, Question, Term
from tui.i18n import t
from tui.quiz.grading import Answer, Grade, describe_answer, describe_correct
from tui.richtext import to_content
from tui.widgets.labels import pick


def lab(key: str, lang: str) -> str:
    return t(f"feedback.{key}", lang)


def feedback_content(
    course: Course,
    question: Question,
    answer: Answer,
    grade: Grade,
    lang: str,
    terms: dict[str, Term],
) -> Content:
    one = single(lang)
    lines: list[Content] = []
    if grade.correct:
        lines.append(Content.styled(f" {lab('correct', one)} ", "bold $text-success on $success-muted"))
    else:
        partial = f"  ({lab('partial', one)}: {grade.score:.0%})" if 0 < grade.score < 1 else ""
        lines.append(
            Content.styled(f" {lab('wrong', one)} ", "bold $text-error on $error-muted") + Content(partial)
        )
    lines.append(Content(""))
    lines.append(Content.styled(f"{lab('yours', one)}:", "bold"))
    lines.extend(Content(f"   {line}") for line in describe_answer(question, answer, one))
    lines.append(Content.styled(f"{lab('right', one)}:", "bold $text-success"))
    lines.extend(Content(f"   {line}") for line in describe_correct(question, terms, one))
    for n in grade.wrong_options:
        option = question.options[n]
        if option.why is not None:
            lines.append(Content(""))
            lines.append(
                Content.styled(lab("why_wrong", one).format(x=chr(65 + n)) + ":", "bold $text-error")
            )
            lines.append(to_content(pick(option.why, lang)))
    lines.append(Content(""))
    lines.append(Content.styled(f"{lab('why', one)}:", "bold"))
    lines.append(to_content(pick(question.explanation, lang)))
    lines.append(Content(""))
    lines.append(Content.styled(f"{lab('source', one)}:", "bold"))
    for n, ref in enumerate(question.sources, 1):
        source = course.source(ref.seed)
        publisher = source.publisher if source and source.publisher else "—"
        lines.append(Content.assemble(f" [{n}] ", (ref.seed, "bold $text-accent"), f" · {publisher}"))
        lines.append(Content.assemble("     「", (ref.quote, "bold"), "」"))
        if ref.gloss and lang != "ja":
            lines.append(Content.styled(f"     “{ref.gloss}”", "$text-muted"))
    lines.append(Content(""))
    lines.append(Content.styled(lab("keys", one), "italic $text-muted"))
    return Content("\n").join(lines)
