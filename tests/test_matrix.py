"""The "who says what" matrix: the pure builder on the mini and real courses, and `export claims`."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import MINI
from tui.claims_export import claims_csv, claims_markdown, export_claims
from tui.cli import main
from tui.content.loader import load_course
from tui.content.matrix import SILENT, Cell, build_matrix
from tui.content.model import Strength
from tui.content.provenance import Article

A, B = "100_alpha.txt", "101_beta.txt"


def test_mini_matrix_rows_and_cells() -> None:
    course = load_course(MINI)
    m = build_matrix(course)
    assert m.seeds == (A, B)
    assert [t.id for t in m.topics] == ["what", "size", "contents", "effects", "safety"]
    assert [(r.topic, r.id, r.named) for r in m.rows] == [
        ("what", "c-100-definition", False),
        ("size", "r-size", True),
        ("contents", "c-100-growth-factors", False),
        ("effects", "c-100-firmness", False),
        ("safety", "c-101-safety", False),
    ]
    assert m.row("r-size").label.en == "Exosomes are 30–150 nm across"
    assert m.row("c-100-firmness").label == m.claim("c-100-firmness").says
    assert m.cell("r-size", A) is SILENT
    assert m.cell("r-size", B) == Cell("claim", ("c-101-size",), (Strength.STATED,))
    assert m.cell("r-size", B).strength is Strength.STATED
    # d-safety sets 101's guarantee against 100's expectation: each contradicts the other's row.
    assert m.cell("c-100-firmness", A) == Cell(
        "claim", ("c-100-firmness",), (Strength.EXPECTED,), ("d-safety",)
    )
    assert m.cell("c-100-firmness", B) == Cell("contradicts", (), (), ("d-safety",), ("c-101-safety",))
    assert m.cell("c-101-safety", A) == Cell("contradicts", (), (), ("d-safety",), ("c-100-firmness",))
    assert m.cell("c-101-safety", A).strength is None
    assert [r.quote for r in m.quotes("c-100-firmness", B)] == ["安全性が保証されています"]
    assert [r.quote for r in m.quotes("c-100-firmness", A)] == ["肌のハリの改善が期待されています"]
    assert m.quotes("r-size", A) == ()
    assert [r.id for r in m.rows_for("size")] == ["r-size"]


def test_mini_rows_that_share_a_row_id_share_a_row(mini: Path) -> None:
    path = mini / "content/claims/100.yaml"
    path.write_text(
        path.read_text("utf-8").replace("    topic: effects\n", "    topic: size\n    row: r-size\n", 1),
        "utf-8",
    )
    m = build_matrix(load_course(mini))
    assert m.row("r-size").claims == ("c-100-firmness", "c-101-size")
    assert m.cell("r-size", A).strengths == (Strength.EXPECTED,)
    assert "c-100-firmness" not in {r.id for r in m.rows}


@pytest.fixture(scope="module")
def real() -> tuple:  # type: ignore[type-arg]
    course = load_course()
    return course, build_matrix(course)


def test_real_every_claim_is_in_exactly_one_row(real: tuple) -> None:  # type: ignore[type-arg]
    course, m = real
    placed = [claim_id for row in m.rows for claim_id in row.claims]
    assert sorted(placed) == sorted(c.id for c in course.claims)
    assert len(placed) == len(set(placed))
    assert [t.id for t in m.topics] == [t.id for t in course.topics]
    for row in m.rows:
        assert all(m.claim(c).topic == row.topic for c in row.claims)
        if row.named:  # a named row says the same thing in more than one article
            assert len({m.claim(c).seed for c in row.claims}) >= 2, row.id


def test_real_cells_agree_with_the_claims(real: tuple) -> None:  # type: ignore[type-arg]
    _, m = real
    for row in m.rows:
        for seed in m.seeds:
            cell = m.cell(row.id, seed)
            mine = [c for c in row.claims if m.claim(c).seed == seed]
            assert cell.claims == tuple(mine)
            assert (cell.state == "claim") == bool(mine)
            assert set(cell.strengths) == {m.claim(c).strength for c in mine}
            if cell.state == "contradicts":
                assert cell.disagreements and cell.against
                assert all(m.claim(c).seed == seed for c in cell.against)


def test_real_every_non_silent_cell_is_traceable_to_a_verified_quote(
    real: tuple,  # type: ignore[type-arg]
    real_seeds: Path,
) -> None:
    _, m = real
    articles = {seed: Article.read(real_seeds / seed).text for seed in m.seeds}
    checked = 0
    for row in m.rows:
        for seed in m.seeds:
            if m.cell(row.id, seed).state == "silent":
                continue
            quotes = m.quotes(row.id, seed)
            assert quotes, (row.id, seed)
            for ref in quotes:
                assert ref.seed == seed
                assert unicodedata.normalize("NFC", ref.quote) in articles[seed]
                checked += 1
    assert checked > 600


def test_real_known_rows(real: tuple) -> None:  # type: ignore[type-arg]
    _, m = real
    s = {seed[:3]: seed for seed in m.seeds}
    size = m.row("r-size-30-150")
    assert [m.cell(size.id, s[n]).state for n in ("000", "001", "002", "003", "004")] == [
        "claim",
        "claim",
        "silent",
        "silent",
        "claim",
    ]
    route = "c-002-several-studies-made-clear"
    assert m.cell(route, s["002"]).strengths == (Strength.PROMOTIONAL,)
    assert m.cell(route, s["003"]).state == m.cell(route, s["004"]).state == "contradicts"
    assert "d-x-route" in m.cell(route, s["003"]).disagreements


def test_real_one_strength_per_quote(real: tuple) -> None:  # type: ignore[type-arg]
    """The issue's regression test: no article quote carries two labels anywhere in the course."""
    course, _ = real
    seen: dict[tuple[str, str], set[Strength]] = {}
    for claim in course.claims:
        for q in claim.quotes:
            seen.setdefault((claim.seed, q.quote), set()).add(claim.strength)
    for ref in course.all_refs():
        if ref.strength is not None and ref.strength_note is None:
            seen.setdefault((ref.seed, ref.quote), set()).add(ref.strength)
    assert {key: s for key, s in seen.items() if len(s) > 1} == {}
    # The three examples from the review, each with its one label now.
    assert seen[
        (
            "002_4a1c8c3543b59136.txt",
            "複数の研究において、エクソソームを化粧品や医薬品の成分として配合することで、効果が期待できると明らかとなってきました",
        )
    ] == {Strength.PROMOTIONAL}
    assert seen[("001_6a4e017ff932e135.txt", "高い増殖能力:骨髄由来MSCの約3倍の増殖速度")] == {
        Strength.PROMOTIONAL
    }
    assert seen[
        ("003_b8d7b2f0e11910de.txt", "成長因子などの有効成分のみを取り出した、より純度の高い物質です")
    ] == {Strength.STATED}


# -- export --------------------------------------------------------------------------------


def test_export_csv_has_a_line_per_row() -> None:
    course = load_course(MINI)
    rows = list(csv.reader(io.StringIO(claims_csv(course, "en"))))
    assert rows[0] == ["topic", "row", "label", "100", "101", "claims"]
    assert rows[2] == ["Size", "r-size", "Exosomes are 30–150 nm across", "silent", "stated", "c-101-size"]
    assert rows[4][3:5] == ["expected", "contradicts d-safety"]
    assert len(rows) == 1 + len(build_matrix(course).rows)
    ja = list(csv.reader(io.StringIO(claims_csv(course, "ja"))))
    assert ja[2][:5] == ["大きさ", "r-size", "エクソソームの直径は30〜150nm", "言及なし", "断定"]
    both = list(csv.reader(io.StringIO(claims_csv(course, "both"))))
    assert both[2][3:5] == ["silent / 言及なし", "stated / 断定"]


def test_export_markdown_cites_every_non_silent_cell() -> None:
    text = claims_markdown(load_course(MINI), "en")
    assert text.startswith("# Who says what: the claims in the five articles\n")
    assert "| Exosomes are 30–150 nm across | silent | stated[^" in text
    assert "contradicts d-safety[^" in text
    assert "「安全性が保証されています」" in text
    assert "- `101` (names no clinic), undated:" in text


def test_export_html_is_self_contained_and_escapes_content(mini: Path) -> None:
    path = mini / "content/claims/101.yaml"
    path.write_text(
        path.read_text("utf-8").replace(
            'en: "101 says its product', 'en: "<script>alert(1)</script> 101 says its product', 1
        ),
        "utf-8",
    )
    html = export_claims(load_course(mini), "html", "en")
    assert html.startswith("<!DOCTYPE html>")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_cli_export_claims(mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "claims", "--content", str(mini)]) == 0
    assert capsys.readouterr().out.startswith("topic,row,label,100,101,claims\n")
    out = tmp_path / "claims.html"
    assert (
        main(["export", "claims", "--format", "html", "--lang", "ja", "-o", str(out), "--content", str(mini)])
        == 0
    )
    assert "誰が何を言っているか" in out.read_text("utf-8")
    assert "wrote the claims matrix (5 claims)" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "claims", "--format", "json", "--content", str(mini)])
    assert exit_info.value.code == 2
    assert "export claims takes --format csv, md or html" in capsys.readouterr().err
