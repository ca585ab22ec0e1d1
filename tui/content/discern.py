"""DISCERN appraisals of the source articles: the instrument, the reference ratings, their
validation, and scoring (section means, ranking, a learner's ratings against the reference).

DISCERN (Charnock, Shepperd, Needham and Gann, J Epidemiol Community Health 1999;53:105-111)
rates written consumer health information on treatment choices with 16 questions, 1 (no) to
5 (yes). The instrument's wording lives in `content/discern.yaml` as our own paraphrase, cited to
the paper in its `reference:` block; it is never a quote and is never checked against the
articles. The reference appraisals live in `content/appraisals/*.yaml`, one file per article;
their evidence is verbatim quotes, verified like the course's.

A rating that rests on what an article does *not* say is `silent: true`: it has no quotes, is
rated 1, and is checked against the article text (see `SILENCE_CHECKS` and `searched`).

Pure Python: never imports Textual.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import cast

from yaml.nodes import Node, ScalarNode

from tui.content.files import Unreadable
from tui.content.model import Location, SourceRef, Text
from tui.content.problems import Problems, excerpt, printable
from tui.content.provenance import Article, nfc
from tui.content.reader import QUOTE_MAX, QUOTE_MIN, Gather, Invalid, Reader, Registry

# Re-exported: the scale and the lazy source live apart so start-up never imports YAML.
from tui.content.workshop import DISCERN_FILE as DISCERN_FILE
from tui.content.workshop import QUESTIONS as QUESTIONS
from tui.content.workshop import RATINGS as RATINGS
from tui.content.workshop import DiscernSource as DiscernSource
from tui.content.workshop import discern_present as discern_present
from tui.content.yamlfile import describe, read_yaml

APPRAISALS_DIR = Path("content", "appraisals")


class Section(StrEnum):
    RELIABILITY = "reliability"  # questions 1-8
    TREATMENT = "treatment"  # questions 9-15
    OVERALL = "overall"  # question 16


def section_of(number: int) -> Section:
    if number <= 8:
        return Section.RELIABILITY
    return Section.TREATMENT if number <= 15 else Section.OVERALL


# -- silence ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SilenceCheck:
    """What an article must not contain for `silent: true` on one question to be plausible.

    Deliberately simple and over-eager: a false alarm asks the appraiser to look again (and
    rate with a quote instead), while a miss would let a wrong "the article never says" stand.
    """

    what: str  # for the message: "... but <seed> has <what> on line N"
    pattern: re.Pattern[str]


SILENCE_CHECKS: dict[int, SilenceCheck] = {
    # Q4 sources: a reference list, a footnote, a link, an author-year citation, a paper.
    4: SilenceCheck(
        "a citation",
        re.compile(r"参考|引用|出典|文献|論文|et al|doi|https?://|\[\^\d+\]|[A-Z][a-z]+, [A-Z]\.", re.I),
    ),
    # Q5 dates: any year 19xx/20xx (2025年, 2023.06.12, 2024-2025), a Japanese era, or 3月19日.
    5: SilenceCheck(
        "a date",
        re.compile(
            r"(?<![0-9０-９])(?:19|20|１９|２０)[0-9０-９]{2}(?![0-9０-９])|令和|平成|\d{1,2}月\d{1,2}日"
        ),
    ),
    # Q12 no treatment: any mention of not being treated, waiting, or leaving it be.
    12: SilenceCheck(
        "a mention of not being treated",
        re.compile(
            "治療しない|治療をしない|治療を受けない|受けなかった|放置|何もしない|無治療|未治療|経過観察|自然治癒"
        ),
    ),
    # Q13 quality of life: daily life, downtime, work or cost.
    13: SilenceCheck(
        "a mention of daily life, downtime, work or cost",
        re.compile("日常生活|生活の質|QOL|ダウンタイム|仕事|費用"),
    ),
}


# -- model --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reference:
    """The published instrument the questions paraphrase: a source distinct from the articles."""

    citation: str
    doi: str
    url: str
    handbook: str
    note: Text


@dataclass(frozen=True, slots=True)
class Scale:
    """What 1, the middle and 5 mean."""

    low: Text
    mid: Text
    high: Text


@dataclass(frozen=True, slots=True)
class SectionInfo:
    id: Section
    title: Text
    summary: Text


@dataclass(frozen=True, slots=True)
class Question:
    number: int
    section: Section
    short: Text  # a label: "Clear aims"
    ask: Text  # the question, paraphrased
    hint: Text  # what to look for, paraphrased


@dataclass(frozen=True, slots=True)
class Instrument:
    reference: Reference
    scale: Scale  # questions 1-15
    overall_scale: Scale  # question 16
    sections: tuple[SectionInfo, ...]
    questions: tuple[Question, ...]  # 1..16, in order

    def question(self, number: int) -> Question:
        return self.questions[number - 1]

    def section(self, section: Section) -> SectionInfo:
        return next(s for s in self.sections if s.id == section)

    def in_section(self, section: Section) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.section == section)

    def scale_for(self, number: int) -> Scale:
        return self.overall_scale if number == 16 else self.scale


@dataclass(frozen=True, slots=True)
class Rating:
    """One question rated for one article, with why and the evidence (or a checked silence)."""

    question: int
    score: int
    why: Text
    quotes: tuple[SourceRef, ...] = ()
    silent: bool = False
    searched: tuple[str, ...] = ()  # what the appraiser looked for and did not find
    where: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Appraisal:
    seed: str
    ratings: tuple[Rating, ...]  # one per question, 1..16 in order
    where: Location | None = field(default=None, compare=False)

    def rating(self, number: int) -> Rating:
        return self.ratings[number - 1]

    @property
    def scores(self) -> dict[int, int]:
        return {r.question: r.score for r in self.ratings}


@dataclass(frozen=True, slots=True)
class Discern:
    instrument: Instrument
    appraisals: tuple[Appraisal, ...]  # in the order of the course's sources

    def appraisal(self, seed: str) -> Appraisal | None:
        return next((a for a in self.appraisals if a.seed == seed), None)


# -- scoring ------------------------------------------------------------------------------


def check_scores(scores: Mapping[int, int]) -> None:
    """Raise ValueError unless every key is a question 1-16 and every value an int 1-5."""
    for question, score in scores.items():
        if isinstance(question, bool) or question not in QUESTIONS:
            raise ValueError(f"no DISCERN question {question!r}")
        if isinstance(score, bool) or score not in RATINGS:
            raise ValueError(f"question {question}: rating {score!r} is not 1-5")


@dataclass(frozen=True, slots=True)
class SectionScores:
    reliability: float  # mean of questions 1-8
    treatment: float  # mean of questions 9-15
    overall: int  # question 16
    total: int  # sum of questions 1-15 (15-75), the tie-breaker when ranking


def section_scores(scores: Mapping[int, int]) -> SectionScores:
    """Section means of a complete set of 16 ratings (ValueError if any is missing)."""
    check_scores(scores)
    missing = [q for q in QUESTIONS if q not in scores]
    if missing:
        raise ValueError(f"questions not rated: {', '.join(map(str, missing))}")
    reliability = [scores[q] for q in QUESTIONS if section_of(q) is Section.RELIABILITY]
    treatment = [scores[q] for q in QUESTIONS if section_of(q) is Section.TREATMENT]
    return SectionScores(
        sum(reliability) / len(reliability),
        sum(treatment) / len(treatment),
        scores[16],
        sum(reliability) + sum(treatment),
    )


@dataclass(frozen=True, slots=True)
class Ranked:
    place: int  # 1 is best; equal keys share a place (1, 1, 3)
    seed: str
    scores: SectionScores


def rank(appraisals: Iterable[Appraisal]) -> list[Ranked]:
    """Best first: by the overall rating (question 16), then by the sum of questions 1-15;
    ties keep the same place and are listed by seed."""
    return rank_scores({a.seed: a.scores for a in appraisals})


def rank_scores(by_article: Mapping[str, Mapping[int, int]]) -> list[Ranked]:
    """`rank` for plain ratings by article (a learner's); every article needs all 16."""
    scored = [(seed, section_scores(scores)) for seed, scores in by_article.items()]
    scored.sort(key=lambda item: (-item[1].overall, -item[1].total, item[0]))
    ranked: list[Ranked] = []
    for index, (seed, scores) in enumerate(scored):
        tied = ranked and (ranked[-1].scores.overall, ranked[-1].scores.total) == (
            scores.overall,
            scores.total,
        )
        ranked.append(Ranked(ranked[-1].place if tied else index + 1, seed, scores))
    return ranked


def complete(scores: Mapping[int, int]) -> bool:
    """Whether all 16 questions are rated (what `section_scores` and the ranking need)."""
    return all(q in scores for q in QUESTIONS)


def find_article(seeds: Sequence[str], wanted: str) -> str | None:
    """The article `wanted` names: its file name, or its number ("001", "1"); None if none does."""
    if wanted in seeds:
        return wanted
    if wanted.isdigit() and wanted.isascii():
        for seed in seeds:
            number = seed.split("_", 1)[0]
            if number.isdigit() and int(number) == int(wanted):
                return seed
    return None


def weighted_kappa(a: Sequence[int], b: Sequence[int], categories: Sequence[int] = RATINGS) -> float | None:
    """Cohen's kappa with quadratic weights for two raters' paired ratings.

    1 is perfect agreement, 0 what chance would give, negative worse than chance. None when it
    is undefined: no pairs, or no disagreement is possible by chance (both raters used one and
    the same value throughout).
    """
    if len(a) != len(b):
        raise ValueError(f"{len(a)} ratings against {len(b)}")
    index = {c: i for i, c in enumerate(categories)}
    if any(x not in index for x in (*a, *b)):
        raise ValueError(f"ratings must be among {list(categories)}")
    n, k = len(a), len(categories)
    if n == 0 or k < 2:
        return None
    pairs = Counter((index[x], index[y]) for x, y in zip(a, b, strict=True))
    rows = Counter(index[x] for x in a)
    cols = Counter(index[y] for y in b)

    def weight(i: int, j: int) -> float:
        return (i - j) ** 2 / (k - 1) ** 2

    observed = sum(weight(i, j) * count for (i, j), count in pairs.items()) / n
    expected = sum(weight(i, j) * rows[i] * cols[j] for i in rows for j in cols) / (n * n)
    if expected == 0:
        return None
    return 1 - observed / expected


@dataclass(frozen=True, slots=True)
class Comparison:
    """A learner's ratings of one article against the reference, over the questions answered."""

    differences: dict[int, int]  # question -> learner minus reference
    exact: int
    within_one: int  # |difference| <= 1, exact matches included
    kappa: float | None  # quadratic weighted kappa over the answered questions

    @property
    def answered(self) -> int:
        return len(self.differences)

    def far_apart(self, at_least: int = 2) -> list[int]:
        """Questions where the learner and the reference differ by `at_least` points or more."""
        return [q for q, d in self.differences.items() if abs(d) >= at_least]


def compare(learner: Mapping[int, int], reference: Mapping[int, int]) -> Comparison:
    """Compare the questions the learner rated (any subset of 1-16) with the reference."""
    check_scores(learner)
    check_scores(reference)
    asked = [q for q in QUESTIONS if q in learner]
    unrated = [q for q in asked if q not in reference]
    if unrated:
        raise ValueError(f"the reference has no rating for: {', '.join(map(str, unrated))}")
    differences = {q: learner[q] - reference[q] for q in asked}
    return Comparison(
        differences,
        sum(d == 0 for d in differences.values()),
        sum(abs(d) <= 1 for d in differences.values()),
        weighted_kappa([learner[q] for q in asked], [reference[q] for q in asked]),
    )


# -- reading and validation ---------------------------------------------------------------


@dataclass
class Tally:
    """What `check` reports about the appraisals."""

    appraisals: int = 0
    ratings: int = 0
    silent: int = 0
    quotes: int = 0
    quotes_verified: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "discern_appraisals": self.appraisals,
            "discern_ratings": self.ratings,
            "discern_silent": self.silent,
            "discern_quotes": self.quotes,
            "discern_quotes_verified": self.quotes_verified,
        }


def appraisal_files(root: Path) -> list[Path]:
    return sorted((root / APPRAISALS_DIR).glob("*.yaml"))


def read_discern(
    root: Path, seeds: Sequence[str], seeds_dir: Path | None, problems: Problems
) -> tuple[Discern | None, Tally]:
    """Read and validate the instrument and one appraisal per article in `seeds` (the course's
    sources, in order). Quotes and silences are checked when `seeds_dir` is a folder. Every
    problem is added to `problems`; the Discern is None if there was any."""
    before = len(problems)
    tally = Tally()
    articles = _articles(seeds_dir, seeds)
    instrument_path = root / DISCERN_FILE
    instrument = None
    node = read_yaml(instrument_path, problems)
    if node is not None:
        with contextlib.suppress(Invalid):  # its problems are recorded
            instrument = DiscernReader(instrument_path, problems, articles, tally).instrument(node)
    found: dict[str, tuple[Appraisal, Path]] = {}
    broken = False
    for path in appraisal_files(root):
        node = read_yaml(path, problems)
        if node is None:
            broken = True
            continue
        try:
            appraisal = DiscernReader(path, problems, articles, tally).appraisal(node, seeds)
        except Invalid:
            broken = True
            continue
        if appraisal.seed in found:
            first = problems.display_path(found[appraisal.seed][1])
            problems.add(path, 1, 1, f"{appraisal.seed} is appraised twice (first in {first})")
        else:
            found[appraisal.seed] = (appraisal, path)
    if not broken:  # a file that failed to parse may be the one that looked missing
        for seed in seeds:
            if seed not in found:
                folder = printable(str(APPRAISALS_DIR))
                problems.add(instrument_path, 1, 1, f"article {seed} has no appraisal in {folder}/")
    tally.appraisals = len(found)
    if instrument is None or len(problems) > before:
        return None, tally
    return Discern(instrument, tuple(found[seed][0] for seed in seeds)), tally


def load_discern(root: Path, seeds: Sequence[str], seeds_dir: Path | None) -> Discern:
    """The validated workshop, or ContentError listing every problem."""
    from tui.content.loader import ContentError

    problems = Problems(root=root)
    discern, _ = read_discern(root, seeds, seeds_dir, problems)
    if discern is None:
        raise ContentError(problems.items)
    return discern


def _articles(seeds_dir: Path | None, seeds: Sequence[str]) -> dict[str, Article | str]:
    """Each article, or why it cannot be read; empty when quotes are not to be verified."""
    if seeds_dir is None or not seeds_dir.is_dir():
        return {}
    articles: dict[str, Article | str] = {}
    for seed in seeds:
        try:
            articles[seed] = Article.read(seeds_dir / seed)
        except Unreadable as error:
            articles[seed] = error.reason
        except UnicodeDecodeError as error:
            articles[seed] = f"not UTF-8 (byte {error.start})"
    return articles


def _line_of(text: str, start: int) -> int:
    return text.count("\n", 0, start) + 1


class DiscernReader(Reader):
    """Reads the instrument file and appraisal files into the records above."""

    def __init__(
        self, path: Path, problems: Problems, articles: Mapping[str, Article | str], tally: Tally
    ) -> None:
        super().__init__(path, problems, Registry())
        self.articles = articles
        self.tally = tally

    def integer(self, node: Node, what: str, allowed: Sequence[int]) -> int:
        lo, hi = allowed[0], allowed[-1]
        if isinstance(node, ScalarNode) and node.tag.endswith(":int") and node.value.isdigit():
            value = int(node.value)
            if lo <= value <= hi:
                return value
            raise self.fail(node, f"{what} must be a whole number from {lo} to {hi}, not {value}")
        raise self.fail(node, f"{what} must be a whole number from {lo} to {hi}, not {describe(node)}")

    # -- the instrument -----------------------------------------------------------------

    def instrument(self, node: Node) -> Instrument:
        f = self.mapping(
            node, "DISCERN file", ("reference", "scale", "overall_scale", "sections", "questions")
        )
        g = Gather()
        reference = g(lambda: self.reference(f["reference"]))
        scale = g(lambda: self.scale(f["scale"], "scale"))
        overall = g(lambda: self.scale(f["overall_scale"], "overall_scale"))
        sections = g(lambda: self.sections(f["sections"]))
        questions = g(lambda: self.questions(f["questions"]))
        g.done("DISCERN file")
        return Instrument(
            cast(Reference, reference),
            cast(Scale, scale),
            cast(Scale, overall),
            cast(tuple[SectionInfo, ...], sections),
            cast(tuple[Question, ...], questions),
        )

    def reference(self, node: Node) -> Reference:
        f = self.mapping(node, "reference", ("citation", "doi", "url", "handbook", "note"))
        g = Gather()
        citation = g(lambda: self.string(f["citation"], "citation"))
        doi = g(lambda: self.string(f["doi"], "doi"))
        url = g(lambda: self.string(f["url"], "url"))
        handbook = g(lambda: self.string(f["handbook"], "handbook"))
        note = g(lambda: self.text(f["note"], "note"))
        g.done("reference")
        if not cast(str, url).startswith("https://"):
            raise self.fail(f["url"], "url must start with https://")
        return Reference(
            cast(str, citation), cast(str, doi), cast(str, url), cast(str, handbook), cast(Text, note)
        )

    def scale(self, node: Node, what: str) -> Scale:
        f = self.mapping(node, what, ("low", "mid", "high"))
        g = Gather()
        low = g(lambda: self.text(f["low"], f"{what}.low"))
        mid = g(lambda: self.text(f["mid"], f"{what}.mid"))
        high = g(lambda: self.text(f["high"], f"{what}.high"))
        g.done(what)
        return Scale(cast(Text, low), cast(Text, mid), cast(Text, high))

    def sections(self, node: Node) -> tuple[SectionInfo, ...]:
        sections = self.each(node, "sections", self.section_info)
        listed = [s.id for s in sections]
        if sorted(listed) != sorted(Section):
            expected = ", ".join(s.value for s in Section)
            raise self.fail(node, f"sections must list each of {expected} once")
        return sections

    def section_info(self, node: Node) -> SectionInfo:
        f = self.mapping(node, "section", ("id", "title", "summary"))
        g = Gather()
        section = g(lambda: Section(self.choice(f["id"], "section id", tuple(Section))))
        title = g(lambda: self.text(f["title"], "title"))
        summary = g(lambda: self.text(f["summary"], "summary"))
        g.done("section")
        return SectionInfo(cast(Section, section), cast(Text, title), cast(Text, summary))

    def questions(self, node: Node) -> tuple[Question, ...]:
        questions = self.each(node, "questions", self.question)
        numbers = [q.number for q in questions]
        if numbers != list(QUESTIONS):
            raise self.fail(node, "questions must be numbered 1 to 16, in order, each once")
        return questions

    def question(self, node: Node) -> Question:
        f = self.mapping(node, "question", ("number", "section", "short", "ask", "hint"))
        g = Gather()
        number = g(lambda: self.integer(f["number"], "question number", QUESTIONS))
        section = g(lambda: Section(self.choice(f["section"], "section", tuple(Section))))
        short = g(lambda: self.text(f["short"], "short"))
        ask = g(lambda: self.text(f["ask"], "ask"))
        hint = g(lambda: self.text(f["hint"], "hint"))
        g.done("question")
        if number is not None and section is not section_of(number):
            raise self.fail(
                f["section"], f"question {number} is in section '{section_of(number)}', not '{section}'"
            )
        return Question(
            cast(int, number), cast(Section, section), cast(Text, short), cast(Text, ask), cast(Text, hint)
        )

    # -- an appraisal -------------------------------------------------------------------

    def appraisal(self, node: Node, seeds: Sequence[str]) -> Appraisal:
        f = self.mapping(node, "appraisal", ("seed", "ratings"))
        seed = self.string(f["seed"], "seed")
        if seed not in seeds:
            raise self.fail(f["seed"], f"unknown source article '{excerpt(seed)}'")
        article = self.articles.get(seed)
        if isinstance(article, str):
            self.fail(f["seed"], f"article {seed} cannot be read: {article}")
        ratings = self.each(f["ratings"], "ratings", lambda n: self.rating(n, seed))
        seen: dict[int, Rating] = {}
        for child, rating in zip(f["ratings"].value, ratings, strict=True):
            if rating.question in seen:
                raise self.fail(child, f"question {rating.question} is rated twice for {seed}")
            seen[rating.question] = rating
        missing = [q for q in QUESTIONS if q not in seen]
        if missing:
            raise self.fail(f["ratings"], f"ratings for {seed} lack question {', '.join(map(str, missing))}")
        return Appraisal(seed, tuple(seen[q] for q in QUESTIONS), self.where(node))

    def rating(self, node: Node, seed: str) -> Rating:
        f = self.mapping(node, "rating", ("question", "rating", "why"), ("quotes", "silent", "searched"))
        g = Gather()
        number = g(lambda: self.integer(f["question"], "question", QUESTIONS))
        score = g(lambda: self.integer(f["rating"], "rating", RATINGS))
        why = g(lambda: self.text(f["why"], "why"))
        silent = g(lambda: self.boolean(f["silent"], "silent")) if "silent" in f else False
        quotes = (
            g(lambda: self.each(f["quotes"], "quotes", lambda n: self.evidence(n, seed)))
            if "quotes" in f
            else ()
        )
        searched = g(lambda: self.searched(f["searched"])) if "searched" in f else ()
        g.done("rating")
        number, score = cast(int, number), cast(int, score)
        self.tally.ratings += 1
        if silent:
            self.tally.silent += 1
            self.silence(f, number, score, seed, bool(quotes), searched or ())
        elif not quotes:
            raise self.fail(node, f"question {number} needs quotes from {seed}, or silent: true")
        elif "searched" in f:
            raise self.fail(f["searched"], "searched is only for silent ratings")
        return Rating(
            number, score, cast(Text, why), quotes or (), bool(silent), searched or (), self.where(node)
        )

    def evidence(self, node: Node, seed: str) -> SourceRef:
        """A quote: the course's `{seed, quote}` rules, and the seed is the appraised article."""
        f = self.mapping(node, "quote", ("seed", "quote"), ("gloss",))
        quoted_seed = self.string(f["seed"], "seed")
        if quoted_seed != seed:
            raise self.fail(
                f["seed"], f"quote is from {excerpt(quoted_seed)}, not the appraised article {seed}"
            )
        quote = self.string(f["quote"], "quote")
        if "\n" in quote:
            raise self.fail(f["quote"], "quote must be on one line")
        if len(quote) > QUOTE_MAX:
            raise self.fail(f["quote"], f"quote is {len(quote)} characters; keep it to {QUOTE_MAX} or fewer")
        if len(quote.strip()) < QUOTE_MIN:
            raise self.fail(f["quote"], f"quote is shorter than {QUOTE_MIN} characters")
        gloss = self.optional_string(f.get("gloss"), "gloss")
        self.tally.quotes += 1
        article = self.articles.get(seed)
        if isinstance(article, Article):
            if nfc(quote) not in article.text:
                raise self.fail(f["quote"], f'quote not found in {seed}: "{excerpt(quote, 80)}"')
            self.tally.quotes_verified += 1
        return SourceRef(seed, quote, gloss, None, self.where(f["quote"]))

    def searched(self, node: Node) -> tuple[str, ...]:
        terms = self.each(node, "searched", lambda n: self.string(n, "searched term"), min_len=1)
        for child, term in zip(node.value, terms, strict=True):
            if len(term.strip()) < 2:
                raise self.fail(child, "a searched term needs at least 2 characters")
        return terms

    def silence(
        self, f: dict[str, Node], number: int, score: int, seed: str, quoted: bool, searched: tuple[str, ...]
    ) -> None:
        """Check a `silent: true` rating: no quotes, rated 1, and the article really is silent."""
        if quoted:
            raise self.fail(f["quotes"], f"question {number} is marked silent, so it takes no quotes")
        if score != 1:
            raise self.fail(f["rating"], f"question {number} is marked silent, so its rating must be 1")
        check = SILENCE_CHECKS.get(number)
        if check is None and not searched:
            raise self.fail(
                f["silent"],
                f"question {number} has no built-in silence check: list what you looked for under searched:",
            )
        article = self.articles.get(seed)
        if not isinstance(article, Article):
            return
        if check is not None:
            found = check.pattern.search(article.text)
            if found is not None:
                line = _line_of(article.text, found.start())
                raise self.fail(
                    f["silent"],
                    f"question {number} is marked silent, but {seed} has {check.what} on line {line}: "
                    f'"{excerpt(found.group(), 40)}"',
                )
        for child, term in zip(f["searched"].value if searched else (), searched, strict=True):
            at = article.text.find(nfc(term))
            if at >= 0:
                line = _line_of(article.text, at)
                raise self.fail(
                    child,
                    f'question {number} is marked silent, but "{excerpt(term, 40)}" occurs in {seed} '
                    f"on line {line}",
                )
