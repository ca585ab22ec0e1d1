"""The command line: exit codes, --json shape, no tracebacks, import hygiene."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli
from tui.cli import main


def test_check_clean_json(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--content", str(mini), "--seeds", str(mini.parent / "seeds"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["ok"] is True
    assert data["problems"] == []
    assert data["counts"] == {
        "lessons": 2,
        "steps": 3,
        "items": 7,
        "items_with_sources": 7,
        "terms": 2,
        "claims": 5,
        "questions": 6,
        "disagreements": 1,
        "slips": 1,
        "quotes": 22,
        "quotes_verified": 22,
    }
    assert data["question_types"] == {
        "single": 1,
        "multiple": 1,
        "myth_fact": 1,
        "order": 1,
        "match": 1,
        "recall": 1,
    }
    assert data["seed_coverage"] == {"100_alpha.txt": 1.0, "101_beta.txt": 1.0}
    assert data["quotes_per_article"] == {"100_alpha.txt": 8, "101_beta.txt": 9}


def test_check_problems_exit_1_json(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lesson = mini / "content/lessons/01-basics.yaml"
    lesson.write_text(lesson.read_text("utf-8").replace("strength: expected", "strength: no"), "utf-8")
    code = main(["check", "--content", str(mini), "--seeds", str(mini.parent / "seeds"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert data["ok"] is False
    assert data["problems"] == [
        {
            "path": "content/lessons/01-basics.yaml",
            "line": 35,
            "col": 23,
            "message": "strength must be a string, not a boolean ('no'); put it in quotes",
        }
    ]


def test_check_without_seeds_fails_unless_no_seeds(
    mini: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(mini)
    code = main(["check", "--content", str(mini)])
    out = capsys.readouterr().out
    assert code == 1
    assert "error: quotes could not be verified: no seeds directory found" in out
    assert "quotes: 0 of 22 verified" in out
    assert main(["check", "--content", str(mini), "--no-seeds"]) == 0
    out = capsys.readouterr().out
    assert "warning: quotes were not verified (--no-seeds)" in out and "ok: the course is valid" in out


def test_seeds_from_environment(
    mini: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STEMCELL_SEEDS", str(mini.parent / "seeds"))
    assert main(["check", "--content", str(mini)]) == 0
    assert "quotes: 22 of 22 verified" in capsys.readouterr().out


def test_min_coverage(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = mini.parent / "seeds" / "101_beta.txt"
    # an uncited paragraph halves coverage; the sha256 check fails too, which is expected
    article.write_text(article.read_text("utf-8") + "新しい段落。\n", "utf-8")
    code = main(
        [
            "check",
            "--content",
            str(mini),
            "--seeds",
            str(mini.parent / "seeds"),
            "--min-coverage",
            "0.9",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "101_beta.txt: coverage 66.7% is below the required 90%" in out


def test_usage_error_exit_2() -> None:
    result = run_cli("check", "--bogus")
    assert result.returncode == 2
    assert "unrecognized arguments: --bogus" in result.stderr


def test_bad_content_no_traceback(mini: Path) -> None:
    (mini / "glossary.yaml").write_bytes(b"terms: [\xff")
    for args in (["check", "--content", str(mini)], ["--content", str(mini)]):
        result = run_cli(*args)
        assert result.returncode == 1, result
        assert "Traceback" not in result.stdout + result.stderr
        assert "glossary.yaml:1:1: file is not valid UTF-8" in result.stdout + result.stderr


def test_missing_course_dir(tmp_path: Path) -> None:
    result = run_cli("check", "--content", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "content/course.yaml:1:1: course file not found" in result.stdout
    assert "Traceback" not in result.stderr


def test_content_model_never_imports_textual() -> None:
    code = (
        "import sys, pathlib, tui.content, tui.content.report, tui.content.tablefit, tui.cli\n"
        "tui.content.load_course(pathlib.Path('tests/fixtures/mini'))\n"
        "assert 'textual' not in sys.modules, [m for m in sys.modules if m.startswith('textual')]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
