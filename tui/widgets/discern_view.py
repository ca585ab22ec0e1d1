"""What the DISCERN screens draw: a question with its hint, the row of 1-5 ratings, the
reference's justification and quotes, bars for the sections, the rankings and a show of hands.

Functions from data to `Content`; content text goes through `to_content` (never markup).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.cells import cell_len, set_cell_size
from textual.content import Content

from tui.content.discern import (
    QUESTIONS,
    RATINGS,
    Appraisal,
    Discern,
    Ranked,
    SectionScores,
    compare,
    complete,
    rank_scores,
    section_scores,
)
from tui.content.language import single
from tui.content.model import Course, SourceRef
from tui.i18n import t
from tui.quiz.appraisals import SCALE_WORDS
from tui.richtext import to_content
from tui.widgets.labels import pick

CELL = 9  # one rating on the row: wide enough for "reference" and "moderate"
GAP = "  "
BAR = 20  # a section bar: 5 is the full width


def fit(text: str, width: int) -> str:
    """`text` cut or padded to `width` terminal cells (Japanese takes two per character)."""
    return set_cell_size(text, width)


def centre(text: str, width: int) -> str:
    text = fit(text, min(width, cell_len(text)))
    room = width - cell_len(text)
    return " " * (room // 2) + text + " " * (room - room // 2)


def article_name(course: Course, seed: str, lang: str) -> str:
    """ "001 · 五良会クリニック白金高輪" """
    source = course.source(seed)
    publisher = source.publisher if source and source.publisher else t("no_publisher", lang)
    return f"{seed.split('_', 1)[0]} · {publisher}"


def article_title(course: Course, seed: str, lang: str) -> str:
    source = course.source(seed)
    if source is None:
        return seed
    if single(lang) == "ja":
        return source.title or t("untitled", lang)
    return source.title_en


def quotes_content(course: Course, refs: Sequence[SourceRef], lang: str) -> list[Content]:
    lines: list[Content] = []
    for ref in refs:
        source = course.source(ref.seed)
        publisher = source.publisher if source and source.publisher else t("no_publisher", lang)
        lines.append(Content.assemble("  「", (ref.quote, "bold"), "」"))
        if ref.gloss and single(lang) != "ja":
            lines.append(Content.styled(f"    “{ref.gloss}”", "$text-muted"))
        lines.append(Content.assemble("    ", (ref.seed, "$text-accent"), f" · {publisher}"))
    return lines


# -- one question ---------------------------------------------------------------------------


def progress_dots(ratings: Mapping[int, int], current: int) -> str:
    return "".join("◉" if q == current else "●" if q in ratings else "○" for q in QUESTIONS)


def question_content(discern: Discern, number: int, lang: str) -> Content:
    """The question (bold) and what to look for (muted)."""
    q = discern.instrument.question(number)
    return Content("\n").join(
        [
            Content.assemble(
                (f"{number}. ", "bold $text-accent"),
                to_content(pick(q.short, lang), style="bold $text-accent"),
            ),
            to_content(pick(q.ask, lang), style="bold"),
            Content.assemble(
                (f"{t('appraise.hint', lang)}: ", "italic $text-muted"),
                to_content(pick(q.hint, lang), style="italic $text-muted"),
            ),
        ]
    )


def rating_row(number: int, lang: str, chosen: int | None = None, reference: int | None = None) -> Content:
    """[ 1 ]  [ 2 ] … with what 1, 3 and 5 mean below; after the reveal, who chose what."""
    words = SCALE_WORDS[number == 16]
    boxes: list[Content] = []
    for n in RATINGS:
        if n == chosen:
            style = "bold reverse $text-accent"
        elif n == reference:
            style = "bold reverse $text-success"
        else:
            style = "bold $text on $panel"
        boxes.append(Content.styled(centre(str(n), CELL), style))
    lines = [Content("  ") + Content(GAP).join(boxes)]
    labels = [centre(t(words[n], lang), CELL) if n in words else " " * CELL for n in RATINGS]
    lines.append(Content.styled("  " + GAP.join(labels), "$text-muted"))
    if reference is not None:
        marks: list[Content] = []
        for n in RATINGS:
            if n == chosen == reference:
                marks.append(
                    Content.styled(centre(t("appraise.mark.same", lang), CELL), "bold $text-success")
                )
            elif n == chosen:
                marks.append(Content.styled(centre(t("appraise.mark.you", lang), CELL), "bold $text-accent"))
            elif n == reference:
                marks.append(Content.styled(centre(t("appraise.mark.ref", lang), CELL), "bold $text-success"))
            else:
                marks.append(Content(" " * CELL))
        lines.append(Content("  ") + Content(GAP).join(marks))
    return Content("\n").join(lines)


def apart(difference: int, lang: str) -> str:
    if difference == 0:
        return t("appraise.apart.same", lang)
    if abs(difference) == 1:
        return t("appraise.apart.one", lang)
    return t("appraise.apart.many", lang, n=abs(difference))


def difference_style(difference: int) -> str:
    return "$text-success" if difference == 0 else "$text-warning" if abs(difference) == 1 else "$text-error"


def scale_content(discern: Discern, number: int, lang: str) -> Content:
    """What 1, the middle and 5 mean for this question (16 has its own scale)."""
    scale = discern.instrument.scale_for(number)
    lines = [Content.styled(t("appraise.scale_meaning", lang), "bold $text-muted")]
    lines += [
        to_content(pick(text, lang), style="$text-muted") for text in (scale.low, scale.mid, scale.high)
    ]
    return Content("\n").join(lines)


def passages_content(course: Course, appraisal: Appraisal, number: int, lang: str) -> Content:
    """Before rating: what the reference quotes from the article on this question, not its
    rating or its reasons."""
    rating = appraisal.rating(number)
    lines = [Content.styled(t("appraise.passages", lang), "bold")]
    if rating.quotes:
        lines += quotes_content(course, rating.quotes, lang)
    else:
        lines.append(Content.styled(t("appraise.no_passages", lang), "italic $text-muted"))
    return Content("\n").join(lines)


def reference_detail(course: Course, appraisal: Appraisal, number: int, lang: str) -> list[Content]:
    """The reference's reasons and its evidence: quotes, or the silence it checked."""
    rating = appraisal.rating(number)
    lines = [
        Content.styled(t("appraise.why", lang, score=rating.score), "bold $text-accent"),
        to_content(pick(rating.why, lang)),
        Content(""),
    ]
    if rating.silent:
        lines.append(Content.styled(t("appraise.silent", lang), "italic $text-muted"))
        if rating.searched:
            searched = "、".join(f"「{term}」" for term in rating.searched)
            lines.append(Content.styled(f"{t('appraise.searched', lang)}: {searched}", "$text-muted"))
    else:
        lines += quotes_content(course, rating.quotes, lang)
    return lines


def reference_content(course: Course, appraisal: Appraisal, number: int, learner: int, lang: str) -> Content:
    """After rating: you against the reference, its reasons and its evidence."""
    difference = learner - appraisal.rating(number).score
    you_vs_ref = t("appraise.you_vs_ref", lang, you=learner, ref=appraisal.rating(number).score)
    heading = Content.assemble(
        (you_vs_ref, "bold"), " — ", (apart(difference, lang), f"bold {difference_style(difference)}")
    )
    return Content("\n").join([heading, Content(""), *reference_detail(course, appraisal, number, lang)])


# -- the whole article ----------------------------------------------------------------------


def bar(value: float, style: str, width: int = BAR, top: int = 5) -> Content:
    filled = round(max(0.0, min(value, top)) / top * width)
    return Content.assemble(("█" * filled, style), ("░" * (width - filled), "$text-disabled"))


def section_lines(discern: Discern, you: SectionScores, ref: SectionScores, lang: str) -> list[Content]:
    """Two bars per section, yours above the reference's."""
    lines = [Content.styled(t("appraise.by_section", lang), "bold $text-accent")]
    you_label, ref_label = t("appraise.mark.you", lang), t("appraise.mark.ref", lang)
    width = max(cell_len(you_label), cell_len(ref_label)) + 2
    for info in discern.instrument.sections:
        mine = float(getattr(you, info.id.value))
        theirs = float(getattr(ref, info.id.value))
        lines.append(to_content(pick(info.title, lang), style="bold"))
        lines.append(
            Content.assemble(f"  {fit(you_label, width)}", bar(mine, "$text-accent"), f" {mine:.1f}")
        )
        lines.append(
            Content.assemble(f"  {fit(ref_label, width)}", bar(theirs, "$text-success"), f" {theirs:.1f}")
        )
    return lines


def question_lines(
    discern: Discern, learner: Mapping[int, int], reference: Mapping[int, int], lang: str
) -> list[Content]:
    """Per question: yours, the reference's and how far apart."""
    you, ref = t("appraise.mark.you", lang), t("appraise.mark.ref", lang)
    lines = [
        Content.styled(t("appraise.by_question", lang), "bold $text-accent"),
        Content.styled(f"  {'':>2}  {fit('', 22)} {fit(you, 9)} {fit(ref, 9)}", "$text-muted"),
    ]
    for q in discern.instrument.questions:
        mine, theirs = learner.get(q.number), reference[q.number]
        short = pick(q.short, single(lang)).replace("\n", " ")
        if mine is None:
            lines.append(Content(f"  {q.number:>2}  {fit(short, 22)} {fit('—', 9)} {theirs}"))
            continue
        difference = mine - theirs
        shown = "=" if difference == 0 else f"{difference:+d}"
        lines.append(
            Content.assemble(
                f"  {q.number:>2}  {fit(short, 22)} ",
                (fit(str(mine), 9), "bold $text-accent"),
                (fit(str(theirs), 9), "bold $text-success"),
                (shown, f"bold {difference_style(difference)}"),
            )
        )
    return lines


def ranking_lines(
    course: Course,
    discern: Discern,
    learner: Mapping[str, Mapping[int, int]],
    lang: str,
    current: str | None = None,
) -> list[Content]:
    """The learner's ranking (articles rated in full) beside the reference ranking."""
    yours = rank_scores({seed: scores for seed, scores in learner.items() if complete(scores)})
    reference = rank_scores({a.seed: a.scores for a in discern.appraisals})
    column = 38

    def entry(ranked: Ranked | None) -> Content:
        if ranked is None:
            return Content(" " * column)
        s = ranked.scores
        name = fit(article_name(course, ranked.seed, lang), column - 15)
        text = f"{ranked.place}. {name} {s.overall} · {s.total:>2}"
        return Content.styled(fit(text, column), "bold" if ranked.seed == current else "")

    lines = [
        Content.styled(t("appraise.rankings", lang), "bold $text-accent"),
        Content.styled(t("appraise.rank_legend", lang), "italic $text-muted"),
        Content.styled(
            fit(t("appraise.your_ranking", lang), column) + "  " + t("appraise.reference_ranking", lang),
            "bold",
        ),
    ]
    for n in range(len(reference)):
        mine = yours[n] if n < len(yours) else None
        lines.append(entry(mine) + Content("  ") + entry(reference[n]))
    if not yours:
        lines.append(Content.styled(t("appraise.none_ranked", lang), "italic $text-muted"))
    return lines


def summary_content(
    course: Course, discern: Discern, seed: str, learner: Mapping[str, Mapping[int, int]], lang: str
) -> Content:
    """The end of an article: agreement, sections as bars, every question, the rankings."""
    appraisal = discern.appraisal(seed)
    assert appraisal is not None
    mine = learner.get(seed, {})
    reference = appraisal.scores
    result = compare(mine, reference)
    kappa = "—" if result.kappa is None else f"{result.kappa:.2f}"
    lines = [
        Content.styled(article_name(course, seed, lang), "bold"),
        Content.styled(article_title(course, seed, lang), "italic $text-muted"),
        Content(""),
        Content(
            t(
                "appraise.agreement",
                lang,
                exact=result.exact,
                n=result.answered,
                close=result.within_one,
                kappa=kappa,
            )
        ),
        Content(""),
    ]
    if complete(mine):
        lines += section_lines(discern, section_scores(mine), section_scores(reference), lang)
        lines.append(Content(""))
    lines += question_lines(discern, mine, reference, lang)
    lines.append(Content(""))
    lines += ranking_lines(course, discern, learner, lang, current=seed)
    return Content("\n").join(lines)
