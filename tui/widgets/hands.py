"""A class's show of hands on a DISCERN question: a bar per rating, the reference beside the
room's middle rating, and the whole article's table at the end. `Content` only, never markup."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from textual.content import Content

from tui.content.discern import RATINGS, Appraisal, Discern
from tui.content.language import single
from tui.content.model import Course
from tui.i18n import t
from tui.quiz.appraisals import SCALE_WORDS, Hands
from tui.widgets.discern_view import difference_style, fit, reference_detail
from tui.widgets.labels import pick


def reference_content_for_class(
    course: Course, appraisal: Appraisal, number: int, median: float | None, lang: str
) -> Content:
    """After the reveal in class: the reference rating, against the room's middle rating."""
    score = appraisal.rating(number).score
    heading = Content.styled(t("class_discern.reference", lang, score=score), "bold")
    if median is not None:
        difference = median - score
        shown = (
            t("appraise.apart.same", lang)
            if difference == 0
            else t("class_discern.apart", lang, n=f"{abs(difference):g}")
        )
        heading += Content.assemble(
            " · ",
            t("class_discern.median", lang, m=f"{median:g}"),
            " — ",
            (shown, f"bold {difference_style(math.ceil(abs(difference)))}"),
        )
    return Content("\n").join([heading, Content(""), *reference_detail(course, appraisal, number, lang)])


def hands_content(number: int, hands: Sequence[int], lang: str, reference: int | None = None) -> Content:
    """One bar per rating, as long as the hands for it; the reference marked once shown."""
    words = SCALE_WORDS[number == 16]
    top = max(max(hands, default=0), 1)
    width = 30
    lines = []
    for n, count in zip(RATINGS, hands, strict=True):
        word = t(words[n], lang) if n in words else ""
        filled = round(count / top * width) if count else 0
        mark = (
            Content.styled(f"  ◀ {t('appraise.mark.ref', lang)}", "bold $text-success")
            if n == reference
            else Content("")
        )
        lines.append(
            Content.assemble(
                (f" {n} ", "bold reverse $text-success" if n == reference else "bold"),
                f" {fit(word, 10)}",
                ("█" * filled, "$text-accent"),
                f" {count}",
            )
            + mark
        )
    return Content("\n").join(lines)


def class_summary_lines(
    discern: Discern, appraisal: Appraisal, hands: Mapping[int, Hands], lang: str
) -> list[Content]:
    """The room's ratings beside the reference, question by question (skipped ones marked)."""
    counts = " ".join(f"{n:>2}" for n in RATINGS)
    lines = [
        Content.styled(t("class_discern.end", lang), "bold $text-accent"),
        Content.styled(
            f"  {'':>2}  {fit('', 22)} {counts}   {fit(t('class_discern.median_short', lang), 8)}"
            f"{t('appraise.mark.ref', lang)}",
            "$text-muted",
        ),
    ]
    for q in discern.instrument.questions:
        short = fit(pick(q.short, single(lang)), 22)
        score = appraisal.rating(q.number).score
        room = hands.get(q.number)
        if room is None or not room.votes:
            lines.append(
                Content.assemble(
                    f"  {q.number:>2}  {short} ",
                    (t("class_discern.skipped", lang), "italic $text-muted"),
                    f"  {score}",
                )
            )
            continue
        median = room.median or 0.0
        row = " ".join(f"{n:>2}" for n in room.counts)
        lines.append(
            Content.assemble(
                f"  {q.number:>2}  {short} {row}   ",
                (fit(f"{median:g}", 8), f"bold {difference_style(math.ceil(abs(median - score)))}"),
                (str(score), "bold $text-success"),
            )
        )
    return lines
