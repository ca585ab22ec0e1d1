"""The DISCERN workshop: the real appraisals load clean, one broken fixture per kind of error
(exact `path:line:col`), and scoring, ranking and weighted kappa on hand-computed examples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO
from tui.cli import main
from tui.content.discern import (
    Appraisal,
    Discern,
    DiscernSource,
    Rating,
    Section,
    compare,
    complete,
    find_article,
    load_discern,
    rank,
    rank_scores,
    read_discern,
    section_scores,
    weighted_kappa,
)
from tui.content.loader import ContentError, default_course_root, load_course
from tui.content.model import Text
from tui.content.problems import Problems

A = "content/appraisals/100.yaml"
B = "content/appraisals/101.yaml"
INSTRUMENT = "content/discern.yaml"
MINI_SEEDS = ["100_alpha.txt", "101_beta.txt"]
REAL = ["000", "001", "002", "003", "004"]


@pytest.fixture
def workshop(mini: Path) -> Path:
    """The mini course with the real instrument and a valid appraisal of each fixture article."""
    shutil.copy(REPO / "content" / "discern.yaml", mini / "content" / "discern.yaml")
    shutil.copytree(FIXTURES / "discern", mini / "content" / "appraisals")
    return mini


def problems_of(root: Path, seeds: list[str] = MINI_SEEDS) -> list[str]:
    problems = Problems(root=root)
    read_discern(root, seeds, root.parent / "seeds", problems)
    return [str(p) for p in sorted(problems.items)]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), "utf-8")


# -- the shipped appraisals ---------------------------------------------------------------


@pytest.fixture(scope="module")
def real(real_seeds: Path) -> Discern:
    seeds = [s.seed for s in load_course().sources]
    return load_discern(default_course_root(), seeds, real_seeds)


@pytest.fixture(scope="module")
def real_seeds() -> Path:  # module-scoped twin of conftest's
    from tests.conftest import REAL_SEEDS

    if not REAL_SEEDS.is_dir():
        pytest.skip(f"source articles not found at {REAL_SEEDS}: quotes cannot be verified here")
    return REAL_SEEDS


def test_real_appraisals_load_clean(real: Discern) -> None:
    assert [a.seed[:3] for a in real.appraisals] == REAL
    assert sum(len(a.ratings) for a in real.appraisals) == 80
    for appraisal in real.appraisals:
        assert [r.question for r in appraisal.ratings] == list(range(1, 17))
        for rating in appraisal.ratings:
            assert rating.silent == (not rating.quotes)
            assert all(ref.seed == appraisal.seed for ref in rating.quotes)
    assert [q.number for q in real.instrument.in_section(Section.RELIABILITY)] == list(range(1, 9))
    assert [q.number for q in real.instrument.in_section(Section.TREATMENT)] == list(range(9, 16))
    assert real.instrument.scale_for(16) == real.instrument.overall_scale
    assert "Charnock" in real.instrument.reference.citation


def test_real_silences(real: Discern) -> None:
    silent = {a.seed[:3]: [r.question for r in a.ratings if r.silent] for a in real.appraisals}
    assert silent == {"000": [4, 12, 13], "001": [12], "002": [5, 12, 13], "003": [4, 12], "004": [12]}


def test_real_ranking(real: Discern) -> None:
    """Pinned so that a changed reference rating is a visible, reviewed change."""
    ranked = [(r.place, r.seed[:3], r.scores.overall, r.scores.total) for r in rank(real.appraisals)]
    assert ranked == [
        (1, "004", 3, 54),  # Q9 raised to 5 after the independent re-rating
        (2, "000", 2, 42),
        (3, "002", 2, 36),
        (4, "001", 1, 35),
        (5, "003", 1, 34),
    ]


def test_check_reports_discern_counts(capsys: pytest.CaptureFixture[str], real_seeds: Path) -> None:
    code = main(["check", "--content", str(default_course_root()), "--seeds", str(real_seeds), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0, data["problems"]
    counts = data["counts"]
    assert counts["discern_appraisals"] == 5
    assert counts["discern_ratings"] == 80
    assert counts["discern_silent"] == 10
    assert counts["discern_quotes_verified"] == counts["discern_quotes"] > 80


# -- the fixture workshop -----------------------------------------------------------------


def test_fixture_workshop_is_clean(workshop: Path) -> None:
    assert problems_of(workshop) == []
    discern = load_discern(workshop, MINI_SEEDS, workshop.parent / "seeds")
    alpha = discern.appraisal("100_alpha.txt")
    assert alpha is not None
    assert alpha.rating(7).searched == ("相談窓口", "参考資料")
    assert alpha.rating(1).quotes[0].where is not None
    assert alpha.rating(1).quotes[0].where.line == 4


def test_check_fails_on_a_broken_appraisal(workshop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(workshop / A, "question: 3, rating: 3", "question: 3, rating: 6")
    code = main(["check", "--content", str(workshop), "--seeds", str(workshop.parent / "seeds"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [p["message"] for p in data["problems"]] == ["rating must be a whole number from 1 to 5, not 6"]
    assert data["counts"]["discern_appraisals"] == 1


def test_course_without_a_workshop_is_unchanged(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--content", str(mini), "--seeds", str(mini.parent / "seeds"), "--json"])
    assert not any(key.startswith("discern") for key in json.loads(capsys.readouterr().out)["counts"])


# (name, file, old text, new text, expected problems)
CASES = [
    (
        "rating-out-of-range",
        A,
        "question: 3, rating: 3",
        "question: 3, rating: 6",
        [f"{A}:6:27: rating must be a whole number from 1 to 5, not 6"],
    ),
    (
        "rating-not-a-number",
        A,
        "question: 3, rating: 3",
        'question: 3, rating: "3"',
        [f"{A}:6:27: rating must be a whole number from 1 to 5, not a string"],
    ),
    (
        "missing-question",
        A,
        '  - {question: 9, rating: 3, why: {en: "Why 9.", ja: "理由9。"}, '
        'quotes: [{seed: "100_alpha.txt", quote: "成長因子が含まれており"}]}\n',
        "",
        [f"{A}:4:3: ratings for 100_alpha.txt lack question 9"],
    ),
    (
        "question-rated-twice",
        A,
        "question: 9, rating: 3",
        "question: 8, rating: 3",
        [f"{A}:12:5: question 8 is rated twice for 100_alpha.txt"],
    ),
    (
        "fabricated-quote",
        A,
        'quote: "さまざまな細胞に分化できる"}]}\n  - {question: 2',
        'quote: "あらゆる細胞に分化できる"}]}\n  - {question: 2',
        [f'{A}:4:103: quote not found in 100_alpha.txt: "あらゆる細胞に分化できる"'],
    ),
    (
        "quote-from-another-article",
        A,
        'quotes: [{seed: "100_alpha.txt", quote: "ご予約はこちら"}]',
        'quotes: [{seed: "101_beta.txt", quote: "安全性が保証されています"}]',
        [f"{A}:18:82: quote is from 101_beta.txt, not the appraised article 100_alpha.txt"],
    ),
    (
        "silent-with-quotes",
        A,
        "silent: true}\n  - {question: 6",
        'silent: true, quotes: [{seed: "100_alpha.txt", quote: "ご予約はこちら"}]}\n  - {question: 6',
        [f"{A}:8:85: question 5 is marked silent, so it takes no quotes"],
    ),
    (
        "silent-rated-above-1",
        A,
        "question: 12, rating: 1",
        "question: 12, rating: 2",
        [f"{A}:15:28: question 12 is marked silent, so its rating must be 1"],
    ),
    (
        "neither-quotes-nor-silent",
        A,
        ', silent: true}\n  - {question: 13, rating: 1, why: {en: "Why 13.", ja: "理由13。"}',
        '}\n  - {question: 13, rating: 1, why: {en: "Why 13.", ja: "理由13。"}',
        [f"{A}:15:5: question 12 needs quotes from 100_alpha.txt, or silent: true"],
    ),
    (
        "silent-without-searched",
        A,
        ', searched: ["相談窓口", "参考資料"]',
        "",
        [f"{A}:10:71: question 7 has no built-in silence check: list what you looked for under searched:"],
    ),
    (
        "searched-term-is-there",
        A,
        '"参考資料"',
        '"ご予約"',
        [f'{A}:10:96: question 7 is marked silent, but "ご予約" occurs in 100_alpha.txt on line 4'],
    ),
    (
        "unknown-key",
        A,
        "question: 2, rating: 3,",
        "question: 2, rating: 3, score: 3,",
        [
            f"{A}:5:30: unknown key 'score' in rating "
            "(expected one of: question, quotes, rating, searched, silent, why)"
        ],
    ),
    (
        "empty-justification",
        B,
        'why: {en: "Why 4.", ja: "理由4。"}',
        'why: {en: "Why 4.", ja: ""}',
        [f"{B}:7:54: why.ja must not be empty"],
    ),
    (
        "unknown-article",
        B,
        'seed: "101_beta.txt"\n',
        'seed: "102_gamma.txt"\n',
        [f"{B}:2:7: unknown source article '102_gamma.txt'"],
    ),
    (
        "wrong-section",
        INSTRUMENT,
        "  - number: 9\n    section: treatment",
        "  - number: 9\n    section: reliability",
        [f"{INSTRUMENT}:127:14: question 9 is in section 'treatment', not 'reliability'"],
    ),
]


@pytest.mark.parametrize(("name", "file", "old", "new", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_fixture(workshop: Path, name: str, file: str, old: str, new: str, expected: list[str]) -> None:
    edit(workshop / file, old, new)
    assert problems_of(workshop) == expected


def test_missing_appraisal(workshop: Path) -> None:
    (workshop / B).unlink()
    assert problems_of(workshop) == [
        f"{INSTRUMENT}:1:1: article 101_beta.txt has no appraisal in content/appraisals/"
    ]


def test_appraised_twice(workshop: Path) -> None:
    shutil.copy(workshop / B, workshop / "content" / "appraisals" / "999.yaml")
    assert problems_of(workshop) == [
        "content/appraisals/999.yaml:1:1: 101_beta.txt is appraised twice "
        "(first in content/appraisals/101.yaml)"
    ]


def test_silence_contradicted_by_a_date(workshop: Path) -> None:
    seed = workshop.parent / "seeds" / "100_alpha.txt"
    seed.write_text(seed.read_text("utf-8") + "\n更新日 2024年5月1日\n", "utf-8")
    assert problems_of(workshop) == [
        f'{A}:8:71: question 5 is marked silent, but 100_alpha.txt has a date on line 6: "2024"'
    ]


def test_every_problem_is_collected(workshop: Path) -> None:
    edit(workshop / A, "question: 3, rating: 3", "question: 3, rating: 6")
    edit(workshop / B, "question: 3, rating: 3", "question: 3, rating: 0")
    assert problems_of(workshop) == [
        f"{A}:6:27: rating must be a whole number from 1 to 5, not 6",
        f"{B}:6:27: rating must be a whole number from 1 to 5, not 0",
    ]


def test_load_discern_raises_with_every_problem(workshop: Path) -> None:
    edit(workshop / A, "question: 3, rating: 3", "question: 3, rating: 6")
    with pytest.raises(ContentError) as caught:
        load_discern(workshop, MINI_SEEDS, workshop.parent / "seeds")
    assert [str(p) for p in caught.value.problems] == [
        f"{A}:6:27: rating must be a whole number from 1 to 5, not 6"
    ]


def test_real_silence_contradicted(tmp_path: Path, real_seeds: Path) -> None:
    """Marking article 003 silent on dates is refused: its column is dated 2023.06.12."""
    root = tmp_path / "course"
    shutil.copytree(default_course_root() / "content", root / "content")
    path = root / "content" / "appraisals" / "003.yaml"
    text = path.read_text("utf-8")
    old = '    rating: 2\n    why:\n      en: "The column is dated 12 June 2023'
    assert text.count(old) == 1
    text = text.replace(
        old, '    rating: 1\n    silent: true\n    why:\n      en: "The column is dated 12 June 2023'
    )
    text = text.replace('    quotes:\n      - {seed: "003_b8d7b2f0e11910de.txt", quote: "2023.06.12"}\n', "")
    path.write_text(text, "utf-8")
    seeds = [s.seed for s in load_course().sources]
    problems = Problems(root=root)
    read_discern(root, seeds, real_seeds, problems)
    lines = text.splitlines()
    line = next(n for n, t in enumerate(lines, 1) if t.startswith('      en: "The column is dated')) - 2
    assert lines[line - 1] == "    silent: true"
    assert [str(p) for p in problems.items] == [
        f"content/appraisals/003.yaml:{line}:13: question 5 is marked silent, but "
        f'003_b8d7b2f0e11910de.txt has a date on line 5: "2023"'
    ]


# -- scoring ------------------------------------------------------------------------------


def appraisal(seed: str, scores: dict[int, int]) -> Appraisal:
    why = Text("x", "x")
    return Appraisal(seed, tuple(Rating(q, scores[q], why) for q in range(1, 17)))


def all_scores(value: int, **override: int) -> dict[int, int]:
    scores = dict.fromkeys(range(1, 17), value)
    scores.update({int(k[1:]): v for k, v in override.items()})
    return scores


def test_section_scores() -> None:
    # reliability: 1+2+3+4+5+1+2+3 = 21 / 8 = 2.625; treatment: 4+5+1+2+3+4+5 = 24 / 7
    scores = {q: (q - 1) % 5 + 1 for q in range(1, 16)} | {16: 3}
    result = section_scores(scores)
    assert result.reliability == 21 / 8
    assert result.treatment == 24 / 7
    assert result.overall == 3
    assert result.total == 45


def test_section_scores_need_all_sixteen() -> None:
    with pytest.raises(ValueError, match="questions not rated: 16"):
        section_scores(dict.fromkeys(range(1, 16), 3))
    with pytest.raises(ValueError, match="rating 6 is not 1-5"):
        section_scores(all_scores(3, q2=6))


def test_rank_by_overall_then_total_with_ties() -> None:
    ranked = rank(
        [
            appraisal("a", all_scores(2, q16=1)),  # overall 1
            appraisal("b", all_scores(3, q16=2)),  # overall 2, total 45
            appraisal("c", all_scores(2, q16=2)),  # overall 2, total 30
            appraisal("d", all_scores(3, q16=2)),  # ties with b
        ]
    )
    assert [(r.place, r.seed) for r in ranked] == [(1, "b"), (1, "d"), (3, "c"), (4, "a")]


def test_weighted_kappa_hand_computed() -> None:
    # Observed: pairs (1,1) (2,3) (3,3); quadratic disagreement 0 + 1 + 0 = 1 (in units of
    # 1/16), over 3 pairs = 1/3. Expected from the margins, a = {1,2,3} each 1/3 and
    # b = {1: 1/3, 3: 2/3}: (1/9)[(1-3)²·2 + (2-1)²·1 + (2-3)²·2 + (3-1)²·1] = 15/9 = 5/3.
    # kappa = 1 - (1/3) / (5/3) = 0.8.
    assert weighted_kappa([1, 2, 3], [1, 3, 3]) == pytest.approx(0.8)
    assert weighted_kappa([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]) == pytest.approx(1.0)
    # Complete reversal of two ratings at the extremes: observed 16, expected 8, kappa -1.
    assert weighted_kappa([1, 5], [5, 1]) == pytest.approx(-1.0)
    assert weighted_kappa([3, 3], [3, 3]) is None  # no disagreement possible by chance
    assert weighted_kappa([], []) is None
    with pytest.raises(ValueError):
        weighted_kappa([1, 2], [1])
    with pytest.raises(ValueError):
        weighted_kappa([0], [1])


def test_compare_a_learner_with_the_reference() -> None:
    reference = all_scores(3, q1=1, q2=5)
    learner = {1: 1, 2: 3, 3: 4, 4: 3}  # only four questions answered
    result = compare(learner, reference)
    assert result.differences == {1: 0, 2: -2, 3: 1, 4: 0}
    assert (result.answered, result.exact, result.within_one) == (4, 2, 3)
    assert result.far_apart() == [2]
    # Learner {1,3,4,3} against reference {1,5,3,3}, in units of 1/16: observed
    # (0 + 4 + 1 + 0) / 4 = 5/4; expected from the margins a = {1:1, 3:2, 4:1} and
    # b = {1:1, 3:2, 5:1}: (24 + 16 + 12) / 16 = 13/4; kappa = 1 - (5/4) / (13/4) = 8/13.
    assert result.kappa == pytest.approx(8 / 13)
    with pytest.raises(ValueError, match="no DISCERN question 17"):
        compare({17: 3}, reference)


def test_rank_scores_ranks_plain_ratings_like_appraisals() -> None:
    by_article = {"a": all_scores(2, q16=1), "b": all_scores(3, q16=2), "d": all_scores(3, q16=2)}
    assert rank_scores(by_article) == rank([appraisal(s, scores) for s, scores in by_article.items()])
    with pytest.raises(ValueError, match="questions not rated"):
        rank_scores({"a": {1: 3}})
    assert complete(all_scores(3)) and not complete({q: 3 for q in range(1, 16)})


def test_find_article_by_number_or_file_name() -> None:
    seeds = ["000_2557f7202a19de30.txt", "001_6a4e017ff932e135.txt"]
    assert find_article(seeds, "001") == find_article(seeds, "1") == seeds[1]
    assert find_article(seeds, "000_2557f7202a19de30.txt") == seeds[0]
    for wanted in ("002", "", "abc", "١", "001_x.txt", "-1"):
        assert find_article(seeds, wanted) is None, wanted


def test_discern_source_reads_once_and_counts_problems(workshop: Path) -> None:
    source = DiscernSource.for_course(workshop, MINI_SEEDS)
    first = source.get()
    assert first is not None and source.get() is first and source.problems == 0
    edit(workshop / A, "question: 1, rating: 4", "question: 1, rating: 7")
    assert source.get() is first  # read once: a running app keeps what it read
    broken = DiscernSource.for_course(workshop, MINI_SEEDS)
    assert broken.get() is None and broken.problems >= 1
    assert DiscernSource().get() is None and DiscernSource.of(first).get() is first


def test_a_course_without_a_workshop_has_no_source(mini: Path) -> None:
    source = DiscernSource.for_course(mini, MINI_SEEDS)
    assert source.get() is None and source.problems == 0
