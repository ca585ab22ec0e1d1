"""Feedback after an answer: right or wrong, your answer vs the correct one, why, and the source;
then the recall rating (Again/Hard/Good/Easy) and when the card comes back."""

from __future__ import annotations

from datetime import timedelta

from textual.content import Content

from tui.content.language import single
from tui.content.model import Course, Term
from tui.i18n import t
from tui.quiz.cards import allowed_ratings
from tui.quiz.grading import describe_answer, describe_correct
from tui.quiz.order import letter_of
from tui.quiz.records import Result, Schedule
from tui.richtext import to_content
from tui.widgets.labels import pick


def lab(key: str, lang: str) -> str:
    return t(f"feedback.{key}", lang)


def interval_label(delta: timedelta, lang: str) -> str:
    """ "10 min", "5 h", "3 days" (「3日」): how far away the next review is."""
    minutes = max(1, round(delta.total_seconds() / 60))
    if minutes < 60:
        return t("due.minutes", lang, n=minutes)
    if minutes < 24 * 60:
        return t("due.hours", lang, n=round(minutes / 60))
    days = max(1, round(minutes / (24 * 60)))
    return t("due.day" if days == 1 else "due.days", lang, n=days)


def rating_content(result: Result, schedule: Schedule | None, lang: str) -> list[Content]:
    """The rating row (each rating with its interval, the chosen one marked) and the next review."""
    lines: list[Content] = []
    chosen = result.final_rating
    if result.grade.correct:
        parts: list[Content | str | tuple[str, str]] = [(f"{lab('rate', lang)} ", "bold")]
        for rating in allowed_ratings(True):
            when = f" {interval_label(schedule.interval(rating), lang)}" if schedule else ""
            style = "bold reverse $text-accent" if rating == chosen else "$text-muted"
            parts.append((f" {int(rating)} {t(f'rate.{int(rating)}', lang)}{when} ", style))
            parts.append(" ")
        lines.append(Content.assemble(*parts))
    else:
        lines.append(Content.styled(lab("always_again", lang), "italic $text-muted"))
    if schedule is not None:
        when = interval_label(schedule.interval(chosen), lang)
        lines.append(Content.styled(lab("next_review", lang).format(when=when), "bold $text-accent"))
    return lines


def feedback_content(
    course: Course,
    result: Result,
    lang: str,
    terms: dict[str, Term],
    schedule: Schedule | None = None,
    unsaved: int = 0,
) -> Content:
    question, answer, grade, order = result.question, result.answer, result.grade, result.shown
    one = single(lang)
    lines: list[Content] = []
    if grade.correct:
        lines.append(Content.styled(f" {lab('correct', one)} ", "bold $text-success on $success-muted"))
    else:
        partial = f"  ({lab('partial', one)}: {grade.score:.0%})" if 0 < grade.score < 1 else ""
        lines.append(
            Content.styled(f" {lab('wrong', one)} ", "bold $text-error on $error-muted") + Content(partial)
        )
    if grade.close_to is not None:
        lines.append(Content.styled(lab("close", one).format(form=grade.close_to), "bold $text-warning"))
    lines.extend(rating_content(result, schedule, one))
    if unsaved:
        lines.append(Content.styled(lab("not_saved", one).format(n=unsaved), "bold $text-warning"))
    lines.append(Content(""))
    lines.append(Content.styled(f"{lab('yours', one)}:", "bold"))
    yours = describe_answer(question, answer, one, order)
    if question.type == "match" and grade.pair_marks and not answer.is_empty():
        for line, ok in zip(yours, _marks_by_left(answer.pairs, grade.pair_marks), strict=False):
            mark = ("✓", "bold $text-success") if ok else ("✗", "bold $text-error")
            lines.append(Content.assemble("   ", mark, " ", to_content(line)))
    else:
        lines.extend(Content.assemble("   ", to_content(line)) for line in yours)
    lines.append(Content.styled(f"{lab('right', one)}:", "bold $text-success"))
    lines.extend(
        Content.assemble("   ", to_content(line)) for line in describe_correct(question, terms, one, order)
    )
    for n in sorted(grade.wrong_options, key=lambda i: order.index(i) if i in order else i):
        option = question.options[n]
        if option.why is not None:
            lines.append(Content(""))
            lines.append(
                Content.styled(lab("why_wrong", one).format(x=letter_of(order, n)) + ":", "bold $text-error")
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
    if grade.correct:
        rating = t(f"rate.{int(result.final_rating)}", one)
        lines.append(Content.styled(lab("keys_rated", one).format(rating=rating), "italic $text-muted"))
    else:
        lines.append(Content.styled(lab("keys", one), "italic $text-muted"))
    return Content("\n").join(lines)


def _marks_by_left(pairs: tuple[tuple[int, int], ...], marks: tuple[bool, ...]) -> list[bool]:
    """Marks in the order `describe_answer` lists pairs (sorted by left item)."""
    return [ok for _, ok in sorted(zip(pairs, marks, strict=True), key=lambda x: x[0])]
