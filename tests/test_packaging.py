"""The wheel ships the course: an installed copy finds content/ and glossary.yaml by itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow  # builds and installs the wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return next(out.glob("stemcell_explainer-*.whl"))


def test_wheel_contains_course(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "tui/_course/content/course.yaml" in names
    assert "tui/_course/content/sources.yaml" in names
    assert "tui/_course/glossary.yaml" in names
    assert "tui/app.tcss" in names
    assert any(n.startswith("tui/_course/content/lessons/") for n in names)


def test_installed_wheel_checks_its_course(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("STEMCELL_SEEDS", None)
    result = subprocess.run(
        [sys.executable, "-m", "tui", "check", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    data = json.loads(result.stdout)
    assert data["content"].startswith(str(target)), data["content"]
    assert data["problems"] == []
    assert data["counts"]["lessons"] >= 11
