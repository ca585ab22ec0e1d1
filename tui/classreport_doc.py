"""The class report as a document: self-contained HTML (inline SVG bars, a print stylesheet, no
script, nothing fetched) or Markdown. Every text from the course or from a results file is
escaped; the figures come from `tui.quiz.classreport`. No Textual.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from tui.content.inline import plain_text
from tui.content.language import single
from tui.content.model import Course, Question, Text
from tui.content.problems import printable
from tui.i18n import t
from tui.quiz.classreport import ClassReport, LessonFigures, QuestionFigures
from tui.quiz.discernreport import DiscernArticle

if TYPE_CHECKING:
    from tui.content.discern import Discern

DASH = "—"


def pick(text: Text, lang: str) -> str:
    """Content as plain text in `lang` ("both": English / 日本語)."""
    if lang == "both":
        return f"{plain_text(text.en)} / {plain_text(text.ja)}"
    return plain_text(text.get(lang))


def label(key: str, lang: str, **values: object) -> str:
    if lang == "both":
        return f"{t(key, 'en', **values)} / {t(key, 'ja', **values)}"
    return t(key, lang, **values)


def percent(share: float | None) -> str:
    return DASH if share is None else f"{share:.0%}"


def wrong_option(f: QuestionFigures, lang: str) -> tuple[str, str]:
    """(the most chosen wrong option with its count, why it is wrong), or dashes."""
    if f.wrong_option is None:
        return DASH, DASH
    option = f.question.options[f.wrong_option]
    why = pick(option.why, lang) if option.why else pick(f.question.explanation, lang)
    return t("report.option_chosen", lang, option=pick(option.text, lang), n=f.wrong_count), why


def notes(report: ClassReport, lang: str) -> list[str]:
    """What was merged, what was left out and why: the lines at the top of the report."""
    lines = [
        label(
            "report.merged",
            lang,
            answers=report.answers,
            learners=len(report.learners),
            files=len(report.files),
        )
    ]
    for key, n in (
        ("report.duplicates", report.duplicates),
        ("report.unknown", report.unknown),
        ("report.older", report.older),
    ):
        if n:
            lines.append(label(key, lang, n=n))
    return lines


def failure_lines(report: ClassReport) -> list[str]:
    """One line per file that could not be read (in English, like the command's errors)."""
    return [printable(t(error.key, "en", **error.values)) for _, error in report.failures]


# -- HTML ---------------------------------------------------------------------------------

CSS = """
:root { --accent: #0b6e4f; --bar: #2e8b57; --track: #e3ece8; --warn: #b00020; }
body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", system-ui, sans-serif;
       line-height: 1.5; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
h1 { font-size: 1.7rem; border-bottom: 3px solid var(--accent); padding-bottom: .3rem; }
h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; color: var(--accent); }
h3 { margin-top: 1.4rem; }
p.merged { font-size: 1.1rem; font-weight: bold; }
div.failed { border: 2px solid var(--warn); padding: .5rem 1rem; color: var(--warn); }
p.how { font-size: .88rem; color: #444; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0; font-size: .9rem; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: #eef5f2; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.bar { width: 9rem; min-width: 6rem; }
td.bar svg { display: block; width: 100%; height: 1rem; }
svg rect.track { fill: var(--track); }
svg rect.value { fill: var(--bar); }
ol.hardest li { margin-bottom: .6rem; }
.why { color: #444; font-size: .88em; }
code { font-size: .85em; background: #f3f3f3; padding: 0 .2em; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; color: #000; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr, li, div.failed { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  svg rect { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def bar(share: float | None, title: str) -> str:
    """A horizontal bar: `share` of the width filled (an empty track for no data)."""
    width = 0.0 if share is None else max(0.0, min(1.0, share)) * 100
    return (
        f'<svg viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{esc(title)}">'
        f'<rect class="track" x="0" y="0" width="100" height="10"/>'
        f'<rect class="value" x="0" y="0" width="{width:.1f}" height="10"/></svg>'
    )


def to_html(
    course: Course,
    report: ClassReport,
    lang: str,
    discern: Discern | None = None,
    articles: tuple[DiscernArticle, ...] = (),
) -> str:
    title = f"{label('report.title', lang)}: {pick(course.title, lang)}"
    out = [f"<h1>{esc(title)}</h1>"]
    out += [f'<p class="merged">{esc(line)}</p>' for line in notes(report, lang)[:1]]
    out += [f"<p>{esc(line)}</p>" for line in notes(report, lang)[1:]]
    if report.failures:
        out.append('<div class="failed">')
        out.append(f"<p><strong>{esc(label('report.failed', lang, n=len(report.failures)))}</strong></p><ul>")
        out += [f"<li>{esc(line)}</li>" for line in failure_lines(report)]
        out.append("</ul></div>")
    out.append(f'<p class="how">{esc(label("report.how", lang))}</p>')
    out += _mastery_html(report.lessons, lang)
    out += _hardest_html(report.hardest, lang)
    out += _questions_html(report.questions, lang)
    if discern is not None and articles:
        out += _discern_html(course, discern, articles, lang)
    out.append(f"<h2>{esc(label('report.files', lang))}</h2><ul>")
    out += [
        f"<li><code>{esc(printable(name))}</code>: {esc(label('report.rows', lang, n=n))}</li>"
        for name, n in report.files
    ]
    out.append("</ul>")
    body = "\n".join(out)
    return (
        f'<!DOCTYPE html>\n<html lang="{single(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _head(*keys: str, lang: str) -> str:
    return "<thead><tr>" + "".join(f"<th>{esc(label(k, lang))}</th>" for k in keys) + "</tr></thead>"


def _mastery_html(lessons: tuple[LessonFigures, ...], lang: str) -> list[str]:
    out = [f"<h2>{esc(label('report.mastery', lang))}</h2>", "<table>"]
    out.append(
        _head(
            "report.col.lesson",
            "report.col.questions",
            "report.col.learners",
            "report.col.mastery",
            "report.col.chart",
            lang=lang,
        )
    )
    out.append("<tbody>")
    for n, f in enumerate(lessons, 1):
        name = f"{n}. {pick(f.lesson.title, lang)}"
        out.append(
            f"<tr><td>{esc(name)}</td><td class='num'>{f.questions}</td><td class='num'>{f.learners}</td>"
            f"<td class='num'>{percent(f.mastery)}</td><td class='bar'>{bar(f.mastery, name)}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def _hardest_html(hardest: tuple[QuestionFigures, ...], lang: str) -> list[str]:
    out = [f"<h2>{esc(label('report.hardest', lang))}</h2>"]
    if not hardest:
        return [*out, f"<p>{esc(label('report.no_answers', lang))}</p>"]
    out.append('<ol class="hardest">')
    for f in hardest:
        figures = label(
            "report.figures", lang, right=percent(f.share_right), answers=f.answers, learners=f.learners
        )
        option, why = wrong_option(f, lang)
        line = f"<li><strong>{esc(pick(f.question.prompt, lang))}</strong><br>{esc(figures)}"
        if f.wrong_option is not None:
            line += (
                f"<br>{esc(label('report.col.wrong', lang))}: {esc(option)}"
                f'<br><span class="why">{esc(label("report.col.why", lang))}: {esc(why)}</span>'
            )
        out.append(line + "</li>")
    out.append("</ol>")
    return out


def _questions_html(questions: tuple[QuestionFigures, ...], lang: str) -> list[str]:
    out = [f"<h2>{esc(label('report.questions', lang))}</h2>"]
    current = None
    for n, f in enumerate(questions, 1):
        if f.lesson is not current:
            if current is not None:
                out.append("</tbody></table>")
            current = f.lesson
            out.append(f"<h3>{esc(pick(f.lesson.title, lang))}</h3><table>")
            out.append(
                _head(
                    "report.col.number",
                    "report.col.question",
                    "report.col.learners",
                    "report.col.answers",
                    "report.col.right",
                    "report.col.chart",
                    "report.col.wrong",
                    lang=lang,
                )
            )
            out.append("<tbody>")
        option, why = wrong_option(f, lang)
        wrong = (
            esc(option) if f.wrong_option is None else f'{esc(option)}<br><span class="why">{esc(why)}</span>'
        )
        prompt = pick(f.question.prompt, lang)
        kind = esc(_kind(f.question, lang))
        out.append(
            f"<tr><td class='num'>{n}</td><td>{esc(prompt)} <span class='why'>({kind})</span></td>"
            f"<td class='num'>{f.learners}</td><td class='num'>{f.answers}</td>"
            f"<td class='num'>{percent(f.share_right)}</td><td class='bar'>{bar(f.share_right, prompt)}</td>"
            f"<td>{wrong}</td></tr>"
        )
    if current is not None:
        out.append("</tbody></table>")
    return out


def _article_name(course: Course, seed: str, lang: str) -> str:
    source = course.source(seed)
    publisher = source.publisher if source and source.publisher else label("handout.publisher_none", lang)
    return f"{seed.split('_', 1)[0]} · {publisher}"


DISCERN_COLUMNS = (
    "report.col.number",
    "report.col.question",
    "report.col.who",
    "report.col.median",
    "report.col.reference",
)


def discern_lines(
    discern: Discern, article: DiscernArticle, lang: str
) -> list[tuple[str, str, str, tuple[int, ...] | None, str, int]]:
    """Each question's rows: (number, short title, who, hands, median, reference); the room
    first, then the learners; a question no one rated gets one row of dashes."""
    out: list[tuple[str, str, str, tuple[int, ...] | None, str, int]] = []
    for q in article.questions:
        short = pick(discern.instrument.question(q.number).short, lang)
        rows = [
            (label("report.who.room", lang), q.room, q.room_median),
            (label("report.who.learners", lang), q.learners, q.learners_median),
        ]
        shown = [(who, hands, middle) for who, hands, middle in rows if any(hands)]
        if not shown:
            out.append((str(q.number), short, DASH, None, DASH, q.reference))
        for n, (who, hands, middle) in enumerate(shown):
            out.append(
                (
                    str(q.number) if n == 0 else "",
                    short if n == 0 else "",
                    who,
                    hands,
                    DASH if middle is None else f"{middle:g}",
                    q.reference,
                )
            )
    return out


def _discern_html(
    course: Course, discern: Discern, articles: tuple[DiscernArticle, ...], lang: str
) -> list[str]:
    out = [
        f"<h2>{esc(label('report.discern', lang))}</h2>",
        f'<p class="how">{esc(label("report.discern_how", lang))}</p>',
    ]
    numbers = "".join(f"<th>{n}</th>" for n in range(1, 6))
    for article in articles:
        out.append(f"<h3>{esc(_article_name(course, article.seed, lang))}</h3>")
        counts = label("report.discern_counts", lang, sessions=article.sessions, learners=article.learners)
        out.append(f"<p>{esc(counts)}</p><table>")
        heads = [f"<th>{esc(label(key, lang))}</th>" for key in DISCERN_COLUMNS]
        out.append(f"<thead><tr>{''.join(heads[:3])}{numbers}{''.join(heads[3:])}</tr></thead><tbody>")
        for number, short, who, hands, middle, reference in discern_lines(discern, article, lang):
            cells = (
                "".join(f"<td class='num'>{n}</td>" for n in hands)
                if hands
                else f"<td colspan='5'>{DASH}</td>"
            )
            out.append(
                f"<tr><td class='num'>{esc(number)}</td><td>{esc(short)}</td><td>{esc(who)}</td>{cells}"
                f"<td class='num'>{esc(middle)}</td><td class='num'><strong>{reference}</strong></td></tr>"
            )
        out.append("</tbody></table>")
    return out


def _kind(q: Question, lang: str) -> str:
    return label(f"qtype.{q.type}", lang)


# -- Markdown -----------------------------------------------------------------------------


def cell(text: str) -> str:
    """Safe inside a Markdown table cell: no pipes, no line breaks, no inline markup."""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    for mark in "*_`[]<>":
        out = out.replace(mark, "\\" + mark)
    return out


def to_markdown(
    course: Course,
    report: ClassReport,
    lang: str,
    discern: Discern | None = None,
    articles: tuple[DiscernArticle, ...] = (),
) -> str:
    parts = [f"# {cell(label('report.title', lang))}: {cell(pick(course.title, lang))}"]
    parts += [cell(line) for line in notes(report, lang)]
    if report.failures:
        failed = [f"**{cell(label('report.failed', lang, n=len(report.failures)))}**"]
        failed += [f"- {cell(line)}" for line in failure_lines(report)]
        parts.append("\n".join(failed))
    parts.append(f"*{cell(label('report.how', lang))}*")
    parts.append(f"## {cell(label('report.mastery', lang))}")
    rows = [
        _md_row(
            label("report.col.lesson", lang),
            label("report.col.questions", lang),
            label("report.col.learners", lang),
            label("report.col.mastery", lang),
        ),
        "|---|---:|---:|---:|",
    ]
    for n, lesson in enumerate(report.lessons, 1):
        name = f"{n}. {pick(lesson.lesson.title, lang)}"
        rows.append(_md_row(name, lesson.questions, lesson.learners, percent(lesson.mastery)))
    parts.append("\n".join(rows))
    parts.append(f"## {cell(label('report.hardest', lang))}")
    hardest = []
    for n, f in enumerate(report.hardest, 1):
        figures = label(
            "report.figures", lang, right=percent(f.share_right), answers=f.answers, learners=f.learners
        )
        line = f"{n}. **{cell(pick(f.question.prompt, lang))}** — {cell(figures)}"
        if f.wrong_option is not None:
            option, why = wrong_option(f, lang)
            line += f"  \n   {cell(label('report.col.wrong', lang))}: {cell(option)} — {cell(why)}"
        hardest.append(line)
    parts.append("\n".join(hardest) or cell(label("report.no_answers", lang)))
    parts.append(f"## {cell(label('report.questions', lang))}")
    table = [
        _md_row(
            "#",
            label("report.col.lesson", lang),
            label("report.col.question", lang),
            label("report.col.learners", lang),
            label("report.col.answers", lang),
            label("report.col.right", lang),
            label("report.col.wrong", lang),
            label("report.col.why", lang),
        ),
        "|---:|---|---|---:|---:|---:|---|---|",
    ]
    for n, f in enumerate(report.questions, 1):
        option, why = wrong_option(f, lang)
        table.append(
            _md_row(
                n,
                pick(f.lesson.title, lang),
                pick(f.question.prompt, lang),
                f.learners,
                f.answers,
                percent(f.share_right),
                option,
                why,
            )
        )
    parts.append("\n".join(table))
    if discern is not None and articles:
        parts.append(f"## {cell(label('report.discern', lang))}")
        parts.append(f"*{cell(label('report.discern_how', lang))}*")
        for article in articles:
            parts.append(f"### {cell(_article_name(course, article.seed, lang))}")
            parts.append(
                cell(
                    label("report.discern_counts", lang, sessions=article.sessions, learners=article.learners)
                )
            )
            head = _md_row(
                label("report.col.number", lang),
                label("report.col.question", lang),
                label("report.col.who", lang),
                *range(1, 6),
                label("report.col.median", lang),
                label("report.col.reference", lang),
            )
            rows = [head, "|---:|---|---|" + "---:|" * 7]
            for number, short, who, hands, middle, reference in discern_lines(discern, article, lang):
                rows.append(_md_row(number, short, who, *(hands or [DASH] * 5), middle, reference))
            parts.append("\n".join(rows))
    files = [f"## {cell(label('report.files', lang))}"]
    files += [
        f"- {cell(printable(name))}: {cell(label('report.rows', lang, n=n))}" for name, n in report.files
    ]
    parts.append("\n".join(files))
    return "\n\n".join(parts) + "\n"


def _md_row(*cells: object) -> str:
    return "| " + " | ".join(cell(str(c)) for c in cells) + " |"


def render(
    course: Course,
    report: ClassReport,
    fmt: str,
    lang: str,
    discern: Discern | None = None,
    articles: tuple[DiscernArticle, ...] = (),
) -> str:
    """The report as `fmt` ("html" or "md") in `lang` ("en", "ja" or "both"), with the class's
    DISCERN ratings beside the reference when `articles` has any."""
    if fmt == "html":
        return to_html(course, report, lang, discern, articles)
    return to_markdown(course, report, lang, discern, articles)
